package flow

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"math"

	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// force sets, on every site, with Z = -eps T(U A) (T the traceless
// anti-Hermitian projection, A the staple sum of the link U),
//
//	x <- wa Z + wb x.
//
// With low non-nil (the second stage) it first sets
// low = exp(2 Z1 - Z0) start, where Z1 = Z and Z0 = 4 x (x still holds
// Z0/4 from the first stage). The arithmetic of a site does not depend on
// W, the process grid or the thread count. x, low and start must not alias
// u or a.
func force(n int, u, a, x *layout.Field[float64], eps, wa, wb float64, low, start *layout.Field[float64]) {
	l := u.Layout
	l.ParallelFor(l.NTiles, func(_, lo, hi int) {
		if n == 3 {
			force3(u, a, x, eps, wa, wb, low, start, lo, hi)
			return
		}
		forceN(n, u, a, x, eps, wa, wb, low, start, lo, hi)
	})
}

func force3(u, a, x *layout.Field[float64], eps, wa, wb float64, low, start *layout.Field[float64], lo, hi int) {
	var um, am, m, z, xm, e, v sun.M3
	for tile := lo; tile < hi; tile++ {
		for lane := range u.Layout.W {
			gauge.LoadMatrix(u, 3, tile, lane, um[:])
			gauge.LoadMatrix(a, 3, tile, lane, am[:])
			m.Mul(&um, &am)
			z.TracelessAntiHermitian(&m)
			z.ScaleReal(-eps, &z)
			gauge.LoadMatrix(x, 3, tile, lane, xm[:])
			if low != nil {
				for k := range e {
					e[k] = 2*z[k] - 4*xm[k]
				}
				ex := sun.Exp3(&e)
				gauge.LoadMatrix(start, 3, tile, lane, v[:])
				m.Mul(&ex, &v)
				gauge.StoreMatrix(low, 3, tile, lane, m[:])
			}
			for k := range xm {
				xm[k] = scale(wa, z[k]) + scale(wb, xm[k])
			}
			gauge.StoreMatrix(x, 3, tile, lane, xm[:])
		}
	}
}

func forceN(n int, u, a, x *layout.Field[float64], eps, wa, wb float64, low, start *layout.Field[float64], lo, hi int) {
	um, am, m, z, xm := sun.NewMat(n), sun.NewMat(n), sun.NewMat(n), sun.NewMat(n), sun.NewMat(n)
	e, v := sun.NewMat(n), sun.NewMat(n)
	for tile := lo; tile < hi; tile++ {
		for lane := range u.Layout.W {
			gauge.LoadMatrix(u, n, tile, lane, um.A)
			gauge.LoadMatrix(a, n, tile, lane, am.A)
			m.Mul(&um, &am)
			z.TracelessAntiHermitian(&m)
			for k := range z.A {
				z.A[k] = scale(-eps, z.A[k])
			}
			gauge.LoadMatrix(x, n, tile, lane, xm.A)
			if low != nil {
				for k := range e.A {
					e.A[k] = 2*z.A[k] - 4*xm.A[k]
				}
				ex := sun.ExpAntiHermitian(&e)
				gauge.LoadMatrix(start, n, tile, lane, v.A)
				m.Mul(&ex, &v)
				gauge.StoreMatrix(low, n, tile, lane, m.A)
			}
			for k := range xm.A {
				xm.A[k] = scale(wa, z.A[k]) + scale(wb, xm.A[k])
			}
			gauge.StoreMatrix(x, n, tile, lane, xm.A)
		}
	}
}

// expMul sets u <- exp(x) u on every site: sun.Exp3 (exact, Cayley-Hamilton)
// for SU(3), sun.ExpAntiHermitian (scaled Taylor series) otherwise.
func expMul(n int, u, x *layout.Field[float64]) {
	l := u.Layout
	l.ParallelFor(l.NTiles, func(_, lo, hi int) {
		if n == 3 {
			var xm, um, r sun.M3
			for tile := lo; tile < hi; tile++ {
				for lane := range l.W {
					gauge.LoadMatrix(x, 3, tile, lane, xm[:])
					gauge.LoadMatrix(u, 3, tile, lane, um[:])
					e := sun.Exp3(&xm)
					r.Mul(&e, &um)
					gauge.StoreMatrix(u, 3, tile, lane, r[:])
				}
			}
			return
		}
		xm, um, r := sun.NewMat(n), sun.NewMat(n), sun.NewMat(n)
		for tile := lo; tile < hi; tile++ {
			for lane := range l.W {
				gauge.LoadMatrix(x, n, tile, lane, xm.A)
				gauge.LoadMatrix(u, n, tile, lane, um.A)
				e := sun.ExpAntiHermitian(&xm)
				r.Mul(&e, &um)
				gauge.StoreMatrix(u, n, tile, lane, r.A)
			}
		}
	})
}

// maxDistance is the largest modulus of an element of a - b over the local
// sites.
func maxDistance(a, b *layout.Field[float64]) float64 {
	w := a.Layout.W
	worst := 0.0
	for base := 0; base < len(a.Data); base += 2 * w {
		for lane := range w {
			dr := a.Data[base+lane] - b.Data[base+lane]
			di := a.Data[base+w+lane] - b.Data[base+w+lane]
			worst = max(worst, dr*dr+di*di)
		}
	}
	return math.Sqrt(worst)
}

// scale is s z for real s, without the cross terms of a complex product.
func scale(s float64, z complex128) complex128 { return complex(s*real(z), s*imag(z)) }
