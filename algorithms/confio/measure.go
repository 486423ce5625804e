package confio

import (
	"math"
	"math/cmplx"
)

// Plaquette returns the average of Re Tr U_p / 3 over all plaquettes of
// the periodic lattice (avg, over the 6 planes), over the 3 space-space
// planes (spatial) and over the 3 space-time planes (temporal). A unit
// field gives 1. Sums run over sites in lexicographic order, so the
// result is deterministic.
func (c *Config) Plaquette() (avg, spatial, temporal float64) {
	if c.validate() != nil {
		return math.NaN(), math.NaN(), math.NaN()
	}
	var ss, st float64
	for s := 0; s < c.Volume(); s++ {
		x := c.coords(s)
		for mu := 0; mu < 3; mu++ {
			xmu := c.shift(x, mu)
			for nu := mu + 1; nu < 4; nu++ {
				xnu := c.shift(x, nu)
				umu, unu := load3(c.link(s, mu)), load3(c.link(s, nu))
				a := load3(c.link(xmu, nu)) // U_nu(x+mu)
				b := load3(c.link(xnu, mu)) // U_mu(x+nu)
				left := mul3(&umu, &a)      // U_mu(x) U_nu(x+mu)
				right := mul3(&unu, &b)     // U_nu(x) U_mu(x+nu)
				p := reTrMulDag(&left, &right) / 3
				if nu == 3 {
					st += p
				} else {
					ss += p
				}
			}
		}
	}
	n := 3 * float64(c.Volume())
	return (ss + st) / (2 * n), ss / n, st / n
}

// shift returns the site index of x + e_mu (periodic).
func (c *Config) shift(x [4]int, mu int) int {
	x[mu]++
	if x[mu] == c.Dims[mu] {
		x[mu] = 0
	}
	return c.site(x)
}

// LinkTrace returns the average of Re Tr U / 3 over all 4V links.
func (c *Config) LinkTrace() float64 {
	if c.validate() != nil {
		return math.NaN()
	}
	var s float64
	for l := 0; l < len(c.Links); l += 9 {
		s += real(c.Links[l]) + real(c.Links[l+4]) + real(c.Links[l+8])
	}
	return s / (3 * float64(len(c.Links)/9))
}

// Unitarity returns the largest deviation over all links of any element
// of U U^dagger from the unit matrix, or of det U from 1.
func (c *Config) Unitarity() float64 {
	if c.validate() != nil {
		return math.NaN()
	}
	var worst float64
	for l := 0; l < len(c.Links); l += 9 {
		u := load3(c.Links[l : l+9])
		uu := mulDag3(&u, &u)
		for k := 0; k < 9; k++ {
			d := uu[k]
			if k%4 == 0 {
				d--
			}
			worst = math.Max(worst, cmplx.Abs(d))
		}
		worst = math.Max(worst, cmplx.Abs(det3(&u)-1))
		if math.IsNaN(worst) {
			return worst
		}
	}
	return worst
}
