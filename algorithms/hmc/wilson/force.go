package wilson

import (
	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/hmc"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// forceTerm adds to f the force of c Re(A^dag dH B) for full spinor fields
// a and b: F -= (c/2) TA(L K1 - K2 L^dag) (see doc.go), tile by tile through
// the dispatched kernel kernels.WilsonForce64. Collective (shifts).
func forceTerm(f *hmc.Algebra, links *dirac.Links[float64], a, b *layout.Field[float64], c float64) error {
	l := a.Layout
	w := l.W
	as, bs := a.Like(), b.Like()
	halo := layout.NewHalo[float64](l, dirac.SpinorNC) // one set of buffers for the 8 shifts
	const spinorReals, matrixReals = 2 * dirac.SpinorNC, 18
	for mu := range layout.Nd {
		fwd := layout.HopDir(mu, +1)
		if err := halo.Shift(as, a, fwd); err != nil {
			return err
		}
		if err := halo.Shift(bs, b, fwd); err != nil {
			return err
		}
		l.ParallelFor(l.NTiles, func(_, lo, hi int) {
			for tile := lo; tile < hi; tile++ {
				sp := func(x *layout.Field[float64]) []float64 {
					return x.Data[tile*spinorReals*w : (tile+1)*spinorReals*w]
				}
				lk := links.Data[(tile*layout.NHops+2*mu)*matrixReals*w : (tile*layout.NHops+2*mu+1)*matrixReals*w]
				fm := f.F[mu].Data[tile*matrixReals*w : (tile+1)*matrixReals*w]
				kernels.WilsonForce64(fm, lk, sp(a), sp(b), sp(as), sp(bs), w, mu, c)
			}
		})
	}
	return nil
}
