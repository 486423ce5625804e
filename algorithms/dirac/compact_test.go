package dirac

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// TestCompactLinks checks when NewLinks stores compact links (float64, a
// kernel set that reads them, real boundary phases, SU(3) links) and that
// the hopping term on them agrees with the one on full links to round-off.
func TestCompactLinks(t *testing.T) {
	if !kernels.CompactLinks64() {
		t.Skip("the selected kernel set reads full links only")
	}
	l := newLayout(t, dims{4, 4, 4, 8}, 2)
	u := hotGauge(t, l, 5)
	lk, err := NewLinks[float64](u, StandardBC)
	if err != nil {
		t.Fatal(err)
	}
	if lk.Compact == nil {
		t.Fatal("float64 SU(3) links with antiperiodic time: want compact links")
	}
	twist := StandardBC
	twist[0] = Boundary{Theta: 0.3}
	if lt, err := NewLinks[float64](u, twist); err != nil || lt.Compact != nil {
		t.Errorf("twisted boundary: compact %v, err %v; want full links", lt.Compact != nil, err)
	}
	if l32, err := NewLinks[float32](u, StandardBC); err != nil || (l32.Compact != nil) != kernels.CompactLinks32() {
		t.Errorf("float32: compact %v, err %v; want compact %v", l32.Compact != nil, err, kernels.CompactLinks32())
	}
	// A link that is not SU(3) keeps the field on full links.
	v := u.Clone()
	v.U[1].Set(3, 4, 0, 1.5*v.U[1].At(3, 4, 0))
	if lv, err := NewLinks[float64](v, StandardBC); err != nil || lv.Compact != nil {
		t.Errorf("non-unitary link: compact %v, err %v; want full links", lv.Compact != nil, err)
	}

	m, err := NewWilson[float64](u, Params{Kappa: 0.12, BC: StandardBC})
	if err != nil {
		t.Fatal(err)
	}
	psi := randomSpinor[float64](l, layout.Full, 3)
	got := psi.Like()
	if err := m.Hop(got, psi); err != nil {
		t.Fatal(err)
	}
	m.c.links.Compact = nil // the same operator on full links
	for p := range 2 {
		m.c.hop.args[p].Links, m.c.hop.args[p].Compact = m.c.links.hopLinks(p), false
	}
	want := psi.Like()
	if err := m.Hop(want, psi); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(got, want); d > 1e-14 || math.IsNaN(d) {
		t.Errorf("hopping term on compact links differs from full links by %.3g (tolerance 1e-14)", d)
	}

	// float32: the same comparison at float32 round-off.
	m32, err := NewWilson[float32](u, Params{Kappa: 0.12, BC: StandardBC})
	if err != nil {
		t.Fatal(err)
	}
	if m32.c.links.Compact == nil {
		return // this set keeps full float32 links
	}
	psi32 := randomSpinor[float32](l, layout.Full, 3)
	got32 := psi32.Like()
	if err := m32.Hop(got32, psi32); err != nil {
		t.Fatal(err)
	}
	m32.c.links.Compact = nil
	for p := range 2 {
		m32.c.hop.args[p].Links, m32.c.hop.args[p].Compact = m32.c.links.hopLinks(p), false
	}
	want32 := psi32.Like()
	if err := m32.Hop(want32, psi32); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(got32, want32); d > 2e-6 || math.IsNaN(d) {
		t.Errorf("float32 hopping term on compact links differs from full links by %.3g (tolerance 2e-6)", d)
	}
}
