package propagator

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/layout"
)

// Condensate estimates the one-flavour chiral condensate
// <psi-bar psi> = (1/V) Re Tr D^{-1} = (2 kappa / V) Re Tr M^{-1} with nsrc
// Z2 x Z2 noise vectors (E[eta eta^dag] = 1). It returns the mean, its
// standard error over the sources and the solver iterations. Collective.
func Condensate(s *Solver, nsrc int, st *rng.Stream) (mean, stderr float64, iters int, err error) {
	if nsrc < 2 {
		return 0, 0, 0, fmt.Errorf("condensate: %d noise sources: need at least 2 for an error estimate", nsrc)
	}
	l := s.l
	eta := dirac.NewSpinor[float64](l, layout.Full)
	x := eta.Like()
	var sum, sum2 float64
	r := math.Sqrt(0.5)
	for range nsrc {
		epoch := *st
		st.Advance()
		eta.ForEachSite(func(tile, lane int, g [layout.Nd]int) {
			gen := epoch.Site(uint64(l.GlobalIndex(g)))
			for c := range dirac.SpinorNC {
				re, im := r, r
				if gen.Uint32()&1 == 1 {
					re = -r
				}
				if gen.Uint32()&1 == 1 {
					im = -r
				}
				eta.Set(tile, c, lane, complex(re, im))
			}
		})
		res, err := s.Solve(x, eta)
		iters += res.Iterations
		if err != nil {
			return 0, 0, iters, fmt.Errorf("condensate: %w", err)
		}
		d, err := layout.Dot(eta, x)
		if err != nil {
			return 0, 0, iters, err
		}
		v := 2 * s.kappa * real(d) / float64(l.GlobalVolume)
		sum += v
		sum2 += v * v
	}
	n := float64(nsrc)
	mean = sum / n
	stderr = math.Sqrt(max(0, sum2/n-mean*mean) / (n - 1))
	return mean, stderr, iters, nil
}
