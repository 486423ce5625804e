package gauge

import (
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// RandomTransform returns a Haar-random gauge transformation G(x), one
// SU(N) matrix per site (a matrix field), drawn from the stream (one epoch):
// the same on every process grid and W.
func RandomTransform(l *layout.Layout, n int, s *rng.Stream) *layout.Field[float64] {
	gt := layout.NewField[float64](l, n*n, layout.Full)
	gt.ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		site := s.Site(uint64(l.GlobalIndex(x)))
		m := sun.RandomSUN(n, &site)
		StoreMatrix(gt, n, tile, lane, m.A)
	})
	s.Advance()
	return gt
}

// Transform applies the gauge transformation G to the links:
// U_mu(x) -> G(x) U_mu(x) G(x+mu)^dag. Collective.
func (g *Field) Transform(gt *layout.Field[float64], ws *Workspace) error {
	for mu := range layout.Nd {
		if err := ws.shift(ws.a, gt, layout.HopDir(mu, +1)); err != nil {
			return err
		}
		MatMul(g.N, ws.b, gt, g.U[mu], Plain, Plain, layout.Full)
		MatMul(g.N, g.U[mu], ws.b, ws.a, Plain, Dag, layout.Full)
	}
	return nil
}
