package flow

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/layout"
)

// Step-size control of AdaptiveStep. The third-order step V and the
// embedded second-order solution Vlow = exp(2 Z1 - Z0) W0, built from the
// same stages (the Runge-Kutta pair with nodes 0, 1/4 and weights
// (-1, 2) for the low order, as in Fritzsch and Ramos, JHEP 1310:008,
// appendix), differ by
//
//	d = max over links and matrix elements of |V - Vlow| = O(eps^3),
//
// the local error of the second-order solution, which bounds that of the
// third-order one for small eps. A step is accepted when d <= tol and
// repeated from W0 otherwise; either way the next step size is
//
//	eps * clamp(safety * (tol/d)^(1/3), minShrink, maxGrow).
//
// Since d is an estimate for the lower-order method, the accepted
// third-order steps are typically more accurate than tol.
const (
	safety    = 0.95
	maxGrow   = 2.0
	minShrink = 0.2
	// maxRejects bounds the retries of one AdaptiveStep.
	maxRejects = 50
)

// AdaptiveStep makes one accepted step with error control: it tries eps,
// shrinking it (and redoing the step from the same field) until the
// distance d between the third- and second-order solutions is at most tol.
// It returns the step taken and the suggested size of the next one. The
// largest d is taken over every rank (a max reduction), so every rank
// takes the same steps. Collective.
func (f *Flower) AdaptiveStep(eps, tol float64) (taken, next float64, err error) {
	if !(eps > 0) || !(tol > 0) {
		return 0, 0, fmt.Errorf("flow: adaptive step needs a positive step (%g) and tolerance (%g)", eps, tol)
	}
	if f.start == nil {
		f.start, f.low = f.g.Clone(), f.g.Clone()
	}
	f.start.CopyFrom(f.g)
	t0 := f.T
	for range maxRejects {
		if err := f.step(eps, true); err != nil {
			return 0, 0, err
		}
		d, err := f.distance()
		if err != nil {
			return 0, 0, err
		}
		factor := 2 * maxGrow // exact step: grow as allowed
		if d > 0 {
			factor = safety * math.Cbrt(tol/d)
		}
		factor = min(max(factor, minShrink), maxGrow)
		if d <= tol {
			return eps, eps * factor, nil
		}
		f.g.CopyFrom(f.start)
		f.T = t0
		eps *= factor
	}
	return 0, 0, fmt.Errorf("flow: no step size met tolerance %g after %d tries (last %g): the tolerance is too small for round-off", tol, maxRejects, eps)
}

// distance is the largest |V - Vlow| over every link of every rank.
// Collective.
func (f *Flower) distance() (float64, error) {
	d := 0.0
	for mu := range layout.Nd {
		d = max(d, maxDistance(f.g.U[mu], f.low.U[mu]))
	}
	buf := []float64{d}
	if err := f.g.L.Comm.AllreduceMax64(buf); err != nil {
		return 0, err
	}
	return buf[0], nil
}
