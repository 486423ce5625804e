//go:build amd64 && !noasm

package kernels_amd64_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	asm "github.com/goqcd/goqcd/kernels_amd64"
)

// The reduction kernels and the CG update against their twins
// (kernels.SiteNormGo, SiteDotGo, CGUpdateGo), for every set and W with a
// kernel: random data, several tile counts (0, 1, a few, and past one
// assembly chunk), nc = 1, 3 and 12, the partials and the updated fields
// between NaN guard cells. Every twin converts its products explicitly, so
// the Go compiler never fuses them and the tolerance is zero on every
// GOAMD64 level.

// redNCs are the components per site under test: one complex number, a
// colour vector, a spinor.
var redNCs = []int{1, 3, 12}

// redTiles are the tile counts under test for nc components (the last one
// past the chunk of one assembly call).
func redTiles(nc int) []int { return []int{0, 1, 3, 17, 1<<14/nc + 5} }

func checkSiteNorm[F float32 | float64](t *testing.T, isa asm.ISA, w int,
	run func(asm.ISA, []float64, []F, int, int) bool) {
	rng := rand.New(rand.NewPCG(uint64(w), 7))
	for _, nc := range redNCs {
		for _, n := range redTiles(nc) {
			x := randSlice[F](rng, n*2*nc*w)
			wantBuf, want := guarded[float64](n * w)
			gotBuf, got := guarded[float64](n * w)
			kernels.SiteNormGo(want, x, w, nc)
			if !run(isa, got, x, w, nc) {
				t.Fatalf("%s W=%d nc=%d n=%d: refused", isa, w, nc, n)
			}
			if bad, _ := sameBits(gotBuf, wantBuf, 0); bad > 0 {
				t.Errorf("%s W=%d nc=%d n=%d: %d of %d partials differ from SiteNormGo", isa, w, nc, n, bad, len(want))
			}
		}
	}
	if run(isa, make([]float64, 4*w), make([]F, 2*3*w+2), w, 3) {
		t.Errorf("%s W=%d: SiteNorm ran on a partial tile", isa, w)
	}
	if run(isa, make([]float64, w-1), make([]F, 2*3*w), w, 3) {
		t.Errorf("%s W=%d: SiteNorm ran with too few partials", isa, w)
	}
	if run(isa, make([]float64, w), make([]F, 2*w), w, 0) {
		t.Errorf("%s W=%d: SiteNorm ran with nc = 0", isa, w)
	}
}

func checkSiteDot[F float32 | float64](t *testing.T, isa asm.ISA, w int,
	run func(asm.ISA, []float64, []float64, []F, []F, int, int) bool) {
	rng := rand.New(rand.NewPCG(uint64(w), 8))
	for _, nc := range redNCs {
		for _, n := range redTiles(nc) {
			x := randSlice[F](rng, n*2*nc*w)
			y := randSlice[F](rng, n*2*nc*w)
			for _, alias := range []bool{false, true} {
				if alias {
					y = x
				}
				wrBuf, wr := guarded[float64](n * w)
				wiBuf, wi := guarded[float64](n * w)
				grBuf, gr := guarded[float64](n * w)
				giBuf, gi := guarded[float64](n * w)
				kernels.SiteDotGo(wr, wi, x, y, w, nc)
				if !run(isa, gr, gi, x, y, w, nc) {
					t.Fatalf("%s W=%d nc=%d n=%d: refused", isa, w, nc, n)
				}
				badR, _ := sameBits(grBuf, wrBuf, 0)
				badI, _ := sameBits(giBuf, wiBuf, 0)
				if badR+badI > 0 {
					t.Errorf("%s W=%d nc=%d n=%d x=y %v: %d real and %d imaginary partials of %d differ from SiteDotGo",
						isa, w, nc, n, alias, badR, badI, len(wr))
				}
			}
		}
	}
	if run(isa, make([]float64, w), make([]float64, w), make([]F, 2*3*w), make([]F, 2*3*w-1), w, 3) {
		t.Errorf("%s W=%d: SiteDot ran with y shorter than x", isa, w)
	}
}

func checkCGUpdate[F float32 | float64](t *testing.T, isa asm.ISA, w int,
	run func(asm.ISA, F, []F, []F, []F, []F, []float64, int, int) bool) {
	rng := rand.New(rand.NewPCG(uint64(w), 9))
	a := F(0.3 + rng.Float64())
	for _, nc := range redNCs {
		for _, n := range redTiles(nc) {
			m := n * 2 * nc * w
			x0, r0 := randSlice[F](rng, m), randSlice[F](rng, m)
			p, q := randSlice[F](rng, m), randSlice[F](rng, m)
			for _, alias := range []string{"", "p=x", "q=r"} {
				// each run gets fresh guarded x and r
				fields := func() (xb, x, rb, r []F) {
					xb, x = guarded[F](m)
					rb, r = guarded[F](m)
					copy(x, x0)
					copy(r, r0)
					return
				}
				wxb, wx, wrb, wr := fields()
				gxb, gx, grb, gr := fields()
				wp, wq, gp, gq := p, q, p, q
				switch alias {
				case "p=x":
					wp, gp = wx, gx
				case "q=r":
					wq, gq = wr, gr
				}
				wantBuf, want := guarded[float64](n * w)
				gotBuf, got := guarded[float64](n * w)
				kernels.CGUpdateGo(a, wx, wr, wp, wq, want, w, nc)
				if !run(isa, a, gx, gr, gp, gq, got, w, nc) {
					t.Fatalf("%s W=%d nc=%d n=%d: refused", isa, w, nc, n)
				}
				bx, _ := sameBits(gxb, wxb, 0)
				br, _ := sameBits(grb, wrb, 0)
				bp, _ := sameBits(gotBuf, wantBuf, 0)
				if bx+br+bp > 0 {
					t.Errorf("%s W=%d nc=%d n=%d %s: %d of x, %d of r, %d of %d partials differ from CGUpdateGo",
						isa, w, nc, n, alias, bx, br, bp, len(want))
				}
			}
		}
	}
	x := make([]F, 2*3*w)
	if run(isa, a, x, x[:len(x)-1], x, x, make([]float64, w), w, 3) {
		t.Errorf("%s W=%d: CGUpdate ran with r shorter than x", isa, w)
	}
}

// TestReduceConformance: the reductions and the CG update of every set
// (the exact and the fused ones run the same kernels) give the twins'
// bits at every W with a kernel.
func TestReduceConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		for _, w := range asm.CloverLanes(isa, 64) {
			t.Run(fmt.Sprintf("%s/f64/W=%d", isa, w), func(t *testing.T) {
				checkSiteNorm(t, isa, w, asm.SiteNorm64)
				checkSiteDot(t, isa, w, asm.SiteDot64)
				checkCGUpdate(t, isa, w, asm.CGUpdate64)
			})
		}
		for _, w := range asm.CloverLanes(isa, 32) {
			t.Run(fmt.Sprintf("%s/f32/W=%d", isa, w), func(t *testing.T) {
				checkSiteNorm(t, isa, w, asm.SiteNorm32)
				checkSiteDot(t, isa, w, asm.SiteDot32)
				checkCGUpdate(t, isa, w, asm.CGUpdate32)
			})
		}
		if asm.SiteNorm64(isa, make([]float64, 3), make([]float64, 6), 3, 1) {
			t.Errorf("%s: SiteNorm64 ran with W = 3", isa)
		}
	}
}

// TestReduceInstalled: the dispatched reductions of package kernels give
// the twins' bits for each amd64 set, at its W and at W = 1 (the
// fallback).
func TestReduceInstalled(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	forEachAmd64Set(t, func(name string, set kernels.Set) {
		for _, w := range []int{set.W64, 1} {
			const nc, n = 12, 9
			x, y := randSlice[float64](rng, n*2*nc*w), randSlice[float64](rng, n*2*nc*w)
			got, want := make([]float64, n*w), make([]float64, n*w)
			gi, wi := make([]float64, n*w), make([]float64, n*w)
			kernels.SiteNorm64(got, x, w, nc)
			kernels.SiteNormGo(want, x, w, nc)
			if !slices.Equal(got, want) {
				t.Errorf("%s W=%d: dispatched SiteNorm64 differs from SiteNormGo", name, w)
			}
			kernels.SiteDot64(got, gi, x, y, w, nc)
			kernels.SiteDotGo(want, wi, x, y, w, nc)
			if !slices.Equal(got, want) || !slices.Equal(gi, wi) {
				t.Errorf("%s W=%d: dispatched SiteDot64 differs from SiteDotGo", name, w)
			}
			p, q := randSlice[float64](rng, len(x)), randSlice[float64](rng, len(x))
			gx, gr := slices.Clone(x), slices.Clone(y)
			kernels.CGUpdate64(0.7, gx, gr, p, q, got, w, nc)
			kernels.CGUpdateGo(0.7, x, y, p, q, want, w, nc)
			if !slices.Equal(got, want) || !slices.Equal(gx, x) || !slices.Equal(gr, y) {
				t.Errorf("%s W=%d: dispatched CGUpdate64 differs from CGUpdateGo", name, w)
			}
		}
	})
}
