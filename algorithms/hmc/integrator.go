package hmc

import (
	"fmt"
	"strings"

	"github.com/goqcd/goqcd/algorithms/gauge"
)

// Scheme is a symmetric integration scheme for one time scale.
type Scheme string

const (
	Leapfrog      Scheme = "leapfrog"       // P 1/2, U 1, P 1/2: error O(eps^2)
	Omelyan       Scheme = "omelyan"        // 2MN: P l, U 1/2, P 1-2l, U 1/2, P l: O(eps^2), smaller constant
	ForceGradient Scheme = "force-gradient" // P 1/6, U 1/2, P~ 2/3, U 1/2, P 1/6: O(eps^4)
)

// OmelyanLambda is the 2MN parameter that minimises the norm of the
// leading error terms (Omelyan, Mryglod, Folk 2003).
const OmelyanLambda = 0.1931833275037836

// Level is one time scale of a nested (Sexton-Weingarten) integrator: its
// monomials are integrated with Steps steps per step of the enclosing level
// (per trajectory for the outermost one).
type Level struct {
	Monomials []Monomial
	Steps     int
}

// Integrator integrates the molecular dynamics dU/dt = P U, dP/dt = -F
// over nested time scales. Levels[0] is the outermost (coarsest, usually
// the most expensive fermion force); the last level's link updates are the
// innermost steps. The scheme is the same on every level.
type Integrator struct {
	Levels []Level
	Scheme Scheme
	Lambda float64 // Omelyan parameter; zero means OmelyanLambda

	force, save *Algebra // scratch for the force-gradient step
	saveU       *gauge.Field
	Forces      int // force evaluations so far, all levels
}

// stage is one sub-step: a momentum kick (kind 'P'), a force-gradient kick
// ('G') or an inner integration ('U'), with its fraction of the step.
type stage struct {
	kind byte
	frac float64
}

func (it *Integrator) stages() ([]stage, error) {
	lam := it.Lambda
	if lam == 0 {
		lam = OmelyanLambda
	}
	switch it.Scheme {
	case Leapfrog:
		return []stage{{'P', 0.5}, {'U', 1}, {'P', 0.5}}, nil
	case Omelyan:
		return []stage{{'P', lam}, {'U', 0.5}, {'P', 1 - 2*lam}, {'U', 0.5}, {'P', lam}}, nil
	case ForceGradient:
		return []stage{{'P', 1.0 / 6}, {'U', 0.5}, {'G', 2.0 / 3}, {'U', 0.5}, {'P', 1.0 / 6}}, nil
	}
	return nil, fmt.Errorf("integrator %q: choose one of leapfrog, omelyan, force-gradient", it.Scheme)
}

// Validate checks the levels and scheme.
func (it *Integrator) Validate() error {
	if _, err := it.stages(); err != nil {
		return err
	}
	if len(it.Levels) == 0 {
		return fmt.Errorf("integrator: no levels (time scales) given")
	}
	for i, lv := range it.Levels {
		if lv.Steps < 1 {
			return fmt.Errorf("integrator level %d: steps = %d must be at least 1", i, lv.Steps)
		}
	}
	return nil
}

// String describes the levels, e.g. "omelyan: [wilson-nf2] x 4, [gauge] x 5".
func (it *Integrator) String() string {
	var parts []string
	for _, lv := range it.Levels {
		var names []string
		for _, m := range lv.Monomials {
			names = append(names, m.Name())
		}
		parts = append(parts, fmt.Sprintf("[%s] x %d", strings.Join(names, " "), lv.Steps))
	}
	return fmt.Sprintf("%s: %s", it.Scheme, strings.Join(parts, ", "))
}

// Run integrates (g, p) over the trajectory length tau. Collective.
func (it *Integrator) Run(g *gauge.Field, p *Algebra, tau float64) error {
	if err := it.Validate(); err != nil {
		return err
	}
	return it.level(0, g, p, tau)
}

// level integrates level i over time h with its Steps steps, merging the
// momentum kicks that meet between steps.
func (it *Integrator) level(i int, g *gauge.Field, p *Algebra, h float64) error {
	lv := it.Levels[i]
	st, _ := it.stages()
	eps := h / float64(lv.Steps)
	pending := 0.0 // accumulated kick fraction not yet applied
	for range lv.Steps {
		for _, s := range st {
			switch s.kind {
			case 'P':
				pending += s.frac
			case 'G':
				if err := it.kick(lv, g, p, pending*eps); err != nil {
					return err
				}
				pending = 0
				if err := it.gradientKick(lv, g, p, s.frac*eps, eps); err != nil {
					return err
				}
			case 'U':
				if err := it.kick(lv, g, p, pending*eps); err != nil {
					return err
				}
				pending = 0
				if err := it.inner(i, g, p, s.frac*eps); err != nil {
					return err
				}
			}
		}
	}
	return it.kick(lv, g, p, pending*eps)
}

// inner advances the links by time h: through the next level, or directly.
func (it *Integrator) inner(i int, g *gauge.Field, p *Algebra, h float64) error {
	if i+1 < len(it.Levels) {
		return it.level(i+1, g, p, h)
	}
	return UpdateLinks(g, p, h)
}

// kick sets P -= h F for the level's monomials.
func (it *Integrator) kick(lv Level, g *gauge.Field, p *Algebra, h float64) error {
	if h == 0 {
		return nil
	}
	for _, m := range lv.Monomials {
		if err := m.AddForce(g, p, -h); err != nil {
			return fmt.Errorf("%s force: %w", m.Name(), err)
		}
		it.Forces++
	}
	return nil
}

// gradientKick is the force-gradient step P -= h F(U'), with the force
// evaluated at the displaced links U' = exp(-(eps^2/24) F(U)) U, the
// approximation of Yin and Mawhinney to the exact force-gradient term
// (eps^3/72) [S,[S,T]] of the Omelyan force-gradient integrator.
func (it *Integrator) gradientKick(lv Level, g *gauge.Field, p *Algebra, h, eps float64) error {
	if it.force == nil || it.force.L != g.L || it.force.N != g.N {
		it.force, it.save = NewAlgebra(g.L, g.N), NewAlgebra(g.L, g.N)
		it.saveU = g.Clone()
	}
	it.force.Zero()
	for _, m := range lv.Monomials {
		if err := m.AddForce(g, it.force, 1); err != nil {
			return fmt.Errorf("%s force: %w", m.Name(), err)
		}
		it.Forces++
	}
	it.saveU.CopyFrom(g)
	// (2 eps/3) F(exp(-tau F) U) = (2 eps/3) F - (2 eps/3) tau (F.D)F + O(tau^2):
	// matching the eps^3/36 (F.D)F of the force-gradient term gives tau = eps^2/24.
	if err := UpdateLinks(g, it.force, -eps*eps/24); err != nil {
		return err
	}
	if err := it.kick(lv, g, p, h); err != nil {
		return err
	}
	g.CopyFrom(it.saveU)
	return nil
}
