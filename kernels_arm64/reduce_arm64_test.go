package kernels_arm64_test

// The reduction kernels and the CG update against their references
// kernels.SiteNormGo, SiteDotGo and CGUpdateGo (an external test package,
// as su3mat_arm64_test.go), bit for bit: random data, tile counts 0, 1,
// 3, 17 and past one assembly call, nc = 1, 3 and 12, the partials and the
// updated fields between NaN guard cells, the aliasing the twins allow.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	arm "github.com/goqcd/goqcd/kernels_arm64"
)

type real interface{ float32 | float64 }

// redNCs are the components per site under test: one complex number, a
// colour vector, a spinor.
var redNCs = []int{1, 3, 12}

// redTiles are the tile counts under test for nc components; the last is
// past the chunk of one assembly call (1<<14 components).
func redTiles(nc int) []int { return []int{0, 1, 3, 17, 1<<14/nc + 5} }

// redGuard is the number of NaN cells on either side of an output.
const redGuard = 40

// guardedOut returns a slice of n numbers between NaN guard cells, and the
// whole buffer (for the bitwise comparison, guards included).
func guardedOut[F real](n int) (all, body []F) {
	all = make([]F, n+2*redGuard)
	for i := range all {
		all[i] = F(math.NaN())
	}
	return all, all[redGuard : redGuard+n : redGuard+n]
}

func randData[F real](rng *rand.Rand, n int) []F {
	s := make([]F, n)
	for i := range s {
		s[i] = F(rng.NormFloat64())
	}
	return s
}

// sameBits counts the elements of got whose bits differ from want's
// (float32 widened exactly); where want is NaN (the guard cells), got must
// be NaN.
func sameBits[F real](got, want []F) int {
	bad := 0
	for i := range want {
		g, w := float64(got[i]), float64(want[i])
		if math.IsNaN(w) {
			if !math.IsNaN(g) {
				bad++
			}
			continue
		}
		if math.Float64bits(g) != math.Float64bits(w) {
			bad++
		}
	}
	return bad
}

func checkSiteNorm[F real](t *testing.T, set string, w int, kern func([]float64, []F, int)) {
	rng := rand.New(rand.NewPCG(uint64(w), 7))
	for _, nc := range redNCs {
		for _, n := range redTiles(nc) {
			x := randData[F](rng, n*2*nc*w)
			wantAll, want := guardedOut[float64](n * w)
			gotAll, got := guardedOut[float64](n * w)
			kernels.SiteNormGo(want, x, w, nc)
			kern(got, x, nc)
			if bad := sameBits(gotAll, wantAll); bad > 0 {
				t.Errorf("%s W=%d nc=%d %d tiles: %d of %d partials (or guards) differ from SiteNormGo",
					set, w, nc, n, bad, len(want))
			}
		}
	}
	mustPanic(t, fmt.Sprintf("%s W=%d SiteNorm on a partial tile", set, w), func() {
		kern(make([]float64, 4*w), make([]F, 2*3*w+2), 3)
	})
	mustPanic(t, fmt.Sprintf("%s W=%d SiteNorm with too few partials", set, w), func() {
		kern(make([]float64, w-1), make([]F, 2*3*w), 3)
	})
	mustPanic(t, fmt.Sprintf("%s W=%d SiteNorm with nc = 0", set, w), func() {
		kern(make([]float64, w), make([]F, 2*w), 0)
	})
}

func checkSiteDot[F real](t *testing.T, set string, w int, kern func(pr, pi []float64, x, y []F, nc int)) {
	rng := rand.New(rand.NewPCG(uint64(w), 8))
	for _, nc := range redNCs {
		for _, n := range redTiles(nc) {
			x := randData[F](rng, n*2*nc*w)
			y := randData[F](rng, n*2*nc*w+2*w) // longer than x
			for _, alias := range []bool{false, true} {
				if alias {
					y = x
				}
				wrAll, wr := guardedOut[float64](n * w)
				wiAll, wi := guardedOut[float64](n * w)
				grAll, gr := guardedOut[float64](n * w)
				giAll, gi := guardedOut[float64](n * w)
				kernels.SiteDotGo(wr, wi, x, y, w, nc)
				kern(gr, gi, x, y, nc)
				if br, bi := sameBits(grAll, wrAll), sameBits(giAll, wiAll); br+bi > 0 {
					t.Errorf("%s W=%d nc=%d %d tiles y=x %v: %d real and %d imaginary partials of %d differ from SiteDotGo",
						set, w, nc, n, alias, br, bi, len(wr))
				}
			}
		}
	}
	mustPanic(t, fmt.Sprintf("%s W=%d SiteDot with y shorter than x", set, w), func() {
		kern(make([]float64, w), make([]float64, w), make([]F, 2*3*w), make([]F, 2*3*w-1), 3)
	})
	mustPanic(t, fmt.Sprintf("%s W=%d SiteDot with pi too short", set, w), func() {
		kern(make([]float64, w), make([]float64, w-1), make([]F, 2*3*w), make([]F, 2*3*w), 3)
	})
}

func checkCGUpdate[F real](t *testing.T, set string, w int, kern func(a F, x, r, p, q []F, part []float64, nc int)) {
	rng := rand.New(rand.NewPCG(uint64(w), 9))
	a := F(0.3 + rng.Float64())
	for _, nc := range redNCs {
		for _, n := range redTiles(nc) {
			m := n * 2 * nc * w
			x0, r0 := randData[F](rng, m), randData[F](rng, m)
			p, q := randData[F](rng, m+1), randData[F](rng, m+3) // longer than x
			for _, alias := range []string{"", "p=x", "q=r", "p=x q=r"} {
				fields := func() (xAll, x, rAll, r []F) {
					xAll, x = guardedOut[F](m)
					rAll, r = guardedOut[F](m)
					copy(x, x0)
					copy(r, r0)
					return
				}
				wxAll, wx, wrAll, wr := fields()
				gxAll, gx, grAll, gr := fields()
				wp, wq, gp, gq := p, q, p, q
				if alias == "p=x" || alias == "p=x q=r" {
					wp, gp = wx, gx
				}
				if alias == "q=r" || alias == "p=x q=r" {
					wq, gq = wr, gr
				}
				wantAll, want := guardedOut[float64](n * w)
				gotAll, got := guardedOut[float64](n * w)
				kernels.CGUpdateGo(a, wx, wr, wp, wq, want, w, nc)
				kern(a, gx, gr, gp, gq, got, nc)
				bx, br, bp := sameBits(gxAll, wxAll), sameBits(grAll, wrAll), sameBits(gotAll, wantAll)
				if bx+br+bp > 0 {
					t.Errorf("%s W=%d nc=%d %d tiles %q: %d of x, %d of r (guards included), %d of %d partials differ from CGUpdateGo",
						set, w, nc, n, alias, bx, br, bp, len(want))
				}
			}
		}
	}
	mustPanic(t, fmt.Sprintf("%s W=%d CGUpdate with r shorter than x", set, w), func() {
		x := make([]F, 2*3*w)
		kern(a, x, make([]F, len(x)-1), x, make([]F, len(x)), make([]float64, w), 3)
	})
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", what)
		}
	}()
	f()
}

func TestReduceNEON(t *testing.T) {
	t.Run("f64", func(t *testing.T) {
		checkSiteNorm(t, "NEON", arm.NEONLanes64, arm.SiteNormNEON64)
		checkSiteDot(t, "NEON", arm.NEONLanes64, arm.SiteDotNEON64)
		checkCGUpdate(t, "NEON", arm.NEONLanes64, arm.CGUpdateNEON64)
	})
	t.Run("f32", func(t *testing.T) {
		checkSiteNorm(t, "NEON", arm.NEONLanes32, arm.SiteNormNEON32)
		checkSiteDot(t, "NEON", arm.NEONLanes32, arm.SiteDotNEON32)
		checkCGUpdate(t, "NEON", arm.NEONLanes32, arm.CGUpdateNEON32)
	})
}

func TestReduceSVE(t *testing.T) {
	if arm.SVEVectorBits() == 0 {
		t.Skip("this CPU has no SVE (run under qemu-aarch64 -cpu a64fx for the SVE kernels)")
	}
	t.Run("f64", func(t *testing.T) {
		checkSiteNorm(t, "SVE", arm.SVELanes64(), arm.SiteNormSVE64)
		checkSiteDot(t, "SVE", arm.SVELanes64(), arm.SiteDotSVE64)
		checkCGUpdate(t, "SVE", arm.SVELanes64(), arm.CGUpdateSVE64)
	})
	t.Run("f32", func(t *testing.T) {
		checkSiteNorm(t, "SVE", arm.SVELanes32(), arm.SiteNormSVE32)
		checkSiteDot(t, "SVE", arm.SVELanes32(), arm.SiteDotSVE32)
		checkCGUpdate(t, "SVE", arm.SVELanes32(), arm.CGUpdateSVE32)
	})
}

// TestReduceFits: the shapes the kernels take.
func TestReduceFits(t *testing.T) {
	for _, c := range []struct {
		w, nc, nx, nOther, nPart int
		want                     bool
	}{
		{2, 3, 24, 24, 4, true},
		{2, 3, 0, 0, 0, true},
		{2, 3, 24, 23, 4, false},
		{2, 3, 24, 24, 3, false},
		{2, 3, 22, 24, 4, false},
		{2, 0, 24, 24, 4, false},
		{0, 3, 24, 24, 4, false},
	} {
		if got := arm.ReduceFits(c.w, c.nc, c.nx, c.nOther, c.nPart); got != c.want {
			t.Errorf("ReduceFits(%d, %d, %d, %d, %d) = %v, want %v", c.w, c.nc, c.nx, c.nOther, c.nPart, got, c.want)
		}
	}
}
