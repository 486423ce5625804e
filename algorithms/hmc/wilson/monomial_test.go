package wilson

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/hmc"
	"github.com/goqcd/goqcd/algorithms/hmc/hmctest"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func thermal(t testing.TB, w int) *gauge.Field {
	t.Helper()
	l, err := layout.New(comm.Local(), [4]int{4, 4, 4, 4}, layout.Options{W: w})
	if err != nil {
		t.Fatal(err)
	}
	s := rng.New(31, 0)
	g, err := gauge.Hot(l, 3, &s)
	if err != nil {
		t.Fatal(err)
	}
	ws := gauge.NewWorkspace(l, 3)
	for range 5 {
		if err := g.HeatbathSweep(5.7, &s, ws); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

var bc = [4]dirac.Boundary{{}, {}, {}, dirac.Twisted(math.Pi)}

func TestNf2ForceIsDerivative(t *testing.T) {
	g := thermal(t, 2)
	m := &Nf2{Kappa: 0.13, BC: bc, Solve: Solve{Tol: 1e-14}}
	s := rng.New(1, 1)
	if err := m.Refresh(g, &s); err != nil {
		t.Fatal(err)
	}
	hmctest.CheckForce(t, g, m, 1e-6)
}

func TestRatioForceIsDerivative(t *testing.T) {
	g := thermal(t, 1)
	m := &Ratio{Kappa: 0.14, KappaH: 0.12, BC: bc, Solve: Solve{Tol: 1e-14}}
	s := rng.New(2, 1)
	if err := m.Refresh(g, &s); err != nil {
		t.Fatal(err)
	}
	hmctest.CheckForce(t, g, m, 1e-6)
}

// TestRefreshGivesGaussianAction: right after Refresh S = eta^dag eta, whose
// mean is 12 V/2 (12 complex components per even site, unit variance).
func TestRefreshGivesGaussianAction(t *testing.T) {
	g := thermal(t, 1)
	want := 6 * float64(g.L.GlobalVolume)
	for _, m := range []interface {
		Refresh(*gauge.Field, *rng.Stream) error
		Action(*gauge.Field) (float64, error)
	}{&Nf2{Kappa: 0.12, BC: bc}, &Ratio{Kappa: 0.13, KappaH: 0.1, BC: bc}} {
		s := rng.New(5, 0)
		sum := 0.0
		const n = 6
		for range n {
			if err := m.Refresh(g, &s); err != nil {
				t.Fatal(err)
			}
			a, err := m.Action(g)
			if err != nil {
				t.Fatal(err)
			}
			sum += a
		}
		mean, sd := sum/n, math.Sqrt(want/n)
		if math.Abs(mean-want) > 5*sd {
			t.Errorf("%T: <S> after refresh %g, want %g +- %g", m, mean, want, sd)
		}
	}
}

// trajectoryRecord runs two HMC trajectories with gauge + Wilson Nf=2 on
// the given layout and returns dH and the plaquette of each.
func trajectoryRecord(t testing.TB, l *layout.Layout) []float64 {
	t.Helper()
	s := rng.New(12, 0)
	g, err := gauge.Hot(l, 3, &s)
	if err != nil {
		t.Fatal(err)
	}
	ws := gauge.NewWorkspace(l, 3)
	for range 3 {
		if err := g.HeatbathSweep(5.6, &s, ws); err != nil {
			t.Fatal(err)
		}
	}
	gm, _ := hmc.NewWilsonGauge(l, 3, 5.6)
	f := &Nf2{Kappa: 0.13, BC: bc}
	h := &hmc.HMC{Monomials: []hmc.Monomial{gm, f}, Tau: 0.4, Stream: rng.New(13, 0),
		Integrator: &hmc.Integrator{Scheme: hmc.Omelyan, Levels: []hmc.Level{{Monomials: []hmc.Monomial{f}, Steps: 3}, {Monomials: []hmc.Monomial{gm}, Steps: 2}}}}
	var out []float64
	for range 2 {
		tr, err := h.Run(g, true)
		if err != nil {
			t.Fatal(err)
		}
		p, err := g.Plaquette(ws)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tr.DH, p.Average)
	}
	return out
}

// TestFermionTrajectoriesIndependentOfDecomposition: dH and plaquette of
// Wilson Nf=2 trajectories agree to round-off on 1, 2 and 4 ranks and W.
func TestFermionTrajectoriesIndependentOfDecomposition(t *testing.T) {
	global := [4]int{4, 4, 4, 8}
	l, _ := layout.New(comm.Local(), global, layout.Options{})
	ref := trajectoryRecord(t, l)
	for _, c := range []struct {
		procs [4]int
		w     int
	}{{[4]int{1, 1, 1, 2}, 1}, {[4]int{1, 1, 1, 1}, 4}, {[4]int{2, 1, 1, 2}, 2}} {
		np := c.procs[0] * c.procs[1] * c.procs[2] * c.procs[3]
		err := comm.RunInProc(np, func(cm comm.Comm) error {
			l, err := layout.New(cm, global, layout.Options{Procs: c.procs, W: c.w})
			if err != nil {
				return err
			}
			got := trajectoryRecord(t, l)
			for i := range got {
				if math.Abs(got[i]-ref[i]) > 1e-9*(1+math.Abs(ref[i])) {
					t.Errorf("procs %v W %d: dH/plaquette %v, one rank %v", c.procs, c.w, got, ref)
					break
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestFermionReversibility integrates forward, flips the momenta and
// integrates back: the links return to 1e-10.
func TestFermionReversibility(t *testing.T) {
	g := thermal(t, 1)
	l := g.L
	gm, _ := hmc.NewWilsonGauge(l, 3, 5.7)
	f := &Nf2{Kappa: 0.13, BC: bc, Solve: Solve{Tol: 1e-13}}
	s := rng.New(3, 3)
	if err := f.Refresh(g, &s); err != nil {
		t.Fatal(err)
	}
	p := hmc.NewAlgebra(l, 3)
	p.Refresh(&s)
	it := &hmc.Integrator{Scheme: hmc.ForceGradient, Levels: []hmc.Level{{Monomials: []hmc.Monomial{f}, Steps: 3}, {Monomials: []hmc.Monomial{gm}, Steps: 2}}}
	h := g.Clone()
	if err := it.Run(h, p, 0.5); err != nil {
		t.Fatal(err)
	}
	for mu := range 4 {
		layout.Scale(-1, p.F[mu])
	}
	if err := it.Run(h, p, 0.5); err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for mu := range 4 {
		for i, v := range h.U[mu].Data {
			worst = max(worst, math.Abs(v-g.U[mu].Data[i]))
		}
	}
	if worst > 1e-10 {
		t.Errorf("links off by %g after forward and reversed integration", worst)
	}
}
