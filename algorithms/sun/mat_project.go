package sun

import "math/cmplx"

// TracelessAntiHermitian sets c = (a - a^dagger)/2 - Tr(a - a^dagger)/(2N) 1.
func (c *Mat) TracelessAntiHermitian(a *Mat) {
	sameSize(c, a)
	n := a.N
	var m float64
	for i := 0; i < n; i++ {
		m += imag(a.A[n*i+i])
	}
	m /= float64(n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			o := (a.A[n*i+j] - conj(a.A[n*j+i])) / 2
			c.A[n*i+j], c.A[n*j+i] = o, -conj(o)
		}
	}
	for i := 0; i < n; i++ {
		c.A[n*i+i] = complex(0, imag(a.A[n*i+i])-m)
	}
}

// Reunitarize projects c onto SU(N) in place: modified Gram-Schmidt on the
// rows in order, then the last row is multiplied by conj(det)/|det| so that
// det c = 1. For N = 3 this equals M3.Reunitarize (whose third row,
// conj(row0 x row1), is the only unit vector completing rows 0 and 1 to
// unit determinant). The rows must be linearly independent.
func (c *Mat) Reunitarize() {
	gramSchmidtRows(c, c.N)
	fixDetPhase(c)
}

// fixDetPhase multiplies the last row of a unitary c by conj(det c)/|det c|.
func fixDetPhase(c *Mat) {
	n := c.N
	d := c.Det()
	ph := conj(d) / complex(cmplx.Abs(d), 0)
	last := c.A[n*(n-1):]
	for j := range last {
		last[j] *= ph
	}
}
