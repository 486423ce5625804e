package solver

import (
	"fmt"

	"github.com/goqcd/goqcd/layout"
)

// CGNR solves A x = b for a general invertible A by CG on the normal
// equations A^dag A x = A^dag b, in the CGLS form that carries the
// residual r = b - A x of the original system. The stopping criterion is
// on the original system: |b - A x| / |b| <= p.Tol; Result.NormalResidual
// reports |A^dag (b - A x)| / |A^dag b| as well. CGNR minimises |b - A x|
// over the Krylov space. x holds the initial guess and must not alias b.
// One iteration is one Apply and one ApplyDag. Collective.
func CGNR[F layout.Float](op Operator[F], x, b *layout.Field[F], p Params) (Result, error) {
	return cgNormal("cgnr", op, x, b, p, cgnrPass[F])
}

// CGNE solves A x = b for a general invertible A by CG on A A^dag y = b,
// x = A^dag y (Craig's method), whose residual b - A A^dag y is the
// residual b - A x of the original system; the stopping criterion is
// |b - A x| / |b| <= p.Tol, and Result.NormalResidual reports
// |A^dag (b - A x)| / |A^dag b| as for CGNR. CGNE minimises the error
// |x - A^-1 b| over the Krylov space. x holds the initial guess and must
// not alias b. One iteration is one Apply and one ApplyDag. Collective.
func CGNE[F layout.Float](op Operator[F], x, b *layout.Field[F], p Params) (Result, error) {
	return cgNormal("cgne", op, x, b, p, cgnePass[F])
}

// normalPass runs one pass of CGNR or CGNE from the residual r = b - A x
// (with |r|^2 = rr) until the iterated residual meets target or the
// iterations reach maxIter; t holds three temporaries.
type normalPass[F layout.Float] func(s *run, op Operator[F], x, r *layout.Field[F], rr, target, bb float64, maxIter int, t [3]*layout.Field[F]) error

func cgNormal[F layout.Float](name string, op Operator[F], x, b *layout.Field[F], p Params, pass normalPass[F]) (Result, error) {
	s := newRun(name, p)
	if err := p.check(name); err != nil {
		return Result{}, err
	}
	t, err := newFields(name, op, 5, x, b)
	if err != nil {
		return Result{}, err
	}
	r, adb := t[0], t[1]
	bb, err := norm2(s, b)
	if err != nil {
		return s.res, err
	}
	if bb == 0 {
		x.Zero()
		return s.finish(0, p.Tol)
	}
	target := p.Tol * p.Tol * bb
	rr, err := residual(s, op, r, x, b)
	if err != nil {
		return s.res, err
	}
	for pass0 := 0; rr > target && s.res.Iterations < p.MaxIter; pass0++ {
		if pass0 > 0 {
			s.res.Restarts++
			s.logf("iterated residual met the tolerance but the true one is %.3e: restarting", relative(rr, bb))
		}
		if err := pass(s, op, x, r, rr, target, bb, p.MaxIter, [3]*layout.Field[F]{t[2], t[3], t[4]}); err != nil {
			return s.res, err
		}
		if rr, err = residual(s, op, r, x, b); err != nil {
			return s.res, err
		}
	}
	// The normal-equation residual: |A^dag r| / |A^dag b|.
	if err := applyDag(s, op, t[2], r); err != nil {
		return s.res, err
	}
	if err := applyDag(s, op, adb, b); err != nil {
		return s.res, err
	}
	nr, err := norm2(s, t[2])
	if err != nil {
		return s.res, err
	}
	nb, err := norm2(s, adb)
	if err != nil {
		return s.res, err
	}
	if nb > 0 {
		s.res.NormalResidual = relative(nr, nb)
	}
	return s.finish(relative(rr, bb), p.Tol)
}

// cgnrPass is CGLS: s = A^dag r, p = s; per iteration q = A p,
// alpha = |s|^2/|q|^2, x += alpha p, r -= alpha q, s = A^dag r,
// p = s + (|s_new|^2/|s|^2) p.
func cgnrPass[F layout.Float](s *run, op Operator[F], x, r *layout.Field[F], rr, target, bb float64, maxIter int, t [3]*layout.Field[F]) error {
	sv, q, p := t[0], t[1], t[2]
	if err := applyDag(s, op, sv, r); err != nil {
		return err
	}
	ss, err := norm2(s, sv)
	if err != nil {
		return err
	}
	layout.Copy(p, sv)
	for it := s.res.Iterations; it < maxIter; {
		if err := apply(s, op, q, p); err != nil {
			return err
		}
		qq, err := norm2(s, q)
		if err != nil {
			return err
		}
		if !(qq > 0) {
			return fmt.Errorf("%s: |A p|^2 = %g at iteration %d: the operator is singular: %w", s.name, qq, it, ErrBreakdown)
		}
		alpha := ss / qq
		if rr, err = cgUpdate(s, alpha, x, r, p, q); err != nil {
			return err
		}
		it++
		s.step(it, relative(rr, bb))
		if rr <= target {
			break
		}
		if err := applyDag(s, op, sv, r); err != nil {
			return err
		}
		ssNew, err := norm2(s, sv)
		if err != nil {
			return err
		}
		xpay(s, sv, ssNew/ss, p)
		ss = ssNew
	}
	return nil
}

// cgnePass is Craig's method: p = A^dag r; per iteration
// alpha = |r|^2/|p|^2, x += alpha p, r -= alpha A p,
// p = A^dag r + (|r_new|^2/|r|^2) p.
func cgnePass[F layout.Float](s *run, op Operator[F], x, r *layout.Field[F], rr, target, bb float64, maxIter int, t [3]*layout.Field[F]) error {
	sv, q, p := t[0], t[1], t[2]
	if err := applyDag(s, op, p, r); err != nil {
		return err
	}
	for it := s.res.Iterations; it < maxIter; {
		pp, err := norm2(s, p)
		if err != nil {
			return err
		}
		if !(pp > 0) {
			return fmt.Errorf("%s: |A^dag r|^2 = %g at iteration %d: the operator is singular: %w", s.name, pp, it, ErrBreakdown)
		}
		alpha := rr / pp
		if err := apply(s, op, q, p); err != nil {
			return err
		}
		rrNew, err := cgUpdate(s, alpha, x, r, p, q)
		if err != nil {
			return err
		}
		it++
		s.step(it, relative(rrNew, bb))
		if rrNew <= target {
			break
		}
		if err := applyDag(s, op, sv, r); err != nil {
			return err
		}
		xpay(s, sv, rrNew/rr, p)
		rr = rrNew
	}
	return nil
}
