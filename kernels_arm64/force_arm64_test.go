package kernels_arm64_test

// An external test package, as su3mat_arm64_test.go: it holds the force
// kernels to their reference kernels.WilsonForceGo itself.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	arm "github.com/goqcd/goqcd/kernels_arm64"
)

// forceGuard is the number of NaN cells on either side of f.
const forceGuard = 64

type forceKernel func(f, link, a, b, as, bs []float64, w, mu int, c float64) bool

// checkWilsonForce holds a force kernel of w lanes to kernels.WilsonForceGo,
// bit for bit, for every direction on several random tiles, with f between
// NaN guard cells, and checks its refusals (which must leave f alone).
func checkWilsonForce(t *testing.T, set string, w int, kern forceKernel) {
	rng := rand.New(rand.NewPCG(uint64(w), 61))
	for mu := range 4 {
		for rep := range 4 {
			what := fmt.Sprintf("%s W=%d mu=%d rep %d", set, w, mu, rep)
			link := randReals(rng, 18*w)
			a, b := randReals(rng, 24*w), randReals(rng, 24*w)
			as, bs := randReals(rng, 24*w), randReals(rng, 24*w)
			f0 := randReals(rng, 18*w)
			c := rng.NormFloat64()
			want := append([]float64(nil), f0...)
			kernels.WilsonForceGo(want, link, a, b, as, bs, w, mu, c)
			all := make([]float64, 18*w+2*forceGuard)
			for i := range all {
				all[i] = math.NaN()
			}
			got := all[forceGuard : forceGuard+18*w : forceGuard+18*w]
			copy(got, f0)
			if !kern(got, link, a, b, as, bs, w, mu, c) {
				t.Fatalf("%s: refused", what)
			}
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%s: f[%d] = %v (%#x), WilsonForceGo gives %v (%#x)",
						what, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
				}
			}
			for i, x := range all {
				if (i < forceGuard || i >= forceGuard+18*w) && !math.IsNaN(x) {
					t.Fatalf("%s: wrote the guard cell %d", what, i-forceGuard)
				}
			}
		}
	}
	f0 := randReals(rng, 18*w)
	link, s := randReals(rng, 18*w), randReals(rng, 24*w)
	for _, bad := range []struct {
		name                      string
		w, mu, nf, nl, na, nb, ns int
	}{
		{"a short f", w, 0, 18*w - 1, 18 * w, 24 * w, 24 * w, 24 * w},
		{"a short link", w, 1, 18 * w, 18*w - 1, 24 * w, 24 * w, 24 * w},
		{"a short a", w, 2, 18 * w, 18 * w, 24*w - 1, 24 * w, 24 * w},
		{"a short b", w, 3, 18 * w, 18 * w, 24 * w, 24*w - 1, 24 * w},
		{"a short as and bs", w, 0, 18 * w, 18 * w, 24 * w, 24 * w, 24*w - 1},
		{"mu = 4", w, 4, 18 * w, 18 * w, 24 * w, 24 * w, 24 * w},
		{"mu = -1", w, -1, 18 * w, 18 * w, 24 * w, 24 * w, 24 * w},
		{"W - 1", w - 1, 0, 18 * w, 18 * w, 24 * w, 24 * w, 24 * w},
		{"W + 1", w + 1, 0, 18 * (w + 1), 18 * (w + 1), 24 * (w + 1), 24 * (w + 1), 24 * (w + 1)},
		{"2 W", 2 * w, 0, 36 * w, 36 * w, 48 * w, 48 * w, 48 * w},
	} {
		f := make([]float64, max(bad.nf, 18*w))
		copy(f, f0)
		ss := make([]float64, max(bad.na, bad.nb, bad.ns))
		copy(ss, s)
		l := make([]float64, max(bad.nl, 18*w))
		copy(l, link)
		if kern(f[:bad.nf], l[:bad.nl], ss[:bad.na], ss[:bad.nb], ss[:bad.ns], ss[:bad.ns], bad.w, bad.mu, 1) {
			t.Errorf("%s W=%d: ran with %s", set, w, bad.name)
		}
		for i := range f0 {
			if math.Float64bits(f[i]) != math.Float64bits(f0[i]) {
				t.Errorf("%s W=%d: refused %s but changed f[%d]", set, w, bad.name, i)
				break
			}
		}
	}
}

func TestWilsonForceNEON(t *testing.T) {
	checkWilsonForce(t, "NEON", arm.NEONLanes64, arm.WilsonForceNEON64)
}

func TestWilsonForceSVE(t *testing.T) {
	if arm.SVEVectorBits() == 0 {
		s := make([]float64, 24*8)
		for _, w := range []int{0, 1, 2, 4, 8} {
			if arm.WilsonForceSVE64(s[:18*w], s[:18*w], s, s, s, s, w, 0, 1) {
				t.Errorf("WilsonForceSVE64 ran with W = %d on a CPU without SVE", w)
			}
		}
		t.Skip("this CPU has no SVE (run under qemu-aarch64 -cpu a64fx for the SVE kernels)")
	}
	w := arm.SVELanes64()
	t.Logf("SVE vector length %d bits: W = %d", arm.SVEVectorBits(), w)
	if w > kernels.MaxLanes {
		s := make([]float64, 24*w)
		if arm.WilsonForceSVE64(s[:18*w], s[:18*w], s, s, s, s, w, 0, 1) {
			t.Errorf("WilsonForceSVE64 ran with W = %d > kernels.MaxLanes", w)
		}
		t.Skipf("W = %d is wider than any tile (kernels.MaxLanes = %d): no reference", w, kernels.MaxLanes)
	}
	checkWilsonForce(t, "SVE", w, arm.WilsonForceSVE64)
}
