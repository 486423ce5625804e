package flow

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/measure"
	"github.com/goqcd/goqcd/layout"
)

// Point is one measurement along the flow: the flow time and the
// observables of measure.CloverObservables at that time.
type Point struct {
	T       float64 // flow time, lattice units (a^2)
	EClover float64 // clover action density (measure.Energy)
	EPlaq   float64 // plaquette action density (measure.Energy)
	Q       float64 // clover topological charge
}

// T2E is t^2 E(t) of the clover density.
func (p Point) T2E() float64 { return p.T * p.T * p.EClover }

// T2EPlaq is t^2 E(t) of the plaquette density.
func (p Point) T2EPlaq() float64 { return p.T * p.T * p.EPlaq }

// Options drive Run.
type Options struct {
	// Eps is the step size of the fixed-step integrator, and the first
	// trial step of the adaptive one.
	Eps float64
	// TMax is the flow time to reach; the last step is shortened to land
	// on it.
	TMax float64
	// Tol > 0 selects the adaptive integrator with this bound on the
	// distance between the third- and second-order solutions of a step
	// (see AdaptiveStep); zero selects fixed steps of Eps.
	Tol float64
	// Every measures after every Every-th step (fixed steps); zero or one
	// measures after each step. The adaptive integrator measures after each
	// accepted step. t = 0 and TMax are always measured.
	Every int
}

// Run flows g in place from t = 0 to opt.TMax with the Runge-Kutta
// integrator of Flower, measuring E (clover and plaquette) and Q at t = 0
// and along the way (see Options). hook, if not nil, is called with each
// point as it is measured (an error stops the flow). Run returns the
// points in order. Collective.
func Run(g *gauge.Field, ws *gauge.Workspace, opt Options, hook func(Point) error) ([]Point, error) {
	if !(opt.Eps > 0) || !(opt.TMax >= 0) || math.IsInf(opt.TMax, 0) || opt.Tol < 0 {
		return nil, fmt.Errorf("flow: need a positive step (eps %g), a finite flow time tmax %g >= 0 and a tolerance %g >= 0", opt.Eps, opt.TMax, opt.Tol)
	}
	f, err := New(g, ws)
	if err != nil {
		return nil, err
	}
	var fs [6]*layout.Field[float64]
	var points []Point
	record := func() error {
		c, err := measure.CloverObservables(g, ws, &fs)
		if err != nil {
			return err
		}
		p := Point{T: f.T, EClover: c.EClover, EPlaq: c.EPlaq, Q: c.Q}
		points = append(points, p)
		if hook != nil {
			return hook(p)
		}
		return nil
	}
	if err := record(); err != nil {
		return points, err
	}
	every := max(opt.Every, 1)
	eps := opt.Eps
	// end tolerates the round-off of summing steps up to TMax.
	end := opt.TMax * (1 - 1e-12)
	for step := 1; f.T < end; step++ {
		last := false
		if f.T+eps >= end {
			eps, last = opt.TMax-f.T, true
		}
		if opt.Tol > 0 {
			taken, next, err := f.AdaptiveStep(eps, opt.Tol)
			if err != nil {
				return points, err
			}
			last = last && taken == eps
			eps = next
		} else if err := f.Step(eps); err != nil {
			return points, err
		}
		if last {
			f.T = opt.TMax
		}
		if opt.Tol > 0 || step%every == 0 || f.T >= end {
			if err := record(); err != nil {
				return points, err
			}
		}
	}
	return points, nil
}
