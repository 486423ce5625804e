package solver

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/goqcd/goqcd/layout"
)

// BiCGStab solves A x = b for a general (non-Hermitian) invertible A by
// van der Vorst's stabilised bi-conjugate gradient method, with the
// shadow residual r0 = the initial residual. x holds the initial guess and
// must not alias b. One iteration is two Applies. When the iterated
// residual meets p.Tol the true residual is recomputed and, if it misses,
// BiCGStab restarts from it.
//
// Breakdown: when rho = <r0, r> or <r0, A p> fall below 1e-3 times the
// precision's epsilon, or omega = <t, s>/<t, t> below epsilon (relative to
// the norms involved), BiCGStab restarts with r0 = r (Result.Restarts); two breakdowns
// in a row without an iteration in between end the solve with an error
// wrapping ErrBreakdown. Collective.
func BiCGStab[F layout.Float](op Operator[F], x, b *layout.Field[F], p Params) (Result, error) {
	s := newRun("bicgstab", p)
	if err := p.check(s.name); err != nil {
		return Result{}, err
	}
	bb, err := norm2(s, b)
	if err != nil {
		return s.res, err
	}
	if bb == 0 {
		x.Zero()
		return s.finish(0, p.Tol)
	}
	rr, err := bicgstab(s, op, x, b, bb, p.Tol, p.MaxIter, true)
	if err != nil {
		return s.res, err
	}
	return s.finish(relative(rr, bb), p.Tol)
}

// breakdownEps is the relative size below which a BiCGStab scalar counts
// as zero: epsilon(F) for omega = <t, s>/<t, t> (the cosine of the angle
// between A s and s), 1e-3 epsilon(F) for rho = <r0, r> and <r0, A p>,
// whose cosines legitimately fall far below 1 as r moves away from r0
// (a larger threshold makes float32 BiCGStab restart all the time).
func breakdownEps[F layout.Float]() (omega, rho float64) {
	var one F = 1
	if _, ok := any(one).(float32); ok {
		return 0x1p-23, 1e-3 * 0x1p-23
	}
	return 0x1p-52, 1e-3 * 0x1p-52
}

// bicgstab runs BiCGStab on x from the residual b - A x until the residual
// meets tol (the true one when verify is set, else the iterated one) or
// the iterations (counted from s.res.Iterations) reach maxIter. It returns
// the last residual norm squared: the true one when verify is set.
func bicgstab[F layout.Float](s *run, op linear[F], x, b *layout.Field[F], bb, tol float64, maxIter int, verify bool) (float64, error) {
	t, err := newFields(s.name, op, 5, x, b)
	if err != nil {
		return 0, err
	}
	r, r0, p, v, tv := t[0], t[1], t[2], t[3], t[4]
	epsOmega, epsRho := breakdownEps[F]()
	target := tol * tol * bb
	rr, err := residual(s, op, r, x, b)
	if err != nil {
		return 0, err
	}
	var rho, alpha, omega complex128
	var r0r0 float64 // |r0|^2
	fresh := true    // start a new Krylov sequence: r0 = r, p = r
	breakdowns := 0  // breakdowns since the last completed iteration
	it := s.res.Iterations
	restart := func(why string) error {
		breakdowns++
		s.res.Restarts++
		if breakdowns > 1 {
			return fmt.Errorf("%s: %s twice in a row at iteration %d (relative residual %.3e): %w", s.name, why, it, relative(rr, bb), ErrBreakdown)
		}
		s.logf("%s at iteration %d: restarting", why, it)
		fresh = true
		return nil
	}
	verified := true // rr is the true residual
	for it < maxIter {
		if rr <= target {
			if !verify {
				break
			}
			if !verified {
				if rr, err = residual(s, op, r, x, b); err != nil {
					return 0, err
				}
				verified = true
			}
			if rr <= target {
				break
			}
			s.res.Restarts++
			s.logf("iterated residual met the tolerance but the true one is %.3e: restarting", relative(rr, bb))
			fresh = true
		}
		var rhoNew complex128
		if fresh {
			layout.Copy(r0, r)
			r0r0, rhoNew = rr, complex(rr, 0)
			layout.Copy(p, r)
		} else {
			if rhoNew, err = dot(s, r0, r); err != nil {
				return 0, err
			}
			if cmplx.Abs(rhoNew) <= epsRho*math.Sqrt(r0r0*rr) {
				if err := restart("rho = <r0, r> vanishes"); err != nil {
					return 0, err
				}
				continue
			}
			// p = r + beta (p - omega v)
			beta := rhoNew / rho * alpha / omega
			caxpy(s, -omega, v, p)
			cxpay(s, r, beta, p)
		}
		fresh, verified = false, false
		if err := apply(s, op, v, p); err != nil {
			return 0, err
		}
		r0v, err := dot(s, r0, v)
		if err != nil {
			return 0, err
		}
		vv, err := norm2(s, v)
		if err != nil {
			return 0, err
		}
		if cmplx.Abs(r0v) <= epsRho*math.Sqrt(r0r0*vv) {
			if err := restart("<r0, A p> vanishes"); err != nil {
				return 0, err
			}
			continue
		}
		rho = rhoNew
		alpha = rho / r0v
		// s = r - alpha v, kept in r.
		ss, err := axpyNorm2(s, -alpha, v, r)
		if err != nil {
			return 0, err
		}
		caxpy(s, alpha, p, x)
		if ss <= target {
			rr = ss
			it++
			breakdowns = 0
			s.step(it, relative(rr, bb))
			continue
		}
		if err := apply(s, op, tv, r); err != nil {
			return 0, err
		}
		ts, err := dot(s, tv, r)
		if err != nil {
			return 0, err
		}
		tt, err := norm2(s, tv)
		if err != nil {
			return 0, err
		}
		if !(tt > 0) {
			return 0, fmt.Errorf("%s: |A s|^2 = %g with |s|^2 = %g at iteration %d: the operator is singular or not finite: %w", s.name, tt, ss, it, ErrBreakdown)
		}
		omega = ts / complex(tt, 0)
		caxpy(s, omega, r, x)
		if rr, err = axpyNorm2(s, -omega, tv, r); err != nil {
			return 0, err
		}
		it++
		breakdowns = 0
		s.step(it, relative(rr, bb))
		if math.IsNaN(rr) || math.IsInf(rr, 0) {
			return 0, fmt.Errorf("%s: residual is %g at iteration %d: the operator or source is not finite: %w", s.name, rr, it, ErrBreakdown)
		}
		if cmplx.Abs(ts) <= epsOmega*math.Sqrt(tt*ss) {
			if err := restart("omega vanishes"); err != nil {
				return 0, err
			}
		}
	}
	s.res.Iterations = it
	if verify && !verified {
		return residual(s, op, r, x, b)
	}
	return rr, nil
}
