package flow

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/layout"
)

// TestActionDecreases checks that the Wilson action (the plaquette
// density) decreases at every step and that the links stay in SU(N).
func TestActionDecreases(t *testing.T) {
	for _, c := range []struct {
		n      int
		beta   float64
		sweeps int
	}{{3, 5.7, 3}, {3, 0, 0}, {2, 2.3, 3}, {4, 10, 3}} {
		l := newLayout(t, [4]int{4, 4, 4, 4}, 2)
		g := thermalised(t, l, c.n, c.beta, c.sweeps, 9)
		pts := flowTo(t, g, 0.05, 1)
		for i := 1; i < len(pts); i++ {
			if !(pts[i].EPlaq < pts[i-1].EPlaq) {
				t.Errorf("SU(%d): plaquette action density rose from %.15g at t = %g to %.15g at t = %g", c.n, pts[i-1].EPlaq, pts[i-1].T, pts[i].EPlaq, pts[i].T)
			}
		}
		if last := pts[len(pts)-1]; math.Abs(last.T-1) > 1e-12 || len(pts) != 21 {
			t.Errorf("SU(%d): flow ended at t = %.17g after %d points, want t = 1 after 21", c.n, last.T, len(pts))
		}
		if u, _ := g.Unitarity(); u > 1e-12 {
			t.Errorf("SU(%d): flowed links deviate from SU(N) by %g", c.n, u)
		}
		t.Logf("SU(%d): E(0) = %.4f, E(1) = %.4f (plaquette)", c.n, pts[0].EPlaq, pts[len(pts)-1].EPlaq)
	}
}

// TestPlaneWaveDecay checks the normalisation of the force: a weak abelian
// plane wave theta_y(x) = a cos(p x_0) obeys the lattice heat equation
// d theta/dt = Laplacian theta, so E(t) = E(0) exp(-2 phat^2 t),
// phat^2 = 4 sin^2(p/2), up to O(a^2) non-linear terms.
func TestPlaneWaveDecay(t *testing.T) {
	l := newLayout(t, [4]int{8, 4, 4, 4}, 1)
	p := 2 * math.Pi / 8
	amp := 1e-3
	g := diagonalField(t, l, 3, func(mu int, x [layout.Nd]int) float64 {
		if mu == 1 {
			return amp * math.Cos(p*float64(x[0]))
		}
		return 0
	})
	pts := flowTo(t, g, 0.05, 1)
	phat2 := 4 * math.Pow(math.Sin(p/2), 2)
	for _, pt := range pts {
		want := pts[0].EPlaq * math.Exp(-2*phat2*pt.T)
		if math.Abs(pt.EPlaq/want-1) > 1e-5 {
			t.Errorf("plane wave at t = %g: E = %.10g, heat equation gives %.10g", pt.T, pt.EPlaq, want)
		}
	}
}

// TestFluxFieldStationary checks that a constant abelian field strength is
// a stationary point of the flow, with Q near an integer kept.
func TestFluxFieldStationary(t *testing.T) {
	l := newLayout(t, [4]int{6, 6, 6, 6}, 1)
	g := fluxField(t, l, 3, 1, 1)
	g0 := g.Clone()
	pts := flowTo(t, g, 0.2, 1)
	if d := maxLinkDistance(g, g0); d > 1e-13 {
		t.Errorf("flux field moved by %g under the flow", d)
	}
	// Q = 2 V sin^2(phi) / (4 pi^2), phi = 2 pi / 36 (measure package tests)
	phi := 2 * math.Pi / 36
	want := 2 * float64(l.GlobalVolume) * math.Pow(math.Sin(phi), 2) / (4 * math.Pi * math.Pi)
	for _, p := range pts {
		if math.Abs(p.Q-want) > 1e-11 {
			t.Errorf("flux field at t = %g: Q = %.15g, want %.15g (about 2)", p.T, p.Q, want)
		}
	}
}

// TestStepSizeConvergence flows one field to t = 1 with eps = 0.1, 0.05,
// 0.025: the third-order scheme's global error is O(eps^3), so successive
// differences of the flowed links (and of E) shrink by 2^3 = 8.
func TestStepSizeConvergence(t *testing.T) {
	l := newLayout(t, [4]int{4, 4, 4, 4}, 1)
	g0 := thermalised(t, l, 3, 5.7, 3, 13)
	var fields []*gauge.Field
	var es []float64
	for _, eps := range []float64{0.1, 0.05, 0.025} {
		g := g0.Clone()
		pts := flowTo(t, g, eps, 1)
		fields = append(fields, g)
		es = append(es, pts[len(pts)-1].EClover)
	}
	d1, d2 := maxLinkDistance(fields[0], fields[1]), maxLinkDistance(fields[1], fields[2])
	if r := d1 / d2; r < 6 || r > 10.5 {
		t.Errorf("link differences %g (eps 0.1 vs 0.05) and %g (0.05 vs 0.025): ratio %.3g, want about 8", d1, d2, r)
	}
	e1, e2 := math.Abs(es[0]-es[1]), math.Abs(es[1]-es[2])
	if r := e1 / e2; r < 6 || r > 10.5 {
		t.Errorf("E differences %g and %g: ratio %.3g, want about 8", e1, e2, r)
	}
	t.Logf("link differences %.3g %.3g (ratio %.3g), E differences %.3g %.3g (ratio %.3g)", d1, d2, d1/d2, e1, e2, e1/e2)
}

// TestGaugeCovariance checks flow(G U) = G flow(U) G^dag link by link, and
// that E, Q and the plaquette agree.
func TestGaugeCovariance(t *testing.T) {
	for _, n := range []int{3, 2} {
		l := newLayout(t, [4]int{4, 4, 4, 6}, 2)
		u := thermalised(t, l, n, 2*float64(n), 2, 17)
		ws := gauge.NewWorkspace(l, n)
		s := rng.New(5, 9)
		gt := gauge.RandomTransform(l, n, &s)
		v := u.Clone()
		if err := v.Transform(gt, ws); err != nil {
			t.Fatal(err)
		}
		pu := flowTo(t, u, 0.05, 0.6)
		pv := flowTo(t, v, 0.05, 0.6)
		if err := u.Transform(gt, ws); err != nil {
			t.Fatal(err)
		}
		if d := maxLinkDistance(u, v); d > 1e-12 {
			t.Errorf("SU(%d): flow(G U) and G flow(U) G^dag differ by %g", n, d)
		}
		for i := range pu {
			a, b := pu[i], pv[i]
			if math.Abs(a.EClover-b.EClover) > 1e-12 || math.Abs(a.EPlaq-b.EPlaq) > 1e-12 || math.Abs(a.Q-b.Q) > 1e-12 {
				t.Errorf("SU(%d) t = %g: E, E_plaq, Q = %v, %v, %v for U and %v, %v, %v for G U", n, a.T, a.EClover, a.EPlaq, a.Q, b.EClover, b.EPlaq, b.Q)
			}
		}
		p1, _ := u.Plaquette(ws)
		p2, _ := v.Plaquette(ws)
		if math.Abs(p1.Average-p2.Average) > 1e-12 {
			t.Errorf("SU(%d): plaquettes %v and %v after the flow", n, p1.Average, p2.Average)
		}
	}
}

// TestAdaptiveMatchesFine compares the adaptive flow with a fine fixed-step
// flow at the same times.
func TestAdaptiveMatchesFine(t *testing.T) {
	l := newLayout(t, [4]int{4, 4, 4, 4}, 1)
	g0 := thermalised(t, l, 3, 5.7, 3, 21)
	fine := g0.Clone()
	ws := gauge.NewWorkspace(l, 3)
	pf, err := Run(fine, ws, Options{Eps: 0.01, TMax: 2, Every: 1000}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tol := range []float64{1e-4, 1e-5} {
		g := g0.Clone()
		pa, err := Run(g, ws, Options{Eps: 0.01, TMax: 2, Tol: tol}, nil)
		if err != nil {
			t.Fatal(err)
		}
		last := pa[len(pa)-1]
		if last.T != 2 {
			t.Errorf("tol %g: adaptive flow ended at t = %.17g, want 2", tol, last.T)
		}
		d := maxLinkDistance(g, fine)
		de := math.Abs(last.EClover - pf[len(pf)-1].EClover)
		t.Logf("tol %g: %d steps, links differ from eps = 0.01 by %.3g, E by %.3g", tol, len(pa)-1, d, de)
		if d > 10*tol || de > 10*tol {
			t.Errorf("tol %g: adaptive flow differs from the fine flow at t = 2 by %g in the links, %g in E", tol, d, de)
		}
	}
}

// TestStepArguments checks the refusals.
func TestStepArguments(t *testing.T) {
	l := newLayout(t, [4]int{4, 4, 4, 4}, 1)
	g, _ := gauge.Cold(l, 3)
	ws := gauge.NewWorkspace(l, 3)
	f, err := New(g, ws)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Step(0); err == nil {
		t.Error("Step(0) accepted")
	}
	if _, _, err := f.AdaptiveStep(0.1, 0); err == nil {
		t.Error("AdaptiveStep with zero tolerance accepted")
	}
	if _, err := Run(g, ws, Options{Eps: -1, TMax: 1}, nil); err == nil {
		t.Error("Run with a negative step accepted")
	}
	if _, err := New(nil, ws); err == nil {
		t.Error("New(nil) accepted")
	}
}
