package gauge

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/algorithms/sun"
)

// TestExpTimes3: u = exp(eps x) u by tiles gives the bits of the site by
// site sun.M3 path, for W = 1, 2, 4, 8, with x traceless anti-Hermitian of
// sizes on both sides of Exp3's switch between series and closed form.
func TestExpTimes3(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, w := range []int{1, 2, 4, 8} {
		l := newLayout(t, [4]int{4, 4, 4, 4}, w)
		u := hot(t, l, 3, 9).U[1]
		x := NewMatField(l, 3)
		for tile := range l.NTiles {
			for lane := range w {
				var m, ta sun.M3
				for e := range m {
					m[e] = complex(rng.NormFloat64(), rng.NormFloat64()) * complex(float64(1+lane%3), 0)
				}
				ta.TracelessAntiHermitian(&m)
				storeM3(x, tile, lane, &ta)
			}
		}
		want := u.Clone()
		const eps = 0.3
		for tile := range l.NTiles {
			for lane := range w {
				var m, v sun.M3
				loadM3(x, tile, lane, &m)
				loadM3(want, tile, lane, &v)
				m.ScaleReal(eps, &m)
				e := sun.Exp3(&m)
				var r sun.M3
				r.Mul(&e, &v)
				storeM3(want, tile, lane, &r)
			}
		}
		if err := ExpTimes3(u, x, eps); err != nil {
			t.Fatal(err)
		}
		for i := range u.Data {
			if math.Float64bits(u.Data[i]) != math.Float64bits(want.Data[i]) {
				t.Fatalf("W=%d: element %d is %v, the site path gives %v", w, i, u.Data[i], want.Data[i])
			}
		}
		if err := ExpTimes3(u, NewMatField(l, 2), eps); err == nil {
			t.Fatalf("W=%d: an SU(2) algebra field was accepted", w)
		}
	}
}
