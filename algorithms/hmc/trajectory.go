package hmc

import (
	"fmt"
	"math"
	"time"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
)

// HMC is the hybrid Monte Carlo update: refresh the momenta and the
// pseudofermions, integrate the molecular dynamics over Tau, and accept or
// reject with the Metropolis test on dH, which makes the algorithm exact for
// any step size. Every random number comes from Stream, keyed by global
// site, so a run is the same on every process grid and W; the Metropolis
// number is drawn at a fixed key, the same on every rank.
type HMC struct {
	Monomials  []Monomial // the whole action
	Integrator *Integrator
	Tau        float64
	Stream     rng.Stream

	p      *Algebra
	backup *gauge.Field
}

// Trajectory is the record of one HMC trajectory.
type Trajectory struct {
	DH         float64 // H(end) - H(start)
	ExpMinusDH float64
	Accepted   bool
	Metropolis bool // false when the test was skipped (early thermalisation)
	HStart     float64
	Forces     int     // force evaluations
	Seconds    float64 // wall time
}

// Run performs one trajectory on g. With metropolis false the end
// configuration is always kept (for early thermalisation only: the
// algorithm is then not exact). Collective.
func (h *HMC) Run(g *gauge.Field, metropolis bool) (Trajectory, error) {
	start := time.Now()
	if h.Tau <= 0 {
		return Trajectory{}, fmt.Errorf("hmc: trajectory length %g must be positive", h.Tau)
	}
	if h.p == nil || h.p.L != g.L || h.p.N != g.N {
		h.p = NewAlgebra(g.L, g.N)
		h.backup = g.Clone()
	}
	h.backup.CopyFrom(g)
	h.p.Refresh(&h.Stream)
	for _, m := range h.Monomials {
		if err := m.Refresh(g, &h.Stream); err != nil {
			return Trajectory{}, fmt.Errorf("%s refresh: %w", m.Name(), err)
		}
	}
	h0, err := h.hamiltonian(g)
	if err != nil {
		return Trajectory{}, err
	}
	forces := h.Integrator.Forces
	if err := h.Integrator.Run(g, h.p, h.Tau); err != nil {
		return Trajectory{}, err
	}
	h1, err := h.hamiltonian(g)
	if err != nil {
		return Trajectory{}, err
	}
	tr := Trajectory{DH: h1 - h0, HStart: h0, Metropolis: metropolis, Forces: h.Integrator.Forces - forces}
	tr.ExpMinusDH = math.Exp(-tr.DH)
	// one uniform number, the same on every rank: site 0 of a fresh epoch
	gen := h.Stream.Site(0)
	h.Stream.Advance()
	u := gen.Float64()
	tr.Accepted = !metropolis || u < tr.ExpMinusDH
	if !tr.Accepted {
		g.CopyFrom(h.backup)
	}
	tr.Seconds = time.Since(start).Seconds()
	return tr, nil
}

// hamiltonian is H = K(P) + sum of the monomials' actions. Collective.
func (h *HMC) hamiltonian(g *gauge.Field) (float64, error) {
	k, err := h.p.Kinetic()
	if err != nil {
		return 0, err
	}
	for _, m := range h.Monomials {
		s, err := m.Action(g)
		if err != nil {
			return 0, fmt.Errorf("%s action: %w", m.Name(), err)
		}
		k += s
	}
	return k, nil
}
