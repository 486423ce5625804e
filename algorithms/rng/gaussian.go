package rng

import "math"

// Gaussian returns a normal deviate (mean 0, variance 1). Box-Muller gives
// two per pair of uniforms: the first call returns the cosine branch and
// caches the sine branch, which the next call returns without drawing.
func (g *Site) Gaussian() float64 {
	if g.hasGauss {
		g.hasGauss = false
		return g.gauss
	}
	x, y := g.Gaussian2()
	g.gauss, g.hasGauss = y, true
	return x
}

// Gaussian2 returns two independent normal deviates from two fresh uniforms
// (four words): r = sqrt(-2 ln u1) with u1 in (0,1], angle 2 pi u2 with u2
// in [0,1); (r cos, r sin). It neither reads nor clears Gaussian's cache.
func (g *Site) Gaussian2() (float64, float64) {
	u1 := g.Float64Open()
	u2 := g.Float64()
	r := math.Sqrt(-2 * math.Log(u1))
	s, c := math.Sincos(2 * math.Pi * u2)
	return r * c, r * s
}
