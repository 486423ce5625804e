package hmc

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// UpdateLinks sets U_mu(x) = exp(eps * P_mu(x)) U_mu(x) for every link, with
// the exact exponential (Cayley-Hamilton for SU(3), scaled Taylor series
// otherwise). Site-local: no communication.
func UpdateLinks(g *gauge.Field, p *Algebra, eps float64) {
	l, n := g.L, g.N
	for mu := range layout.Nd {
		l.ParallelFor(l.NTiles, func(_, lo, hi int) {
			if n == 3 {
				var x, u, e, r sun.M3
				xs, us := make([]complex128, 9), make([]complex128, 9)
				for tile := lo; tile < hi; tile++ {
					for lane := range l.W {
						gauge.LoadMatrix(p.F[mu], 3, tile, lane, xs)
						gauge.LoadMatrix(g.U[mu], 3, tile, lane, us)
						copy(x[:], xs)
						copy(u[:], us)
						x.ScaleReal(eps, &x)
						e = sun.Exp3(&x)
						r.Mul(&e, &u)
						gauge.StoreMatrix(g.U[mu], 3, tile, lane, r[:])
					}
				}
				return
			}
			x, u, r := sun.NewMat(n), sun.NewMat(n), sun.NewMat(n)
			for tile := lo; tile < hi; tile++ {
				for lane := range l.W {
					gauge.LoadMatrix(p.F[mu], n, tile, lane, x.A)
					gauge.LoadMatrix(g.U[mu], n, tile, lane, u.A)
					x.Scale(complex(eps, 0), &x)
					e := sun.ExpAntiHermitian(&x)
					r.Mul(&e, &u)
					gauge.StoreMatrix(g.U[mu], n, tile, lane, r.A)
				}
			}
		})
	}
}
