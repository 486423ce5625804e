package solver

import (
	"fmt"
	"math"
	"time"

	"github.com/goqcd/goqcd/layout"
)

// run is the bookkeeping of one solve: the Result being filled in, the
// clock, logging and the flop count. It is shared by both precisions of a
// mixed solve, so it is not generic; the counting linear-algebra wrappers
// below are.
type run struct {
	name  string
	p     Params
	start time.Time
	res   Result
}

func newRun(name string, p Params) *run {
	return &run{name: name, p: p, start: time.Now()}
}

// step records the iterated relative residual rel after iteration it.
func (s *run) step(it int, rel float64) {
	s.res.Iterations = it
	if s.p.History {
		s.res.History = append(s.res.History, rel)
	}
	if s.p.Verbose != nil && s.p.LogEvery > 0 && it%s.p.LogEvery == 0 {
		fmt.Fprintf(s.p.Verbose, "%s: iteration %d: relative residual %.3e\n", s.name, it, rel)
	}
}

// logf writes one line to the verbose writer.
func (s *run) logf(format string, args ...any) {
	if s.p.Verbose != nil {
		fmt.Fprintf(s.p.Verbose, s.name+": "+format+"\n", args...)
	}
}

// finish fills in the final residual and time and returns the Result with
// a wrapped ErrNotConverged when the tolerance was not reached.
func (s *run) finish(residual, tol float64) (Result, error) {
	s.res.Residual = residual
	s.res.Converged = residual <= tol
	s.res.Seconds = time.Since(s.start).Seconds()
	s.logf("%d iterations, %d restarts, relative residual %.3e (requested %.1e), %.3g s, %.3g Gflop/s",
		s.res.Iterations, s.res.Restarts, residual, tol, s.res.Seconds, s.res.Flops/s.res.Seconds/1e9)
	if !s.res.Converged {
		return s.res, notConverged(s.name, s.res.Iterations, residual, tol)
	}
	return s.res, nil
}

func notConverged(name string, iters int, residual, tol float64) error {
	return fmt.Errorf("%s: relative residual %.3e after %d iterations, requested %.1e (raise MaxIter, loosen Tol, or check the operator's conditioning): %w",
		name, residual, iters, tol, ErrNotConverged)
}

// apply sets dst = A src and counts it.
func apply[F layout.Float](s *run, op linear[F], dst, src *layout.Field[F]) error {
	s.res.Applies++
	s.res.Flops += opFlops(op)
	if err := op.Apply(dst, src); err != nil {
		return fmt.Errorf("%s: operator: %w", s.name, err)
	}
	return nil
}

// applyDag sets dst = A^dagger src and counts it.
func applyDag[F layout.Float](s *run, op Operator[F], dst, src *layout.Field[F]) error {
	s.res.Applies++
	s.res.Flops += opFlops(op)
	if err := op.ApplyDag(dst, src); err != nil {
		return fmt.Errorf("%s: operator dagger: %w", s.name, err)
	}
	return nil
}

// residual sets r = b - A x and returns |r|^2 (collective).
func residual[F layout.Float](s *run, op linear[F], r, x, b *layout.Field[F]) (float64, error) {
	if err := apply(s, op, r, x); err != nil {
		return 0, err
	}
	return xpayNorm2(s, b, -1, r)
}

// ncomplex is the number of complex numbers of f on this rank.
func ncomplex[F layout.Float](f *layout.Field[F]) float64 { return float64(len(f.Data) / 2) }

// The counting wrappers: flops per complex number are 4 for a real
// coefficient axpy, 8 for a complex one, 4 for a norm, 8 for a dot.

func axpy[F layout.Float](s *run, a float64, x, y *layout.Field[F]) {
	s.res.Flops += 4 * ncomplex(x)
	layout.Axpy(complex(a, 0), x, y)
}

func caxpy[F layout.Float](s *run, a complex128, x, y *layout.Field[F]) {
	s.res.Flops += 8 * ncomplex(x)
	layout.Axpy(a, x, y)
}

func xpay[F layout.Float](s *run, x *layout.Field[F], a float64, y *layout.Field[F]) {
	s.res.Flops += 4 * ncomplex(x)
	layout.Xpay(x, complex(a, 0), y)
}

func cxpay[F layout.Float](s *run, x *layout.Field[F], a complex128, y *layout.Field[F]) {
	s.res.Flops += 8 * ncomplex(x)
	layout.Xpay(x, a, y)
}

func axpby[F layout.Float](s *run, a float64, x *layout.Field[F], b float64, y *layout.Field[F]) {
	s.res.Flops += 6 * ncomplex(x)
	fusedAxpby(a, x, b, y)
}

func norm2[F layout.Float](s *run, x *layout.Field[F]) (float64, error) {
	s.res.Flops += 4 * ncomplex(x)
	v, err := layout.Norm2(x)
	if err != nil {
		return 0, fmt.Errorf("%s: global sum: %w", s.name, err)
	}
	return v, nil
}

func dot[F layout.Float](s *run, x, y *layout.Field[F]) (complex128, error) {
	s.res.Flops += 8 * ncomplex(x)
	v, err := layout.Dot(x, y)
	if err != nil {
		return 0, fmt.Errorf("%s: global sum: %w", s.name, err)
	}
	return v, nil
}

// axpyNorm2 sets y = a*x + y and returns |y|^2, fused (see fused.go).
func axpyNorm2[F layout.Float](s *run, a complex128, x, y *layout.Field[F]) (float64, error) {
	s.res.Flops += 12 * ncomplex(x)
	v, err := fusedAxpyNorm2(a, x, y)
	if err != nil {
		return 0, fmt.Errorf("%s: global sum: %w", s.name, err)
	}
	return v, nil
}

// cgUpdate sets x = x + alpha p, r = r - alpha q and returns |r|^2, in
// one pass over the four fields (layout.CGUpdate). It counts the flops of
// the axpy and axpyNorm2 it replaces.
func cgUpdate[F layout.Float](s *run, alpha float64, x, r, p, q *layout.Field[F]) (float64, error) {
	s.res.Flops += 16 * ncomplex(x)
	v, err := layout.CGUpdate(x, r, p, q, alpha)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", s.name, err)
	}
	return v, nil
}

// xpayNorm2 sets y = x + a*y and returns |y|^2, fused (see fused.go).
func xpayNorm2[F layout.Float](s *run, x *layout.Field[F], a complex128, y *layout.Field[F]) (float64, error) {
	s.res.Flops += 12 * ncomplex(x)
	v, err := fusedXpayNorm2(x, a, y)
	if err != nil {
		return 0, fmt.Errorf("%s: global sum: %w", s.name, err)
	}
	return v, nil
}

// checkShapes verifies that the fields share the shape of op.NewField().
func checkShapes[F layout.Float](name string, proto *layout.Field[F], fields ...*layout.Field[F]) error {
	for _, f := range fields {
		if f == nil {
			return fmt.Errorf("%s: nil field", name)
		}
		if err := proto.SameShape(f); err != nil {
			return fmt.Errorf("%s: field does not match the operator: %w", name, err)
		}
	}
	return nil
}

// newFields allocates n temporaries of op's shape and checks the given
// fields against them.
func newFields[F layout.Float](name string, op linear[F], n int, check ...*layout.Field[F]) ([]*layout.Field[F], error) {
	out := make([]*layout.Field[F], n)
	for i := range out {
		out[i] = op.NewField()
	}
	if err := checkShapes(name, out[0], check...); err != nil {
		return nil, err
	}
	return out, nil
}

// relative returns sqrt(rr/bb).
func relative(rr, bb float64) float64 { return math.Sqrt(rr / bb) }
