package measure

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// FieldStrength returns the clover field strength F_mu,nu(x) of the six
// planes mu < nu, in gauge.Planes order (01, 02, 03, 12, 13, 23), as
// full-lattice matrix fields:
//
//	F_mu,nu(x) = (1/8) [Q_mu,nu(x) - Q_mu,nu(x)^dag]  minus (1/N) of its trace,
//
// where Q_mu,nu(x) is the sum of the four plaquettes of the (mu, nu) plane
// that have a corner at x, each starting and ending at x and running in the
// same sense (first along +mu, then +nu):
//
//	U_mu(x) U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag
//	+ U_nu(x) U_mu(x-mu+nu)^dag U_nu(x-mu)^dag U_mu(x-mu)
//	+ U_mu(x-mu)^dag U_nu(x-mu-nu)^dag U_mu(x-mu-nu) U_nu(x-nu)
//	+ U_nu(x-nu)^dag U_mu(x-nu) U_nu(x-nu+mu) U_mu(x)^dag.
//
// F is traceless anti-Hermitian, F_nu,mu = -F_mu,nu, and
// F_mu,nu = a^2 G_mu,nu + O(a^4) for U = exp(a A) with anti-Hermitian A and
// G_mu,nu = d_mu A_nu - d_nu A_mu + [A_mu, A_nu] (the clover definition of
// Luscher, JHEP 1008:071, and of openQCD's F-hat, here with the trace
// removed). The Sheikholeslami-Wohlert term uses it as
// c_SW (i/4) sigma_mu,nu F_mu,nu summed over all mu, nu
// (= (i/2) sum_{mu<nu} sigma_mu,nu F_mu,nu), sigma_mu,nu = (i/2)[gamma_mu, gamma_nu].
// Collective.
func FieldStrength(g *gauge.Field, ws *gauge.Workspace) ([6]*layout.Field[float64], error) {
	var f [6]*layout.Field[float64]
	for p := range f {
		f[p] = newMat(g)
	}
	return f, FieldStrengthInto(f, g, ws)
}

// FieldStrengthInto is FieldStrength writing into dst, six full-lattice
// matrix fields of g's group (reused across calls, e.g. along a flow).
// dst must not alias the links. Collective.
func FieldStrengthInto(dst [6]*layout.Field[float64], g *gauge.Field, ws *gauge.Workspace) error {
	for p, f := range dst {
		if f == nil || f.Layout != g.L || f.NC != g.N*g.N || f.Subset != layout.Full {
			return fmt.Errorf("field strength: destination %d must be a full-lattice SU(%d) matrix field on the gauge field's layout (gauge.NewMatField)", p, g.N)
		}
	}
	t := [4]*layout.Field[float64]{newMat(g), newMat(g), newMat(g), newMat(g)}
	leaves := newMat(g)
	for p, mn := range gauge.Planes {
		if err := cloverLeaves(g, ws, mn[0], mn[1], leaves, t); err != nil {
			return err
		}
		projectQuarter(g.N, dst[p], leaves)
	}
	return nil
}

// cloverLeaves sets q to Q_mu,nu, the sum of the four leaves, using the
// temporaries t. With P(y) the plaquette that starts at y, the leaf of the
// plaquette at y = x-mu seen from x is U_mu(y)^dag P(y) U_mu(y), and the two
// leaves below x (y = x-nu) are U_nu(y)^dag [leaf1 + leaf2](y) U_nu(y); so
// four shifts and seven products per plane build all four.
func cloverLeaves(g *gauge.Field, ws *gauge.Workspace, mu, nu int, q *layout.Field[float64], t [4]*layout.Field[float64]) error {
	n := g.N
	full := layout.Full
	plain, dag := gauge.Plain, gauge.Dag
	a, b, c, s := t[0], t[1], t[2], t[3]
	// a = U_nu(x+mu), b = U_mu(x+nu)
	if err := ws.Shift(a, g.U[nu], layout.HopDir(mu, +1)); err != nil {
		return err
	}
	if err := ws.Shift(b, g.U[mu], layout.HopDir(nu, +1)); err != nil {
		return err
	}
	gauge.MatMul(n, c, g.U[mu], a, plain, plain, full)
	gauge.MatMul(n, a, c, b, plain, dag, full)
	gauge.MatMul(n, s, a, g.U[nu], plain, dag, full) // s = P(x)
	// leaf 2: (U_mu^dag P U_mu)(x - mu)
	gauge.MatMul(n, c, g.U[mu], s, dag, plain, full)
	gauge.MatMul(n, a, c, g.U[mu], plain, plain, full)
	if err := ws.Shift(b, a, layout.HopDir(mu, -1)); err != nil {
		return err
	}
	addTo(s, b) // s = leaf1 + leaf2
	// leaves 3 and 4: (U_nu^dag s U_nu)(x - nu)
	gauge.MatMul(n, c, g.U[nu], s, dag, plain, full)
	gauge.MatMul(n, a, c, g.U[nu], plain, plain, full)
	if err := ws.Shift(q, a, layout.HopDir(nu, -1)); err != nil {
		return err
	}
	addTo(q, s)
	return nil
}
