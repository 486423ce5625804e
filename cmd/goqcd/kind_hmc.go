package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/hmc"
	"github.com/goqcd/goqcd/algorithms/hmc/wilson"
	"github.com/goqcd/goqcd/algorithms/markov"
	"github.com/goqcd/goqcd/algorithms/measure"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/algorithms/staggered"
	"github.com/goqcd/goqcd/layout"
)

// hmcSection is [hmc]: hybrid Monte Carlo with the Wilson gauge action and
// optional dynamical fermions.
type hmcSection struct {
	Beta            float64 `toml:"beta"`             // Wilson gauge coupling
	Group           int     `toml:"group"`            // N of SU(N); fermions need 3
	Fermions        string  `toml:"fermions"`         // "none", "wilson" (Nf=2) or "staggered" (Nf=4)
	Kappa           float64 `toml:"kappa"`            // Wilson hopping parameter
	HasenbuschKappa float64 `toml:"hasenbusch_kappa"` // Wilson: 0 none, else the heavier kappa of mass preconditioning
	Mass            float64 `toml:"mass"`             // staggered quark mass
	Boundary        string  `toml:"boundary"`         // fermion boundary in time: "antiperiodic" or "periodic"
	Tau             float64 `toml:"tau"`              // trajectory length
	Integrator      string  `toml:"integrator"`       // "leapfrog", "omelyan", "force-gradient"
	Steps           []int   `toml:"steps"`            // steps per level, outermost (fermion) first, gauge last
	Trajectories    int     `toml:"trajectories"`     // total trajectories of the chain
	NoMetropolis    int     `toml:"no_metropolis"`    // first trajectories without accept/reject (thermalisation)
	Start           string  `toml:"start"`            // "cold", "hot" or "file:PATH"
	MeasureEvery    int     `toml:"measure_every"`    // measure after every n-th trajectory
	SaveEvery       int     `toml:"save_every"`       // save the configuration every n trajectories (0 never)
	SaveFormat      string  `toml:"save_format"`      // format of saved configurations
	CheckpointEvery int     `toml:"checkpoint_every"` // checkpoint every n trajectories (and at the end)
	SolverTol       float64 `toml:"solver_tol"`       // CG relative residual of the fermion solves
	CondensateEvery int     `toml:"condensate_every"` // staggered: chiral condensate every n trajectories (0 never)
	CondensateNoise int     `toml:"condensate_noise"` // noise vectors per condensate measurement
}

func init() {
	registerKind(&runKind{name: "hmc",
		summary: "hybrid Monte Carlo: Wilson gauge action with Nf=2 Wilson or Nf=4 staggered fermions (or none)",
		newSection: func() kindSection {
			return &hmcSection{Group: 3, Fermions: "wilson", Boundary: "antiperiodic", Tau: 1, Integrator: "omelyan",
				Trajectories: 20, Start: "cold", MeasureEvery: 1, SaveFormat: "ildg", CheckpointEvery: 10,
				SolverTol: 1e-10, CondensateNoise: 4}
		}})
}

// levels is the number of time scales of the chosen fermions.
func (s *hmcSection) levels() int {
	switch s.Fermions {
	case "none":
		return 1
	case "wilson":
		if s.HasenbuschKappa > 0 {
			return 3
		}
	}
	return 2
}

func (s *hmcSection) check() error {
	switch {
	case !(s.Beta > 0):
		return &fieldError{"beta", fmt.Sprint(s.Beta), "must be positive"}
	case s.Group < 2:
		return &fieldError{"group", fmt.Sprint(s.Group), "SU(N) needs N >= 2"}
	case !(s.Tau > 0):
		return &fieldError{"tau", fmt.Sprint(s.Tau), "trajectory length must be positive"}
	case s.Trajectories < 1:
		return &fieldError{"trajectories", fmt.Sprint(s.Trajectories), "must be at least 1"}
	case s.NoMetropolis < 0:
		return &fieldError{"no_metropolis", fmt.Sprint(s.NoMetropolis), "must not be negative"}
	case s.MeasureEvery < 0 || s.SaveEvery < 0 || s.CheckpointEvery < 0 || s.CondensateEvery < 0:
		return &fieldError{"measure_every", "", "measure_every, save_every, checkpoint_every and condensate_every must not be negative"}
	case !(s.SolverTol > 0 && s.SolverTol < 1e-3):
		return &fieldError{"solver_tol", fmt.Sprint(s.SolverTol), "must lie in (0, 1e-3): the Metropolis test needs accurate actions"}
	}
	switch s.Fermions {
	case "none":
	case "wilson":
		if !(s.Kappa > 0 && s.Kappa < 0.25) {
			return &fieldError{"kappa", fmt.Sprint(s.Kappa), "Wilson fermions need 0 < kappa < 0.25"}
		}
		if s.HasenbuschKappa != 0 && !(s.HasenbuschKappa > 0 && s.HasenbuschKappa < s.Kappa) {
			return &fieldError{"hasenbusch_kappa", fmt.Sprint(s.HasenbuschKappa), "must lie between 0 and kappa (a heavier quark), or be 0 for none"}
		}
	case "staggered":
		if !(s.Mass > 0) {
			return &fieldError{"mass", fmt.Sprint(s.Mass), "staggered fermions need a positive mass"}
		}
	default:
		return &fieldError{"fermions", fmt.Sprintf("%q", s.Fermions), `allowed "none", "wilson", "staggered"`}
	}
	if s.Fermions != "none" && s.Group != 3 {
		return &fieldError{"group", fmt.Sprint(s.Group), "dynamical fermions are implemented for SU(3) only"}
	}
	switch s.Boundary {
	case "antiperiodic", "periodic":
	default:
		return &fieldError{"boundary", fmt.Sprintf("%q", s.Boundary), `allowed "antiperiodic" or "periodic"`}
	}
	switch hmc.Scheme(s.Integrator) {
	case hmc.Leapfrog, hmc.Omelyan, hmc.ForceGradient:
	default:
		return &fieldError{"integrator", fmt.Sprintf("%q", s.Integrator), `allowed "leapfrog", "omelyan", "force-gradient"`}
	}
	if len(s.Steps) == 0 {
		s.Steps = defaultSteps(s.levels())
	}
	if len(s.Steps) != s.levels() {
		return &fieldError{"steps", fmt.Sprint(s.Steps), fmt.Sprintf("need %d levels for fermions = %q%s (outermost first, gauge last)",
			s.levels(), s.Fermions, map[bool]string{true: " with Hasenbusch", false: ""}[s.HasenbuschKappa > 0])}
	}
	for _, n := range s.Steps {
		if n < 1 {
			return &fieldError{"steps", fmt.Sprint(s.Steps), "every level needs at least 1 step"}
		}
	}
	if err := checkStart(s.Start); err != nil {
		return err
	}
	if !slicesContains([]string{confio.FormatILDG, confio.FormatSciDAC, confio.FormatNERSC, confio.FormatOpenQCD, confio.FormatBridge}, s.SaveFormat) {
		return &fieldError{"save_format", fmt.Sprintf("%q", s.SaveFormat), "allowed ildg, scidac, nersc, openqcd, bridge"}
	}
	if s.SaveFormat != confio.FormatILDG && s.Group != 3 && s.SaveEvery > 0 {
		return &fieldError{"save_every", fmt.Sprint(s.SaveEvery), "configuration files hold SU(3) fields only"}
	}
	return nil
}

func defaultSteps(levels int) []int {
	return []int{10, 2, 2}[:levels]
}

func checkStart(start string) error {
	switch {
	case start == "cold" || start == "hot":
		return nil
	case strings.HasPrefix(start, "file:") && len(start) > 5:
		return nil
	}
	return &fieldError{"start", fmt.Sprintf("%q", start), `allowed "cold", "hot" or "file:PATH"`}
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// startField makes the initial gauge field of a run. Collective.
func startField(l *layout.Layout, n int, start string, s *rng.Stream) (*gauge.Field, error) {
	switch {
	case start == "cold":
		return gauge.Cold(l, n)
	case start == "hot":
		return gauge.Hot(l, n, s)
	}
	path := strings.TrimPrefix(start, "file:")
	if n != 3 {
		return nil, inputf("start = %q: configuration files hold SU(3) fields", start)
	}
	g, _, err := gauge.ReadFile(l, path, "", confio.ReadOptions{})
	return g, err
}

// fermionBC is the boundary of the fermions of the section.
func (s *hmcSection) fermionBC() (bc [layout.Nd]dirac.Boundary, st staggered.Boundary) {
	st = staggered.Boundary{1, 1, 1, 1}
	if s.Boundary == "antiperiodic" {
		bc[3] = dirac.Twisted(math.Pi)
		st[3] = -1
	}
	return bc, st
}

// run builds the action and integrator, then runs (or resumes) the chain.
func (s *hmcSection) run(r rankEnv, j *job) error {
	l, err := j.Lattice.build(r.c, double)
	if err != nil {
		return err
	}
	gaugeMon, err := hmc.NewWilsonGauge(l, s.Group, s.Beta)
	if err != nil {
		return err
	}
	wbc, sbc := s.fermionBC()
	sv := wilson.Solve{Tol: s.SolverTol}
	var levels []hmc.Level
	var fermions []hmc.Monomial
	var iters func() int
	solverSeconds := func() float64 { return 0 }
	switch s.Fermions {
	case "wilson":
		if s.HasenbuschKappa > 0 {
			ratio := &wilson.Ratio{Kappa: s.Kappa, KappaH: s.HasenbuschKappa, BC: wbc, Solve: sv}
			heavy := &wilson.Nf2{Kappa: s.HasenbuschKappa, BC: wbc, Solve: sv}
			fermions = []hmc.Monomial{ratio, heavy}
			levels = []hmc.Level{{Monomials: []hmc.Monomial{ratio}}, {Monomials: []hmc.Monomial{heavy}}}
			iters = func() int { return ratio.Stats.Iterations + heavy.Stats.Iterations }
			solverSeconds = func() float64 { return ratio.Stats.Seconds + heavy.Stats.Seconds }
		} else {
			nf2 := &wilson.Nf2{Kappa: s.Kappa, BC: wbc, Solve: sv}
			fermions = []hmc.Monomial{nf2}
			levels = []hmc.Level{{Monomials: []hmc.Monomial{nf2}}}
			iters = func() int { return nf2.Stats.Iterations }
			solverSeconds = func() float64 { return nf2.Stats.Seconds }
		}
	case "staggered":
		nf4 := &staggered.Nf4{Mass: s.Mass, BC: sbc, Tol: s.SolverTol}
		fermions = []hmc.Monomial{nf4}
		levels = []hmc.Level{{Monomials: []hmc.Monomial{nf4}}}
		iters = func() int { return nf4.Iters }
	default:
		iters = func() int { return 0 }
	}
	levels = append(levels, hmc.Level{Monomials: []hmc.Monomial{gaugeMon}})
	for i := range levels {
		levels[i].Steps = s.Steps[i]
	}
	integ := &hmc.Integrator{Scheme: hmc.Scheme(s.Integrator), Levels: levels}
	u := &hmc.Updater{HMC: &hmc.HMC{Monomials: append([]hmc.Monomial{gaugeMon}, fermions...), Integrator: integ,
		Tau: s.Tau, Stream: rng.New(uint64(j.Run.Seed), 1)}, NoMetropolis: s.NoMetropolis}

	var g *gauge.Field
	start := 0
	if j.resume {
		if g, start, err = markov.Resume(j.Run.Output, l, u); err != nil {
			return err
		}
	} else {
		startStream := rng.New(uint64(j.Run.Seed), 2)
		if g, err = startField(l, s.Group, s.Start, &startStream); err != nil {
			return err
		}
	}
	fmt.Fprintf(r.out, "hmc: %s\ncomm %s, %d ranks; kernels %s\nintegrator %s, tau %g\n", l, r.c.Name(), r.c.Size(), kernelsLine(), integ, s.Tau)
	ws := gauge.NewWorkspace(l, s.Group)
	cu := &countingUpdater{Updater: u, iters: iters, seconds: solverSeconds, timed: s.Fermions == "wilson"}
	condStream := rng.New(uint64(j.Run.Seed), 3)
	meas := func(g *gauge.Field) (markov.Record, error) {
		p, err := g.Plaquette(ws)
		if err != nil {
			return nil, err
		}
		pl, err := measure.Polyakov(g, ws)
		if err != nil {
			return nil, err
		}
		rec := markov.Record{"plaquette": p.Average, "plaquette_spatial": p.Spatial, "plaquette_temporal": p.Temporal,
			"polyakov_t": []float64{real(pl[3]), imag(pl[3])}}
		if s.Fermions == "staggered" && s.CondensateEvery > 0 && cu.step%s.CondensateEvery == 0 {
			mean, se, _, err := staggered.Condensate(g, s.Mass, sbc, s.CondensateNoise, &condStream,
				solver.Params{Tol: s.SolverTol, MaxIter: 10000})
			if err != nil {
				return nil, err
			}
			rec["pbp"], rec["pbp_err"] = mean, se
		}
		return rec, nil
	}
	var progress io.Writer = r.out
	opt := markov.Options{Steps: s.Trajectories, MeasureEvery: s.MeasureEvery, SaveEvery: s.SaveEvery,
		CheckpointEvery: s.CheckpointEvery, Dir: j.Run.Output, Format: s.SaveFormat, Measure: meas,
		Progress: progress, Resume: j.resume,
		Header: markov.Record{"run": "hmc", "grid": l.Global, "beta": s.Beta, "fermions": s.Fermions, "kappa": s.Kappa,
			"mass": s.Mass, "tau": s.Tau, "integrator": integ.String(), "seed": j.Run.Seed}}
	if err := markov.Run(g, cu, start, opt); err != nil {
		return err
	}
	if r.c.Rank() == 0 {
		return summariseHistory(r.out, filepath.Join(j.Run.Output, "history.jsonl"))
	}
	return nil
}

// countingUpdater is the HMC updater with the solver work of each
// trajectory (iterations, and seconds for Wilson fermions) in its record.
type countingUpdater struct {
	*hmc.Updater
	iters   func() int
	seconds func() float64
	timed   bool
	step    int // the last trajectory done
}

// Step implements markov.Updater.
func (c *countingUpdater) Step(g *gauge.Field, step int) (map[string]any, error) {
	i0, s0 := c.iters(), c.seconds()
	rec, err := c.Updater.Step(g, step)
	if err != nil {
		return nil, err
	}
	rec["solver_iterations"] = c.iters() - i0
	if c.timed {
		rec["solver_seconds"] = c.seconds() - s0
	}
	c.step = step
	return rec, nil
}

// summariseHistory prints acceptance, <exp(-dH)> and the mean plaquette of
// the Metropolis trajectories of a history file.
func summariseHistory(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	recs, err := readRecords(f)
	if err != nil {
		return err
	}
	var n, acc int
	var expSum, plaq []float64
	for _, r := range recs {
		if m, _ := r["metropolis"].(bool); !m {
			continue
		}
		n++
		if a, _ := r["accepted"].(bool); a {
			acc++
		}
		if e, ok := r["exp_minus_dH"].(float64); ok {
			expSum = append(expSum, e)
		}
		if p, ok := r["plaquette"].(float64); ok {
			plaq = append(plaq, p)
		}
	}
	if n == 0 {
		fmt.Fprintf(w, "no trajectories with the Metropolis test yet\n")
		return nil
	}
	em, ee := meanErr(expSum)
	pm, pe := meanErr(plaq)
	fmt.Fprintf(w, "summary over %d Metropolis trajectories: acceptance %.3f, <exp(-dH)> = %.4f +- %.4f, plaquette %.6f +- %.6f (naive error)\n",
		n, float64(acc)/float64(n), em, ee, pm, pe)
	return nil
}

func meanErr(x []float64) (mean, err float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, math.NaN()
	}
	var s float64
	for _, v := range x {
		s += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(s / float64(len(x)-1) / float64(len(x)))
}
