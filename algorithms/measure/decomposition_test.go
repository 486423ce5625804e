package measure

import (
	"fmt"
	"sync"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// TestDecompositionIdentical checks that every observable is the same, bit
// for bit, on 1, 2 and 4 in-process ranks and W = 1, 2, 4, for SU(3) and
// SU(2).
func TestDecompositionIdentical(t *testing.T) {
	global := [4]int{4, 4, 8, 8}
	for _, n := range []int{3, 2} {
		measureOn := func(l *layout.Layout) ([]string, []float64, error) {
			s := rng.New(2027, 0)
			g, err := gauge.Hot(l, n, &s)
			if err != nil {
				return nil, nil, err
			}
			ws := gauge.NewWorkspace(l, n)
			for range 2 {
				if err := g.HeatbathSweep(5.0, &s, ws); err != nil {
					return nil, nil, err
				}
			}
			names, v, err := observables(g, ws)
			if err != nil {
				return nil, nil, err
			}
			lt, err := LinkTrace(g)
			return append(names, "link trace"), append(v, lt), err
		}
		names, ref, err := measureOn(newLayout(t, global, 1))
		if err != nil {
			t.Fatal(err)
		}
		grids := [][4]int{{1, 1, 1, 1}, {1, 1, 1, 2}, {2, 1, 1, 1}, {1, 1, 2, 2}, {1, 2, 1, 2}}
		ran := 0
		for _, procs := range grids {
			for _, w := range []int{1, 2, 4} {
				np := procs[0] * procs[1] * procs[2] * procs[3]
				var mu sync.Mutex
				err := comm.RunInProc(np, func(c comm.Comm) error {
					l, err := layout.New(c, global, layout.Options{Procs: procs, W: w})
					if err != nil {
						return nil // not a valid split; every rank agrees
					}
					_, v, err := measureOn(l)
					if err != nil {
						return err
					}
					mu.Lock()
					defer mu.Unlock()
					if c.Rank() == 0 {
						ran++
					}
					for i := range v {
						if v[i] != ref[i] {
							return fmt.Errorf("SU(%d) procs %v W %d: %s = %.17g, one rank W=1 gives %.17g", n, procs, w, names[i], v[i], ref[i])
						}
					}
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}
		}
		if ran < 12 {
			t.Errorf("SU(%d): only %d decompositions ran", n, ran)
		}
	}
}
