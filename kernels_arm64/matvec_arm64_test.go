package kernels_arm64_test

// An external test package, as su3mat_arm64_test.go: it holds the colour
// matrix-vector kernels to their reference kernels.SU3MulAddVec (dag
// false) itself, bit for bit.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/goqcd/goqcd/kernels"
	arm "github.com/goqcd/goqcd/kernels_arm64"
)

// matVecGuard is the number of NaN cells on either side of dst.
const matVecGuard = 32

type matVecKernel[F float32 | float64] func(dst, u, v []F, w int, s F) bool

// matVecScales are the factors s under test: +-1 (the staggered phases),
// 0, and non-trivial ones; each rep also takes a random one.
var matVecScales = []float64{1, -1, 0.37, -2.5, 0}

// checkMatVec holds a colour matrix-vector kernel of w lanes to
// kernels.SU3MulAddVec (dag false), bit for bit, on several random tiles
// and factors s, with dst between NaN guard cells, and checks its
// refusals (short operands, other W), which must leave dst alone.
func checkMatVec[F float32 | float64](t *testing.T, set string, w int, kern matVecKernel[F]) {
	rng := rand.New(rand.NewPCG(uint64(w), 73))
	for rep := range 4 {
		for k, sf := range append(matVecScales, rng.NormFloat64()) {
			s := F(sf)
			what := fmt.Sprintf("%s float%d W=%d rep %d s=%v", set, 8*bitsSize[F](), w, rep, s)
			u, v, d0 := matVecRand[F](rng, 18*w), matVecRand[F](rng, 6*w), matVecRand[F](rng, 6*w)
			if k == 0 && rep == 3 {
				// large and tiny magnitudes: products that round far from
				// their fused versions
				for i := range u {
					u[i] *= F(math.Ldexp(1, 20*(i%3-1)))
				}
			}
			want := append([]F(nil), d0...)
			kernels.SU3MulAddVec(want, u, v, w, s, false)
			all := make([]F, 6*w+2*matVecGuard)
			for i := range all {
				all[i] = F(math.NaN())
			}
			got := all[matVecGuard : matVecGuard+6*w : matVecGuard+6*w]
			copy(got, d0)
			if !kern(got, u, v, w, s) {
				t.Fatalf("%s: refused", what)
			}
			for i := range got {
				if matVecBits(got[i]) != matVecBits(want[i]) {
					t.Fatalf("%s: dst[%d] = %v (%#x), SU3MulAddVec gives %v (%#x)",
						what, i, got[i], matVecBits(got[i]), want[i], matVecBits(want[i]))
				}
			}
			for i, x := range all {
				if (i < matVecGuard || i >= matVecGuard+6*w) && x == x {
					t.Fatalf("%s: wrote the guard cell %d", what, i-matVecGuard)
				}
			}
		}
	}
	u0, v0, d0 := matVecRand[F](rng, 18*w), matVecRand[F](rng, 6*w), matVecRand[F](rng, 6*w)
	for _, bad := range []struct {
		name          string
		w, nd, nu, nv int
	}{
		{"a short dst", w, 6*w - 1, 18 * w, 6 * w},
		{"a short u", w, 6 * w, 18*w - 1, 6 * w},
		{"a short v", w, 6 * w, 18 * w, 6*w - 1},
		{"empty operands", w, 0, 0, 0},
		{"W = 0", 0, 6 * w, 18 * w, 6 * w},
		{"W - 1", w - 1, 6 * w, 18 * w, 6 * w},
		{"W + 1", w + 1, 6 * (w + 1), 18 * (w + 1), 6 * (w + 1)},
		{"2 W", 2 * w, 12 * w, 36 * w, 12 * w},
	} {
		d := make([]F, max(bad.nd, 6*w))
		copy(d, d0)
		u := make([]F, max(bad.nu, 18*w))
		copy(u, u0)
		v := make([]F, max(bad.nv, 6*w))
		copy(v, v0)
		if kern(d[:bad.nd], u[:bad.nu], v[:bad.nv], bad.w, 1) {
			t.Errorf("%s W=%d: ran with %s", set, w, bad.name)
		}
		for i := range d0 {
			if matVecBits(d[i]) != matVecBits(d0[i]) {
				t.Errorf("%s W=%d: refused %s but changed dst[%d]", set, w, bad.name, i)
				break
			}
		}
	}
}

func matVecRand[F float32 | float64](rng *rand.Rand, n int) []F {
	s := make([]F, n)
	for i := range s {
		s[i] = F(rng.NormFloat64())
	}
	return s
}

// matVecBits are the bits of x (float32 widened exactly, so equal bits
// are equal float32 bits).
func matVecBits[F float32 | float64](x F) uint64 {
	if bitsSize[F]() == 4 {
		return uint64(math.Float32bits(float32(x)))
	}
	return math.Float64bits(float64(x))
}

// bitsSize is the size of F in bytes.
func bitsSize[F float32 | float64]() int {
	var x F
	return int(unsafe.Sizeof(x))
}

func TestMatVecAddNEON(t *testing.T) {
	checkMatVec(t, "NEON", arm.NEONLanes64, arm.MatVecAddNEON64)
	checkMatVec(t, "NEON", arm.NEONLanes32, arm.MatVecAddNEON32)
}

func TestMatVecAddSVE(t *testing.T) {
	if arm.SVEVectorBits() == 0 {
		d, u := make([]float64, 6*16), make([]float64, 18*16)
		d32, u32 := make([]float32, 6*16), make([]float32, 18*16)
		for _, w := range []int{0, 1, 2, 4, 8, 16} {
			if arm.MatVecAddSVE64(d[:6*w], u[:18*w], d[:6*w], w, 1) || arm.MatVecAddSVE32(d32[:6*w], u32[:18*w], d32[:6*w], w, 1) {
				t.Errorf("MatVecAddSVE64/32 ran with W = %d on a CPU without SVE", w)
			}
		}
		t.Skip("this CPU has no SVE (run under qemu-aarch64 -cpu a64fx for the SVE kernels)")
	}
	t.Logf("SVE vector length %d bits: W = %d / %d", arm.SVEVectorBits(), arm.SVELanes64(), arm.SVELanes32())
	if w := arm.SVELanes64(); w > kernels.MaxLanes {
		d, u := make([]float64, 6*w), make([]float64, 18*w)
		if arm.MatVecAddSVE64(d, u, d, w, 1) {
			t.Errorf("MatVecAddSVE64 ran with W = %d > kernels.MaxLanes", w)
		}
	} else {
		checkMatVec(t, "SVE", w, arm.MatVecAddSVE64)
	}
	if w := arm.SVELanes32(); w > kernels.MaxLanes {
		d, u := make([]float32, 6*w), make([]float32, 18*w)
		if arm.MatVecAddSVE32(d, u, d, w, 1) {
			t.Errorf("MatVecAddSVE32 ran with W = %d > kernels.MaxLanes", w)
		}
	} else {
		checkMatVec(t, "SVE", w, arm.MatVecAddSVE32)
	}
}
