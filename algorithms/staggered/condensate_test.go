package staggered

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/comm"
)

// TestFreeCondensate compares the stochastic condensate on the free field
// with (3m/V) sum_p 1/(m^2 + sum_mu sin^2 p_mu).
func TestFreeCondensate(t *testing.T) {
	global := [4]int{4, 4, 4, 8}
	l := newLayout(t, comm.Local(), global, [4]int{}, 1)
	g, _ := gauge.Cold(l, 3)
	const m = 0.5
	exact := 0.0
	var k [4]int
	for k[0] = 0; k[0] < global[0]; k[0]++ {
		for k[1] = 0; k[1] < global[1]; k[1]++ {
			for k[2] = 0; k[2] < global[2]; k[2]++ {
				for k[3] = 0; k[3] < global[3]; k[3]++ {
					s := 0.0
					for mu := range 4 {
						p := 2 * math.Pi * float64(k[mu]) / float64(global[mu])
						if mu == 3 {
							p = math.Pi * float64(2*k[mu]+1) / float64(global[mu])
						}
						s += math.Sin(p) * math.Sin(p)
					}
					exact += 1 / (m*m + s)
				}
			}
		}
	}
	exact *= 3 * m / float64(l.GlobalVolume)
	s := rng.New(1, 7)
	mean, se, _, err := Condensate(g, m, Antiperiodic, 16, &s, solver.Params{Tol: 1e-12, MaxIter: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(mean-exact) > 5*se || se > 0.05*exact {
		t.Errorf("free condensate %g +- %g, exact %g", mean, se, exact)
	}
	t.Logf("free condensate %g +- %g, exact %g", mean, se, exact)
}
