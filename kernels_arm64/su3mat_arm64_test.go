package kernels_arm64_test

// An external test package: it holds the SU(3) kernels to their reference
// kernels.SU3MulGo itself (package kernels imports kernels_arm64, so the
// internal tests cannot import it).

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/kernels"
	arm "github.com/goqcd/goqcd/kernels_arm64"
)

// su3Guard is the number of NaN cells on either side of dst.
const su3Guard = 64

// checkSU3Mul holds an SU(3) kernel of w lanes to kernels.SU3MulGo, bit
// for bit, for the eight variants on several tile counts (odd ones, and
// more than one assembly call takes), with NaN guards around dst and a
// tail of dst beyond a's length that must stay untouched.
func checkSU3Mul(t *testing.T, set string, w int, kern func(dst, a, b []float64, opA, opB, add bool)) {
	rng := rand.New(rand.NewPCG(uint64(w), 53))
	size := 18 * w
	for _, nt := range []int{0, 1, 2, 3, 7, 1<<12 + 3} {
		n := nt * size
		a, b := randReals(rng, n), randReals(rng, n+size)
		d0 := randReals(rng, n+size)
		for v := range 8 {
			opA, opB, add := v&4 != 0, v&2 != 0, v&1 != 0
			what := fmt.Sprintf("%s W=%d %d tiles opA=%v opB=%v add=%v", set, w, nt, opA, opB, add)
			want := append([]float64(nil), d0...)
			kernels.SU3MulGo(want, a, b, w, opA, opB, add)
			all := make([]float64, n+size+2*su3Guard)
			for i := range all {
				all[i] = math.NaN()
			}
			got := all[su3Guard : su3Guard+n+size]
			copy(got, d0)
			kern(got, a, b, opA, opB, add)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%s: dst[%d] = %v (%#x), SU3MulGo gives %v (%#x)",
						what, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
				}
			}
			for i, x := range all {
				if (i < su3Guard || i >= su3Guard+n+size) && !math.IsNaN(x) {
					t.Fatalf("%s: wrote the guard cell %d", what, i-su3Guard)
				}
			}
		}
	}
	for _, bad := range []struct {
		name       string
		na, nb, nd int
	}{{"a partial tile", size + 1, 2 * size, 2 * size}, {"a short b", 2 * size, size, 2 * size}, {"a short dst", 2 * size, 2 * size, size}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s W=%d: no panic on %s", set, w, bad.name)
				}
			}()
			kern(make([]float64, bad.nd), make([]float64, bad.na), make([]float64, bad.nb), false, false, false)
		}()
	}
}

// randReals returns n normal random reals.
func randReals(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = rng.NormFloat64()
	}
	return s
}

func TestSU3MulNEON(t *testing.T) {
	checkSU3Mul(t, "NEON", arm.NEONLanes64, arm.SU3MulNEON64)
}

func TestSU3MulSVE(t *testing.T) {
	if arm.SVEVectorBits() == 0 {
		t.Skip("this CPU has no SVE (run under qemu-aarch64 -cpu a64fx for the SVE kernels)")
	}
	checkSU3Mul(t, "SVE", arm.SVELanes64(), arm.SU3MulSVE64)
}
