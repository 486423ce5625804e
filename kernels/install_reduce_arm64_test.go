//go:build arm64 && !noasm

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestArmReduce holds the dispatched per-site reductions and CG update of
// every arm64 set to their Go twins, bit for bit, for every W (the set's
// own W runs the assembly, the others the Go fallback), nc = 1, 3, 12, a
// few tile counts, x with a partial tile at its end (the fallback), y = x,
// p = x and q = r, with NaN guards around every output.
func TestArmReduce(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(61, 62))
		for _, w := range []int{1, 2, 4, 8, 16} {
			for _, nc := range []int{1, 3, 12} {
				for _, n := range []int{0, 1, 3, 7} {
					for _, tail := range []int{0, 2} {
						what := fmt.Sprintf("%s W=%d nc=%d %d tiles + %d", s.Name, w, nc, n, tail)
						m := n*2*nc*w + tail
						checkArmReduce(t, what+" float64", rng, w, nc, m, 0.7,
							SiteNorm64, SiteDot64, CGUpdate64)
						checkArmReduce(t, what+" float32", rng, w, nc, m, float32(0.7),
							SiteNorm32, SiteDot32, CGUpdate32)
					}
				}
			}
		}
	})
}

func checkArmReduce[F Real](t *testing.T, what string, rng *rand.Rand, w, nc, m int, a F,
	norm func([]float64, []F, int, int), dot func(pr, pi []float64, x, y []F, w, nc int),
	cg func(a F, x, r, p, q []F, part []float64, w, nc int)) {
	t.Helper()
	sites := m / (2 * nc)
	fresh := func() []F {
		s := make([]F, m)
		for i := range s {
			s[i] = F(rng.NormFloat64())
		}
		return s
	}
	x, y := fresh(), fresh()
	parts := func() ([]float64, func() bool) { return guardedSlice[float64](sites) }

	got, gotOK := parts()
	want, _ := parts()
	SiteNormGo(want, x, w, nc)
	norm(got, x, w, nc)
	if !sameFloatBits(got, want) || !gotOK() {
		t.Errorf("%s: dispatched SiteNorm differs from SiteNormGo (guards intact %v)", what, gotOK())
	}

	for _, yy := range [][]F{y, x} {
		gr, grOK := parts()
		gi, giOK := parts()
		wr, _ := parts()
		wi, _ := parts()
		SiteDotGo(wr, wi, x, yy, w, nc)
		dot(gr, gi, x, yy, w, nc)
		if !sameFloatBits(gr, wr) || !sameFloatBits(gi, wi) || !grOK() || !giOK() {
			t.Errorf("%s y=x %v: dispatched SiteDot differs from SiteDotGo or wrote outside", what, &yy[0] == &x[0] && m > 0)
		}
	}

	p, q := fresh(), fresh()
	for _, alias := range []string{"", "p=x q=r"} {
		gx, gxOK := guardedSlice[F](m)
		gr, grOK := guardedSlice[F](m)
		wx, wr := append([]F(nil), x...), append([]F(nil), y...)
		copy(gx, x)
		copy(gr, y)
		gp, gq, wp, wq := p, q, p, q
		if alias != "" {
			gp, gq, wp, wq = gx, gr, wx, wr
		}
		gpart, gpOK := parts()
		wpart, _ := parts()
		CGUpdateGo(a, wx, wr, wp, wq, wpart, w, nc)
		cg(a, gx, gr, gp, gq, gpart, w, nc)
		if !sameFloatBits(gx, wx) || !sameFloatBits(gr, wr) || !sameFloatBits(gpart, wpart) ||
			!gxOK() || !grOK() || !gpOK() {
			t.Errorf("%s %q: dispatched CGUpdate differs from CGUpdateGo or wrote outside", what, alias)
		}
	}
}

// sameFloatBits says whether a and b hold the same bits (float32 widened
// exactly).
func sameFloatBits[F Real](a, b []F) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(float64(a[i])) != math.Float64bits(float64(b[i])) {
			return false
		}
	}
	return true
}
