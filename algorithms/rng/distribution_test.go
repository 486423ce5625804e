package rng

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Statistical checks. Every bound is 5 standard errors of the estimator
// (or the chi-square 5-sigma band), computed from the exact moments of the
// target distribution, so a correct generator passes with probability
// > 1 - 1e-6 per check, and the seeds are fixed.

const nDraws = 1_000_000

// within asserts |got - want| <= 5 sigma.
func within(t *testing.T, what string, got, want, sigma float64) {
	t.Helper()
	assert.LessOrEqualf(t, math.Abs(got-want), 5*sigma,
		"%s = %.6g, want %.6g within 5 sigma (sigma = %.3g)", what, got, want, sigma)
}

// checkUniform tests mean, variance and a 100-bin chi-square of n values.
func checkUniform(t *testing.T, name string, n int, next func() float64) {
	t.Helper()
	const bins = 100
	var counts [bins]float64
	var sum, sum2 float64
	for i := 0; i < n; i++ {
		x := next()
		if x < 0 || x >= 1 {
			t.Fatalf("%s: draw %d = %v outside [0,1)", name, i, x)
		}
		counts[int(x*bins)]++
		sum += x
		sum2 += (x - 0.5) * (x - 0.5)
	}
	N := float64(n)
	// mean: variance 1/12; (x-1/2)^2: mean 1/12, variance 1/80 - 1/144 = 1/180.
	within(t, name+" mean", sum/N, 0.5, math.Sqrt(1/(12*N)))
	within(t, name+" variance", sum2/N, 1.0/12, math.Sqrt(1/(180*N)))
	expect := N / bins
	chi2 := 0.0
	for _, c := range counts {
		chi2 += (c - expect) * (c - expect) / expect
	}
	// chi-square with 99 degrees of freedom: mean 99, variance 198.
	within(t, name+" chi-square (100 bins)", chi2, bins-1, math.Sqrt(2*(bins-1)))
}

func TestFloat64UniformAlongSequence(t *testing.T) {
	g := New(2024, 1).Site(17)
	checkUniform(t, "Float64 along one site", nDraws, g.Float64)
}

// TestFloat64UniformAcrossSites draws one value per site, the way a field is
// filled: this tests the site bits of the counter, not only the block bits.
func TestFloat64UniformAcrossSites(t *testing.T) {
	s := New(2024, 1)
	site := uint64(0)
	checkUniform(t, "Float64 one per site", nDraws, func() float64 {
		g := s.Site(site)
		site++
		return g.Float64()
	})
	s.Advance()
	site = 1<<32 - nDraws/2 // straddles the 2^32 boundary of the site split
	checkUniform(t, "Float64 one per site across 2^32", nDraws, func() float64 {
		g := s.Site(site)
		site++
		return g.Float64()
	})
}

func TestFloat32Uniform(t *testing.T) {
	g := New(5, 2).Site(1 << 40)
	checkUniform(t, "Float32", nDraws, func() float64 { return float64(g.Float32()) })
}

// TestUncorrelated checks that neighbouring sites, consecutive epochs and
// different stream ids are uncorrelated: E[u v] = 1/4 with variance
// E[u^2 v^2] - 1/16 = 1/9 - 1/16 = 7/144 for independent uniforms.
func TestUncorrelated(t *testing.T) {
	n := nDraws / 4
	if testing.Short() {
		n /= 10
	}
	N := float64(n)
	sigma := math.Sqrt(7.0 / 144 / N)
	a, b := New(11, 4), New(11, 5)
	next := a
	next.Advance()
	var neigh, epoch, stream float64
	for i := 0; i < n; i++ {
		site := uint64(i)
		g := a.Site(site)
		u := g.Float64()
		h := a.Site(site + 1)
		neigh += u * h.Float64()
		e := next.Site(site)
		epoch += u * e.Float64()
		o := b.Site(site)
		stream += u * o.Float64()
	}
	within(t, "E[u(site) u(site+1)]", neigh/N, 0.25, sigma)
	within(t, "E[u(epoch) u(epoch+1)]", epoch/N, 0.25, sigma)
	within(t, "E[u(id 4) u(id 5)]", stream/N, 0.25, sigma)
}

// TestGaussianMoments checks mean 0, variance 1, third moment 0 and fourth
// moment 3 of 1e6 Gaussian draws (both the drawn and the cached branch).
// Standard errors from the normal moments E x^2 = 1, x^4 = 3, x^6 = 15, x^8 = 105.
func TestGaussianMoments(t *testing.T) {
	g := New(31415, 7).Site(271828)
	var m1, m2, m3, m4 float64
	for i := 0; i < nDraws; i++ {
		x := g.Gaussian()
		x2 := x * x
		m1 += x
		m2 += x2
		m3 += x2 * x
		m4 += x2 * x2
	}
	N := float64(nDraws)
	within(t, "Gaussian mean", m1/N, 0, math.Sqrt(1/N))
	within(t, "Gaussian variance", m2/N, 1, math.Sqrt(2/N))
	within(t, "Gaussian 3rd moment", m3/N, 0, math.Sqrt(15/N))
	within(t, "Gaussian 4th moment", m4/N, 3, math.Sqrt(96/N))
}

// TestGaussian2Independent checks that the two values of one Box-Muller pair
// are uncorrelated, E[x y] = 0 with variance 1, and the pair's radius
// squared is exponential with mean 2 (variance 4).
func TestGaussian2Independent(t *testing.T) {
	n := nDraws / 2
	g := New(1, 1).Site(1)
	var xy, r2 float64
	for i := 0; i < n; i++ {
		x, y := g.Gaussian2()
		xy += x * y
		r2 += x*x + y*y
	}
	N := float64(n)
	within(t, "E[x y] of a Gaussian2 pair", xy/N, 0, math.Sqrt(1/N))
	within(t, "E[x^2 + y^2] of a Gaussian2 pair", r2/N, 2, math.Sqrt(4/N))
}

// TestUnitEdges checks the conversions at the extreme words: the ranges
// are exactly [0, 1-2^-53] and [2^-53, 1].
func TestUnitEdges(t *testing.T) {
	const ulp = 1.0 / (1 << 53)
	assert.Equal(t, 0.0, unitClosedOpen(0, 0))
	assert.Equal(t, 1-ulp, unitClosedOpen(math.MaxUint32, math.MaxUint32))
	assert.Less(t, unitClosedOpen(math.MaxUint32, math.MaxUint32), 1.0)
	assert.Equal(t, ulp, unitOpenClosed(0, 0))
	assert.Equal(t, 1.0, unitOpenClosed(math.MaxUint32, math.MaxUint32))
	// The low 11 bits of the second word are dropped, the rest count.
	assert.Equal(t, 0.0, unitClosedOpen(0, 1<<11-1))
	assert.Equal(t, ulp, unitClosedOpen(0, 1<<11))
	assert.Equal(t, 0.5, unitClosedOpen(1<<31, 0))
}

// TestFloat64OpenNeverZero draws 1e6 values from (0,1] and checks every one
// is positive, at most 1, and gives a finite logarithm.
func TestFloat64OpenNeverZero(t *testing.T) {
	g := New(3, 3).Site(3)
	for i := 0; i < nDraws; i++ {
		x := g.Float64Open()
		if !(x > 0 && x <= 1) || math.IsInf(math.Log(x), 0) {
			t.Fatalf("draw %d: Float64Open = %v, want in (0,1]", i, x)
		}
	}
}
