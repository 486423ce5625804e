package layout

import (
	"math"
	"math/big"
	"math/rand/v2"
	"sync"
	"testing"
)

// exactReference sums with big.Float at a precision wide enough to be exact.
func exactReference(xs []float64) float64 {
	s := new(big.Float).SetPrec(4096)
	for _, x := range xs {
		s.Add(s, new(big.Float).SetPrec(4096).SetFloat64(x))
	}
	r, _ := s.Float64()
	return r
}

func TestExactSumAgainstBigFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		n := 1 + rng.IntN(2000)
		xs := make([]float64, n)
		for i := range xs {
			// mantissas and exponents over the whole range, subnormals included
			e := rng.IntN(2100) - 1080
			xs[i] = math.Ldexp(rng.Float64()-0.5, e)
			if trial%5 == 0 {
				xs[i] = rng.NormFloat64() * 1e3
			}
		}
		var a ExactSum
		for _, x := range xs {
			a.Add(x)
		}
		if got, want := a.Float64(), exactReference(xs); got != want {
			t.Fatalf("trial %d: exact sum %v, big.Float %v", trial, got, want)
		}
		// any order gives the same bits
		rng.Shuffle(n, func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		var b, c ExactSum
		for i, x := range xs {
			if i%2 == 0 {
				b.Add(x)
			} else {
				c.Add(x)
			}
		}
		b.AddSum(&c)
		if b.Float64() != a.Float64() {
			t.Fatalf("trial %d: order changed the sum: %v vs %v", trial, b.Float64(), a.Float64())
		}
	}
	// cancellation that float64 addition gets wrong
	var a ExactSum
	for _, x := range []float64{1e300, 1, -1e300, 1e-300} {
		a.Add(x)
	}
	if got := a.Float64(); got != 1+1e-300 {
		t.Errorf("1e300 + 1 - 1e300 + 1e-300 = %v, want 1", got)
	}
	var inf ExactSum
	inf.Add(1)
	inf.Add(math.Inf(1))
	if !math.IsInf(inf.Float64(), 1) {
		t.Errorf("sum with +Inf = %v", inf.Float64())
	}
}

// TestExactSumAddAll checks AddAll against Add one value at a time: random
// values over the whole range (subnormals, both signs), non-finite values,
// and a slice that crosses the point where carries must be propagated.
func TestExactSumAddAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 40 {
		n := rng.IntN(3000)
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = math.Ldexp(rng.Float64()-0.5, rng.IntN(2100)-1080)
			if trial%4 == 1 {
				xs[i] = rng.NormFloat64() * 1e3 // nearly equal exponents: the field partials' case
			}
		}
		if trial%10 == 9 && n > 2 {
			xs[n/2] = math.Inf(1 - 2*(trial%3))
		}
		if trial%10 == 7 && n > 2 {
			xs[n/3] = math.NaN()
		}
		var one, all ExactSum
		if trial%5 == 3 { // just short of a carry propagation
			one.n, all.n = exactFlush-7, exactFlush-7
		}
		for _, x := range xs {
			one.Add(x)
		}
		all.AddAll(xs)
		got, want := all.Float64(), one.Float64()
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("trial %d (%d values): AddAll %v, Add %v", trial, n, got, want)
		}
		if trial%10 < 7 { // finite values only
			if ref := exactReference(xs); got != ref {
				t.Fatalf("trial %d: AddAll %v, big.Float %v", trial, got, ref)
			}
		}
	}
}

// fillSmooth fills a field with values of widely varying magnitude that are
// a function of the global coordinate only.
func fillSmooth[F Float](f *Field[F], seed float64) {
	f.ForEachSite(func(tile, lane int, g [Nd]int) {
		i := float64(f.Layout.GlobalIndex(g))
		for c := range f.NC {
			a := math.Sin(seed*i+float64(c)) * math.Exp(math.Cos(i*0.37)*8)
			b := math.Cos(seed*i-float64(c)) / (1 + i)
			f.Set(tile, c, lane, complex(a, b))
		}
	})
}

// TestReductionsIdentical checks that Dot and Norm2 give the same bits on
// every process grid and W as on one rank with W = 1.
func TestReductionsIdentical(t *testing.T) {
	for _, global := range testLattices {
		var ref [3]float64
		var mu sync.Mutex
		first := true
		check := func(l *Layout) error {
			x := NewField[float64](l, 12, Full)
			y := x.Like()
			fillSmooth(x, 0.7)
			fillSmooth(y, 1.3)
			n, err := Norm2(x)
			if err != nil {
				return err
			}
			d, err := Dot(x, y)
			if err != nil {
				return err
			}
			got := [3]float64{n, real(d), imag(d)}
			mu.Lock()
			defer mu.Unlock()
			if first {
				ref, first = got, false
			} else if got != ref {
				t.Errorf("lattice %v procs %v W %d rank %d: norm, dot = %v, want %v (bitwise)", global, l.Procs, l.W, l.Rank, got, ref)
			}
			return nil
		}
		forEachDecomposition(t, global, check)
	}
}

func TestLinearAlgebra(t *testing.T) {
	l, err := New(localComm(), [Nd]int{4, 4, 4, 4}, Options{W: 4})
	if err != nil {
		t.Fatal(err)
	}
	x := NewField[float64](l, 12, Even)
	y := x.Like()
	fillSmooth(x, 0.3)
	fillSmooth(y, 0.9)
	y0 := y.Clone()
	a := complex(0.5, -1.25)
	Axpy(a, x, y)
	x.ForEachSite(func(tile, lane int, g [Nd]int) {
		for c := range 12 {
			want := a*x.At(tile, c, lane) + y0.At(tile, c, lane)
			if d := y.At(tile, c, lane) - want; real(d)*real(d)+imag(d)*imag(d) > 1e-20*(1+real(want)*real(want)) {
				t.Fatalf("axpy at %v: %v, want %v", g, y.At(tile, c, lane), want)
			}
		}
	})
	// <x, x> is real and equals Norm2
	d, _ := Dot(x, x)
	n, _ := Norm2(x)
	if math.Abs(real(d)-n) > 1e-12*n || imag(d) != 0 {
		t.Errorf("Dot(x,x) = %v, Norm2 = %v", d, n)
	}
	// <x, a y> = a <x, y>
	z := y.Clone()
	Scale(2.5, z)
	d1, _ := Dot(x, y)
	d2, _ := Dot(x, z)
	if diff := d2 - 2.5*d1; math.Hypot(real(diff), imag(diff)) > 1e-12*math.Hypot(real(d2), imag(d2)) {
		t.Errorf("<x, 2.5 y> = %v, 2.5 <x,y> = %v", d2, 2.5*d1)
	}
}
