package kernels

import (
	"math/rand/v2"
	"testing"
)

// TestAxpyXpay checks the element-wise kernels (dispatched: the selected
// set's) against complex arithmetic, for several W, with x = y too.
func TestAxpyXpay(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	a := complex(0.7, -0.4)
	for _, w := range []int{1, 2, 4, 8, 16} {
		n := 2 * w * 13
		x, y := randSlice(rng, n), randSlice(rng, n)
		at := func(s []float64, b, k int) complex128 { return complex(s[b*2*w+k], s[b*2*w+w+k]) }
		wantAxpy, wantXpay, wantSame := make([]complex128, n/2), make([]complex128, n/2), make([]complex128, n/2)
		for b := range n / (2 * w) {
			for k := range w {
				wantAxpy[b*w+k] = a*at(x, b, k) + at(y, b, k)
				wantXpay[b*w+k] = at(x, b, k) + a*at(y, b, k)
				wantSame[b*w+k] = a*at(x, b, k) + at(x, b, k)
			}
		}
		check := func(name string, got []float64, want []complex128) {
			var worst float64
			for b := range n / (2 * w) {
				for k := range w {
					d := at(got, b, k) - want[b*w+k]
					worst = max(worst, real(d)*real(d)+imag(d)*imag(d))
				}
			}
			if worst > 1e-28 {
				t.Errorf("W=%d %s: squared deviation %.3g from complex arithmetic", w, name, worst)
			}
		}
		ya := append([]float64(nil), y...)
		Axpy64(real(a), imag(a), x, ya, w)
		check("axpy", ya, wantAxpy)
		yx := append([]float64(nil), y...)
		Xpay64(x, real(a), imag(a), yx, w)
		check("xpay", yx, wantXpay)
		xs := append([]float64(nil), x...)
		Axpy64(real(a), imag(a), xs, xs, w)
		check("axpy with x = y", xs, wantSame)
	}
}
