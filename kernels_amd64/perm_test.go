//go:build amd64 && !noasm

package kernels_amd64_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	asm "github.com/goqcd/goqcd/kernels_amd64"
)

// TestPermuteRowsConformance: the row permutation of every set and W
// against kernels.PermuteRowsGo, float64 and float32, random permutations
// (the identity and repeated lanes among them) on 1, 6 and 24 rows, out
// between NaN guards; and the refusals. kernels' TestPermuteRows holds the
// installed kernels, with the indices kernels.LanePerm prepares, to it.
func TestPermuteRowsConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		for _, w := range asm.CloverLanes(isa, 64) {
			t.Run(fmt.Sprintf("%s/f64/W=%d", isa, w), func(t *testing.T) { checkPermute[float64](t, isa, w) })
		}
		for _, w := range asm.CloverLanes(isa, 32) {
			t.Run(fmt.Sprintf("%s/f32/W=%d", isa, w), func(t *testing.T) { checkPermute[float32](t, isa, w) })
		}
	}
}

// permuteAsm runs the kernel of isa with the element indices of perm, as
// kernels.LanePerm prepares them.
func permuteAsm[F float32 | float64](isa asm.ISA, out, in []F, perm []int, w int) bool {
	var idx [16]uint32
	switch o := any(out).(type) {
	case []float64:
		for l, q := range perm {
			idx[2*l], idx[2*l+1] = uint32(2*q), uint32(2*q+1)
		}
		return asm.PermuteRows64(isa, o, any(in).([]float64), &idx, w)
	case []float32:
		for l, q := range perm {
			idx[l] = uint32(q)
		}
		return asm.PermuteRows32(isa, o, any(in).([]float32), &idx, w)
	}
	return false
}

func checkPermute[F float32 | float64](t *testing.T, isa asm.ISA, w int) {
	rng := rand.New(rand.NewPCG(uint64(w), 29))
	perms := [][]int{make([]int, w), rng.Perm(w), rng.Perm(w), make([]int, w)}
	for l := range w {
		perms[0][l] = l       // identity
		perms[3][l] = (l / 2) // repeated lanes
	}
	for _, rows := range []int{1, 6, 24} {
		for _, perm := range perms {
			in := randSlice[F](rng, rows*w)
			wantBuf, want := guarded[F](rows * w)
			gotBuf, got := guarded[F](rows * w)
			p, err := kernels.NewLanePerm(perm)
			if err != nil {
				t.Fatal(err)
			}
			kernels.PermuteRowsGo(want, in, p)
			if !permuteAsm(isa, got, in, perm, w) {
				t.Fatalf("rows=%d perm=%v: refused", rows, perm)
			}
			if bad, _ := sameBits(gotBuf, wantBuf, 0); bad > 0 {
				t.Errorf("rows=%d perm=%v: %d numbers differ from the twin", rows, perm, bad)
			}
		}
	}
	in, out := make([]F, 6*w), make([]F, 6*w)
	id := perms[0]
	for what, ok := range map[string]bool{
		"a partial row": permuteAsm(isa, out, in[:6*w-1], id, w),
		"a short out":   permuteAsm(isa, out[:5*w], in, id, w),
		"W = 3":         permuteAsm(isa, out, in[:6], []int{0, 1, 2}, 3),
	} {
		if ok {
			t.Errorf("ran with %s", what)
		}
	}
}
