package propagator

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/layout"
)

// Action selects the fermion operator.
type Action struct {
	Kappa float64
	CSW   float64 // 0: Wilson
	BC    [layout.Nd]dirac.Boundary
}

// Method is the solver of the even-odd system Mhat x_e = bhat.
type Method string

const (
	BiCGStab      Method = "bicgstab"       // float64 BiCGStab
	CGNR          Method = "cgnr"           // float64 CG on Mhat^dag Mhat
	MixedBiCGStab Method = "mixed-bicgstab" // float32 BiCGStab with float64 defect correction
)

// Methods lists the solver methods.
var Methods = []Method{BiCGStab, CGNR, MixedBiCGStab}

// Solve is the solver choice and stopping criterion.
type Solve struct {
	Method  Method
	Tol     float64 // relative residual of the even-odd system
	MaxIter int
}

// schurOp is the even-odd operator of one precision with its source and
// reconstruction steps.
type schurOp[F layout.Float] interface {
	solver.Operator[F]
	SchurSource(bhat, b *layout.Field[F]) error
	Reconstruct(x, xe, b *layout.Field[F]) error
}

// fullOp is M on full fields.
type fullOp interface {
	Apply(dst, src *layout.Field[float64]) error
}

// Solver solves M x = b on one gauge field.
type Solver struct {
	full  fullOp
	s64   schurOp[float64]
	s32   schurOp[float32]
	spec  Solve
	l     *layout.Layout
	kappa float64
}

// NewSolver builds the operators (float64, and float32 for mixed
// precision). Collective.
func NewSolver(g *gauge.Field, a Action, sp Solve) (*Solver, error) {
	if sp.Tol <= 0 || sp.MaxIter <= 0 {
		return nil, fmt.Errorf("propagator: solver tolerance %g and iteration limit %d must be positive", sp.Tol, sp.MaxIter)
	}
	p := dirac.Params{Kappa: a.Kappa, CSW: a.CSW, BC: a.BC}
	s := &Solver{spec: sp, l: g.L, kappa: a.Kappa}
	mixed := false
	switch sp.Method {
	case BiCGStab, CGNR:
	case MixedBiCGStab:
		mixed = true
	default:
		return nil, fmt.Errorf("propagator: unknown solver %q: choose one of %v", sp.Method, Methods)
	}
	if a.CSW != 0 {
		m, err := dirac.NewClover[float64](g, p)
		if err != nil {
			return nil, err
		}
		s.full, s.s64 = m, m.Schur()
		if mixed {
			m32, err := dirac.NewClover[float32](g, p)
			if err != nil {
				return nil, err
			}
			s.s32 = m32.Schur()
		}
		return s, nil
	}
	m, err := dirac.NewWilson[float64](g, p)
	if err != nil {
		return nil, err
	}
	s.full, s.s64 = m, m.Schur()
	if mixed {
		m32, err := dirac.NewWilson[float32](g, p)
		if err != nil {
			return nil, err
		}
		s.s32 = m32.Schur()
	}
	return s, nil
}

// Result of one solve: the even-odd solver's result and the true relative
// residual |b - M x| / |b| of the full system.
type Result struct {
	solver.Result
	FullResidual float64
}

// Solve sets x = M^{-1} b (x's content is the initial guess of nothing:
// it is overwritten). Collective.
func (s *Solver) Solve(x, b *layout.Field[float64]) (Result, error) {
	bhat := s.s64.NewField()
	if err := s.s64.SchurSource(bhat, b); err != nil {
		return Result{}, err
	}
	xe := s.s64.NewField()
	p := solver.Params{Tol: s.spec.Tol, MaxIter: s.spec.MaxIter}
	var r solver.Result
	var err error
	switch s.spec.Method {
	case BiCGStab:
		r, err = solver.BiCGStab[float64](s.s64, xe, bhat, p)
	case CGNR:
		r, err = solver.CGNR[float64](s.s64, xe, bhat, p)
	case MixedBiCGStab:
		r, err = solver.MixedBiCGStab(s.s64, s.s32, xe, bhat, p)
	}
	res := Result{Result: r}
	if err != nil {
		return res, err
	}
	if err := s.s64.Reconstruct(x, xe, b); err != nil {
		return res, err
	}
	mx := x.Like()
	if err := s.full.Apply(mx, x); err != nil {
		return res, err
	}
	layout.Axpy(-1, b, mx)
	rn, err := layout.Norm2(mx)
	if err != nil {
		return res, err
	}
	bn, err := layout.Norm2(b)
	if err != nil {
		return res, err
	}
	if bn > 0 {
		res.FullResidual = sqrt(rn / bn)
	}
	return res, nil
}
