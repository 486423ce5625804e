package hmc

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
)

// A Monomial is one term of the action S(U) = sum of monomials: the gauge
// action, or a fermion determinant represented by pseudofermions.
//
// The force F of a monomial is the su(N) field with
//
//	d/dt S(exp(t X) U)|_{t=0} = -2 sum_{x,mu} Re Tr(X_mu(x) F_mu(x))
//
// for every su(N) field X, so that the equations of motion dU/dt = P U,
// dP/dt = -F conserve H = -sum Tr P^2 + S.
type Monomial interface {
	// Name identifies the monomial in logs ("gauge", "wilson-nf2", ...).
	Name() string
	// Refresh starts a trajectory: fermion monomials draw their
	// pseudofermions from the stream at the current links. Collective.
	Refresh(g *gauge.Field, s *rng.Stream) error
	// Action is the monomial's action at the current links. Collective.
	Action(g *gauge.Field) (float64, error)
	// AddForce adds scale times the force at the current links to f.
	// Collective.
	AddForce(g *gauge.Field, f *Algebra, scale float64) error
}
