package sun

import "math"

// M3 is a 3x3 complex matrix stored row-major: element (i, j) is at 3*i+j.
//
// Methods that produce a matrix write it into the receiver, as math/big does
// (c.Mul(a, b) sets c = a b). All M3 methods are safe when the receiver
// aliases an argument, and none allocates.
type M3 [9]complex128

// Identity3 returns the 3x3 unit matrix.
func Identity3() M3 {
	return M3{1, 0, 0, 0, 1, 0, 0, 0, 1}
}

// SetIdentity sets c to the 3x3 unit matrix.
func (c *M3) SetIdentity() { *c = Identity3() }

// Add sets c = a + b.
func (c *M3) Add(a, b *M3) {
	for i := range c {
		c[i] = a[i] + b[i]
	}
}

// Sub sets c = a - b.
func (c *M3) Sub(a, b *M3) {
	for i := range c {
		c[i] = a[i] - b[i]
	}
}

// Scale sets c = s a.
func (c *M3) Scale(s complex128, a *M3) {
	for i := range c {
		c[i] = s * a[i]
	}
}

// ScaleReal sets c = s a for real s (half the multiplications of Scale).
func (c *M3) ScaleReal(s float64, a *M3) {
	for i := range c {
		c[i] = complex(s*real(a[i]), s*imag(a[i]))
	}
}

// AddScaled sets c = c + s a (an axpy, for accumulating staples).
func (c *M3) AddScaled(s complex128, a *M3) {
	for i := range c {
		c[i] += s * a[i]
	}
}

// Dagger sets c = a^dagger (conjugate transpose).
func (c *M3) Dagger(a *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	c[0], c[1], c[2] = conj(a0), conj(a3), conj(a6)
	c[3], c[4], c[5] = conj(a1), conj(a4), conj(a7)
	c[6], c[7], c[8] = conj(a2), conj(a5), conj(a8)
}

// Trace returns Tr a.
func (a *M3) Trace() complex128 { return a[0] + a[4] + a[8] }

// ReTrace returns Re Tr a.
func (a *M3) ReTrace() float64 { return real(a[0]) + real(a[4]) + real(a[8]) }

// Det returns det a (cofactor expansion along the first row).
func (a *M3) Det() complex128 {
	return a[0]*(a[4]*a[8]-a[5]*a[7]) -
		a[1]*(a[3]*a[8]-a[5]*a[6]) +
		a[2]*(a[3]*a[7]-a[4]*a[6])
}

// Norm returns the Frobenius norm sqrt(sum_ij |a_ij|^2).
func (a *M3) Norm() float64 { return math.Sqrt(a.Norm2()) }

// Norm2 returns the squared Frobenius norm sum_ij |a_ij|^2.
func (a *M3) Norm2() float64 {
	var s float64
	for _, z := range a {
		s += real(z)*real(z) + imag(z)*imag(z)
	}
	return s
}

// conj is the complex conjugate; cmplx.Conj in a form the compiler inlines
// into the unrolled kernels.
func conj(z complex128) complex128 { return complex(real(z), -imag(z)) }
