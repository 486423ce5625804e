package staggered

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/layout"
)

// Condensate estimates the chiral condensate of four tastes,
// <psi-bar psi> = (1/V) Re Tr M^{-1} (colour trace included), with nsrc
// Z2 x Z2 noise vectors eta on even sites (E[eta eta^dag] = 1):
// Tr M^{-1} = 2 m Tr (M^dag M)_ee^{-1}, since (M^{-1})_ee = m (M^dag M)_ee^{-1} and
// the odd sites contribute the same. It returns the mean and its standard
// error over the sources, and the CG iterations. Collective.
func Condensate(g *gauge.Field, mass float64, bc Boundary, nsrc int, s *rng.Stream, p solver.Params) (mean, stderr float64, iters int, err error) {
	if nsrc < 2 {
		return 0, 0, 0, fmt.Errorf("condensate: %d noise sources: need at least 2 for an error estimate", nsrc)
	}
	op, err := New[float64](g, mass, bc)
	if err != nil {
		return 0, 0, 0, err
	}
	n := EvenNormal[float64]{op}
	l := g.L
	var sum, sum2 float64
	eta, x := n.NewField(), n.NewField()
	for range nsrc {
		epoch := *s
		s.Advance()
		eta.ForEachSite(func(tile, lane int, xg [layout.Nd]int) {
			gen := epoch.Site(uint64(l.GlobalIndex(xg)))
			for c := range 3 {
				r, i := 1.0, 1.0
				if gen.Uint32()&1 == 1 {
					r = -1
				}
				if gen.Uint32()&1 == 1 {
					i = -1
				}
				eta.Set(tile, c, lane, complex(r, i)*complex(math.Sqrt(0.5), 0))
			}
		})
		x.Zero()
		res, err := solver.CG[float64](n, x, eta, p)
		iters += res.Iterations
		if err != nil {
			return 0, 0, iters, fmt.Errorf("condensate: %w", err)
		}
		d, err := layout.Dot(eta, x)
		if err != nil {
			return 0, 0, iters, err
		}
		v := 2 * mass * real(d) / float64(l.GlobalVolume)
		sum += v
		sum2 += v * v
	}
	mean = sum / float64(nsrc)
	stderr = math.Sqrt(max(0, sum2/float64(nsrc)-mean*mean) / float64(nsrc-1))
	return mean, stderr, iters, nil
}
