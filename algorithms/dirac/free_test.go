package dirac

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/layout"
)

// momentum is p_mu = (2 pi n_mu + theta_mu) / L_mu, the momenta allowed by
// the boundary conditions psi(x + L mu^) = exp(i theta_mu) psi(x).
func momentum(l *layout.Layout, bc [4]Boundary, n dims) [4]float64 {
	var p [4]float64
	for mu := range 4 {
		p[mu] = (2*math.Pi*float64(n[mu]) + bc[mu].Theta) / float64(l.Global[mu])
	}
	return p
}

// freeSymbol is 1 - 2 kappa sum_mu (cos p_mu - i gamma_mu sin p_mu), the
// free Wilson operator in momentum space.
func freeSymbol(kappa float64, p [4]float64) Spin {
	var m Spin
	for a := range 4 {
		m[a][a] = 1
		for mu := range 4 {
			m[a][a] -= complex(2*kappa*math.Cos(p[mu]), 0)
		}
	}
	for mu := range 4 {
		s := complex(0, 2*kappa*math.Sin(p[mu]))
		for a := range 4 {
			for b := range 4 {
				m[a][b] += s * Gamma[mu][a][b]
			}
		}
	}
	return m
}

// TestFreePlaneWaves checks M psi_p = (1 - 2 kappa sum (cos p - i gamma sin
// p)) psi_p for plane waves psi_p(x) = exp(i p x) eta on the unit gauge
// field, for periodic, antiperiodic and twisted boundaries (p shifted by
// theta/L), for the Wilson and the clover operator (A = 1 there).
func TestFreePlaneWaves(t *testing.T) {
	l := newLayout(t, dims{4, 6, 4, 8}, 2)
	u := coldGauge(t, l)
	kappa := 0.11
	eta := [SpinorNC]complex128{}
	for c := range eta {
		eta[c] = complex(math.Sin(float64(3*c+1)), math.Cos(float64(2*c)))
	}
	bcs := [][4]Boundary{{}, StandardBC, {Twisted(0.4), Antiperiodic, Twisted(-2), Twisted(1)}}
	moms := []dims{{0, 0, 0, 0}, {1, 2, 3, 5}, {3, 5, 1, 2}, {2, 1, 0, 7}}
	for _, bc := range bcs {
		w, err := NewWilson[float64](u, Params{Kappa: kappa, BC: bc})
		if err != nil {
			t.Fatal(err)
		}
		c, err := NewClover[float64](u, Params{Kappa: kappa, CSW: 1.5, BC: bc})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range moms {
			p := momentum(l, bc, n)
			psi, want := w.NewField(), w.NewField()
			sym := freeSymbol(kappa, p)
			psi.ForEachSite(func(tile, lane int, g dims) {
				ph := cmplx.Exp(complex(0, p[0]*float64(g[0])+p[1]*float64(g[1])+p[2]*float64(g[2])+p[3]*float64(g[3])))
				for a := range 4 {
					for col := range 3 {
						psi.Set(tile, 3*a+col, lane, ph*eta[3*a+col])
						var v complex128
						for b := range 4 {
							v += sym[a][b] * eta[3*b+col]
						}
						want.Set(tile, 3*a+col, lane, ph*v)
					}
				}
			})
			for name, m := range map[string]op[float64]{"Wilson": w, "Clover": c} {
				got := psi.Like()
				if err := m.Apply(got, psi); err != nil {
					t.Fatal(err)
				}
				if d := relDiff(got, want); d > 1e-13 {
					t.Errorf("%s, bc %v, n %v: M psi_p differs from the momentum-space symbol by %.3g (tolerance 1e-13)", name, bc, n, d)
				}
			}
		}
	}
}

// TestFreePropagator solves M x = delta(x) e_{s0,c0} on the unit gauge
// field on 4^4 (antiperiodic in time) with CG on the normal equations, by
// the full operator and by the Schur complement with reconstruction, and
// compares both with the momentum sum (1/V) sum_p exp(i p y) S(p), S(p) =
// (a - i gamma.b)/(a^2 + b^2), a = 1 - 2 kappa sum cos p, b = 2 kappa sin p.
func TestFreePropagator(t *testing.T) {
	l := newLayout(t, dims{4, 4, 4, 4}, 1)
	u := coldGauge(t, l)
	kappa, s0, c0 := 0.115, 2, 1
	bc := StandardBC
	w, err := NewWilson[float64](u, Params{Kappa: kappa, BC: bc})
	if err != nil {
		t.Fatal(err)
	}
	b := w.NewField()
	_, tile, lane := l.Locate(dims{})
	b.Set(tile, 3*s0+c0, lane, 1)

	want := b.Like()
	var moms []([4]float64)
	for n0 := range 4 {
		for n1 := range 4 {
			for n2 := range 4 {
				for n3 := range 4 {
					moms = append(moms, momentum(l, bc, dims{n0, n1, n2, n3}))
				}
			}
		}
	}
	want.ForEachSite(func(tile, lane int, g dims) {
		for _, p := range moms {
			a, bb := 1.0, 0.0
			var bv [4]float64
			for mu := range 4 {
				a -= 2 * kappa * math.Cos(p[mu])
				bv[mu] = 2 * kappa * math.Sin(p[mu])
				bb += bv[mu] * bv[mu]
			}
			ph := cmplx.Exp(complex(0, p[0]*float64(g[0])+p[1]*float64(g[1])+p[2]*float64(g[2])+p[3]*float64(g[3])))
			ph /= complex(float64(l.GlobalVolume)*(a*a+bb), 0)
			for sp := range 4 {
				v := complex(0, 0)
				if sp == s0 {
					v = complex(a, 0)
				}
				for mu := range 4 {
					v -= complex(0, bv[mu]) * Gamma[mu][sp][s0]
				}
				want.Set(tile, 3*sp+c0, lane, want.At(tile, 3*sp+c0, lane)+ph*v)
			}
		}
	})

	x := w.NewField()
	cgNormal[float64](t, w, x, b, 1e-12, 500)
	if d := relDiff(x, want); d > 1e-9 {
		t.Errorf("full solve: propagator differs from the momentum sum by %.3g (tolerance 1e-9)", d)
	}

	s := w.Schur()
	bhat, xe := s.NewField(), s.NewField()
	if err := s.SchurSource(bhat, b); err != nil {
		t.Fatal(err)
	}
	cgNormal[float64](t, s, xe, bhat, 1e-12, 500)
	if err := s.Reconstruct(x, xe, b); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(x, want); d > 1e-9 {
		t.Errorf("even-odd solve: propagator differs from the momentum sum by %.3g (tolerance 1e-9)", d)
	}
}
