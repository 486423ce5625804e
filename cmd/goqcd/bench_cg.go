package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"time"

	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/jobs/scaling"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

func init() {
	for _, name := range []string{"cg", "bicgstab"} {
		summary := "time to solution of the even-odd Wilson(-clover) system: CG on the normal equations or BiCGStab; --json prints a scaling point"
		if name == "bicgstab" {
			summary = "bench cg with --solver bicgstab (the subcommand job scripts run for a BiCGStab study)"
		}
		register(benchCommands, &command{name: "bench " + name, summary: summary,
			flags: func(fs *flagSet) func(x *cli, args []string) error {
				lat := addLatticeFlags(fs)
				s := addCGFlags(fs, name)
				kern := fs.String("kernels", "", "force a kernel set: go, avx2, avx512, neon, sve (default: the best this CPU runs)")
				asJSON := fs.Bool("json", false, "print the scaling point (jobs/scaling.Point) as JSON instead of a report")
				return func(x *cli, args []string) error {
					if len(args) > 0 {
						return inputf("bench %s takes no arguments, got %q", name, args)
					}
					if err := s.resolve(fs); err != nil {
						return err
					}
					restore, err := forceKernels(*kern)
					if err != nil {
						return err
					}
					defer restore()
					return lat.onRanks(x, func(r rankEnv) error {
						pt, ex, err := benchCG(r, lat.spec, *s)
						if err != nil {
							return err
						}
						pt.Oversubscribed = x.ranksHere(pt.Ranks)*pt.Threads > machineCores()
						if *asJSON {
							return writeJSON(r.out, pt)
						}
						cgReport(r.out, pt, ex, *s)
						return nil
					})
				}
			}})
	}
}

// cgSettings are the settings of goqcd bench cg besides the lattice.
type cgSettings struct {
	prec    string // double, single or mixed
	solver  string // cg or bicgstab
	kappa   float64
	csw     float64
	tol     float64 // 0 until resolve: the precision's default
	maxIter int
	repeats int
	seed    int64
	beta    float64
	sweeps  int
}

// Default tolerances: float32 iterations stall near a relative residual
// of 1e-7 to 1e-6 (package solver), so single precision cannot reach the
// double default.
const (
	defaultTol       = 1e-10
	defaultTolSingle = 1e-5
)

// addCGFlags defines the solver flags of bench cg (and of scaling, which
// passes them on); solverDefault is "cg" or "bicgstab".
func addCGFlags(fs *flagSet, solverDefault string) *cgSettings {
	s := &cgSettings{}
	fs.StringVar(&s.prec, "prec", "double", "precision: double, single, or mixed (float32 iterations with float64 corrections)")
	fs.StringVar(&s.solver, "solver", solverDefault, "cg (CG on the normal equations Mhat^dag Mhat, CGNR form) or bicgstab")
	fs.Float64Var(&s.kappa, "kappa", 0.12, "hopping parameter kappa of M = 1 - kappa H")
	fs.Float64Var(&s.csw, "csw", 0, "clover coefficient c_SW (0: Wilson)")
	fs.Float64Var(&s.tol, "tol", 0, fmt.Sprintf("relative residual |bhat - Mhat x| / |bhat| to reach (0: %g, or %g in single precision)", defaultTol, defaultTolSingle))
	fs.IntVar(&s.maxIter, "maxiter", 10000, "iteration limit of a solve")
	fs.IntVar(&s.repeats, "repeats", 3, "timed solves; the median is reported")
	fs.Int64Var(&s.seed, "seed", 1, "seed of the hot start, the heatbath and the Gaussian source")
	fs.Float64Var(&s.beta, "beta", 6.0, "gauge coupling of the heatbath sweeps")
	fs.IntVar(&s.sweeps, "sweeps", 0, "heatbath sweeps at --beta after the hot start (0: a random gauge field)")
	return s
}

// resolve applies the defaults and checks the settings (bad input).
func (s *cgSettings) resolve(fs *flagSet) error {
	switch s.prec {
	case "double", "single", "mixed":
	default:
		return inputf("--prec %s: unknown precision: allowed double, single or mixed", s.prec)
	}
	switch s.solver {
	case "cg", "bicgstab":
	default:
		return inputf("--solver %s: unknown solver: allowed cg or bicgstab", s.solver)
	}
	if s.tol == 0 && !fs.given("tol") {
		s.tol = defaultTol
		if s.prec == "single" {
			s.tol = defaultTolSingle
		}
	}
	switch {
	case !(s.tol > 0 && s.tol < 1):
		return inputf("--tol %g: must lie in (0, 1)", s.tol)
	case !(s.kappa > 0 && s.kappa < 0.25):
		return inputf("--kappa %g: must lie in (0, 0.25) (M = 1 - kappa H)", s.kappa)
	case math.IsNaN(s.csw) || math.IsInf(s.csw, 0):
		return inputf("--csw %g: not a number", s.csw)
	case s.maxIter < 1 || s.maxIter > 1e8:
		return inputf("--maxiter %d: out of range: allowed 1 to 100000000", s.maxIter)
	case s.repeats < 1 || s.repeats > 1000:
		return inputf("--repeats %d: out of range: allowed 1 to 1000", s.repeats)
	case !(s.beta >= 0) || math.IsInf(s.beta, 0):
		return inputf("--beta %g: must be zero or positive", s.beta)
	case s.sweeps < 0 || s.sweeps > 100000:
		return inputf("--sweeps %d: out of range: allowed 0 to 100000", s.sweeps)
	}
	return nil
}

// pointSolver is the solver as a scaling point names it: cg, bicgstab,
// mixed-cg, mixed-bicgstab.
func (s cgSettings) pointSolver() string {
	if s.prec == "mixed" {
		return "mixed-" + s.solver
	}
	return s.solver
}

// pointPrec is the precision a scaling point records: that of the
// iterations, whose rates and halo bytes the model uses ("single" for
// mixed, whose solver name says that float64 corrections reach the
// tolerance).
func (s cgSettings) pointPrec() string {
	if s.prec == "mixed" {
		return "single"
	}
	return s.prec
}

// layoutPrec is the precision whose kernel width W the layout takes:
// mixed solves keep float64 and float32 fields on one layout.
func (s cgSettings) layoutPrec() precision {
	if s.prec == "single" {
		return single
	}
	return double
}

// cgExtra is what bench cg reports besides the scaling point.
type cgExtra struct {
	layout          string
	plaquette       float64
	fullResidual    float64
	restarts        int
	exchangeSeconds float64 // one halo exchange, estimated (haloSecondsPerExchange)
}

// benchCG sets up the gauge field, the source and the operator, runs the
// timed solves and fills the scaling point (except Oversubscribed).
// Collective.
func benchCG(r rankEnv, spec latticeSpec, s cgSettings) (scaling.Point, cgExtra, error) {
	c := r.c
	var pt scaling.Point
	var ex cgExtra
	l, err := spec.build(c, s.layoutPrec())
	if err != nil {
		return pt, ex, err
	}
	ex.layout = l.String()
	g, plaq, err := benchGauge(l, s.seed, s.beta, s.sweeps)
	if err != nil {
		return pt, ex, err
	}
	ex.plaquette = plaq
	b := gaussianSource(l, s.seed)
	var cs cgSolve
	switch s.prec {
	case "double":
		cs, err = prepareSolve[float64](g, s, b)
	case "single":
		cs, err = prepareSolve[float32](g, s, b)
	default:
		cs, err = prepareMixed(g, s, b)
	}
	if err != nil {
		return pt, ex, err
	}

	times := make([]float64, s.repeats)
	var res solver.Result
	for k := range times {
		if err := c.Barrier(); err != nil {
			return pt, ex, err
		}
		t0 := time.Now()
		rk, err := cs.solve()
		times[k] = time.Since(t0).Seconds()
		if err != nil {
			if errors.Is(err, solver.ErrNotConverged) || errors.Is(err, solver.ErrBreakdown) {
				// The solver's decisions are the same on every rank (exact sums).
				return pt, ex, &agreedError{fmt.Errorf("bench %s: %w (raise --maxiter or --tol, or lower --kappa)", s.pointSolver(), err)}
			}
			return pt, ex, err
		}
		if k > 0 && rk.Iterations != res.Iterations {
			return pt, ex, &agreedError{fmt.Errorf("bench %s: repeat %d took %d iterations, repeat 1 took %d: the solve is not reproducible",
				s.pointSolver(), k+1, rk.Iterations, res.Iterations)}
		}
		res = rk
	}
	if err := c.AllreduceMax64(times); err != nil { // the slowest rank counts
		return pt, ex, err
	}
	ex.restarts = res.Restarts

	x, err := cs.solution()
	if err != nil {
		return pt, ex, err
	}
	if ex.fullResidual, err = cs.fullResidual(x); err != nil {
		return pt, ex, err
	}
	sum, err := solutionDigest(x)
	if err != nil {
		return pt, ex, err
	}
	xx, err := layout.Norm2(x)
	if err != nil {
		return pt, ex, err
	}
	if cs.iterPrec == double {
		ex.exchangeSeconds, err = haloSecondsPerExchange[float64](l, 3)
	} else {
		ex.exchangeSeconds, err = haloSecondsPerExchange[float32](l, 3)
	}
	if err != nil {
		return pt, ex, err
	}

	host, _ := os.Hostname()
	med := scaling.Median(times)
	pt = scaling.Point{
		Grid: layout.FormatDims(l.Global), MPI: layout.FormatDims(l.Procs), Ranks: c.Size(), Threads: l.Threads(),
		Local: layout.FormatDims(l.Local), Prec: s.pointPrec(), Solver: s.pointSolver(), Kernels: kernels.Selected().Name,
		W: l.W, Iterations: res.Iterations, Residual: res.Residual, Tol: s.tol,
		Repeats: times, Seconds: med, SecondsPerIter: med / float64(max(res.Iterations, 1)),
		Flops:         float64(res.Iterations) * flopsPerIteration(l.GlobalVolume, s.csw != 0, s.solver),
		HaloBytesIter: scaling.HaloBytesPerIteration(l.Global, l.Procs, string(cs.iterPrec)),
		CommSeconds:   ex.exchangeSeconds * scaling.HopsPerIteration * float64(res.Iterations),
		Checksum:      sum, SolutionNorm: math.Sqrt(xx),
		Host: host, Date: time.Now().UTC().Format(time.RFC3339), Version: Version,
	}
	pt.Gflops = pt.Flops / pt.Seconds / 1e9
	return pt, ex, nil
}

// cgReport prints bench cg's result for a terminal.
func cgReport(w io.Writer, p scaling.Point, ex cgExtra, s cgSettings) {
	fmt.Fprintf(w, "bench cg: %s\n", ex.layout)
	fmt.Fprintf(w, "ranks %d x %d threads; kernels %s, W = %d", p.Ranks, p.Threads, kernelsLine(), p.W)
	if p.Oversubscribed {
		fmt.Fprintf(w, "; OVERSUBSCRIBED (more ranks x threads than cores)")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "gauge field: hot start (seed %d), %d heatbath sweeps at beta %g: plaquette %.6f\n", s.seed, s.sweeps, s.beta, ex.plaquette)
	fmt.Fprintf(w, "system: even-odd %s, kappa %g, antiperiodic in t; Gaussian source (seed %d)\n", operatorName(s.csw), s.kappa, s.seed)
	what := map[string]string{
		"cg": "CG on Mhat^dag Mhat (CGNR)", "bicgstab": "BiCGStab",
		"mixed-cg": "float32 CGNR cycles with float64 defect correction", "mixed-bicgstab": "float32 BiCGStab with float64 defect correction",
	}[p.Solver]
	fmt.Fprintf(w, "solver: %s, %s precision, tol %g\n\n", what, s.prec, p.Tol)
	lo, hi := slices.Min(p.Repeats), slices.Max(p.Repeats)
	fmt.Fprintf(w, "iterations        %d", p.Iterations)
	if ex.restarts > 0 {
		fmt.Fprintf(w, " (%d float64 corrections or restarts)", ex.restarts)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "time/iteration    %.4g ms\n", p.SecondsPerIter*1e3)
	fmt.Fprintf(w, "time to solution  %.4g s (median of %d; min %.4g, max %.4g, spread %.1f%%)\n",
		p.Seconds, len(p.Repeats), lo, hi, 100*(hi-lo)/p.Seconds)
	fmt.Fprintf(w, "GFlop/s           %.4g total, %.4g per rank (%.4g Gflop per solve, scaling conventions)\n",
		p.Gflops, p.Gflops/float64(p.Ranks), p.Flops/1e9)
	fmt.Fprintf(w, "true residual     %.3g even-odd system, %.3g full system M x = b\n", p.Residual, ex.fullResidual)
	if p.HaloBytesIter > 0 {
		fmt.Fprintf(w, "halo              %.4g kB per iteration (all ranks); exchange alone %.4g us, so about %.4g s of a solve (%.1f%%, estimate)\n",
			p.HaloBytesIter/1e3, ex.exchangeSeconds*1e6, p.CommSeconds, 100*p.CommSeconds/p.Seconds)
	} else {
		fmt.Fprintf(w, "halo              none (no direction split)\n")
	}
	fmt.Fprintf(w, "solution          |x| = %.10g, checksum %s\n", p.SolutionNorm, p.Checksum)
}
