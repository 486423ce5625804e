package confio

import "math/cmplx"

// Minimal 3x3 complex helpers for the header checks (plaquette, trace,
// unitarity, 3x2 reconstruction). They are local on purpose: confio
// imports nothing of goqcd. Matrices are row-major [9]complex128.

type mat3 [9]complex128

func load3(s []complex128) mat3 {
	var m mat3
	copy(m[:], s)
	return m
}

// mul3 returns a*b.
func mul3(a, b *mat3) mat3 {
	var c mat3
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			c[3*i+j] = a[3*i]*b[j] + a[3*i+1]*b[3+j] + a[3*i+2]*b[6+j]
		}
	}
	return c
}

// mulDag3 returns a*b^dagger.
func mulDag3(a, b *mat3) mat3 {
	var c mat3
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			c[3*i+j] = a[3*i]*cmplx.Conj(b[3*j]) + a[3*i+1]*cmplx.Conj(b[3*j+1]) + a[3*i+2]*cmplx.Conj(b[3*j+2])
		}
	}
	return c
}

// reTrMulDag returns Re Tr(a b^dagger).
func reTrMulDag(a, b *mat3) float64 {
	var s float64
	for k := 0; k < 9; k++ {
		s += real(a[k])*real(b[k]) + imag(a[k])*imag(b[k])
	}
	return s
}

func det3(m *mat3) complex128 {
	return m[0]*(m[4]*m[8]-m[5]*m[7]) - m[1]*(m[3]*m[8]-m[5]*m[6]) + m[2]*(m[3]*m[7]-m[4]*m[6])
}

// thirdRow writes into m[6:9] the row conj(row0 x row1) that completes
// an SU(3) matrix given its first two rows (the NERSC 3x2 convention).
func thirdRow(m []complex128) {
	a, b := m[0:3], m[3:6]
	m[6] = cmplx.Conj(a[1]*b[2] - a[2]*b[1])
	m[7] = cmplx.Conj(a[2]*b[0] - a[0]*b[2])
	m[8] = cmplx.Conj(a[0]*b[1] - a[1]*b[0])
}
