package measure

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/layout"
)

// observables lists every gauge-invariant observable of the package (and
// the plaquettes) with names, for invariance and decomposition checks.
func observables(g *gauge.Field, ws *gauge.Workspace) ([]string, []float64, error) {
	var names []string
	var vals []float64
	add := func(name string, v float64) {
		names = append(names, name)
		vals = append(vals, v)
	}
	pl, err := g.Plaquette(ws)
	if err != nil {
		return nil, nil, err
	}
	add("plaquette", pl.Average)
	p, err := Polyakov(g, ws)
	if err != nil {
		return nil, nil, err
	}
	for mu, v := range p {
		add("Re Polyakov "+layout.DirName[mu], real(v))
		add("Im Polyakov "+layout.DirName[mu], imag(v))
	}
	tab, err := WilsonLoops(g, ws, 2, 3)
	if err != nil {
		return nil, nil, err
	}
	for r := 1; r <= 2; r++ {
		for t := 1; t <= 3; t++ {
			add("W(r,t) table", tab.At(r, t))
		}
	}
	w, err := WilsonLoop(g, ws, 2, 1, 3, 2)
	if err != nil {
		return nil, nil, err
	}
	add("W_zy(3,2)", w)
	c, err := CloverObservables(g, ws, new([6]*layout.Field[float64]))
	if err != nil {
		return nil, nil, err
	}
	add("E clover", c.EClover)
	add("E plaquette", c.EPlaq)
	add("Q", c.Q)
	return names, vals, nil
}

// TestGaugeInvariance checks every observable before and after a random
// gauge transformation, on hot and on partially thermalised fields, to
// 1e-12; and that the link trace, which is not invariant, does change.
func TestGaugeInvariance(t *testing.T) {
	cases := []struct {
		n      int
		sweeps int
		beta   float64
	}{{3, 0, 0}, {3, 5, 6.0}, {2, 5, 2.3}, {4, 0, 0}}
	for _, c := range cases {
		l := newLayout(t, [4]int{4, 6, 4, 4}, 2)
		g := thermalised(t, l, c.n, c.beta, c.sweeps, 31)
		ws := gauge.NewWorkspace(l, c.n)
		names, before, err := observables(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		lt0, _ := LinkTrace(g)
		s := rng.New(77, 3)
		if err := g.Transform(gauge.RandomTransform(l, c.n, &s), ws); err != nil {
			t.Fatal(err)
		}
		_, after, err := observables(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		for i := range before {
			if math.Abs(before[i]-after[i]) > 1e-12 {
				t.Errorf("SU(%d) %d sweeps: %s = %.15g before, %.15g after a gauge transformation", c.n, c.sweeps, names[i], before[i], after[i])
			}
		}
		if lt1, _ := LinkTrace(g); math.Abs(lt1-lt0) < 1e-3 {
			t.Errorf("SU(%d): link trace %v unchanged (%v) by a random gauge transformation: the test transforms nothing", c.n, lt1, lt0)
		}
	}
}

// TestPolyakovHot checks that the Polyakov loop of a hot field is far from
// 1 (it averages to zero) while it is invariant (TestGaugeInvariance).
func TestPolyakovHot(t *testing.T) {
	l := newLayout(t, [4]int{4, 4, 4, 8}, 1)
	g := hot(t, l, 3, 5)
	p, err := Polyakov(g, gauge.NewWorkspace(l, 3))
	if err != nil {
		t.Fatal(err)
	}
	for mu, v := range p {
		if cmplx.Abs(v) > 0.2 {
			t.Errorf("hot field: |Polyakov loop %s| = %v, want near 0", layout.DirName[mu], cmplx.Abs(v))
		}
	}
}

// TestChargeOddUnderReflection reflects one direction at a time: Q must
// change sign and E stay, to round-off; on the abelian flux field Q is
// near an integer, on the rough field merely nonzero.
func TestChargeOddUnderReflection(t *testing.T) {
	l := newLayout(t, [4]int{4, 4, 6, 4}, 1)
	rough := thermalised(t, l, 3, 5.7, 3, 8)
	smooth, _, _ := abelianFlux(t, l, 3, 1, 1)
	s := rng.New(4, 4)
	ws := gauge.NewWorkspace(l, 3)
	if err := smooth.Transform(gauge.RandomTransform(l, 3, &s), ws); err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]*gauge.Field{"rough": rough, "flux": smooth} {
		q, err := TopologicalCharge(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		ec, ep, _ := Energy(g, ws)
		if math.Abs(q) < 1e-3 {
			t.Fatalf("%s field: Q = %g is too small for a reflection test", name, q)
		}
		for d := range layout.Nd {
			h := reflect(t, g, d)
			qr, err := TopologicalCharge(h, ws)
			if err != nil {
				t.Fatal(err)
			}
			ecr, epr, _ := Energy(h, ws)
			if math.Abs(qr+q) > 1e-12 {
				t.Errorf("%s field reflected in %s: Q = %.15g, original %.15g: not odd", name, layout.DirName[d], qr, q)
			}
			if math.Abs(ecr-ec) > 1e-12 || math.Abs(epr-ep) > 1e-12 {
				t.Errorf("%s field reflected in %s: E = %.15g, %.15g, original %.15g, %.15g", name, layout.DirName[d], ecr, epr, ec, ep)
			}
		}
	}
}
