package main

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/jobs/scaling"
	"github.com/goqcd/goqcd/layout"
)

// bicgstabLinalgFlops is the linear algebra of one BiCGStab iteration per
// site of the half lattice (12 complex numbers), counted as package
// solver counts it per complex number: three dots (8 each), two norms (4),
// four complex axpys or xpays (8) and two axpys with norm (12): 88 per
// complex number, 1056 per site.
const bicgstabLinalgFlops = 12 * (3*8 + 2*4 + 4*8 + 2*12)

// flopsPerIteration is the flop count of one iteration of the benchmark's
// solver on a lattice of globalVolume sites, by the conventions of
// package scaling: CG (CGNR) on Mhat^dag Mhat is scaling.FlopsPerIteration
// exactly; a BiCGStab iteration also applies four hopping terms and two
// Schur combinations (two Mhat), with its own linear algebra. The mixed
// solvers count their float32 iterations the same way and the float64
// corrections not at all.
func flopsPerIteration(globalVolume int, clover bool, solverName string) float64 {
	if solverName != "bicgstab" {
		return scaling.FlopsPerIteration(globalVolume, clover)
	}
	perSite := float64(scaling.HopsPerIteration*scaling.FlopsHop + bicgstabLinalgFlops)
	if clover {
		perSite += 4*scaling.FlopsClover + 2*scaling.FlopsCombineClov
	} else {
		perSite += 2 * scaling.FlopsCombine
	}
	return float64(globalVolume) / 2 * perSite
}

// cgSolve is a prepared even-odd solve of the benchmark: solve runs it
// from a zero initial guess; solution returns the full solution x of
// M x = b of the last solve, in float64; fullResidual is |b - M x| / |b|
// of the full system in float64. All three are collective.
type cgSolve struct {
	solve        func() (solver.Result, error)
	solution     func() (*layout.Field[float64], error)
	fullResidual func(x *layout.Field[float64]) (float64, error)
	iterPrec     precision // precision of the iterations (and their halos)
}

// prepareSolve builds the operator in precision F (float64 for double,
// float32 for single), the even-odd source bhat of b, and the solve:
// CGNR (CG on Mhat^dag Mhat, stopping on |bhat - Mhat x| / |bhat|) or
// BiCGStab. Collective.
func prepareSolve[F layout.Float](g *gauge.Field, s cgSettings, b64 *layout.Field[float64]) (cgSolve, error) {
	op, err := newFermion[F](g, s.kappa, s.csw)
	if err != nil {
		return cgSolve{}, err
	}
	sc := op.Schur()
	b := op.NewField()
	if err := layout.Convert(b, b64); err != nil {
		return cgSolve{}, err
	}
	bhat, xe := sc.NewField(), sc.NewField()
	if err := sc.SchurSource(bhat, b); err != nil {
		return cgSolve{}, err
	}
	p := solver.Params{Tol: s.tol, MaxIter: s.maxIter}
	prec := double
	if _, ok := any(F(0)).(float32); ok {
		prec = single
	}
	cs := cgSolve{iterPrec: prec}
	cs.solve = func() (solver.Result, error) {
		xe.Zero()
		if s.solver == "bicgstab" {
			return solver.BiCGStab[F](sc, xe, bhat, p)
		}
		return solver.CGNR[F](sc, xe, bhat, p)
	}
	cs.solution = func() (*layout.Field[float64], error) {
		x := op.NewField()
		if err := sc.Reconstruct(x, xe, b); err != nil {
			return nil, err
		}
		x64 := b64.Like()
		return x64, layout.Convert(x64, x)
	}
	var full fermion[float64]
	if f, ok := any(op).(fermion[float64]); ok {
		full = f
	}
	cs.fullResidual = func(x *layout.Field[float64]) (float64, error) {
		if full == nil { // single precision: the residual in float64 needs its own operator
			if full, err = newFermion[float64](g, s.kappa, s.csw); err != nil {
				return 0, err
			}
		}
		return relResidual(full, x, b64)
	}
	return cs, nil
}

// prepareMixed builds the operator in float64 and float32 and the mixed
// solve: float32 CGNR cycles with float64 defect correction (mixedCGNR)
// or solver.MixedBiCGStab. Collective.
func prepareMixed(g *gauge.Field, s cgSettings, b *layout.Field[float64]) (cgSolve, error) {
	op64, err := newFermion[float64](g, s.kappa, s.csw)
	if err != nil {
		return cgSolve{}, err
	}
	op32, err := newFermion[float32](g, s.kappa, s.csw)
	if err != nil {
		return cgSolve{}, err
	}
	s64, s32 := op64.Schur(), op32.Schur()
	bhat, xe := s64.NewField(), s64.NewField()
	if err := s64.SchurSource(bhat, b); err != nil {
		return cgSolve{}, err
	}
	p := solver.Params{Tol: s.tol, MaxIter: s.maxIter}
	return cgSolve{
		iterPrec: single,
		solve: func() (solver.Result, error) {
			xe.Zero()
			if s.solver == "bicgstab" {
				return solver.MixedBiCGStab(s64, s32, xe, bhat, p)
			}
			return mixedCGNR(s64, s32, xe, bhat, p)
		},
		solution: func() (*layout.Field[float64], error) {
			x := op64.NewField()
			return x, s64.Reconstruct(x, xe, b)
		},
		fullResidual: func(x *layout.Field[float64]) (float64, error) { return relResidual(op64, x, b) },
	}, nil
}

// relResidual is |b - M x| / |b|. Collective.
func relResidual(m fermion[float64], x, b *layout.Field[float64]) (float64, error) {
	mx := m.NewField()
	if err := m.Apply(mx, x); err != nil {
		return 0, err
	}
	layout.Axpy(-1, b, mx)
	rn, err := layout.Norm2(mx)
	if err != nil {
		return 0, err
	}
	bn, err := layout.Norm2(b)
	if err != nil {
		return 0, err
	}
	if bn == 0 {
		return 0, nil
	}
	return math.Sqrt(rn / bn), nil
}

// haloSecondsPerExchange estimates the time of the halo exchange of one
// hopping term on a half-lattice field: it times an exchange-only loop
// (layout.Halo, gather, Isend/Irecv, Wait) of a full field of 3 complex
// numbers a site, whose faces have exactly the sites x components of the
// spin-projected half-spinors (6 complex numbers) of one parity that
// the hopping term sends, in the same messages (one per split hop
// direction). Zero when no direction is split. Median of repeats of the
// slowest rank. Collective.
func haloSecondsPerExchange[F layout.Float](l *layout.Layout, repeats int) (float64, error) {
	split := false
	for d := range layout.NHops {
		split = split || l.Split(d)
	}
	if !split {
		return 0, nil
	}
	const nc = dirac.SpinorNC / 4 // 3: V/L_mu sites x 3 = (V/2)/L_mu sites x 6
	h := layout.NewHalo[F](l, nc)
	src := layout.NewField[F](l, nc, layout.Full)
	sec, _, err := timeExchange(l.Comm, 0, repeats, func() error {
		if err := h.Start(src); err != nil {
			return err
		}
		return h.Wait()
	})
	if err != nil {
		return 0, fmt.Errorf("timing the halo exchange: %w", err)
	}
	return sec, nil
}
