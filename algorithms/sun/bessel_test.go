package sun

import (
	"math"
	"testing"
)

// besselI returns the modified Bessel function I_n(x) from its power series
// sum_k (x/2)^(2k+n) / (k! (k+n)!), accurate to round-off for 0 <= x <= 100.
func besselI(n int, x float64) float64 {
	h := x / 2
	term := 1.0
	for i := 1; i <= n; i++ {
		term *= h / float64(i)
	}
	sum := term
	for k := 1; k < 500; k++ {
		term *= h * h / (float64(k) * float64(k+n))
		sum += term
		if term < 1e-17*sum {
			break
		}
	}
	return sum
}

func TestBesselI(t *testing.T) {
	// Tabulated values (Abramowitz & Stegun table 9.8 / any CAS).
	cases := []struct {
		n    int
		x, v float64
	}{
		{0, 1, 1.2660658777520084},
		{1, 1, 0.5651591039924851},
		{2, 1, 0.1357476697670383},
		{1, 10, 2670.988303701255},
		{2, 10, 2281.518967726004},
	}
	for _, c := range cases {
		got := besselI(c.n, c.x)
		checkLE(t, "relative error of besselI", math.Abs(got-c.v)/c.v, 1e-13)
	}
	// Recurrence I_{n-1}(x) - I_{n+1}(x) = (2n/x) I_n(x).
	for _, x := range []float64{0.1, 2, 7, 40} {
		lhs := besselI(0, x) - besselI(2, x)
		rhs := 2 / x * besselI(1, x)
		checkLE(t, "Bessel recurrence", math.Abs(lhs-rhs)/rhs, 1e-13)
	}
}
