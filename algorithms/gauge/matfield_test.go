package gauge

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMulTiles3MatchesM3: the dispatched SU(3) kernel gives the same bits
// as the sun.M3 path, for W = 1, 2, 4, 8, the four op combinations, set and
// add, on tiles [1, 5) of 6 (the others must stay untouched).
func TestMulTiles3MatchesM3(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, w := range []int{1, 2, 4, 8} {
		n := 6 * 18 * w
		a, b, d0 := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			a[i], b[i], d0[i] = rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()
		}
		for _, opA := range []Op{Plain, Dag} {
			for _, opB := range []Op{Plain, Dag} {
				for _, add := range []bool{false, true} {
					got, want := append([]float64(nil), d0...), append([]float64(nil), d0...)
					mulTiles3(w, got, a, b, opA, opB, add, 1, 5)
					mulTiles3Sites(w, want, a, b, opA, opB, add, 1, 5)
					for i := range got {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
							t.Fatalf("W=%d opA=%v opB=%v add=%v: element %d is %v, the M3 path gives %v",
								w, opA, opB, add, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}
