package solver

import (
	"fmt"

	"github.com/goqcd/goqcd/layout"
)

// CG solves A x = b for a Hermitian positive definite A by the conjugate
// gradient method. x holds the initial guess on entry and the solution on
// return; x and b must not alias. One iteration is one Apply. When the
// iterated residual meets p.Tol the true residual b - A x is recomputed;
// if it misses, CG restarts from it (Result.Restarts). Collective.
func CG[F layout.Float](op HermitianOperator[F], x, b *layout.Field[F], p Params) (Result, error) {
	s := newRun("cg", p)
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
	rr, err := cg(s, op, x, b, bb, p.Tol, p.MaxIter)
	if err != nil {
		return s.res, err
	}
	return s.finish(relative(rr, bb), p.Tol)
}

// cg runs CG with restarts on x until the true residual meets tol or
// maxIter iterations (counted from s.res.Iterations) are done, and returns
// the final true |b - A x|^2.
func cg[F layout.Float](s *run, op linear[F], x, b *layout.Field[F], bb, tol float64, maxIter int) (float64, error) {
	t, err := newFields(s.name, op, 3, x, b)
	if err != nil {
		return 0, err
	}
	r, p, q := t[0], t[1], t[2]
	target := tol * tol * bb
	rr, err := residual(s, op, r, x, b)
	if err != nil {
		return 0, err
	}
	it := s.res.Iterations
	for pass := 0; rr > target && it < maxIter; pass++ {
		if pass > 0 {
			s.res.Restarts++
			s.logf("iterated residual met the tolerance but the true one is %.3e: restarting", relative(rr, bb))
		}
		layout.Copy(p, r)
		for it < maxIter {
			if err := apply(s, op, q, p); err != nil {
				return 0, err
			}
			pq, err := dot(s, p, q)
			if err != nil {
				return 0, err
			}
			if !(real(pq) > 0) {
				return 0, fmt.Errorf("%s: <p, A p> = %g at iteration %d: the operator is not positive definite (or not finite): %w", s.name, real(pq), it, ErrBreakdown)
			}
			alpha := rr / real(pq)
			rrNew, err := cgUpdate(s, alpha, x, r, p, q)
			if err != nil {
				return 0, err
			}
			it++
			s.step(it, relative(rrNew, bb))
			if rrNew <= target {
				break
			}
			beta := rrNew / rr
			rr = rrNew
			xpay(s, r, beta, p)
		}
		s.res.Iterations = it
		if rr, err = residual(s, op, r, x, b); err != nil {
			return 0, err
		}
	}
	return rr, nil
}
