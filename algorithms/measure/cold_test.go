package measure

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// TestColdField checks the unit field: link trace, Polyakov loops and
// Wilson loops 1, field strength, energies and charge 0.
func TestColdField(t *testing.T) {
	for _, n := range []int{2, 3, 4} {
		l := newLayout(t, [4]int{4, 4, 4, 6}, 2)
		g, err := gauge.Cold(l, n)
		if err != nil {
			t.Fatal(err)
		}
		ws := gauge.NewWorkspace(l, n)
		if lt, err := LinkTrace(g); err != nil || lt != 1 {
			t.Errorf("SU(%d) cold link trace %v (%v), want 1", n, lt, err)
		}
		p, err := Polyakov(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		for mu, v := range p {
			if v != 1 {
				t.Errorf("SU(%d) cold Polyakov loop along %s = %v, want 1", n, layout.DirName[mu], v)
			}
		}
		tab, err := WilsonLoops(g, ws, 3, 4)
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= 3; r++ {
			for tt := 1; tt <= 4; tt++ {
				if tab.At(r, tt) != 1 {
					t.Errorf("SU(%d) cold W(%d,%d) = %v, want 1", n, r, tt, tab.At(r, tt))
				}
			}
		}
		f, err := FieldStrength(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		for p, fp := range f {
			for _, v := range fp.Data {
				if v != 0 {
					t.Fatalf("SU(%d) cold field strength of plane %v has a nonzero entry %v", n, gauge.Planes[p], v)
				}
			}
		}
		ec, ep, err := Energy(g, ws)
		if err != nil || ec != 0 || ep != 0 {
			t.Errorf("SU(%d) cold energy clover %v plaquette %v (%v), want 0", n, ec, ep, err)
		}
		if q, err := TopologicalCharge(g, ws); err != nil || q != 0 {
			t.Errorf("SU(%d) cold charge %v (%v), want 0", n, q, err)
		}
	}
}

// TestOneByOneIsPlaquette checks that the 1x1 Wilson loop is the plaquette
// of gauge.Plaquette bit for bit in each plane mu < nu, and equal to
// round-off for the reversed orientation nu, mu.
func TestOneByOneIsPlaquette(t *testing.T) {
	for _, n := range []int{2, 3} {
		l := newLayout(t, [4]int{4, 6, 4, 4}, 4)
		g := hot(t, l, n, 21)
		ws := gauge.NewWorkspace(l, n)
		pl, err := g.Plaquette(ws)
		if err != nil {
			t.Fatal(err)
		}
		for p, mn := range gauge.Planes {
			w, err := WilsonLoop(g, ws, mn[0], mn[1], 1, 1)
			if err != nil {
				t.Fatal(err)
			}
			if w != pl.Plane[p] {
				t.Errorf("SU(%d) plane %v: 1x1 loop %.17g, plaquette %.17g", n, mn, w, pl.Plane[p])
			}
			wr, err := WilsonLoop(g, ws, mn[1], mn[0], 1, 1)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(wr-pl.Plane[p]) > 1e-15 {
				t.Errorf("SU(%d) plane %v reversed: 1x1 loop %.17g, plaquette %.17g", n, mn, wr, pl.Plane[p])
			}
		}
		tab, err := WilsonLoops(g, ws, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(tab.At(1, 1)-pl.Temporal) > 1e-15 {
			t.Errorf("SU(%d) table W(1,1) = %.17g, temporal plaquette %.17g", n, tab.At(1, 1), pl.Temporal)
		}
	}
}

// TestLoopArguments checks that impossible loops are refused.
func TestLoopArguments(t *testing.T) {
	l := newLayout(t, [4]int{4, 4, 4, 4}, 1)
	g, _ := gauge.Cold(l, 3)
	ws := gauge.NewWorkspace(l, 3)
	for _, c := range [][4]int{{0, 0, 1, 1}, {0, 4, 1, 1}, {0, 1, 0, 1}, {0, 1, 5, 1}, {0, 1, 1, -1}} {
		if _, err := WilsonLoop(g, ws, c[0], c[1], c[2], c[3]); err == nil {
			t.Errorf("WilsonLoop(mu=%d, nu=%d, r=%d, t=%d) accepted", c[0], c[1], c[2], c[3])
		}
	}
	if _, err := WilsonLoops(g, ws, 5, 1); err == nil {
		t.Error("WilsonLoops with rmax beyond the lattice accepted")
	}
	var bad [6]*layout.Field[float64]
	if err := FieldStrengthInto(bad, g, ws); err == nil {
		t.Error("FieldStrengthInto with nil destinations accepted")
	}
}
