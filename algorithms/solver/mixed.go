package solver

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/layout"
)

// MixedCG solves A x = b in float64 for a Hermitian positive definite A by
// CG iterating in float32 on op32 (the float32 twin of op64, on the same
// layout) with reliable updates (Sleijpen and van der Vorst; Clark et al.,
// arXiv:0911.3191): the float32 iteration accumulates a correction y; each
// time its residual has fallen by Params.Delta (default 0.1) below the
// largest since the last update, or meets the tolerance, y is added to x in
// float64, the residual b - A x is recomputed with op64 and replaces the
// float32 one, and the search direction carries on. The tolerance is met
// by the float64 residual, so it may lie far below float32 precision.
//
// x holds the initial guess and must not alias b. One iteration is one
// float32 Apply; Result.Restarts counts the reliable updates (one float64
// Apply each). Residuals are not rescaled, so |b| must leave Tol |b| / sqrt(sites)
// within float32 range (about 1e-38). Collective.
func MixedCG(op64 HermitianOperator[float64], op32 HermitianOperator[float32], x, b *layout.Field[float64], p Params) (Result, error) {
	s := newRun("mixed cg", p)
	if err := p.check(s.name); err != nil {
		return Result{}, err
	}
	t64, err := newFields(s.name, op64, 1, x, b)
	if err != nil {
		return Result{}, err
	}
	t32, err := newFields(s.name, op32, 4)
	if err != nil {
		return Result{}, err
	}
	if err := sameShape(s.name, b, t32[0]); err != nil {
		return Result{}, err
	}
	r64 := t64[0]
	r32, p32, q32, y32 := t32[0], t32[1], t32[2], t32[3]
	delta := p.Delta
	if delta == 0 {
		delta = 0.1
	}
	bb, err := norm2(s, b)
	if err != nil {
		return s.res, err
	}
	if bb == 0 {
		x.Zero()
		return s.finish(0, p.Tol)
	}
	target := p.Tol * p.Tol * bb
	rr, err := residual(s, op64, r64, x, b)
	if err != nil {
		return s.res, err
	}
	layout.Convert(r32, r64)
	layout.Copy(p32, r32)
	rMax := math.Sqrt(rr)
	pending := false // y32 holds a correction not yet in x
	for it := 0; rr > target && it < p.MaxIter; {
		if err := apply(s, op32, q32, p32); err != nil {
			return s.res, err
		}
		pq, err := dot(s, p32, q32)
		if err != nil {
			return s.res, err
		}
		if !(real(pq) > 0) {
			return s.res, fmt.Errorf("%s: <p, A p> = %g at iteration %d: the float32 operator is not positive definite (or not finite): %w", s.name, real(pq), it, ErrBreakdown)
		}
		alpha := rr / real(pq)
		rrNew, err := cgUpdate(s, alpha, y32, r32, p32, q32)
		pending = true
		if err != nil {
			return s.res, err
		}
		it++
		s.step(it, relative(rrNew, bb))
		rn := math.Sqrt(rrNew)
		if rn < delta*rMax || rrNew <= target {
			if rrNew, err = reliableUpdate(s, op64, x, b, r64, r32, y32, bb); err != nil {
				return s.res, err
			}
			pending = false
			rMax = math.Sqrt(rrNew)
			if rrNew <= target {
				rr = rrNew
				break
			}
		} else {
			rMax = max(rMax, rn)
		}
		xpay(s, r32, rrNew/rr, p32)
		rr = rrNew
	}
	if pending {
		if rr, err = reliableUpdate(s, op64, x, b, r64, r32, y32, bb); err != nil {
			return s.res, err
		}
	}
	return s.finish(relative(rr, bb), p.Tol)
}

// reliableUpdate adds the float32 correction y to x, clears y, recomputes
// r64 = b - A x in float64, copies it into r32 and returns |r64|^2.
func reliableUpdate(s *run, op64 linear[float64], x, b, r64 *layout.Field[float64], r32, y32 *layout.Field[float32], bb float64) (float64, error) {
	s.res.Flops += 2 * ncomplex(x)
	addConverted(x, y32, 1)
	y32.Zero()
	rr, err := residual(s, op64, r64, x, b)
	if err != nil {
		return 0, err
	}
	layout.Convert(r32, r64)
	s.res.Restarts++
	s.logf("reliable update %d: relative residual %.3e", s.res.Restarts, relative(rr, bb))
	return rr, nil
}

// MixedBiCGStab solves A x = b in float64 for a general invertible A by
// defect correction (iterative refinement): repeatedly, the float64
// residual r = b - A x (op64) is rounded to float32, A e = r is solved
// approximately by BiCGStab on op32 (the float32 twin of op64, same
// layout) from e = 0 to relative residual Params.Delta (default 1e-3, or
// less on the last correction), and x += e in float64. It stops when the
// float64 residual meets Params.Tol, which may lie far below float32
// precision, or when the iterations are spent. One inner solve may use at
// most half of the iterations left. A correction that does not reduce the
// float64 residual (float32 BiCGStab failed, as it can close to a critical
// point) is undone and the solve continues with float64 BiCGStab.
//
// x holds the initial guess and must not alias b. One iteration is one
// BiCGStab iteration (two Applies) in either precision; Result.Restarts
// counts the corrections plus any BiCGStab restarts. Collective.
func MixedBiCGStab(op64 Operator[float64], op32 Operator[float32], x, b *layout.Field[float64], p Params) (Result, error) {
	s := newRun("mixed bicgstab", p)
	if err := p.check(s.name); err != nil {
		return Result{}, err
	}
	t64, err := newFields(s.name, op64, 1, x, b)
	if err != nil {
		return Result{}, err
	}
	t32, err := newFields(s.name, op32, 2)
	if err != nil {
		return Result{}, err
	}
	if err := sameShape(s.name, b, t32[0]); err != nil {
		return Result{}, err
	}
	r64, r32, e32 := t64[0], t32[0], t32[1]
	delta := p.Delta
	if delta == 0 {
		delta = 1e-3
	}
	bb, err := norm2(s, b)
	if err != nil {
		return s.res, err
	}
	if bb == 0 {
		x.Zero()
		return s.finish(0, p.Tol)
	}
	target := p.Tol * p.Tol * bb
	rr, err := residual(s, op64, r64, x, b)
	if err != nil {
		return s.res, err
	}
	for rr > target && s.res.Iterations < p.MaxIter {
		layout.Convert(r32, r64)
		rr32, err := norm2(s, r32)
		if err != nil {
			return s.res, err
		}
		e32.Zero()
		// Aim a little below what is still missing, but no lower than delta.
		tol := max(delta, 0.5*math.Sqrt(target/rr))
		limit := s.res.Iterations + max(1, (p.MaxIter-s.res.Iterations)/2)
		if _, err := bicgstab(s, linear[float32](op32), e32, r32, rr32, tol, limit, false); err != nil {
			return s.res, err
		}
		s.res.Flops += 2 * ncomplex(x)
		addConverted(x, e32, 1)
		rrNew, err := residual(s, op64, r64, x, b)
		if err != nil {
			return s.res, err
		}
		s.res.Restarts++
		s.logf("correction %d: relative residual %.3e", s.res.Restarts, relative(rrNew, bb))
		if rrNew < rr {
			rr = rrNew
			continue
		}
		s.logf("the float32 solve did not reduce the residual: undoing it, continuing in float64")
		addConverted(x, e32, -1)
		if rr, err = bicgstab(s, linear[float64](op64), x, b, bb, p.Tol, p.MaxIter, true); err != nil {
			return s.res, err
		}
		break
	}
	return s.finish(relative(rr, bb), p.Tol)
}

// sameShape checks that fields of two precisions share layout, components
// and subset.
func sameShape[D, S layout.Float](name string, d *layout.Field[D], s *layout.Field[S]) error {
	if d.Layout != s.Layout || d.NC != s.NC || d.Subset != s.Subset {
		return fmt.Errorf("%s: the float32 operator's fields (%d components on %s sites) differ from the float64 ones (%d on %s) or use another layout: build both operators on one layout",
			name, s.NC, s.Subset, d.NC, d.Subset)
	}
	return nil
}
