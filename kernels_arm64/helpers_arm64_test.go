package kernels_arm64

import (
	"math"
	"math/rand/v2"
	"testing"
)

// guarded is a slice of n reals between two runs of NaN guard cells:
// kernels get body(), and guardsIntact says whether they wrote outside it.
type guarded[F Float] struct {
	all  []F
	n, g int
}

func newGuarded[F Float](rng *rand.Rand, n, g int) guarded[F] {
	all := make([]F, n+2*g)
	for i := range all {
		if i < g || i >= g+n {
			all[i] = F(math.NaN())
		} else {
			all[i] = F(rng.Float64()*2 - 1)
		}
	}
	return guarded[F]{all: all, n: n, g: g}
}

func (s guarded[F]) body() []F { return s.all[s.g : s.g+s.n : s.g+s.n] }

// guardsIntact reports whether every guard cell is still NaN.
func (s guarded[F]) guardsIntact() bool {
	for i, v := range s.all {
		if (i < s.g || i >= s.g+s.n) && v == v {
			return false
		}
	}
	return true
}

// maxRelDiff is max |a-b| / max |b|; NaN anywhere gives +Inf.
func maxRelDiff[F Float](a, b []F) float64 {
	var num, den float64
	for i := range b {
		x, y := float64(a[i]), float64(b[i])
		if math.IsNaN(x) || math.IsNaN(y) {
			return math.Inf(1)
		}
		num = math.Max(num, math.Abs(x-y))
		den = math.Max(den, math.Abs(y))
	}
	if den == 0 {
		return num
	}
	return num / den
}

// tolerance is the relative difference allowed between an assembly kernel
// and its twin: none. The kernels perform the twin's operations in its
// order (fused multiply-adds where the twin fuses them, math.FMA or the
// arm64 compiler's fusing of a multiply-add statement), so the bits agree.
func tolerance[F Float]() float64 { return 0 }

func skipWithoutSVE(t *testing.T) {
	t.Helper()
	if SVEVectorBits() == 0 {
		t.Skip("this CPU has no SVE (run under qemu-aarch64 -cpu a64fx for the SVE kernels)")
	}
}
