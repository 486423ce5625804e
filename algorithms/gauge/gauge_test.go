package gauge

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func newLayout(t testing.TB, global [layout.Nd]int, w int) *layout.Layout {
	t.Helper()
	l, err := layout.New(comm.Local(), global, layout.Options{W: w})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func hot(t testing.TB, l *layout.Layout, n int, seed uint64) *Field {
	t.Helper()
	s := rng.New(seed, 0)
	g, err := Hot(l, n, &s)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestColdPlaquetteIsOne(t *testing.T) {
	for _, n := range []int{2, 3, 4} {
		l := newLayout(t, [4]int{4, 4, 4, 4}, 2)
		g, err := Cold(l, n)
		if err != nil {
			t.Fatal(err)
		}
		p, err := g.Plaquette(NewWorkspace(l, n))
		if err != nil {
			t.Fatal(err)
		}
		if p.Average != 1 || p.Spatial != 1 || p.Temporal != 1 {
			t.Errorf("SU(%d) cold plaquette %+v, want 1", n, p)
		}
	}
}

// TestStapleSumsPlaquettes checks sum_x,mu Re Tr(U_mu A_mu) = 4 sum_x,planes Re Tr U_p:
// every plaquette is met twice per link direction it contains.
func TestStapleSumsPlaquettes(t *testing.T) {
	for _, n := range []int{2, 3, 4} {
		l := newLayout(t, [4]int{4, 4, 6, 4}, 4)
		g := hot(t, l, n, 7)
		ws := NewWorkspace(l, n)
		p, err := g.Plaquette(ws)
		if err != nil {
			t.Fatal(err)
		}
		staple := layout.NewField[float64](l, n*n, layout.Full)
		var acc layout.ExactSum
		for mu := range layout.Nd {
			if err := g.Staple(staple, mu, layout.Full, ws); err != nil {
				t.Fatal(err)
			}
			reTraceDagSumPlain(n, g.U[mu], staple, &acc)
		}
		got := acc.Float64()
		want := 4 * p.Average * 6 * float64(n) * float64(l.GlobalVolume)
		if math.Abs(got-want) > 1e-10*float64(l.GlobalVolume) {
			t.Errorf("SU(%d): sum Re Tr(U A) = %v, 4 * plaquette sum = %v", n, got, want)
		}
	}
}

// reTraceDagSumPlain adds Re Tr(a b) per site.
func reTraceDagSumPlain(n int, a, b *layout.Field[float64], acc *layout.ExactSum) {
	l := a.Layout
	x, y := make([]complex128, n*n), make([]complex128, n*n)
	for tile := range l.NTiles {
		for lane := range l.W {
			LoadMatrix(a, n, tile, lane, x)
			LoadMatrix(b, n, tile, lane, y)
			s := 0.0
			for i := range n {
				for k := range n {
					s += real(x[i*n+k] * y[k*n+i])
				}
			}
			acc.Add(s)
		}
	}
}

func TestPlaquetteGaugeInvariant(t *testing.T) {
	for _, n := range []int{2, 3, 5} {
		l := newLayout(t, [4]int{4, 6, 4, 4}, 2)
		g := hot(t, l, n, 11)
		ws := NewWorkspace(l, n)
		before, _ := g.Plaquette(ws)
		s := rng.New(99, 1)
		if err := g.Transform(RandomTransform(l, n, &s), ws); err != nil {
			t.Fatal(err)
		}
		after, _ := g.Plaquette(ws)
		for p := range 6 {
			if math.Abs(before.Plane[p]-after.Plane[p]) > 1e-13 {
				t.Errorf("SU(%d) plane %v: plaquette %v before, %v after a gauge transformation", n, Planes[p], before.Plane[p], after.Plane[p])
			}
		}
		if u, _ := g.Unitarity(); u > 1e-12 {
			t.Errorf("SU(%d) transformed links deviate from SU(N) by %g", n, u)
		}
	}
}

func TestUpdatesStayInGroupAndOverrelaxKeepsAction(t *testing.T) {
	for _, n := range []int{2, 3, 4} {
		l := newLayout(t, [4]int{4, 4, 4, 4}, 1)
		g := hot(t, l, n, 3)
		ws := NewWorkspace(l, n)
		s := rng.New(5, 0)
		for range 3 {
			if err := g.HeatbathSweep(2.0*float64(n), &s, ws); err != nil {
				t.Fatal(err)
			}
		}
		if u, _ := g.Unitarity(); u > 1e-12 {
			t.Errorf("SU(%d) after heatbath: links deviate from SU(N) by %g", n, u)
		}
		before, _ := g.Plaquette(ws)
		for range 3 {
			if err := g.OverrelaxSweep(ws); err != nil {
				t.Fatal(err)
			}
		}
		after, _ := g.Plaquette(ws)
		if d := math.Abs(after.Average - before.Average); d > 1e-12 {
			t.Errorf("SU(%d): overrelaxation changed the plaquette from %.15f to %.15f", n, before.Average, after.Average)
		}
		if u, _ := g.Unitarity(); u > 1e-12 {
			t.Errorf("SU(%d) after overrelaxation: links deviate from SU(N) by %g", n, u)
		}
	}
}

// history runs a short heatbath + overrelaxation stream and returns the
// plaquette after each sweep.
func history(l *layout.Layout, n int, beta float64, sweeps int) ([]float64, error) {
	s := rng.New(2026, 0)
	g, err := Hot(l, n, &s)
	if err != nil {
		return nil, err
	}
	ws := NewWorkspace(l, n)
	var h []float64
	for range sweeps {
		if err := g.HeatbathSweep(beta, &s, ws); err != nil {
			return nil, err
		}
		if err := g.OverrelaxSweep(ws); err != nil {
			return nil, err
		}
		p, err := g.Plaquette(ws)
		if err != nil {
			return nil, err
		}
		h = append(h, p.Average)
	}
	return h, nil
}

// TestHistoryIndependentOfDecomposition checks that the same seed gives the
// same plaquette history, bit for bit, on 1, 2 and 4 ranks and every W.
func TestHistoryIndependentOfDecomposition(t *testing.T) {
	global := [4]int{4, 4, 8, 8}
	ref, err := history(newLayout(t, global, 1), 3, 5.7, 3)
	if err != nil {
		t.Fatal(err)
	}
	grids := [][4]int{{1, 1, 1, 2}, {1, 1, 2, 1}, {2, 1, 1, 1}, {1, 1, 2, 2}, {1, 2, 1, 2}}
	ran := 0
	for _, procs := range grids {
		for _, w := range []int{1, 2, 4, 8} {
			np := procs[0] * procs[1] * procs[2] * procs[3]
			var mu sync.Mutex
			err := comm.RunInProc(np, func(c comm.Comm) error {
				l, err := layout.New(c, global, layout.Options{Procs: procs, W: w})
				if err != nil {
					return nil // not a valid split; every rank agrees
				}
				h, err := history(l, 3, 5.7, 3)
				if err != nil {
					return err
				}
				mu.Lock()
				defer mu.Unlock()
				if c.Rank() == 0 {
					ran++
				}
				for i := range h {
					if h[i] != ref[i] {
						return fmt.Errorf("procs %v W %d sweep %d: plaquette %.17g, one rank W=1 gives %.17g", procs, w, i, h[i], ref[i])
					}
				}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}
	}
	if ran < 15 {
		t.Errorf("only %d decompositions ran", ran)
	}
}

func TestThermalisedPlaquettes(t *testing.T) {
	cases := []struct {
		n      int
		beta   float64
		global [4]int
		want   float64
		tol    float64
		sweeps int
		long   bool
	}{
		// short checks on small lattices; the reference values are the
		// infinite-volume ones, and 4^4 lies close at these couplings.
		{3, 6.0, [4]int{4, 4, 4, 4}, 0.5937, 0.01, 40, false},
		{2, 2.5, [4]int{4, 4, 4, 4}, 0.652, 0.01, 60, false},
		{3, 6.0, [4]int{8, 8, 8, 8}, 0.5937, 0.002, 200, true},
		{2, 2.5, [4]int{8, 8, 8, 8}, 0.652, 0.003, 200, true},
	}
	for _, c := range cases {
		if c.long && testing.Short() {
			continue
		}
		h, err := history(newLayout(t, c.global, 1), c.n, c.beta, c.sweeps)
		if err != nil {
			t.Fatal(err)
		}
		// average the second half (thermalised)
		m := 0.0
		half := h[len(h)/2:]
		for _, v := range half {
			m += v / float64(len(half))
		}
		if math.Abs(m-c.want) > c.tol {
			t.Errorf("SU(%d) beta %g on %v: plaquette %.5f, want %.4f +- %g", c.n, c.beta, c.global, m, c.want, c.tol)
		} else {
			t.Logf("SU(%d) beta %g on %v: plaquette %.5f (reference %.4f)", c.n, c.beta, c.global, m, c.want)
		}
	}
}
