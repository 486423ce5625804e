package confio

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

func TestUnitField(t *testing.T) {
	c, err := NewConfig([4]int{2, 3, 4, 5})
	if err != nil {
		t.Fatal(err)
	}
	p, ps, pt := c.Plaquette()
	if p != 1 || ps != 1 || pt != 1 || c.LinkTrace() != 1 || c.Unitarity() != 0 {
		t.Errorf("unit field: plaquette %v %v %v, link trace %v, unitarity %v; want 1 1 1 1 0", p, ps, pt, c.LinkTrace(), c.Unitarity())
	}
}

// TestAbelianPlaquette: U_x(x) = diag(e^{i phi y}, e^{-i phi y}, 1) with
// phi = 2 pi/L_y and all other links 1 has, in every x-y plaquette,
// U_p = diag(e^{-i phi}, e^{i phi}, 1), so Re Tr U_p / 3 = (1 + 2 cos phi)/3,
// and 1 in the five other planes.
func TestAbelianPlaquette(t *testing.T) {
	c, _ := NewConfig([4]int{3, 5, 2, 4})
	phi := 2 * math.Pi / float64(c.Dims[1])
	for s := 0; s < c.Volume(); s++ {
		y := float64(c.coords(s)[1])
		u := c.link(s, 0)
		u[0] = cmplx.Rect(1, phi*y)
		u[4] = cmplx.Rect(1, -phi*y)
	}
	pxy := (1 + 2*math.Cos(phi)) / 3
	p, ps, pt := c.Plaquette()
	if math.Abs(p-(5+pxy)/6) > 1e-14 || math.Abs(ps-(2+pxy)/3) > 1e-14 || math.Abs(pt-1) > 1e-14 {
		t.Errorf("plaquette %v %v %v, want %v %v 1", p, ps, pt, (5+pxy)/6, (2+pxy)/3)
	}
	if lt, want := c.LinkTrace(), 1-(1-meanCos(c.Dims[1], phi))*2/12; math.Abs(lt-want) > 1e-14 {
		t.Errorf("link trace %v, want %v", lt, want)
	}
	if u := c.Unitarity(); u > 1e-15 {
		t.Errorf("diagonal phases are unitary, deviation %v", u)
	}
}

// meanCos is the average of cos(phi*y) over y = 0..n-1.
func meanCos(n int, phi float64) float64 {
	var s float64
	for y := 0; y < n; y++ {
		s += math.Cos(phi * float64(y))
	}
	return s / float64(n)
}

// TestPlaquetteGaugeInvariance: U_mu(x) -> g(x) U_mu(x) g(x+mu)^dagger with
// random SU(3) g leaves every plaquette unchanged.
func TestPlaquetteGaugeInvariance(t *testing.T) {
	c := readRef(t, "ildg/conf.00200", ReadOptions{})
	rng := rand.New(rand.NewPCG(7, 8))
	g := make([]mat3, c.Volume())
	for s := range g {
		g[s] = randomSU3(rng)
	}
	d, _ := NewConfig(c.Dims)
	for s := 0; s < c.Volume(); s++ {
		x := c.coords(s)
		for mu := 0; mu < 4; mu++ {
			u := load3(c.link(s, mu))
			gu := mul3(&g[s], &u)
			v := mulDag3(&gu, &g[c.shift(x, mu)])
			copy(d.link(s, mu), v[:])
		}
	}
	p0, s0, t0 := c.Plaquette()
	p1, s1, t1 := d.Plaquette()
	if math.Abs(p0-p1) > 1e-13 || math.Abs(s0-s1) > 1e-13 || math.Abs(t0-t1) > 1e-13 {
		t.Errorf("plaquette changed under a gauge transformation: %v %v %v -> %v %v %v", p0, s0, t0, p1, s1, t1)
	}
	if math.Abs(c.LinkTrace()-d.LinkTrace()) < 1e-3 {
		t.Errorf("link trace %v barely changed under a random gauge transformation (%v): test is not testing", d.LinkTrace(), c.LinkTrace())
	}
	if u := d.Unitarity(); u > 1e-12 {
		t.Errorf("gauge-transformed links deviate from SU(3) by %v", u)
	}
}

// TestUnitarityDetects: scaling one link, or giving it a phase, shows up.
func TestUnitarityDetects(t *testing.T) {
	c, _ := NewConfig([4]int{2, 2, 2, 2})
	u := c.link(5, 2)
	for k := range u {
		u[k] *= 1.001
	}
	if d := c.Unitarity(); math.Abs(d-(1.001*1.001*1.001-1)) > 1e-12 {
		t.Errorf("scaled link: deviation %v, want det-1 = %v", d, 1.001*1.001*1.001-1)
	}
	c, _ = NewConfig([4]int{2, 2, 2, 2})
	u = c.link(3, 1)
	for k := range u {
		u[k] *= cmplx.Rect(1, 0.01) // unitary, but det = e^{0.03 i}
	}
	if d, want := c.Unitarity(), cmplx.Abs(cmplx.Rect(1, 0.03)-1); math.Abs(d-want) > 1e-12 {
		t.Errorf("U(3) link: deviation %v, want |det-1| = %v", d, want)
	}
}

func TestNewConfigRejectsBadDims(t *testing.T) {
	for _, d := range [][4]int{{0, 4, 4, 4}, {4, -1, 4, 4}, {1 << 15, 4, 4, 4}} {
		if _, err := NewConfig(d); err == nil {
			t.Errorf("NewConfig(%v) succeeded", d)
		}
	}
}
