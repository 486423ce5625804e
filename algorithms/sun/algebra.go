package sun

import (
	"fmt"
	"math"
)

// Lie algebra su(N). Generators T^a, a = 0 .. N^2-2, are Hermitian and
// traceless with Tr(T^a T^b) = delta_ab / 2. They are the generalised
// Gell-Mann matrices divided by 2, ordered so that N = 2 gives the Pauli
// matrices s1, s2, s3 and N = 3 the Gell-Mann lambda_1 .. lambda_8 (0-based
// here): for k = 1 .. N-1, first for each i = 0 .. k-1 the symmetric
// (E_ik + E_ki)/2 and the antisymmetric (-i E_ik + i E_ki)/2, then the
// diagonal diag(1, ..., 1, -k, 0, ...)/sqrt(2k(k+1)) with k ones.
//
// An algebra element is the anti-Hermitian traceless X = i sum_a c_a T^a
// with real c_a, so c_a = 2 Im Tr(T^a X) = -2i Tr(T^a X), and
// -Tr(X^2) = sum_a c_a^2 / 2. HMC momenta with c_a standard normal have the
// kinetic energy -Tr P^2 = sum_a c_a^2/2. MatrixToAlgebra of a matrix that is
// not anti-Hermitian traceless returns the coefficients of its projection
// TracelessAntiHermitian(X).

// Generators returns the n^2-1 generators T^a of su(n) in the order above.
func Generators(n int) []Mat {
	var g []Mat
	for k := 1; k < n; k++ {
		for i := 0; i < k; i++ {
			s := NewMat(n)
			s.A[n*i+k], s.A[n*k+i] = 0.5, 0.5
			a := NewMat(n)
			a.A[n*i+k], a.A[n*k+i] = complex(0, -0.5), complex(0, 0.5)
			g = append(g, s, a)
		}
		d := NewMat(n)
		f := diagNorm(k) / 2
		for j := 0; j < k; j++ {
			d.A[n*j+j] = complex(f, 0)
		}
		d.A[n*k+k] = complex(-float64(k)*f, 0)
		g = append(g, d)
	}
	return g
}

// diagNorm is sqrt(2/(k(k+1))), the factor making the k-th diagonal
// Gell-Mann matrix satisfy Tr(lambda^2) = 2.
func diagNorm(k int) float64 { return math.Sqrt(2 / float64(k*(k+1))) }

// AlgebraToMatrix returns X = i sum_a c_a T^a. N is found from
// len(c) = N^2 - 1; other lengths are an error.
func AlgebraToMatrix(c []float64) (Mat, error) {
	n := int(math.Round(math.Sqrt(float64(len(c) + 1))))
	if n < 2 || n*n-1 != len(c) {
		return Mat{}, fmt.Errorf("sun: AlgebraToMatrix got %d coefficients; su(N) needs N^2-1 (3, 8, 15, ...)", len(c))
	}
	x := NewMat(n)
	x.SetAlgebra(c)
	return x, nil
}

// SetAlgebra sets x = i sum_a c_a T^a without allocating; len(c) must be
// x.N^2 - 1 (it panics otherwise, being a per-site kernel).
func (x *Mat) SetAlgebra(c []float64) {
	n := x.N
	if len(c) != n*n-1 || len(x.A) != n*n {
		panic(fmt.Sprintf("sun: SetAlgebra on N=%d needs %d coefficients, got %d", n, n*n-1, len(c)))
	}
	for i := range x.A {
		x.A[i] = 0
	}
	a := 0
	for k := 1; k < n; k++ {
		for i := 0; i < k; i++ {
			cs, ca := c[a], c[a+1]
			a += 2
			x.A[n*i+k] = complex(ca, cs) / 2
			x.A[n*k+i] = complex(-ca, cs) / 2
		}
		f := c[a] * diagNorm(k) / 2
		a++
		for j := 0; j < k; j++ {
			x.A[n*j+j] += complex(0, f)
		}
		x.A[n*k+k] += complex(0, -float64(k)*f)
	}
}

// MatrixToAlgebra returns c_a = 2 Im Tr(T^a x), the inverse of
// AlgebraToMatrix on su(N).
func MatrixToAlgebra(x *Mat) []float64 {
	c := make([]float64, x.N*x.N-1)
	x.AlgebraInto(c)
	return c
}

// AlgebraInto writes c_a = 2 Im Tr(T^a x) into c (len x.N^2-1) without
// allocating.
func (x *Mat) AlgebraInto(c []float64) {
	n := x.N
	if len(c) != n*n-1 {
		panic(fmt.Sprintf("sun: AlgebraInto on N=%d needs %d coefficients, got %d", n, n*n-1, len(c)))
	}
	a := 0
	for k := 1; k < n; k++ {
		for i := 0; i < k; i++ {
			u, l := x.A[n*i+k], x.A[n*k+i]
			c[a] = imag(u) + imag(l)
			c[a+1] = real(u) - real(l)
			a += 2
		}
		var s float64
		for j := 0; j < k; j++ {
			s += imag(x.A[n*j+j])
		}
		s -= float64(k) * imag(x.A[n*k+k])
		c[a] = s * diagNorm(k)
		a++
	}
}

// sqrt3 is sqrt(3), for lambda_8.
var sqrt3 = math.Sqrt(3)

// AlgebraToM3 returns X = i sum_a c_a T^a for su(3), T^a = lambda_{a+1}/2.
func AlgebraToM3(c *[8]float64) M3 {
	d8 := c[7] / sqrt3
	return M3{
		complex(0, (c[2]+d8)/2), complex(c[1], c[0]) / 2, complex(c[4], c[3]) / 2,
		complex(-c[1], c[0]) / 2, complex(0, (-c[2]+d8)/2), complex(c[6], c[5]) / 2,
		complex(-c[4], c[3]) / 2, complex(-c[6], c[5]) / 2, complex(0, -d8),
	}
}

// M3ToAlgebra returns c_a = 2 Im Tr(T^a x) = Im Tr(lambda_{a+1} x).
func M3ToAlgebra(x *M3) [8]float64 {
	return [8]float64{
		imag(x[1]) + imag(x[3]),
		real(x[1]) - real(x[3]),
		imag(x[0]) - imag(x[4]),
		imag(x[2]) + imag(x[6]),
		real(x[2]) - real(x[6]),
		imag(x[5]) + imag(x[7]),
		real(x[5]) - real(x[7]),
		(imag(x[0]) + imag(x[4]) - 2*imag(x[8])) / sqrt3,
	}
}
