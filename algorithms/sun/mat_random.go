package sun

import "math"

// RandomSUN returns a Haar-random element of SU(n), n >= 2.
//
// Rows 0..n-2 are drawn as complex Gaussians (Gaussian for the real, then
// the imaginary part, row by row: 2 n (n-1) draws) and orthonormalised by
// Gram-Schmidt, which is the QR decomposition with the phases of R's
// diagonal made positive (Mezzadri's correction), so the rows are the first
// n-1 rows of a Haar-random U(n) matrix. The last row is the unique unit
// vector completing them to determinant 1. The result is invariant under
// right multiplication by SU(n), hence Haar. For n = 3 it equals RandomSU3
// and for n = 2 RandomSU2, draw for draw.
func RandomSUN(n int, src Source) Mat {
	m := NewMat(n)
	for k := 0; k < n*(n-1); k++ {
		re := src.Gaussian()
		im := src.Gaussian()
		m.A[k] = complex(re, im)
	}
	completeLastRow(&m)
	return m
}

// completeLastRow orthonormalises rows 0..n-2 of m and replaces row n-1 by
// the unit vector orthogonal to them that gives det m = 1: the unit vector
// e_j with the largest component outside their span is orthogonalised
// against them, and the row's phase is then fixed by the determinant.
func completeLastRow(m *Mat) {
	n := m.N
	gramSchmidtRows(m, n-1)
	// |P e_j|^2 = 1 - sum_k |r_kj|^2 is the part of e_j outside the span.
	best, bj := -1.0, 0
	for j := 0; j < n; j++ {
		r := 1.0
		for k := 0; k < n-1; k++ {
			r -= abs2(m.A[n*k+j])
		}
		if r > best {
			best, bj = r, j
		}
	}
	last := m.A[n*(n-1):]
	for j := range last {
		last[j] = 0
	}
	last[bj] = 1
	gramSchmidtRow(m, n-1)
	fixDetPhase(m)
}

// gramSchmidtRows orthonormalises rows 0..rows-1 of m in place (modified
// Gram-Schmidt, one pass, in row order).
func gramSchmidtRows(m *Mat, rows int) {
	for i := 0; i < rows; i++ {
		gramSchmidtRow(m, i)
	}
}

// gramSchmidtRow orthogonalises row i of m against the orthonormal rows
// 0..i-1 and normalises it.
func gramSchmidtRow(m *Mat, i int) {
	n := m.N
	ri := m.A[n*i : n*i+n]
	for k := 0; k < i; k++ {
		rk := m.A[n*k : n*k+n]
		var p complex128
		for j := range rk {
			p += conj(rk[j]) * ri[j]
		}
		for j := range rk {
			ri[j] -= p * rk[j]
		}
	}
	var s float64
	for _, z := range ri {
		s += abs2(z)
	}
	s = 1 / math.Sqrt(s)
	for j := range ri {
		ri[j] = scaleC(s, ri[j])
	}
}
