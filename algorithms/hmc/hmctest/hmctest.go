// Package hmctest holds the checks that every HMC monomial must pass, for
// the tests of the packages that define monomials.
package hmctest

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/hmc"
	"github.com/goqcd/goqcd/algorithms/sun"
)

// CheckForce compares the force of m with the numerical derivative of its
// action at a few links, in every Lie-algebra direction X = i T^a:
// dS(exp(t X) U)/dt = -2 Re Tr(X F) = f_a, the a-th algebra coefficient of
// F = i sum_b f_b T^b (Tr(i T^a i f_b T^b) = -f_b delta_ab / 2). The
// derivative is a fourth-order central difference with step 1e-4; tol is
// relative to 1 + |f_a|.
func CheckForce(t *testing.T, g *gauge.Field, m hmc.Monomial, tol float64) {
	t.Helper()
	l, n := g.L, g.N
	f := hmc.NewAlgebra(l, n)
	if err := m.AddForce(g, f, 1); err != nil {
		t.Fatal(err)
	}
	gens := sun.Generators(n)
	const h = 1e-4
	for _, site := range [][3]int{{0, 0, 0}, {1, l.NTiles - 1, l.W - 1}, {3, l.NTiles / 2, 0}, {2, 1, l.W / 2}} {
		mu, tile, lane := site[0], site[1], site[2]
		coef := f.Coefficients(mu, tile, lane)
		u := sun.NewMat(n)
		g.Load(mu, tile, lane, u.A)
		for a := range gens {
			x := sun.NewMat(n)
			x.Scale(complex(0, 1), &gens[a]) // X = i T^a
			action := func(t float64) float64 {
				y := sun.NewMat(n)
				y.Scale(complex(t, 0), &x)
				e := sun.ExpAntiHermitian(&y)
				v := sun.NewMat(n)
				v.Mul(&e, &u)
				g.Store(mu, tile, lane, v.A)
				s, err := m.Action(g)
				if err != nil {
					panic(err)
				}
				return s
			}
			// fourth-order central difference
			num := (8*(action(h)-action(-h)) - (action(2*h) - action(-2*h))) / (12 * h)
			g.Store(mu, tile, lane, u.A)
			want := coef[a] // -2 Re Tr(i T^a F) = f_a
			if math.Abs(num-want) > tol*(1+math.Abs(want)) {
				t.Errorf("%s force at mu=%d tile=%d lane=%d direction %d: numerical dS %.10g, force %.10g", m.Name(), mu, tile, lane, a, num, want)
			}
		}
	}
}
