package hmc

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// UpdateLinks sets U_mu(x) = exp(eps * P_mu(x)) U_mu(x) for every link, with
// the exact exponential (Cayley-Hamilton for SU(3), scaled Taylor series
// otherwise). Site-local: no communication.
func UpdateLinks(g *gauge.Field, p *Algebra, eps float64) error {
	if err := checkShape(g, p); err != nil {
		return err
	}
	l, n := g.L, g.N
	if n == 3 {
		for mu := range layout.Nd {
			if err := gauge.ExpTimes3(g.U[mu], p.F[mu], eps); err != nil {
				return err
			}
		}
		return nil
	}
	for mu := range layout.Nd {
		l.ParallelFor(l.NTiles, func(_, lo, hi int) {
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
	return nil
}
