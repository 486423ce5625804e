package layout

import (
	"fmt"

	"github.com/goqcd/goqcd/kernels"
)

// Linear algebra on fields. Inputs may alias outputs element by element
// (y = a*x + y with x == y is fine). The reductions Dot, Norm2 and the
// norm of CGUpdate sum each site in float64 in component order (the
// kernels' per-site partials, sitesums.go) and add the sites exactly
// (ExactSum), so they are identical, bit for bit, on every process grid,
// SIMD width, kernel set and thread count; they are collective.

// Copy sets dst = src.
func Copy[F Float](dst, src *Field[F]) { copy(dst.Data, src.Data) }

// Zero sets every component to zero.
func (f *Field[F]) Zero() { clear(f.Data) }

// Scale sets x = a*x for real a.
func Scale[F Float](a float64, x *Field[F]) {
	af := F(a)
	for i := range x.Data {
		x.Data[i] *= af
	}
}

// Axpy sets y = a*x + y for complex a (the kernels' dispatched Axpy: the
// same operations in the same order on every kernel set).
func Axpy[F Float](a complex128, x, y *Field[F]) {
	w := x.Layout.W
	parallelData(x, func(_, lo, hi int) {
		switch xd := any(x.Data[lo:hi]).(type) {
		case []float64:
			kernels.Axpy64(real(a), imag(a), xd, any(y.Data[lo:hi]).([]float64), w)
		case []float32:
			kernels.Axpy32(float32(real(a)), float32(imag(a)), xd, any(y.Data[lo:hi]).([]float32), w)
		default:
			kernels.AxpyGo(F(real(a)), F(imag(a)), x.Data[lo:hi], y.Data[lo:hi], w)
		}
	})
}

// Xpay sets y = x + a*y for complex a (the kernels' dispatched Xpay).
func Xpay[F Float](x *Field[F], a complex128, y *Field[F]) {
	w := x.Layout.W
	parallelData(x, func(_, lo, hi int) {
		switch xd := any(x.Data[lo:hi]).(type) {
		case []float64:
			kernels.Xpay64(xd, real(a), imag(a), any(y.Data[lo:hi]).([]float64), w)
		case []float32:
			kernels.Xpay32(xd, float32(real(a)), float32(imag(a)), any(y.Data[lo:hi]).([]float32), w)
		default:
			kernels.XpayGo(x.Data[lo:hi], F(real(a)), F(imag(a)), y.Data[lo:hi], w)
		}
	})
}

// Dot is the global inner product <x, y> = sum conj(x) y. Each site's
// components are first summed in float64 in component order (the same on
// every W; kernels.SiteDot64/32), then the per-site values are added
// exactly: the result is identical on every process grid, W, kernel set
// and thread count. Collective.
func Dot[F Float](x, y *Field[F]) (complex128, error) {
	W, nc := x.Layout.W, x.NC
	sums := parallelSums(x, 2, func(acc []ExactSum, lo, hi int) {
		eachPart(lo, hi, W, nc, func(b, e int, pr, pi []float64) {
			siteDot(pr, pi, x.Data[b:e], y.Data[b:e], W, nc)
			acc[0].AddAll(pr)
			acc[1].AddAll(pi)
		})
	})
	s, err := x.Layout.GlobalSum(&sums[0], &sums[1])
	if err != nil {
		return 0, err
	}
	return complex(s[0], s[1]), nil
}

// Norm2 is the global squared norm sum |x|^2, summed per site in float64
// and across sites exactly (see Dot). Collective.
func Norm2[F Float](x *Field[F]) (float64, error) {
	var a ExactSum
	AddSiteNorms(x, &a)
	s, err := x.Layout.GlobalSum(&a)
	if err != nil {
		return 0, err
	}
	return s[0], nil
}

// AddSiteNorms adds, for every local site of x, its |x(site)|^2 (summed
// over the components in order, in float64; kernels.SiteNorm64/32) to acc.
func AddSiteNorms[F Float](x *Field[F], acc *ExactSum) {
	W, nc := x.Layout.W, x.NC
	sums := parallelSums(x, 1, func(acc []ExactSum, lo, hi int) {
		eachPart(lo, hi, W, nc, func(b, e int, part, _ []float64) {
			siteNorm(part, x.Data[b:e], W, nc)
			acc[0].AddAll(part)
		})
	})
	acc.AddSum(&sums[0])
}

// CGUpdate is the update of a conjugate-gradient iteration with a real
// step alpha, in one pass over the fields:
//
//	x = x + alpha p,  r = r - alpha q,  returns |r|^2 (the new r, global)
//
// (kernels.CGUpdate64/32; alpha is rounded to the fields' precision). It
// gives the bits of Axpy(complex(alpha, 0), p, x), Axpy(complex(-alpha,
// 0), q, r) and Norm2(r) in turn, but for the sign of zeros in x and r
// (and infinities in p or q, which the complex products turn into NaN),
// and the norm is summed as Norm2 sums: the same on every process grid, W
// and kernel set. p may be x and q may be r; x and r must be different
// fields. The four fields must have the same shape (else an error, and
// nothing is changed). Collective.
func CGUpdate[F Float](x, r, p, q *Field[F], alpha float64) (float64, error) {
	for _, f := range []*Field[F]{r, p, q} {
		if err := x.SameShape(f); err != nil {
			return 0, fmt.Errorf("layout.CGUpdate: %w", err)
		}
	}
	if x == r {
		return 0, fmt.Errorf("layout.CGUpdate: x and r are the same field; they must be different")
	}
	W, nc := x.Layout.W, x.NC
	sums := parallelSums(x, 1, func(acc []ExactSum, lo, hi int) {
		eachPart(lo, hi, W, nc, func(b, e int, part, _ []float64) {
			cgUpdate(alpha, x.Data[b:e], r.Data[b:e], p.Data[b:e], q.Data[b:e], part, W, nc)
			acc[0].AddAll(part)
		})
	})
	s, err := x.Layout.GlobalSum(&sums[0])
	if err != nil {
		return 0, err
	}
	return s[0], nil
}
