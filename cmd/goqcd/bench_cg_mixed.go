package main

import (
	"errors"
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/layout"
)

// mixedInnerTol is the relative residual reduction of each float32 CGNR
// cycle of mixedCGNR: far enough above float32 round-off (about 1e-7 to
// 1e-6 relative) that a cycle never stalls.
const mixedInnerTol = 1e-4

// mixedCGNR solves A x = b in float64 by defect correction: the float64
// residual r = b - A x is rounded to float32, CGNR in float32 (on op32,
// the float32 twin of op64 on the same layout) solves A e = r to relative
// residual mixedInnerTol (or to what the tolerance still needs), e is
// added to x in float64 and r recomputed with op64, until |r| / |b| <=
// p.Tol. Result.Iterations counts the float32 CGNR iterations (one Apply
// and one ApplyDag each), Restarts the float64 corrections, Residual the
// final float64 residual; Seconds is left 0 (the caller times). x holds the initial guess. Collective; the
// sequence of iterations is the same on every process grid (exact sums).
func mixedCGNR(op64 solver.Operator[float64], op32 solver.Operator[float32], x, b *layout.Field[float64], p solver.Params) (solver.Result, error) {
	var res solver.Result
	bb, err := layout.Norm2(b)
	if err != nil {
		return res, err
	}
	if bb == 0 {
		x.Zero()
		res.Converged = true
		return res, nil
	}
	r, ax, e64 := b.Like(), b.Like(), b.Like()
	r32, e32 := op32.NewField(), op32.NewField()
	for {
		if err := op64.Apply(ax, x); err != nil {
			return res, err
		}
		res.Applies++
		layout.Copy(r, b)
		layout.Axpy(-1, ax, r)
		rr, err := layout.Norm2(r)
		if err != nil {
			return res, err
		}
		res.Residual = math.Sqrt(rr / bb)
		if res.Residual <= p.Tol {
			res.Converged = true
			return res, nil
		}
		if res.Iterations >= p.MaxIter {
			return res, fmt.Errorf("mixed cgnr: %d float32 iterations reached relative residual %.3g, not %g: %w",
				res.Iterations, res.Residual, p.Tol, solver.ErrNotConverged)
		}
		// Solve only as far as the tolerance still needs, with a margin.
		inner := max(mixedInnerTol, 0.5*p.Tol/res.Residual)
		if err := layout.Convert(r32, r); err != nil {
			return res, err
		}
		e32.Zero()
		ri, err := solver.CGNR[float32](op32, e32, r32, solver.Params{Tol: inner, MaxIter: p.MaxIter - res.Iterations})
		res.Iterations += ri.Iterations
		res.Applies += ri.Applies
		res.Flops += ri.Flops
		if err != nil && !errors.Is(err, solver.ErrNotConverged) {
			return res, err
		}
		if ri.Iterations == 0 {
			return res, fmt.Errorf("mixed cgnr: the float32 solver made no progress at relative residual %.3g: %w", res.Residual, solver.ErrBreakdown)
		}
		if err := layout.Convert(e64, e32); err != nil {
			return res, err
		}
		layout.Axpy(1, e64, x)
		res.Restarts++
	}
}
