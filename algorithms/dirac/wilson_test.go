package dirac

import (
	"fmt"
	"github.com/goqcd/goqcd/kernels"
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/layout"
)

// naiveWilson is M psi = psi - kappa H psi computed site by site from the
// definition in doc.go, with the boundary phases applied to the hops that
// cross the global boundary, on one rank.
func naiveWilson(u *gauge.Field, kappa float64, bc [4]Boundary, psi *layout.Field[float64]) *layout.Field[float64] {
	l := u.L
	out := psi.Like()
	link := func(g dims, mu int) [9]complex128 {
		var m [9]complex128
		for e := range 9 {
			m[e] = atGlobal(u.U[mu], g, e)
		}
		return m
	}
	out.ForEachSite(func(tile, lane int, g dims) {
		var acc [SpinorNC]complex128
		for mu := range 4 {
			for _, s := range []int{+1, -1} {
				n := g
				n[mu] = (g[mu] + s + l.Global[mu]) % l.Global[mu]
				var m [9]complex128
				phase := complex128(1)
				if s > 0 {
					m = link(g, mu)
					if g[mu] == l.Global[mu]-1 {
						phase = bc[mu].Phase()
					}
				} else {
					b := link(n, mu)
					for i := range 3 {
						for j := range 3 {
							m[3*i+j] = conj(b[3*j+i])
						}
					}
					if g[mu] == 0 {
						phase = conj(bc[mu].Phase())
					}
				}
				var up [SpinorNC]complex128
				for sp := range 4 {
					for i := range 3 {
						for j := range 3 {
							up[3*sp+i] += phase * m[3*i+j] * atGlobal(psi, n, 3*sp+j)
						}
					}
				}
				for a := range 4 {
					for i := range 3 {
						v := up[3*a+i]
						for b := range 4 {
							v -= complex(float64(s), 0) * Gamma[mu][a][b] * up[3*b+i]
						}
						acc[3*a+i] += v
					}
				}
			}
		}
		for c := range SpinorNC {
			out.Set(tile, c, lane, psi.At(tile, c, lane)-complex(kappa, 0)*acc[c])
		}
	})
	return out
}

// TestWilsonMatchesDefinition compares the tiled operator with the
// site-by-site definition for every W, with a twist in every direction.
func TestWilsonMatchesDefinition(t *testing.T) {
	bc := [4]Boundary{Twisted(0.3), Periodic, Twisted(-1.1), Antiperiodic}
	for _, w := range []int{1, 2, 4, 8} {
		l := newLayout(t, dims{4, 4, 4, 8}, w)
		u := hotGauge(t, l, 11)
		m, err := NewWilson[float64](u, Params{Kappa: 0.124, BC: bc})
		if err != nil {
			t.Fatal(err)
		}
		psi := randomSpinor[float64](l, layout.Full, 3)
		got := m.NewField()
		if err := m.Apply(got, psi); err != nil {
			t.Fatal(err)
		}
		want := naiveWilson(u, 0.124, bc, psi)
		if d := relDiff(got, want); d > 1e-14 {
			t.Errorf("W=%d: M psi differs from the definition by %.3g (tolerance 1e-14)", w, d)
		}
	}
}

type opCase[F layout.Float] struct {
	name string
	op   op[F]
	sub  layout.Subset
}

func operators[F layout.Float](t *testing.T, u *gauge.Field, p Params) []opCase[F] {
	t.Helper()
	w, err := NewWilson[F](u, p)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClover[F](u, p)
	if err != nil {
		t.Fatal(err)
	}
	return []opCase[F]{
		{"Wilson", w, layout.Full}, {"Clover", c, layout.Full},
		{"Wilson Schur", w.Schur(), layout.Even}, {"Clover Schur", c.Schur(), layout.Even},
	}
}

// TestGamma5Hermiticity checks <x, M y> = <M^dag x, y> with M^dag = gamma5
// M gamma5 for every operator on a hot gauge field.
func TestGamma5Hermiticity(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 4}, 2)
	u := hotGauge(t, l, 5)
	p := Params{Kappa: 0.13, CSW: 1.7, BC: StandardBC}
	t.Run("float64", func(t *testing.T) { checkHermiticity(t, operators[float64](t, u, p), 1e-12) })
	t.Run("float32", func(t *testing.T) { checkHermiticity(t, operators[float32](t, u, p), 1e-5) })
}

func checkHermiticity[F layout.Float](t *testing.T, ops []opCase[F], tol float64) {
	for _, c := range ops {
		l := c.op.NewField().Layout
		x := randomSpinor[F](l, c.sub, 1)
		y := randomSpinor[F](l, c.sub, 2)
		my, mdx := c.op.NewField(), c.op.NewField()
		if err := c.op.Apply(my, y); err != nil {
			t.Fatal(err)
		}
		if err := c.op.ApplyDag(mdx, x); err != nil {
			t.Fatal(err)
		}
		a, b := mustDot(t, x, my), mustDot(t, mdx, y)
		scale := mustNorm(t, x) * mustNorm(t, my)
		if d := cabs(a-b) / scale; d > tol {
			t.Errorf("%s: <x, M y> = %v, <M^dag x, y> = %v: relative difference %.3g > %g", c.name, a, b, d, tol)
		}
		// and M is not Hermitian itself, so the test has teeth
		if err := c.op.Apply(mdx, x); err != nil {
			t.Fatal(err)
		}
		if d := cabs(a-mustDot(t, mdx, y)) / scale; d < 1e-3 {
			t.Errorf("%s: <x, M y> = <M x, y> (%.3g): the operator looks Hermitian, the check is void", c.name, d)
		}
	}
}

// gaugeRotate sets dst(x) = G(x) src(x) on every spin component.
func gaugeRotate[F layout.Float](dst, src *layout.Field[F], g *layout.Field[float64]) {
	src.ForEachSite(func(tile, lane int, _ dims) {
		for s := range 4 {
			for i := range 3 {
				var v complex128
				for j := range 3 {
					v += g.At(tile, 3*i+j, lane) * src.At(tile, 3*s+j, lane)
				}
				dst.Set(tile, 3*s+i, lane, v)
			}
		}
	})
}

// TestGaugeCovariance checks M[U^G] (G psi) = G (M[U] psi) with U^G_mu(x) =
// G(x) U_mu(x) G(x+mu)^dag, for Wilson and clover, with twisted boundaries.
func TestGaugeCovariance(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 4}, 4)
	u := hotGauge(t, l, 8)
	s := rng.New(9, 3)
	g := gauge.RandomTransform(l, 3, &s)
	ug := u.Clone()
	if err := ug.Transform(g, gauge.NewWorkspace(l, 3)); err != nil {
		t.Fatal(err)
	}
	p := Params{Kappa: 0.12, CSW: 1.3, BC: [4]Boundary{Twisted(0.7), Periodic, Periodic, Antiperiodic}}
	ops := operators[float64](t, u, p)
	opsG := operators[float64](t, ug, p)
	for i := range ops {
		if ops[i].sub != layout.Full {
			continue
		}
		psi := randomSpinor[float64](l, layout.Full, 4)
		gpsi := psi.Like()
		gaugeRotate(gpsi, psi, g)
		lhs, mpsi := psi.Like(), psi.Like()
		if err := opsG[i].op.Apply(lhs, gpsi); err != nil {
			t.Fatal(err)
		}
		if err := ops[i].op.Apply(mpsi, psi); err != nil {
			t.Fatal(err)
		}
		rhs := psi.Like()
		gaugeRotate(rhs, mpsi, g)
		if d := relDiff(lhs, rhs); d > 1e-13 {
			t.Errorf("%s: M[U^G] G psi differs from G M[U] psi by %.3g (tolerance 1e-13)", ops[i].name, d)
		}
		if d := relDiff(lhs, mpsi); d < 1e-2 {
			t.Errorf("%s: the gauge transformation changed nothing (%.3g): the check is void", ops[i].name, d)
		}
	}
}

// TestEvenOddAssembly checks that the parity blocks assembled,
// [[A_ee, -kappa D_eo], [-kappa D_oe, A_oo]], equal the full operator, and
// D_eo + D_oe the full hopping term.
func TestEvenOddAssembly(t *testing.T) {
	for _, w := range []int{1, 4} {
		l := newLayout(t, dims{4, 4, 8, 4}, w)
		u := hotGauge(t, l, 21)
		p := Params{Kappa: 0.125, CSW: 1.9, BC: StandardBC}
		c, err := NewClover[float64](u, p)
		if err != nil {
			t.Fatal(err)
		}
		psi := randomSpinor[float64](l, layout.Full, 6)
		pe, po := NewSpinor[float64](l, layout.Even), NewSpinor[float64](l, layout.Odd)
		copy(pe.Data, parityData(psi, 0))
		copy(po.Data, parityData(psi, 1))
		deo, doe := pe.Like(), po.Like()
		if err := c.Hop(deo, po); err != nil {
			t.Fatal(err)
		}
		if err := c.Hop(doe, pe); err != nil {
			t.Fatal(err)
		}
		hfull := psi.Like()
		if err := c.Hop(hfull, psi); err != nil {
			t.Fatal(err)
		}
		assembled := psi.Like()
		copy(parityData(assembled, 0), deo.Data)
		copy(parityData(assembled, 1), doe.Data)
		if d := relDiff(assembled, hfull); d > 0 {
			t.Errorf("W=%d: D_eo + D_oe differs from H by %.3g (the same arithmetic: want 0)", w, d)
		}
		ae, ao := pe.Like(), po.Like()
		if err := c.ApplyClover(ae, pe); err != nil {
			t.Fatal(err)
		}
		if err := c.ApplyClover(ao, po); err != nil {
			t.Fatal(err)
		}
		layout.Axpy(complex(-p.Kappa, 0), deo, ae)
		layout.Axpy(complex(-p.Kappa, 0), doe, ao)
		copy(parityData(assembled, 0), ae.Data)
		copy(parityData(assembled, 1), ao.Data)
		full := psi.Like()
		if err := c.Apply(full, psi); err != nil {
			t.Fatal(err)
		}
		if d := relDiff(assembled, full); d > 1e-15 {
			t.Errorf("W=%d: Dee+Deo+Doe+Doo differs from M by %.3g (tolerance 1e-15)", w, d)
		}
	}
}

// TestSchurIdentities checks, for x random and b = M x, that Mhat x_e =
// SchurSource(b) and Reconstruct(x_e, b) = x: the even-odd solve is the
// full solve.
func TestSchurIdentities(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 8}, 2)
	u := hotGauge(t, l, 31)
	p := Params{Kappa: 0.12, CSW: 1.6, BC: StandardBC}
	for _, clover := range []bool{false, true} {
		var m op[float64]
		var s *Schur[float64]
		if clover {
			c, err := NewClover[float64](u, p)
			if err != nil {
				t.Fatal(err)
			}
			m, s = c, c.Schur()
		} else {
			w, err := NewWilson[float64](u, p)
			if err != nil {
				t.Fatal(err)
			}
			m, s = w, w.Schur()
		}
		x := randomSpinor[float64](l, layout.Full, 7)
		b := x.Like()
		if err := m.Apply(b, x); err != nil {
			t.Fatal(err)
		}
		xe := s.NewField()
		copy(xe.Data, parityData(x, 0))
		bhat, mx := s.NewField(), s.NewField()
		if err := s.SchurSource(bhat, b); err != nil {
			t.Fatal(err)
		}
		if err := s.Apply(mx, xe); err != nil {
			t.Fatal(err)
		}
		if d := relDiff(mx, bhat); d > 1e-13 {
			t.Errorf("clover=%v: Mhat x_e differs from SchurSource(M x) by %.3g (tolerance 1e-13)", clover, d)
		}
		y := x.Like()
		if err := s.Reconstruct(y, xe, b); err != nil {
			t.Fatal(err)
		}
		if d := relDiff(y, x); d > 1e-13 {
			t.Errorf("clover=%v: Reconstruct(x_e, M x) differs from x by %.3g (tolerance 1e-13)", clover, d)
		}
	}
}

// TestAntiperiodicIsSignFlip checks that antiperiodic time boundaries are
// the periodic operator of a gauge field whose last time slice of U_t is
// negated (exactly: the phase -1 is exact), that the difference to the
// periodic operator lives on the first and last time slices only, and
// that a twist theta matches its explicit construction with the phase on
// the links.
func TestAntiperiodicIsSignFlip(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 6}, 2)
	u := hotGauge(t, l, 41)
	psi := randomSpinor[float64](l, layout.Full, 8)
	apply := func(u *gauge.Field, bc [4]Boundary) *layout.Field[float64] {
		c, err := NewClover[float64](u, Params{Kappa: 0.12, CSW: 1.2, BC: bc})
		if err != nil {
			t.Fatal(err)
		}
		out := psi.Like()
		if err := c.Apply(out, psi); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// twisted is u with the links U_t(x) of the last slice times phase.
	twisted := func(phase complex128) *gauge.Field {
		v := u.Clone()
		v.U[3].ForEachSite(func(tile, lane int, g dims) {
			if g[3] == l.Global[3]-1 {
				for e := range 9 {
					v.U[3].Set(tile, e, lane, phase*v.U[3].At(tile, e, lane))
				}
			}
		})
		return v
	}
	per := [4]Boundary{}
	ap := apply(u, StandardBC)
	// The sign-flipped field has det -1 on the last slice, so its operator
	// reads full links, while the antiperiodic one (float64, SU(3) links)
	// may rebuild third rows from compact links: round-off apart.
	tol := 0.0
	if kernels.CompactLinks64() {
		tol = 1e-14
	}
	if d := relDiff(ap, apply(twisted(-1), per)); d > tol {
		t.Errorf("antiperiodic differs from the explicit sign flip by %.3g (want <= %g)", d, tol)
	}
	pp := apply(u, per)
	nonzero := false
	ap.ForEachSite(func(tile, lane int, g dims) {
		for c := range SpinorNC {
			diff := ap.At(tile, c, lane) - pp.At(tile, c, lane)
			onEdge := g[3] == 0 || g[3] == l.Global[3]-1
			if !onEdge && diff != 0 {
				t.Errorf("antiperiodic changes the site %v away from the time boundary", g)
				return
			}
			if onEdge && diff != 0 {
				nonzero = true
			}
		}
	})
	if !nonzero {
		t.Error("antiperiodic and periodic operators agree on the time boundary")
	}
	theta := 0.83
	tw := apply(u, [4]Boundary{Periodic, Periodic, Periodic, Twisted(theta)})
	s, c := math.Sincos(theta)
	if d := relDiff(tw, apply(twisted(complex(c, s)), per)); d > 1e-15 {
		t.Errorf("twist %g differs from the explicit link phase by %.3g (tolerance 1e-15)", theta, d)
	}
	if d := relDiff(apply(u, [4]Boundary{Periodic, Periodic, Periodic, Twisted(math.Pi)}), ap); d != 0 {
		t.Errorf("twist pi differs from antiperiodic by %.3g", d)
	}
	if ph := Twisted(math.Pi - 1e-9).Phase(); cabs(ph+1) > 1e-8 {
		t.Errorf("twist just below pi has phase %v, want about -1", ph)
	}
}

func TestParamsValidated(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 4}, 1)
	u := coldGauge(t, l)
	for _, p := range []Params{{Kappa: 0}, {Kappa: -0.1}, {Kappa: math.NaN()}, {Kappa: 0.1, CSW: math.Inf(1)}} {
		if _, err := NewClover[float64](u, p); err == nil {
			t.Errorf("params %+v accepted", p)
		}
	}
	m, err := NewWilson[float64](u, Params{Kappa: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	even := NewSpinor[float64](l, layout.Even)
	full := m.NewField()
	if err := m.Apply(even, full); err == nil {
		t.Error("Apply accepted an even destination")
	}
	if err := m.Apply(full, full); err == nil {
		t.Error("Apply accepted aliased fields")
	}
	if err := m.Hop(even, even); err == nil {
		t.Error("Hop accepted even to even")
	}
	if k := KappaFromMass(MassFromKappa(0.1234)); math.Abs(k-0.1234) > 1e-15 {
		t.Errorf("kappa round trip gives %v", k)
	}
	_ = fmt.Sprint(Antiperiodic, Twisted(0.5))
}
