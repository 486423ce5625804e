package kernels

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactFMA32 is a*b + c rounded once to float32, from an exact big.Float.
func exactFMA32(a, b, c float32) float32 {
	x := new(big.Float).SetPrec(200).SetFloat64(float64(a))
	x.Mul(x, new(big.Float).SetPrec(200).SetFloat64(float64(b)))
	x.Add(x, new(big.Float).SetPrec(200).SetFloat64(float64(c)))
	f, _ := x.Float32()
	return f
}

// TestFMA32 checks fma32 against exact arithmetic, on random operands and
// on sums that fall halfway between two float32 numbers (where rounding
// the float64 sum to nearest would round twice).
func TestFMA32(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	check := func(a, b, c float32) {
		t.Helper()
		got, want := fma32(a, b, c), exactFMA32(a, b, c)
		if math.Float32bits(got) != math.Float32bits(want) && !(got == 0 && want == 0) {
			t.Fatalf("fma32(%g, %g, %g) = %g (%#x), want %g (%#x)", a, b, c, got, math.Float32bits(got), want, math.Float32bits(want))
		}
	}
	for range 200000 {
		a := float32(rng.NormFloat64())
		b := float32(rng.NormFloat64())
		c := float32(rng.NormFloat64() * math.Pow(2, float64(rng.IntN(60)-30)))
		check(a, b, c)
		check(a, b, -a*b) // cancellation
	}
	// Halfway cases: c = 1 + 2^-24 (the midpoint of 1 and its float32
	// successor) is not a float32, so build it as a product plus a tiny
	// term: (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24, plus +-2^-60.
	a := float32(1 + math.Pow(2, -12))
	for _, c := range []float32{float32(math.Pow(2, -60)), -float32(math.Pow(2, -60)), 0, float32(math.Pow(2, -48)), -float32(math.Pow(2, -48))} {
		check(a, a, c)
		check(-a, a, -c)
	}
	for range 200000 {
		// products with many low bits and addends near half an ulp
		a := float32(1 + float64(rng.IntN(1<<12))*math.Pow(2, -12))
		b := float32(1 + float64(rng.IntN(1<<12))*math.Pow(2, -12))
		c := float32(float64(rng.IntN(64)-32) * math.Pow(2, -float64(24+rng.IntN(40))))
		check(a, b, c)
	}
}

// TestFMA32Once checks one rounding where two would differ.
func TestFMA32Once(t *testing.T) {
	a32, b32 := float32(1+math.Pow(2, -12)), float32(1-math.Pow(2, -12))
	if got, want := fma32(a32, b32, float32(-1)), -float32(math.Pow(2, -24)); got != want {
		t.Errorf("fma32 = %g, want %g (one rounding)", got, want)
	}
}

// TestInlineFMA32 checks the float32 path of the generated kernels: the
// float64 sum, with fma32 where needsExact32 says so, is the correctly
// rounded float32 result, on random operands and on sums that round to a
// float32 midpoint in float64.
func TestInlineFMA32(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	inline := func(a, b, c float32) float32 {
		fs := float64(a)*float64(b) + float64(c)
		if needsExact32(fs) {
			fs = float64(fma32(a, b, c))
		}
		return float32(fs)
	}
	exact := 0
	for n := range 400000 {
		var a, b, c float32
		if n%2 == 0 {
			a, b = float32(rng.NormFloat64()), float32(rng.NormFloat64())
			c = float32(rng.NormFloat64() * math.Pow(2, float64(rng.IntN(80)-40)))
		} else {
			// products near a float32 midpoint plus a term below half an ulp
			a = float32(1 + float64(rng.IntN(1<<12))*math.Pow(2, -12))
			b = float32(1 + float64(rng.IntN(1<<12))*math.Pow(2, -12))
			c = float32(float64(rng.IntN(64)-32) * math.Pow(2, -float64(24+rng.IntN(40))))
		}
		if needsExact32(float64(a)*float64(b) + float64(c)) {
			exact++
		}
		got, want := inline(a, b, c), exactFMA32(a, b, c)
		if math.Float32bits(got) != math.Float32bits(want) && !(got == 0 && want == 0) {
			t.Fatalf("inline fma32(%g, %g, %g) = %g, want %g", a, b, c, got, want)
		}
	}
	if exact == 0 {
		t.Errorf("no operands reached the exact path: the midpoint cases are not exercised")
	}
}
