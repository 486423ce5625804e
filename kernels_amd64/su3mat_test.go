//go:build amd64 && !noasm

package kernels_amd64_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	asm "github.com/goqcd/goqcd/kernels_amd64"
)

// checkSU3Mul runs the SU(3) product of isa at w lanes against
// kernels.SU3MulGo for the four op combinations, setting and adding, on
// more tiles than one assembly call takes, with dst between NaN guards:
// the results must be the same bits (but for GOAMD64=v3, see tolerance).
func checkSU3Mul(t *testing.T, isa asm.ISA, w int) {
	rng := rand.New(rand.NewPCG(uint64(w), 7))
	n := 18 * w * (1<<12 + 3)
	a, b := randSlice[float64](rng, n), randSlice[float64](rng, n)
	d0 := randSlice[float64](rng, n)
	for _, opA := range []bool{false, true} {
		for _, opB := range []bool{false, true} {
			for _, add := range []bool{false, true} {
				name := fmt.Sprintf("%s W=%d opA=%v opB=%v add=%v", isa, w, opA, opB, add)
				wantBuf, want := guarded[float64](n)
				gotBuf, got := guarded[float64](n)
				if add {
					copy(want, d0)
					copy(got, d0)
				}
				kernels.SU3MulGo(want, a, b, w, opA, opB, add)
				if !asm.SU3Mul64(isa, got, a, b, w, opA, opB, add) {
					t.Fatalf("%s: refused", name)
				}
				if bad, rel := sameBits(gotBuf, wantBuf, 0); bad > 0 {
					t.Errorf("%s: %d of %d numbers differ from the twin (max relative %.3g)", name, bad, len(wantBuf), rel)
				}
			}
		}
	}
	if asm.SU3Mul64(isa, d0, a[:18*w+1], b, w, false, false, false) {
		t.Errorf("%s W=%d: SU3Mul64 ran on a partial tile", isa, w)
	}
	if asm.SU3Mul64(isa, d0[:18*w], a[:36*w], b, w, false, false, false) {
		t.Errorf("%s W=%d: SU3Mul64 ran with a short dst", isa, w)
	}
}

// TestSU3MulConformance: the SU(3) product of every set and W against its
// twin (exact kernels, the same bits; the fused sets share them).
func TestSU3MulConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		for _, w := range asm.CloverLanes(isa, 64) {
			t.Run(fmt.Sprintf("%s/W=%d", isa, w), func(t *testing.T) { checkSU3Mul(t, isa, w) })
		}
		if asm.SU3Mul64(isa, nil, nil, nil, 3, false, false, false) {
			t.Errorf("%s: SU3Mul64 accepted W = 3", isa)
		}
	}
}
