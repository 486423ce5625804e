package kernels_arm64

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// checkCloverKernel holds a clover kernel of w lanes to its twin for
// several tile counts, with one more tile and NaN guards after the n tiles
// (which must stay untouched), out of place and in place.
func checkCloverKernel[F Float](t *testing.T, name string, w int, kern func(dst, src, clov []F, n int)) {
	rng := rand.New(rand.NewPCG(uint64(w), 23))
	sp, cl := SpinorRows*w, CloverRows*w
	for _, n := range []int{0, 1, 2, 3, 7} {
		what := fmt.Sprintf("%s W=%d on %d tiles", name, w, n)
		src := newGuarded[F](rng, (n+1)*sp, sp)
		clov := newGuarded[F](rng, (n+1)*cl, cl)
		dst := newGuarded[F](rng, (n+1)*sp, sp)
		before := append([]F(nil), dst.body()...)
		want := append([]F(nil), dst.body()...)
		cloverGo(w, want, src.body(), clov.body(), n)
		kern(dst.body(), src.body(), clov.body(), n)
		if d := maxRelDiff(dst.body()[:n*sp], want[:n*sp]); d > tolerance[F]() {
			t.Errorf("%s: max relative difference %.3g from the Go twin (tolerance %.1g)", what, d, tolerance[F]())
		}
		if maxRelDiff(dst.body()[n*sp:], before[n*sp:]) != 0 || !dst.guardsIntact() {
			t.Errorf("%s: wrote beyond the n tiles", what)
		}
		// In place: dst is src.
		kern(src.body(), src.body(), clov.body(), n)
		if d := maxRelDiff(src.body()[:n*sp], want[:n*sp]); d > tolerance[F]() {
			t.Errorf("%s in place: max relative difference %.3g from the Go twin", what, d)
		}
		if !src.guardsIntact() {
			t.Errorf("%s in place: wrote outside src", what)
		}
	}
}

func TestCloverNEON(t *testing.T) {
	checkCloverKernel(t, "NEON float64", NEONLanes64, CloverNEON64)
	checkCloverKernel(t, "NEON float32", NEONLanes32, CloverNEON32)
}

func TestCloverSVE(t *testing.T) {
	skipWithoutSVE(t)
	checkCloverKernel(t, "SVE float64", SVELanes64(), CloverSVE64)
	checkCloverKernel(t, "SVE float32", SVELanes32(), CloverSVE32)
}

// TestSVEVectorLength: the vector length is a multiple of 128 bits
// exactly when SVE is present (0 otherwise).
func TestSVEVectorLength(t *testing.T) {
	b := SVEVectorBits()
	if b%128 != 0 || b > 2048 || SVELanes64() != b/64 || SVELanes32() != b/32 {
		t.Errorf("SVEVectorBits() = %d, lanes %d/%d: want 0 or a multiple of 128 up to 2048", b, SVELanes64(), SVELanes32())
	}
	t.Logf("SVE vector length %d bits", b)
}
