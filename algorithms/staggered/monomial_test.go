package staggered

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/hmc/hmctest"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func thermalField(t testing.TB, l *layout.Layout) *gauge.Field {
	t.Helper()
	g := hotField(t, l, 2)
	s := rng.New(3, 0)
	ws := gauge.NewWorkspace(l, 3)
	for range 3 {
		if err := g.HeatbathSweep(5.6, &s, ws); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func TestNf4ForceIsDerivative(t *testing.T) {
	l := newLayout(t, comm.Local(), [4]int{4, 4, 4, 4}, [4]int{}, 2)
	g := thermalField(t, l)
	m := &Nf4{Mass: 0.2, BC: Antiperiodic, Tol: 1e-14}
	s := rng.New(4, 4)
	if err := m.Refresh(g, &s); err != nil {
		t.Fatal(err)
	}
	hmctest.CheckForce(t, g, m, 1e-6)
}

// TestNf4RefreshDistribution: right after Refresh, S = phi^dag (M^dag M)_ee^-1 phi
// = chi^dag P chi with P the projector onto the range of A^dag, A = (M^dag)_e.,
// of rank 3V/2: S is a sum of 3V/2 unit exponentials, mean 3V/2, sd
// sqrt(3V/2).
func TestNf4RefreshDistribution(t *testing.T) {
	l := newLayout(t, comm.Local(), [4]int{4, 4, 4, 4}, [4]int{}, 1)
	g := thermalField(t, l)
	m := &Nf4{Mass: 0.1, BC: Antiperiodic}
	s := rng.New(8, 0)
	var sum float64
	const n = 20
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
	mean, want := sum/n, 1.5*float64(l.GlobalVolume)
	sd := math.Sqrt(want / n)
	if d := mean - want; math.Abs(d) > 5*sd {
		t.Errorf("<S> after refresh = %g, want %g +- %g", mean, want, sd)
	}
}
