//go:build amd64 && !noasm

package kernels_amd64_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	asm "github.com/goqcd/goqcd/kernels_amd64"
)

// TestWilsonForceConformance: the force kernel of every set and W against
// kernels.WilsonForceGo for every direction, on random tiles, with f
// between NaN guards: the same bits (every product is rounded on its own
// in both, so no GOAMD64 level changes that).
func TestWilsonForceConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		for _, w := range asm.CloverLanes(isa, 64) {
			t.Run(fmt.Sprintf("%s/W=%d", isa, w), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(w), 17))
				for mu := range 4 {
					for rep := range 3 {
						link := randSlice[float64](rng, 18*w)
						a, b := randSlice[float64](rng, 24*w), randSlice[float64](rng, 24*w)
						as, bs := randSlice[float64](rng, 24*w), randSlice[float64](rng, 24*w)
						f0 := randSlice[float64](rng, 18*w)
						c := rng.NormFloat64()
						wantBuf, want := guarded[float64](18 * w)
						gotBuf, got := guarded[float64](18 * w)
						copy(want, f0)
						copy(got, f0)
						kernels.WilsonForceGo(want, link, a, b, as, bs, w, mu, c)
						if !asm.WilsonForce64(isa, got, link, a, b, as, bs, w, mu, c) {
							t.Fatalf("mu=%d: refused", mu)
						}
						if bad, rel := sameBits(gotBuf, wantBuf, 0); bad > 0 {
							t.Errorf("mu=%d rep %d: %d of %d numbers differ from the twin (max relative %.3g)", mu, rep, bad, len(wantBuf), rel)
						}
					}
				}
				f, s := make([]float64, 18*w), make([]float64, 24*w)
				if asm.WilsonForce64(isa, f[:18*w-1], f, s, s, s, s, w, 0, 1) {
					t.Error("ran with a short f")
				}
				if asm.WilsonForce64(isa, f, f, s, s, s[:24*w-1], s, w, 0, 1) {
					t.Error("ran with a short spinor")
				}
				if asm.WilsonForce64(isa, f, f, s, s, s, s, w, 4, 1) {
					t.Error("ran with mu = 4")
				}
			})
		}
		if asm.WilsonForce64(isa, nil, nil, nil, nil, nil, nil, 3, 0, 1) {
			t.Errorf("%s: WilsonForce64 accepted W = 3", isa)
		}
	}
}
