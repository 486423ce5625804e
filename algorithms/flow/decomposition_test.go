package flow

import (
	"fmt"
	"sync"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// TestDecompositionIdentical checks that fixed-step and adaptive flows give
// the same measurements, bit for bit, on 1, 2 and 4 in-process ranks and
// W = 1, 2, 4, and with 1 to 3 threads per rank.
func TestDecompositionIdentical(t *testing.T) {
	global := [4]int{4, 4, 4, 8}
	flowOn := func(l *layout.Layout) ([]Point, error) {
		s := rng.New(99, 0)
		g, err := gauge.Hot(l, 3, &s)
		if err != nil {
			return nil, err
		}
		ws := gauge.NewWorkspace(l, 3)
		if err := g.HeatbathSweep(5.7, &s, ws); err != nil {
			return nil, err
		}
		fixed, err := Run(g, ws, Options{Eps: 0.1, TMax: 0.3}, nil)
		if err != nil {
			return nil, err
		}
		adaptive, err := Run(g, ws, Options{Eps: 0.05, TMax: 0.3, Tol: 1e-3}, nil)
		return append(fixed, adaptive...), err
	}
	ref, err := flowOn(newLayout(t, global, 1))
	if err != nil {
		t.Fatal(err)
	}
	runs := []struct {
		procs      [4]int
		w, threads int
	}{{[4]int{1, 1, 1, 1}, 4, 1}, {[4]int{1, 1, 1, 1}, 2, 3}, {[4]int{1, 1, 1, 2}, 2, 1}, {[4]int{2, 1, 1, 1}, 1, 2}, {[4]int{1, 1, 2, 2}, 4, 1}, {[4]int{1, 2, 1, 2}, 2, 1}}
	for _, r := range runs {
		np := r.procs[0] * r.procs[1] * r.procs[2] * r.procs[3]
		var mu sync.Mutex
		ran := false
		err := comm.RunInProc(np, func(c comm.Comm) error {
			l, err := layout.New(c, global, layout.Options{Procs: r.procs, W: r.w, Threads: r.threads})
			if err != nil {
				return err
			}
			pts, err := flowOn(l)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			ran = true
			if len(pts) != len(ref) {
				return fmt.Errorf("procs %v W %d threads %d: %d points, one rank W=1 gives %d", r.procs, r.w, r.threads, len(pts), len(ref))
			}
			for i := range pts {
				if pts[i] != ref[i] {
					return fmt.Errorf("procs %v W %d threads %d point %d: %+v, one rank W=1 gives %+v", r.procs, r.w, r.threads, i, pts[i], ref[i])
				}
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
		if !ran {
			t.Errorf("procs %v W %d did not run", r.procs, r.w)
		}
	}
}
