package solver

import (
	"fmt"
	"math"
	"time"

	"github.com/goqcd/goqcd/layout"
)

// Shift is one system (A + Sigma) x = b of a multishift solve.
type Shift struct {
	// Sigma >= 0 is the shift.
	Sigma float64
	// Tol is the requested |b - (A + Sigma) x| / |b|; 0 means Params.Tol.
	Tol float64
}

// MultiShiftCG solves (A + sigma_i) x_i = b for a Hermitian positive
// definite A and every shift at once with one Krylov sequence (Jegerlehner,
// hep-lat/9612014): CG runs on the smallest shift (the slowest system), and
// the other solutions follow from collinear residuals r_i = zeta_i r at the
// cost of one axpy pair per shift and iteration. A shift stops being
// updated when its residual |zeta_i| |r| meets its tolerance; the solve
// ends when all have. Afterwards the true residual of each system is
// recomputed, and any system that misses its tolerance (residual drift) is
// refined by CG from its solution within the remaining iterations.
//
// The initial content of xs is ignored (multishift CG must start from
// x_i = 0). xs[i] belongs to shifts[i]; the fields must not alias each
// other or b. One iteration is one Apply. The results are per shift:
// Iterations is the iteration at which the shift converged (plus its
// refinement), Residual its true final residual, Restarts 1 if it was
// refined; Applies, Seconds and Flops are those of the whole call. The
// error wraps ErrNotConverged when any shift misses its tolerance.
// Collective.
func MultiShiftCG[F layout.Float](op HermitianOperator[F], shifts []Shift, xs []*layout.Field[F], b *layout.Field[F], p Params) ([]Result, error) {
	const name = "multishift cg"
	s := newRun(name, p)
	if err := p.check(name); err != nil {
		return nil, err
	}
	n := len(shifts)
	if n == 0 || len(xs) != n {
		return nil, fmt.Errorf("%s: %d shifts and %d solution fields: need one field per shift, at least one", name, n, len(xs))
	}
	tols := make([]float64, n)
	base := 0
	for i, sh := range shifts {
		if !(sh.Sigma >= 0) {
			return nil, fmt.Errorf("%s: shift %d is %g: shifts must be non-negative (A + sigma must stay positive definite)", name, i, sh.Sigma)
		}
		if sh.Tol < 0 {
			return nil, fmt.Errorf("%s: shift %d has tolerance %g: must be positive, or 0 for Params.Tol", name, i, sh.Tol)
		}
		tols[i] = sh.Tol
		if tols[i] == 0 {
			tols[i] = p.Tol
		}
		if sh.Sigma < shifts[base].Sigma {
			base = i
		}
	}
	t, err := newFields(name, op, 2, append([]*layout.Field[F]{b}, xs...)...)
	if err != nil {
		return nil, err
	}
	r, q := t[0], t[1]
	ps := make([]*layout.Field[F], n)
	for i := range ps {
		ps[i] = op.NewField()
		xs[i].Zero()
	}
	res := make([]Result, n)
	bb, err := norm2(s, b)
	if err != nil {
		return nil, err
	}
	if bb == 0 {
		for i := range res {
			res[i], _ = s.finish(0, tols[i])
		}
		return res, nil
	}

	// Base system (A + sigma_b) with CG scalars alpha, beta; shift i sees
	// (A + sigma_b) + ds_i, ds_i = sigma_i - sigma_b >= 0.
	sigmaB := shifts[base].Sigma
	ds := make([]float64, n)
	zeta, zetaOld := make([]float64, n), make([]float64, n)
	active := make([]bool, n)
	for i := range shifts {
		ds[i] = shifts[i].Sigma - sigmaB
		zeta[i], zetaOld[i] = 1, 1
		active[i] = true
		layout.Copy(ps[i], b)
	}
	layout.Copy(r, b)
	rr := bb
	alphaOld, betaOld := 1.0, 0.0
	it, left := 0, n
	for left > 0 && it < p.MaxIter {
		// q = (A + sigma_b) p_base
		if err := apply(s, op, q, ps[base]); err != nil {
			return nil, err
		}
		if sigmaB != 0 {
			axpy(s, sigmaB, ps[base], q)
		}
		pq, err := dot(s, ps[base], q)
		if err != nil {
			return nil, err
		}
		if !(real(pq) > 0) {
			return nil, fmt.Errorf("%s: <p, (A + sigma) p> = %g at iteration %d: the operator is not positive definite (or not finite): %w", name, real(pq), it, ErrBreakdown)
		}
		alpha := rr / real(pq)
		rrNew, err := axpyNorm2(s, complex(-alpha, 0), q, r)
		if err != nil {
			return nil, err
		}
		beta := rrNew / rr
		it++
		s.step(it, relative(rrNew, bb))
		// Per shift: zeta_{k+1}, alpha_i = alpha zeta_{k+1}/zeta_k, x_i += alpha_i p_i,
		// beta_i = beta (zeta_{k+1}/zeta_k)^2, p_i = zeta_{k+1} r + beta_i p_i.
		// The base recurrence (zeta = 1) always continues, since q comes from
		// p_base; other shifts stop entirely once converged.
		for i := range shifts {
			if !active[i] && i != base {
				continue
			}
			z, zo := zeta[i], zetaOld[i]
			zNew := 1.0
			if i != base {
				den := alpha*betaOld*(zo-z) + zo*alphaOld*(1+ds[i]*alpha)
				zNew = z * zo * alphaOld / den
			}
			ratio := zNew / z
			if active[i] {
				axpy(s, alpha*ratio, ps[i], xs[i])
				if zNew*zNew*rrNew <= tols[i]*tols[i]*bb {
					active[i] = false
					left--
					res[i].Iterations = it
				}
			}
			zetaOld[i], zeta[i] = z, zNew
			if active[i] || i == base {
				axpby(s, zNew, r, beta*ratio*ratio, ps[i])
			}
		}
		alphaOld, betaOld, rr = alpha, beta, rrNew
		if math.IsNaN(rr) {
			return nil, fmt.Errorf("%s: residual is NaN at iteration %d: %w", name, it, ErrBreakdown)
		}
	}
	for i := range res {
		if active[i] {
			res[i].Iterations = it
		}
	}
	s.res.Iterations = it

	// True residuals, and CG refinement where they miss.
	var firstErr error
	for i := range shifts {
		sh := shiftedOp[F]{op: op, sigma: shifts[i].Sigma}
		si := newRun(fmt.Sprintf("%s (shift %d, sigma %g)", name, i, shifts[i].Sigma), p)
		si.res.Iterations = res[i].Iterations
		rri, err := residual(si, linear[F](sh), r, xs[i], b)
		if err != nil {
			return nil, err
		}
		if rri > tols[i]*tols[i]*bb && it < p.MaxIter {
			si.logf("true residual %.3e misses %.1e: refining with CG", relative(rri, bb), tols[i])
			if rri, err = cg(si, linear[F](sh), xs[i], b, bb, tols[i], res[i].Iterations+p.MaxIter-it); err != nil {
				return nil, err
			}
			si.res.Restarts = 1
		}
		s.res.Applies += si.res.Applies
		s.res.Flops += si.res.Flops
		res[i].Iterations = si.res.Iterations
		res[i].Restarts = si.res.Restarts
		res[i].Residual = relative(rri, bb)
		res[i].Converged = res[i].Residual <= tols[i]
		if !res[i].Converged && firstErr == nil {
			firstErr = notConverged(si.name, res[i].Iterations, res[i].Residual, tols[i])
		}
	}
	s.res.Seconds = time.Since(s.start).Seconds()
	for i := range res {
		res[i].Applies, res[i].Seconds, res[i].Flops = s.res.Applies, s.res.Seconds, s.res.Flops
		if p.History {
			res[i].History = s.res.History
		}
	}
	s.logf("%d iterations, %d shifts, %.3g s", it, n, s.res.Seconds)
	return res, firstErr
}

// shiftedOp is A + sigma.
type shiftedOp[F layout.Float] struct {
	op    linear[F]
	sigma float64
}

func (o shiftedOp[F]) Apply(dst, src *layout.Field[F]) error {
	if err := o.op.Apply(dst, src); err != nil {
		return err
	}
	if o.sigma != 0 {
		layout.Axpy(complex(o.sigma, 0), src, dst)
	}
	return nil
}

func (o shiftedOp[F]) NewField() *layout.Field[F] { return o.op.NewField() }

// Flops counts the operator only; the shift's axpy is not counted.
func (o shiftedOp[F]) Flops() float64 { return opFlops(o.op) }
