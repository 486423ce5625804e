package sun

import "math"

// Exp3 returns exp(x) for a traceless anti-Hermitian 3x3 matrix x, by the
// Cayley-Hamilton theorem in the form of Morningstar and Peardon
// (Phys. Rev. D 69 (2004) 054501): with Q = -i x Hermitian and traceless,
//
//	exp(iQ) = f0 1 + f1 Q + f2 Q^2,
//
// where the f_j are closed-form functions of c0 = det Q and c1 = Tr Q^2 / 2.
// For c1 below exp3SeriesC1 the f_j are summed instead from the power series
// reduced by Q^3 = c1 Q + c0 1, which is exact to round-off there and avoids
// the 0/0 of the closed form at x = 0.
//
// x must be traceless anti-Hermitian (e.g. the output of
// TracelessAntiHermitian or AlgebraToM3); c0 and c1 are computed assuming
// it, so any other input gives a meaningless result. The result is unitary
// with unit determinant to round-off (about 1e-15 for |x| up to 10).
func Exp3(x *M3) M3 {
	// c1 = Tr Q^2 / 2 = -Tr x^2 / 2 = sum_ij |x_ij|^2 / 2 for anti-Hermitian x.
	c1 := x.Norm2() / 2
	// c0 = det Q = det(-i x) = i det x, real for Hermitian Q.
	c0 := -imag(x.Det())

	var f0, f1, f2 complex128
	if c1 < exp3SeriesC1 {
		f0, f1, f2 = exp3Series(c0, c1)
	} else {
		f0, f1, f2 = exp3Closed(c0, c1)
	}

	// exp(x) = f0 + f1 Q + f2 Q^2 = f0 - i f1 x - f2 x^2.
	var x2 M3
	x2.Mul(x, x)
	g1 := complex(imag(f1), -real(f1)) // -i f1
	var u M3
	for k := range u {
		u[k] = g1*x[k] - f2*x2[k]
	}
	u[0] += f0
	u[4] += f0
	u[8] += f0
	return u
}

// exp3SeriesC1 is the c1 = |x|^2/2 below which Exp3 sums the reduced power
// series (at most about 20 terms there) rather than the closed form.
const exp3SeriesC1 = 0.5

// exp3Series sums exp(iQ) = sum_n (iQ)^n/n! with Q^n = a_n + b_n Q + d_n Q^2
// and the recursion from Q^3 = c1 Q + c0:
// a_{n+1} = c0 d_n, b_{n+1} = a_n + c1 d_n, d_{n+1} = b_n.
// i^n is real for even n and imaginary for odd n, so the sums are kept as
// real and imaginary parts with alternating signs.
func exp3Series(c0, c1 float64) (f0, f1, f2 complex128) {
	a, b, d := 1.0, 0.0, 0.0 // Q^0 = 1
	r0, r1, r2 := 1.0, 0.0, 0.0
	var i0, i1, i2 float64
	// |Q| <= lam with lam^2 = 4 c1/3 (largest eigenvalue of a traceless
	// Hermitian Q), so term n adds about f(|a| + |b| lam + |d| lam^2) to the
	// matrix; past n > lam these terms decrease monotonically.
	lam2 := 4 * c1 / 3
	lam := math.Sqrt(lam2)
	for n := 1; n < len(invFactorial); n++ {
		a, b, d = c0*d, a+c1*d, b
		f := invFactorial[n]
		switch n & 3 {
		case 0:
			r0, r1, r2 = r0+f*a, r1+f*b, r2+f*d
		case 1:
			i0, i1, i2 = i0+f*a, i1+f*b, i2+f*d
		case 2:
			r0, r1, r2 = r0-f*a, r1-f*b, r2-f*d
		case 3:
			i0, i1, i2 = i0-f*a, i1-f*b, i2-f*d
		}
		if n >= 2 && f*(math.Abs(a)+math.Abs(b)*lam+math.Abs(d)*lam2) < 1e-17 {
			break
		}
	}
	return complex(r0, i0), complex(r1, i1), complex(r2, i2)
}

// invFactorial[n] = 1/n!, enough terms for c1 < exp3SeriesC1.
var invFactorial = func() [30]float64 {
	var t [30]float64
	t[0] = 1
	for n := 1; n < len(t); n++ {
		t[n] = t[n-1] / float64(n)
	}
	return t
}()

// exp3Closed is the Morningstar-Peardon closed form, eqs. (23)-(34) of
// hep-lat/0311018, with the symmetry f_j(-c0) = (-1)^j conj(f_j(c0)) used for
// c0 < 0 so that 9u^2 - w^2 >= 8u^2 never vanishes.
func exp3Closed(c0, c1 float64) (f0, f1, f2 complex128) {
	neg := c0 < 0
	if neg {
		c0 = -c0
	}
	sq := math.Sqrt(c1 / 3)
	c0max := 2 * sq * sq * sq
	r := c0 / c0max
	if r > 1 { // round-off at degenerate eigenvalues
		r = 1
	}
	st, ct := math.Sincos(math.Acos(r) / 3)
	u := sq * ct
	w := sqrt3 * sq * st
	u2, w2 := u*u, w*w

	sw, cw := math.Sincos(w)
	var xi0 float64 // sin(w)/w
	if w < 0.05 {
		xi0 = 1 - w2/6*(1-w2/20*(1-w2/42*(1-w2/72)))
	} else {
		xi0 = sw / w
	}
	su, cu := math.Sincos(u)
	e2iu := complex(cu*cu-su*su, 2*su*cu)
	emiu := complex(cu, -su)

	h0 := complex(u2-w2, 0)*e2iu + emiu*complex(8*u2*cw, 2*u*(3*u2+w2)*xi0)
	h1 := complex(2*u, 0)*e2iu - emiu*complex(2*u*cw, -(3*u2-w2)*xi0)
	h2 := e2iu - emiu*complex(cw, 3*u*xi0)
	inv := 1 / (9*u2 - w2)
	f0 = complex(inv*real(h0), inv*imag(h0))
	f1 = complex(inv*real(h1), inv*imag(h1))
	f2 = complex(inv*real(h2), inv*imag(h2))
	if neg {
		f0 = conj(f0)
		f1 = -conj(f1)
		f2 = conj(f2)
	}
	return f0, f1, f2
}
