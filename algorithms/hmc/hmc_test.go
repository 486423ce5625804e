package hmc_test

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	. "github.com/goqcd/goqcd/algorithms/hmc"
	"github.com/goqcd/goqcd/algorithms/hmc/hmctest"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func testLayout(t testing.TB, global [4]int, w int) *layout.Layout {
	t.Helper()
	l, err := layout.New(comm.Local(), global, layout.Options{W: w})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// thermalGauge returns a partially thermalised SU(n) field (smooth enough
// for MD tests to be in their asymptotic regime).
func thermalGauge(t testing.TB, l *layout.Layout, n int, beta float64, sweeps int) *gauge.Field {
	t.Helper()
	s := rng.New(17, 0)
	g, err := gauge.Hot(l, n, &s)
	if err != nil {
		t.Fatal(err)
	}
	ws := gauge.NewWorkspace(l, n)
	for range sweeps {
		if err := g.HeatbathSweep(beta, &s, ws); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func TestGaugeForceIsDerivative(t *testing.T) {
	for _, n := range []int{2, 3, 4} {
		l := testLayout(t, [4]int{4, 4, 4, 4}, 2)
		g := thermalGauge(t, l, n, 2*float64(n), 2)
		w, err := NewWilsonGauge(l, n, 2*float64(n))
		if err != nil {
			t.Fatal(err)
		}
		hmctest.CheckForce(t, g, w, 1e-6)
	}
}

func TestMomentaKineticAndDistribution(t *testing.T) {
	l := testLayout(t, [4]int{4, 4, 4, 4}, 1)
	p := NewAlgebra(l, 3)
	s := rng.New(3, 0)
	p.Refresh(&s)
	k, err := p.Kinetic()
	if err != nil {
		t.Fatal(err)
	}
	// K = sum c^2/2 over 8 * 4 * V Gaussians: mean 16 V, sd sqrt(8*4V/2)
	n := 8 * 4 * float64(l.GlobalVolume)
	if math.Abs(k-n/2) > 5*math.Sqrt(n/2) {
		t.Errorf("kinetic energy %g, expected %g +- %g", k, n/2, math.Sqrt(n/2))
	}
	// momenta are traceless anti-Hermitian
	m := sun.NewMat(3)
	for c := range 9 {
		m.A[c] = p.F[2].At(5, c, 0)
	}
	d := sun.NewMat(3)
	d.TracelessAntiHermitian(&m)
	d.Sub(&d, &m)
	if d.Norm() > 1e-15 {
		t.Errorf("momentum is not traceless anti-Hermitian: |TA(P)-P| = %g", d.Norm())
	}
}

// trajectory integrates from fresh momenta and returns dH, leaving g
// evolved.
func trajectory(t testing.TB, g *gauge.Field, it *Integrator, mons []Monomial, tau float64, seed uint64) float64 {
	t.Helper()
	p := NewAlgebra(g.L, g.N)
	s := rng.New(seed, 1)
	p.Refresh(&s)
	h0 := hamiltonian(t, g, p, mons)
	if err := it.Run(g, p, tau); err != nil {
		t.Fatal(err)
	}
	return hamiltonian(t, g, p, mons) - h0
}

func hamiltonian(t testing.TB, g *gauge.Field, p *Algebra, mons []Monomial) float64 {
	k, err := p.Kinetic()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mons {
		s, err := m.Action(g)
		if err != nil {
			t.Fatal(err)
		}
		k += s
	}
	return k
}

func TestReversibility(t *testing.T) {
	l := testLayout(t, [4]int{4, 4, 4, 4}, 1)
	g := thermalGauge(t, l, 3, 5.7, 3)
	w, _ := NewWilsonGauge(l, 3, 5.7)
	for _, sch := range []Scheme{Leapfrog, Omelyan, ForceGradient} {
		h := g.Clone()
		p := NewAlgebra(l, 3)
		s := rng.New(8, 0)
		p.Refresh(&s)
		it := &Integrator{Scheme: sch, Levels: []Level{{Monomials: []Monomial{w}, Steps: 7}}}
		if err := it.Run(h, p, 1); err != nil {
			t.Fatal(err)
		}
		for mu := range 4 {
			layout.Scale(-1, p.F[mu])
		}
		if err := it.Run(h, p, 1); err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for mu := range 4 {
			for i, v := range h.U[mu].Data {
				worst = max(worst, math.Abs(v-g.U[mu].Data[i]))
			}
		}
		if worst > 1e-10 {
			t.Errorf("%s: forward and back with flipped momenta leaves links off by %g", sch, worst)
		}
	}
}

// TestDeltaHScaling checks |dH| ~ eps^2 (leapfrog, Omelyan) and eps^4
// (force gradient) over a range of step sizes.
func TestDeltaHScaling(t *testing.T) {
	l := testLayout(t, [4]int{4, 4, 4, 4}, 1)
	g0 := thermalGauge(t, l, 3, 5.7, 10)
	w, _ := NewWilsonGauge(l, 3, 5.7)
	mons := []Monomial{w}
	for _, c := range []struct {
		sch   Scheme
		order float64
		steps []int
	}{
		{Leapfrog, 2, []int{20, 40, 80}},
		{Omelyan, 2, []int{5, 10, 20}},
		{ForceGradient, 4, []int{6, 12, 24}},
	} {
		var dh []float64
		for _, n := range c.steps {
			g := g0.Clone()
			it := &Integrator{Scheme: c.sch, Levels: []Level{{Monomials: mons, Steps: n}}}
			dh = append(dh, math.Abs(trajectory(t, g, it, mons, 1, 5)))
		}
		for i := 1; i < len(dh); i++ {
			got := math.Log2(dh[i-1] / dh[i])
			if math.Abs(got-c.order) > 0.5 {
				t.Errorf("%s: |dH| = %v for steps %v: order %.2f between %d and %d steps, want %g", c.sch, dh, c.steps, got, c.steps[i-1], c.steps[i], c.order)
			}
		}
		t.Logf("%s: steps %v |dH| %v", c.sch, c.steps, dh)
	}
}

// TestNestedLevels checks that two time scales integrate consistently:
// dH of gauge on an inner level with 2 steps per outer step lies between
// the single-level results.
func TestNestedLevels(t *testing.T) {
	l := testLayout(t, [4]int{4, 4, 4, 4}, 1)
	g0 := thermalGauge(t, l, 3, 5.7, 10)
	w1, _ := NewWilsonGauge(l, 3, 5.7*0.5)
	w2, _ := NewWilsonGauge(l, 3, 5.7*0.5)
	mons := []Monomial{w1, w2}
	dh := func(levels []Level) float64 {
		g := g0.Clone()
		return math.Abs(trajectory(t, g, &Integrator{Scheme: Omelyan, Levels: levels}, mons, 1, 5))
	}
	coarse := dh([]Level{{Monomials: mons, Steps: 5}})
	nested := dh([]Level{{Monomials: []Monomial{w1}, Steps: 5}, {Monomials: []Monomial{w2}, Steps: 4}})
	fine := dh([]Level{{Monomials: mons, Steps: 20}})
	if !(fine < nested && nested < coarse) {
		t.Errorf("|dH|: 5 steps %g, nested 5x4 %g, 20 steps %g: nesting should lie between", coarse, nested, fine)
	}
}

// TestExpMinusDHIsOne checks the Creutz equality <exp(-dH)> = 1 over a
// short stream of accepted-or-rejected trajectories.
func TestExpMinusDHIsOne(t *testing.T) {
	l := testLayout(t, [4]int{4, 4, 4, 4}, 1)
	g := thermalGauge(t, l, 3, 5.7, 10)
	w, _ := NewWilsonGauge(l, 3, 5.7)
	h := &HMC{Monomials: []Monomial{w}, Tau: 1, Stream: rng.New(77, 2),
		Integrator: &Integrator{Scheme: Leapfrog, Levels: []Level{{Monomials: []Monomial{w}, Steps: 14}}}}
	n := 150
	if testing.Short() {
		n = 80
	}
	var sum, sum2 float64
	acc := 0
	for range n {
		tr, err := h.Run(g, true)
		if err != nil {
			t.Fatal(err)
		}
		sum += tr.ExpMinusDH
		sum2 += tr.ExpMinusDH * tr.ExpMinusDH
		if tr.Accepted {
			acc++
		}
	}
	mean := sum / float64(n)
	sd := math.Sqrt((sum2/float64(n) - mean*mean) / float64(n-1))
	if math.Abs(mean-1) > 4*sd || sd > 0.08 {
		t.Errorf("<exp(-dH)> = %.4f +- %.4f over %d trajectories, want 1", mean, sd, n)
	}
	if acc == 0 || acc == n {
		t.Errorf("acceptance %d/%d: the test does not exercise the Metropolis step", acc, n)
	}
	t.Logf("<exp(-dH)> = %.4f +- %.4f, acceptance %d/%d", mean, sd, acc, n)
}

// TestTrajectoriesIndependentOfDecomposition runs the same pure-gauge HMC
// stream on 1, 2 and 4 ranks and several W and compares dH and plaquette.
func TestTrajectoriesIndependentOfDecomposition(t *testing.T) {
	global := [4]int{4, 4, 4, 8}
	run := func(c comm.Comm, procs [4]int, w int) ([]float64, error) {
		l, err := layout.New(c, global, layout.Options{Procs: procs, W: w})
		if err != nil {
			return nil, err
		}
		s := rng.New(5, 0)
		g, err := gauge.Hot(l, 3, &s)
		if err != nil {
			return nil, err
		}
		wg, _ := NewWilsonGauge(l, 3, 5.5)
		h := &HMC{Monomials: []Monomial{wg}, Tau: 0.5, Stream: rng.New(6, 0),
			Integrator: &Integrator{Scheme: Omelyan, Levels: []Level{{Monomials: []Monomial{wg}, Steps: 4}}}}
		var out []float64
		ws := gauge.NewWorkspace(l, 3)
		for range 3 {
			tr, err := h.Run(g, true)
			if err != nil {
				return nil, err
			}
			p, err := g.Plaquette(ws)
			if err != nil {
				return nil, err
			}
			out = append(out, tr.DH, p.Average)
		}
		return out, nil
	}
	ref, err := run(comm.Local(), [4]int{1, 1, 1, 1}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, procs := range [][4]int{{1, 1, 1, 2}, {2, 1, 1, 1}, {1, 2, 1, 2}} {
		for _, w := range []int{1, 2, 4} {
			np := procs[0] * procs[1] * procs[2] * procs[3]
			err := comm.RunInProc(np, func(c comm.Comm) error {
				got, err := run(c, procs, w)
				if err != nil {
					return err
				}
				for i := range got {
					if got[i] != ref[i] {
						t.Errorf("procs %v W %d: history %v, one rank %v", procs, w, got, ref)
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
}
