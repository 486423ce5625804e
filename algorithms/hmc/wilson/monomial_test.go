package wilson

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/gauge"
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
