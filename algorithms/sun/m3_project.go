package sun

import "math"

// TracelessAntiHermitian sets c = T(a) = (a - a^dagger)/2 - Tr(a - a^dagger)/6 * 1,
// the projection onto su(3) used for gauge forces and for the Stout kernel.
func (c *M3) TracelessAntiHermitian(a *M3) {
	// Diagonal: i Im(a_kk) minus the mean of those, so Tr c = 0 exactly.
	d0, d1, d2 := imag(a[0]), imag(a[4]), imag(a[8])
	m := (d0 + d1 + d2) / 3
	o01 := (a[1] - conj(a[3])) / 2
	o02 := (a[2] - conj(a[6])) / 2
	o12 := (a[5] - conj(a[7])) / 2
	c[0] = complex(0, d0-m)
	c[4] = complex(0, d1-m)
	c[8] = complex(0, d2-m)
	c[1], c[3] = o01, -conj(o01)
	c[2], c[6] = o02, -conj(o02)
	c[5], c[7] = o12, -conj(o12)
}

// Reunitarize projects c back onto SU(3) in place: Gram-Schmidt on rows 0
// and 1, then row 2 = conj(row0 x row1), which makes det c = 1 exactly up to
// round-off. Row 2 of the input is ignored. Used to remove the drift of links
// after many updates; for a projection that maximises Re Tr see
// ProjectSU3MaxTrace.
func (c *M3) Reunitarize() {
	r00, r01, r02 := c[0], c[1], c[2]
	n := 1 / math.Sqrt(abs2(r00)+abs2(r01)+abs2(r02))
	r00 = scaleC(n, r00)
	r01 = scaleC(n, r01)
	r02 = scaleC(n, r02)

	r10, r11, r12 := c[3], c[4], c[5]
	p := conj(r00)*r10 + conj(r01)*r11 + conj(r02)*r12
	r10 -= p * r00
	r11 -= p * r01
	r12 -= p * r02
	n = 1 / math.Sqrt(abs2(r10)+abs2(r11)+abs2(r12))
	r10 = scaleC(n, r10)
	r11 = scaleC(n, r11)
	r12 = scaleC(n, r12)

	c[0], c[1], c[2] = r00, r01, r02
	c[3], c[4], c[5] = r10, r11, r12
	c.ReconstructThirdRow()
}

// ProjectSU3 sets c to a copy of a reunitarized by Reunitarize.
func (c *M3) ProjectSU3(a *M3) {
	*c = *a
	c.Reunitarize()
}

// ReconstructThirdRow sets row 2 of c to conj(row0 x row1), the completion of
// two orthonormal rows to an SU(3) matrix. NERSC "3x2" files store only the
// first two rows; this restores the third.
func (c *M3) ReconstructThirdRow() {
	a0, a1, a2 := c[0], c[1], c[2]
	b0, b1, b2 := c[3], c[4], c[5]
	c[6] = conj(a1*b2 - a2*b1)
	c[7] = conj(a2*b0 - a0*b2)
	c[8] = conj(a0*b1 - a1*b0)
}

func abs2(z complex128) float64 { return real(z)*real(z) + imag(z)*imag(z) }

func scaleC(s float64, z complex128) complex128 { return complex(s*real(z), s*imag(z)) }
