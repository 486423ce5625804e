package dirac

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// TestCloverColdIsOne checks A = 1 on the unit gauge field: the clover
// operator is then the Wilson operator, bit for bit, and log det A = 0.
func TestCloverColdIsOne(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 4}, 4)
	u := coldGauge(t, l)
	p := Params{Kappa: 0.13, CSW: 1.8, BC: StandardBC}
	c, err := NewClover[float64](u, p)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWilson[float64](u, p)
	if err != nil {
		t.Fatal(err)
	}
	psi := randomSpinor[float64](l, layout.Full, 1)
	a := psi.Like()
	if err := c.ApplyClover(a, psi); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(a, psi); d != 0 {
		t.Errorf("cold field: A psi differs from psi by %.3g", d)
	}
	mc, mw := psi.Like(), psi.Like()
	if err := c.Apply(mc, psi); err != nil {
		t.Fatal(err)
	}
	if err := w.Apply(mw, psi); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(mc, mw); d != 0 {
		t.Errorf("cold field: clover and Wilson operators differ by %.3g", d)
	}
	if ld, err := c.LogDet(layout.Full); err != nil || ld != 0 {
		t.Errorf("cold field: log det A = %v (%v), want 0", ld, err)
	}
}

// constantField is a gauge field with constant abelian field strength in
// the mu-nu plane: every plaquette of the plane is exp(i B T), T =
// diag(1, -1, 0), B = 2 pi k / (L_mu L_nu) (the flux quantum of the
// torus); all other plaquettes are 1.
func constantField(t *testing.T, l *layout.Layout, mu, nu, k int) (*gauge.Field, float64) {
	u := coldGauge(t, l)
	b := 2 * math.Pi * float64(k) / float64(l.Global[mu]*l.Global[nu])
	diag := func(phi float64) [3]complex128 {
		return [3]complex128{cmplx.Exp(complex(0, phi)), cmplx.Exp(complex(0, -phi)), 1}
	}
	u.U[0].ForEachSite(func(tile, lane int, g dims) {
		d := diag(b * float64(g[mu]))
		for i := range 3 {
			u.U[nu].Set(tile, 4*i, lane, d[i])
		}
		if g[mu] == l.Global[mu]-1 {
			d := diag(-b * float64(l.Global[mu]*g[nu]))
			for i := range 3 {
				u.U[mu].Set(tile, 4*i, lane, d[i])
			}
		}
	})
	return u, b
}

// TestCloverConstantField checks the normalisation and sign of the clover
// term: for a constant abelian field strength F_mu,nu = i sin(B) T the
// clover term is A = 1 - c_SW kappa sin(B) sigma_mu,nu x T.
func TestCloverConstantField(t *testing.T) {
	l := newLayout(t, dims{4, 6, 4, 8}, 2)
	kappa, csw := 0.12, 1.7
	for _, plane := range [][2]int{{0, 1}, {2, 3}, {1, 3}} {
		mu, nu := plane[0], plane[1]
		u, b := constantField(t, l, mu, nu, 1)
		if pl, err := u.Plaquette(gauge.NewWorkspace(l, 3)); err != nil || pl.Average > 1-1e-6 {
			t.Fatalf("plane %v: constant field has plaquette %v (%v), want < 1", plane, pl.Average, err)
		}
		c, err := NewClover[float64](u, Params{Kappa: kappa, CSW: csw})
		if err != nil {
			t.Fatal(err)
		}
		psi := randomSpinor[float64](l, layout.Full, 2)
		got, want := psi.Like(), psi.Like()
		if err := c.ApplyClover(got, psi); err != nil {
			t.Fatal(err)
		}
		sigma := Sigma(mu, nu)
		tdiag := [3]float64{1, -1, 0}
		psi.ForEachSite(func(tile, lane int, _ dims) {
			for a := range 4 {
				for col := range 3 {
					v := psi.At(tile, 3*a+col, lane)
					for s := range 4 {
						v -= complex(csw*kappa*math.Sin(b)*tdiag[col], 0) * sigma[a][s] * psi.At(tile, 3*s+col, lane)
					}
					want.Set(tile, 3*a+col, lane, v)
				}
			}
		})
		if d := relDiff(got, want); d > 1e-14 {
			t.Errorf("plane %v: A psi differs from (1 - c kappa sin B sigma x T) psi by %.3g (tolerance 1e-14)", plane, d)
		}
	}
}

// denseClover computes A(x) = 1 + c_SW kappa i sum_{mu<nu} sigma_mu,nu
// F_mu,nu(x) as a 12x12 matrix by following the four leaf paths through
// globally addressed links (independently of the shifts of the package).
func denseClover(u *gauge.Field, g dims, ck float64) [12][12]complex128 {
	l := u.L
	link := func(y dims, mu int) [9]complex128 {
		var m [9]complex128
		for e := range 9 {
			m[e] = atGlobal(u.U[mu], y, e)
		}
		return m
	}
	mul := func(a, b [9]complex128) [9]complex128 {
		var c [9]complex128
		for i := range 3 {
			for j := range 3 {
				for k := range 3 {
					c[3*i+j] += a[3*i+k] * b[3*k+j]
				}
			}
		}
		return c
	}
	step := func(y dims, mu, s int) dims {
		y[mu] = (y[mu] + s + l.Global[mu]) % l.Global[mu]
		return y
	}
	// path multiplies the links along steps (direction, sign) from g.
	path := func(steps [4][2]int) [9]complex128 {
		m := [9]complex128{1, 0, 0, 0, 1, 0, 0, 0, 1}
		y := g
		for _, st := range steps {
			mu, s := st[0], st[1]
			if s > 0 {
				m = mul(m, link(y, mu))
				y = step(y, mu, 1)
				continue
			}
			y = step(y, mu, -1)
			v := link(y, mu)
			var d [9]complex128
			for i := range 3 {
				for j := range 3 {
					d[3*i+j] = conj(v[3*j+i])
				}
			}
			m = mul(m, d)
		}
		return m
	}
	var a [12][12]complex128
	for i := range 12 {
		a[i][i] = 1
	}
	for mu := range 4 {
		for nu := mu + 1; nu < 4; nu++ {
			var q [9]complex128
			for _, steps := range [4][4][2]int{
				{{mu, 1}, {nu, 1}, {mu, -1}, {nu, -1}},
				{{nu, 1}, {mu, -1}, {nu, -1}, {mu, 1}},
				{{mu, -1}, {nu, -1}, {mu, 1}, {nu, 1}},
				{{nu, -1}, {mu, 1}, {nu, 1}, {mu, -1}},
			} {
				leaf := path(steps)
				for e := range q {
					q[e] += leaf[e]
				}
			}
			var f [9]complex128
			for i := range 3 {
				for j := range 3 {
					f[3*i+j] = (q[3*i+j] - conj(q[3*j+i])) / 8
				}
			}
			tr := (f[0] + f[4] + f[8]) / 3
			for i := range 3 {
				f[4*i] -= tr
			}
			sigma := Sigma(mu, nu)
			for s := range 4 {
				for r := range 4 {
					for i := range 3 {
						for j := range 3 {
							a[3*s+i][3*r+j] += complex(0, ck) * sigma[s][r] * f[3*i+j]
						}
					}
				}
			}
		}
	}
	return a
}

// choleskyLogDet is log det of a Hermitian positive definite matrix by
// Cholesky decomposition (false if it is not positive definite).
func choleskyLogDet(m [][]complex128) (float64, bool) {
	n := len(m)
	lo := make([][]complex128, n)
	for i := range lo {
		lo[i] = make([]complex128, n)
	}
	ld := 0.0
	for j := range n {
		d := real(m[j][j])
		for k := range j {
			d -= real(lo[j][k] * conj(lo[j][k]))
		}
		if d <= 0 {
			return 0, false
		}
		lo[j][j] = complex(math.Sqrt(d), 0)
		ld += math.Log(d)
		for i := j + 1; i < n; i++ {
			v := m[i][j]
			for k := range j {
				v -= lo[i][k] * conj(lo[j][k])
			}
			lo[i][j] = v / lo[j][j]
		}
	}
	return ld, true
}

// TestCloverTerm checks, on a hot gauge field, the stored clover term
// against the dense one from explicit leaf paths, that A is Hermitian
// (<x, A y> = <A x, y>) and commutes with gamma5, A^-1 A = A A^-1 = 1, and
// log det A per parity against Cholesky factorisations of the dense
// blocks.
func TestCloverTerm(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 4}, 2)
	u := hotGauge(t, l, 17)
	kappa, csw := 0.125, 1.1
	c, err := NewClover[float64](u, Params{Kappa: kappa, CSW: csw})
	if err != nil {
		t.Fatal(err)
	}
	psi := randomSpinor[float64](l, layout.Full, 5)
	got, want := psi.Like(), psi.Like()
	if err := c.ApplyClover(got, psi); err != nil {
		t.Fatal(err)
	}
	var logDet [2]float64
	psi.ForEachSite(func(tile, lane int, g dims) {
		a := denseClover(u, g, csw*kappa)
		for i := range 12 {
			var v complex128
			for j := range 12 {
				v += a[i][j] * psi.At(tile, j, lane)
			}
			want.Set(tile, i, lane, v)
		}
		for b := range 2 {
			blk := make([][]complex128, 6)
			for i := range 6 {
				blk[i] = a[6*b+i][6*b : 6*b+6]
			}
			ld, ok := choleskyLogDet(blk)
			if !ok {
				t.Fatalf("site %v: clover block %d not positive definite; choose smaller c_SW kappa for this test", g, b)
			}
			logDet[layout.Parity(g)] += ld
		}
	})
	if d := relDiff(got, want); d > 1e-13 {
		t.Errorf("A psi differs from the dense clover term of explicit leaves by %.3g (tolerance 1e-13)", d)
	}
	for p, s := range []layout.Subset{layout.Even, layout.Odd} {
		ld, err := c.LogDet(s)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(ld-logDet[p]) > 1e-12*math.Abs(logDet[p]) || logDet[p] == 0 {
			t.Errorf("log det A on %s sites = %.15g, Cholesky gives %.15g", s, ld, logDet[p])
		}
	}
	if full, _ := c.LogDet(layout.Full); math.Abs(full-logDet[0]-logDet[1]) > 1e-12*math.Abs(full) {
		t.Errorf("log det A on all sites = %v, parities sum to %v", full, logDet[0]+logDet[1])
	}

	x := randomSpinor[float64](l, layout.Odd, 6)
	ax, y := x.Like(), x.Like()
	if err := c.ApplyClover(ax, x); err != nil {
		t.Fatal(err)
	}
	if err := c.ApplyCloverInv(y, ax); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(y, x); d > 1e-12 {
		t.Errorf("A^-1 A x differs from x by %.3g (tolerance 1e-12)", d)
	}
	if err := c.ApplyCloverInv(y, x); err != nil {
		t.Fatal(err)
	}
	if err := c.ApplyClover(y, y); err != nil { // in place
		t.Fatal(err)
	}
	if d := relDiff(y, x); d > 1e-12 {
		t.Errorf("A A^-1 x differs from x by %.3g (tolerance 1e-12)", d)
	}

	z := randomSpinor[float64](l, layout.Odd, 7)
	az := z.Like()
	if err := c.ApplyClover(az, z); err != nil {
		t.Fatal(err)
	}
	lhs, rhs := mustDot(t, z, ax), mustDot(t, az, x)
	if d := cabs(lhs-rhs) / (mustNorm(t, z) * mustNorm(t, ax)); d > 1e-14 {
		t.Errorf("<z, A x> = %v, <A z, x> = %v: A is not Hermitian (%.3g)", lhs, rhs, d)
	}
	g5x, ag5x, g5ax := x.Like(), x.Like(), x.Like()
	if err := ApplyGamma5(g5x, x); err != nil {
		t.Fatal(err)
	}
	if err := c.ApplyClover(ag5x, g5x); err != nil {
		t.Fatal(err)
	}
	if err := ApplyGamma5(g5ax, ax); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(ag5x, g5ax); d != 0 {
		t.Errorf("A gamma5 differs from gamma5 A by %.3g", d)
	}
}

// TestCloverInverseFloat32 checks A A^-1 = 1 with both stored in float32.
func TestCloverInverseFloat32(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 4}, 4)
	u := hotGauge(t, l, 19)
	c, err := NewClover[float32](u, Params{Kappa: 0.125, CSW: 1.1})
	if err != nil {
		t.Fatal(err)
	}
	x := randomSpinor[float32](l, layout.Even, 1)
	y := x.Like()
	if err := c.ApplyCloverInv(y, x); err != nil {
		t.Fatal(err)
	}
	if err := c.ApplyClover(y, y); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(y, x); d > 1e-5 {
		t.Errorf("float32: A A^-1 x differs from x by %.3g (tolerance 1e-5)", d)
	}
}
