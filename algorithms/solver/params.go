package solver

import (
	"errors"
	"fmt"
	"io"
)

// ErrNotConverged is wrapped by the error a solver returns when it stops at
// Params.MaxIter without reaching Params.Tol; the message names the solver,
// the iterations done, the residual reached and the one requested. The
// Result that comes with it is filled in (Converged false) and x holds the
// last iterate.
var ErrNotConverged = errors.New("solver did not converge")

// ErrBreakdown is wrapped by the error a solver returns when its recurrence
// breaks down and restarting does not help (BiCGStab: rho, <r0, v> or
// omega vanish repeatedly; CG: <p, A p> <= 0, i.e. the operator is not
// positive definite).
var ErrBreakdown = errors.New("solver breakdown")

// Params are the settings of a solve.
type Params struct {
	// Tol is the requested relative residual |b - A x| / |b| (for
	// multishift: |b - (A + sigma) x| / |b|, unless a Shift sets its own).
	// It must be positive.
	Tol float64
	// MaxIter bounds the iterations (see each solver for what one
	// iteration is). It must be positive.
	MaxIter int
	// Delta is the residual reduction that a low-precision (float32) cycle
	// of a mixed-precision solver achieves before its result is corrected
	// in float64: MixedCG makes a reliable update whenever the float32
	// residual fell by Delta since the last one (0 means 0.1);
	// MixedBiCGStab's inner solves stop at relative residual Delta (0 means
	// 1e-3). Other solvers ignore it.
	Delta float64
	// Verbose, when not nil, receives one line every LogEvery iterations
	// (0: none) and a summary line at the end. Every rank writes to its own
	// Verbose; pass nil on ranks other than 0.
	Verbose  io.Writer
	LogEvery int
	// History asks for the iterated relative residual after each iteration
	// in Result.History.
	History bool
}

func (p Params) check(name string) error {
	if !(p.Tol > 0) {
		return fmt.Errorf("%s: tolerance %g must be positive (set Params.Tol, e.g. 1e-10)", name, p.Tol)
	}
	if p.MaxIter <= 0 {
		return fmt.Errorf("%s: MaxIter %d must be positive (set Params.MaxIter)", name, p.MaxIter)
	}
	if p.Delta < 0 || p.Delta >= 1 {
		return fmt.Errorf("%s: Delta %g must lie in [0, 1) (0 chooses the default)", name, p.Delta)
	}
	return nil
}

// Result describes a finished solve on this rank (every rank gets the same
// numbers except Seconds and, for unequal local volumes, Flops).
type Result struct {
	// Iterations done (see each solver for what one iteration is).
	Iterations int
	// Residual is the true final relative residual |b - A x| / |b|,
	// recomputed from x at the end (in the solver's precision, or in
	// float64 for the mixed-precision solvers).
	Residual float64
	// NormalResidual is, for CGNE and CGNR, the true final relative
	// residual of the normal equations |A^dag (b - A x)| / |A^dag b|; zero
	// for the other solvers.
	NormalResidual float64
	// Converged says Residual <= Tol.
	Converged bool
	// Restarts counts the restarts from a recomputed residual (after the
	// iterated residual met Tol but the true one did not, or after a
	// BiCGStab breakdown); for the mixed-precision solvers, the float64
	// corrections (reliable updates or defect corrections).
	Restarts int
	// Applies counts operator applications (Apply and ApplyDag, either
	// precision).
	Applies int
	// Seconds is the wall-clock time of the solve.
	Seconds float64
	// Flops is the floating-point operations done on this rank: Applies
	// times the operator's FlopCounter value (0 without one) plus the
	// linear algebra.
	Flops float64
	// History is the iterated relative residual after each iteration, when
	// Params.History is set.
	History []float64
}
