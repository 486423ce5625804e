//go:build amd64 && !noasm

package kernels_amd64_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	asm "github.com/goqcd/goqcd/kernels_amd64"
)

// TestMatVecAddConformance: the colour matrix-vector kernel of every set
// and W against kernels.SU3MulAddVec, float64 and float32, with dst between
// NaN guards: the same bits.
func TestMatVecAddConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		for _, w := range asm.CloverLanes(isa, 64) {
			t.Run(fmt.Sprintf("%s/f64/W=%d", isa, w), func(t *testing.T) { checkMatVec[float64](t, isa, w) })
		}
		for _, w := range asm.CloverLanes(isa, 32) {
			t.Run(fmt.Sprintf("%s/f32/W=%d", isa, w), func(t *testing.T) { checkMatVec[float32](t, isa, w) })
		}
	}
}

func checkMatVec[F float32 | float64](t *testing.T, isa asm.ISA, w int) {
	rng := rand.New(rand.NewPCG(uint64(w), 23))
	for rep := range 4 {
		u, v, d0 := randSlice[F](rng, 18*w), randSlice[F](rng, 6*w), randSlice[F](rng, 6*w)
		s := F([]float64{1, -1, 0.37, -2.5}[rep])
		wantBuf, want := guarded[F](6 * w)
		gotBuf, got := guarded[F](6 * w)
		copy(want, d0)
		copy(got, d0)
		kernels.SU3MulAddVec(want, u, v, w, s, false)
		var ok bool
		switch g := any(got).(type) {
		case []float64:
			ok = asm.MatVecAdd64(isa, g, any(u).([]float64), any(v).([]float64), w, float64(s))
		case []float32:
			ok = asm.MatVecAdd32(isa, g, any(u).([]float32), any(v).([]float32), w, float32(s))
		}
		if !ok {
			t.Fatal("refused")
		}
		if bad, rel := sameBits(gotBuf, wantBuf, 0); bad > 0 {
			t.Errorf("s=%v: %d of %d numbers differ from the twin (max relative %.3g)", s, bad, len(wantBuf), rel)
		}
	}
	switch d := any(make([]F, 6*w)).(type) {
	case []float64:
		if asm.MatVecAdd64(isa, d[:6*w-1], make([]float64, 18*w), d, w, 1) || asm.MatVecAdd64(isa, d, make([]float64, 18*w-1), d, w, 1) {
			t.Error("ran with a short operand")
		}
	case []float32:
		if asm.MatVecAdd32(isa, d[:6*w-1], make([]float32, 18*w), d, w, 1) || asm.MatVecAdd32(isa, d, make([]float32, 18*w-1), d, w, 1) {
			t.Error("ran with a short operand")
		}
	}
}
