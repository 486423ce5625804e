package dirac

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// TestApplyGamma5 checks ApplyGamma5 against gamma5 = diag(1, 1, -1, -1)
// component by component, bit for bit (signed zeros and NaNs included),
// in both precisions, W = 1 and 8, one and two threads, into another field
// and in place.
func TestApplyGamma5(t *testing.T) {
	for _, w := range []int{1, 8} {
		for _, threads := range []int{1, 2} {
			l, err := layout.New(comm.Local(), [layout.Nd]int{4, 4, 4, 8}, layout.Options{W: w, Threads: threads})
			if err != nil {
				t.Fatal(err)
			}
			checkGamma5[float64](t, l)
			checkGamma5[float32](t, l)
		}
	}
}

func checkGamma5[F layout.Float](t *testing.T, l *layout.Layout) {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, uint64(l.W)))
	src := NewSpinor[F](l, layout.Full)
	for i := range src.Data {
		src.Data[i] = F(rng.NormFloat64())
	}
	src.Data[3], src.Data[len(src.Data)-1] = F(math.Copysign(0, -1)), F(math.NaN())
	want := make([]F, len(src.Data))
	for tile := range l.NTiles {
		for c := range SpinorNC {
			for ri := range 2 {
				for lane := range l.W {
					k := ((tile*SpinorNC+c)*2+ri)*l.W + lane
					want[k] = src.Data[k]
					if c >= 6 {
						want[k] = -src.Data[k]
					}
				}
			}
		}
	}
	same := func(got []F, how string) {
		for k := range got {
			if math.Float64bits(float64(got[k])) != math.Float64bits(float64(want[k])) {
				t.Fatalf("W=%d threads=%d %s: element %d = %v, want %v", l.W, l.Threads(), how, k, got[k], want[k])
			}
		}
	}
	dst := NewSpinor[F](l, layout.Full)
	if err := ApplyGamma5(dst, src); err != nil {
		t.Fatal(err)
	}
	same(dst.Data, "into another field")
	if err := ApplyGamma5(src, src); err != nil {
		t.Fatal(err)
	}
	same(src.Data, "in place")
}
