package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/markov"
	"github.com/goqcd/goqcd/algorithms/measure"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// quenchedSection is [quenched] of a job of kind "quenched": pure SU(N)
// gauge theory with the Wilson action, updated by one heatbath sweep and
// Overrelax overrelaxation sweeps per step ("sweep" below). The chain is
// driven by package markov: history.jsonl, saved configurations and
// checkpoints go into [run] output; goqcd run --resume continues it.
// [lattice] simd = 0 means the widest W up to the kernel set's that tiles
// the lattice (see gaugeLayout).
type quenchedSection struct {
	Group            int     `toml:"group"`             // N of SU(N), at least 2
	Beta             float64 `toml:"beta"`              // 2N/g0^2, required
	Start            string  `toml:"start"`             // "cold", "hot" or "file:PATH" (PATH relative to the working directory)
	Sweeps           int     `toml:"sweeps"`            // total, required; a resumed run goes on to this total
	Overrelax        int     `toml:"overrelax"`         // overrelaxation sweeps after each heatbath sweep
	MeasureEvery     int     `toml:"measure_every"`     // plaquettes, link trace, Polyakov loops; 0 never
	WilsonEvery      int     `toml:"wilson_every"`      // Wilson loops up to wilson_size; 0 never; a multiple of measure_every
	WilsonSize       int     `toml:"wilson_size"`       // largest r and t of the Wilson loops
	CloverEvery      int     `toml:"clover_every"`      // clover E and Q; 0 never; a multiple of measure_every
	SaveEvery        int     `toml:"save_every"`        // save the configuration; 0 never
	SaveFormat       string  `toml:"save_format"`       // ildg, scidac, nersc, openqcd, bridge
	CheckpointEvery  int     `toml:"checkpoint_every"`  // and at the end; 0 only at the end
	ReunitariseEvery int     `toml:"reunitarise_every"` // project the links back onto SU(N); 0 never
}

// Random streams of a quenched run, by purpose (rng stream ids).
const (
	streamHotStart = 1
	streamHeatbath = 2
)

// maxSweeps bounds the sweep counts, against typing errors.
const maxSweeps = 1 << 30

func init() {
	registerKind(&runKind{name: "quenched",
		summary: "quenched SU(N) gauge configurations: heatbath and overrelaxation, measurements, checkpoints",
		newSection: func() kindSection {
			return &quenchedSection{Group: 3, Start: "hot", Overrelax: 3, MeasureEvery: 1, WilsonSize: 4,
				SaveFormat: confio.FormatILDG, CheckpointEvery: 100, ReunitariseEvery: 10}
		}})
}

// check validates each key; the job loader adds the file, line and key.
func (s *quenchedSection) check() error {
	count := func(key string, v int, what string) error {
		if v < 0 || v > maxSweeps {
			return &fieldError{key, fmt.Sprint(v), fmt.Sprintf("out of range: allowed 0 (%s) to %d", what, maxSweeps)}
		}
		return nil
	}
	multiple := func(key string, v int) error {
		if v == 0 {
			return nil
		}
		if s.MeasureEvery == 0 || v%s.MeasureEvery != 0 {
			return &fieldError{key, fmt.Sprint(v), fmt.Sprintf("must be a multiple of measure_every = %d (measurements happen only then), or 0", s.MeasureEvery)}
		}
		return nil
	}
	switch {
	case s.Group < 2 || s.Group > 16:
		return &fieldError{"group", fmt.Sprint(s.Group), "N of SU(N): allowed 2 to 16"}
	case s.Beta == 0:
		return &fieldError{"beta", "", "missing: give the coupling beta = 2N/g0^2 (e.g. 6.0 for SU(3))"}
	case !(s.Beta > 0) || s.Beta > 1e6:
		return &fieldError{"beta", fmt.Sprint(s.Beta), "must be positive (and below 1e6)"}
	case s.Sweeps == 0:
		return &fieldError{"sweeps", "", "missing: give the total number of sweeps (heatbath + overrelaxation steps)"}
	case s.Sweeps < 0 || s.Sweeps > maxSweeps:
		return &fieldError{"sweeps", fmt.Sprint(s.Sweeps), fmt.Sprintf("out of range: allowed 1 to %d", maxSweeps)}
	case s.Overrelax < 0 || s.Overrelax > 100:
		return &fieldError{"overrelax", fmt.Sprint(s.Overrelax), "overrelaxation sweeps per heatbath sweep: allowed 0 to 100"}
	case s.WilsonSize < 1 || s.WilsonSize > 64:
		return &fieldError{"wilson_size", fmt.Sprint(s.WilsonSize), "largest Wilson loop extent: allowed 1 to 64"}
	case !slices.Contains(writeFormats, s.SaveFormat):
		return &fieldError{"save_format", fmt.Sprintf("%q", s.SaveFormat), "unknown format: allowed " + quoteList(writeFormats)}
	}
	for _, c := range []struct {
		key, what string
		v         int
	}{{"measure_every", "never", s.MeasureEvery}, {"wilson_every", "never", s.WilsonEvery}, {"clover_every", "never", s.CloverEvery},
		{"save_every", "never", s.SaveEvery}, {"checkpoint_every", "only at the end", s.CheckpointEvery}, {"reunitarise_every", "never", s.ReunitariseEvery}} {
		if err := count(c.key, c.v, c.what); err != nil {
			return err
		}
	}
	if err := multiple("wilson_every", s.WilsonEvery); err != nil {
		return err
	}
	if err := multiple("clover_every", s.CloverEvery); err != nil {
		return err
	}
	if err := s.checkStart(); err != nil {
		return err
	}
	if s.Group != 3 && s.SaveEvery > 0 {
		return &fieldError{"save_every", fmt.Sprint(s.SaveEvery), fmt.Sprintf("configuration files hold SU(3) fields; this job is SU(%d): set save_every = 0", s.Group)}
	}
	return nil
}

func (s *quenchedSection) checkStart() error {
	switch s.Start {
	case "cold", "hot":
		return nil
	}
	path, ok := strings.CutPrefix(s.Start, "file:")
	if !ok || path == "" {
		return &fieldError{"start", fmt.Sprintf("%q", s.Start), `allowed "cold" (unit links), "hot" (random links) or "file:PATH" (a configuration file)`}
	}
	if s.Group != 3 {
		return &fieldError{"start", fmt.Sprintf("%q", s.Start), fmt.Sprintf("configuration files hold SU(3) fields; this job is SU(%d): start cold or hot", s.Group)}
	}
	if _, err := os.Stat(path); err != nil {
		return &fieldError{"start", fmt.Sprintf("%q", s.Start), err.Error()}
	}
	return nil
}

// run runs the chain, then (rank 0) summarises the history and plots it.
// Collective.
func (s *quenchedSection) run(r rankEnv, j *job) error {
	l, err := gaugeLayout(r.c, j.Lattice)
	if err != nil {
		return err
	}
	if err := s.checkLattice(l, j); err != nil {
		return err
	}
	if j.resume && s.Group != 3 {
		return inputf("--resume: checkpoints are SU(3) configuration files; an SU(%d) run cannot be resumed", s.Group)
	}
	u := &gauge.Quenched{Beta: s.Beta, Overrelax: s.Overrelax, ReunitariseEvery: s.ReunitariseEvery,
		Rand: rng.New(uint64(j.Run.Seed), streamHeatbath)}
	dir := j.Run.Output
	header := s.header(j, l)
	var g *gauge.Field
	start := 0
	if j.resume {
		if g, start, err = s.resume(r.c, dir, l, u, header); err != nil {
			return err
		}
		fmt.Fprintf(r.out, "resuming from the checkpoint in %s after sweep %d\n", dir, start)
	} else {
		if g, err = s.initial(r.c, l, j.Run.Seed); err != nil {
			return err
		}
		if r.c.Rank() == 0 {
			if _, err := os.Stat(filepath.Join(dir, markov.CheckpointName)); err == nil {
				fmt.Fprintf(r.out, "note: starting afresh in %s over an earlier run's files (goqcd run --resume continues a run)\n", dir)
			}
		}
	}
	if start > s.Sweeps {
		return j.fieldErr("quenched", &fieldError{"sweeps", fmt.Sprint(s.Sweeps),
			fmt.Sprintf("the checkpoint in %s has done %d sweeps already: give at least that many to resume", dir, start)})
	}
	tracker := &stepTracker{Updater: u}
	opt := markov.Options{Steps: s.Sweeps, MeasureEvery: s.MeasureEvery, SaveEvery: s.SaveEvery,
		CheckpointEvery: s.CheckpointEvery, Dir: dir, Format: s.SaveFormat, Header: header,
		Progress: r.out, Resume: j.resume, Measure: s.measurer(g, tracker)}
	if s.Group == 3 {
		err = markov.Run(g, tracker, start, opt)
	} else {
		err = runWithoutCheckpoints(g, tracker, opt)
	}
	if err != nil {
		return err
	}
	var rerr error
	if r.c.Rank() == 0 {
		rerr = reportHistory(r.out, dir, fmt.Sprintf("SU(%d) quenched, beta %g, %s", s.Group, s.Beta, layout.FormatDims(l.Global)))
	}
	return agree(r.c, rerr)
}

// checkLattice checks the settings that depend on the lattice.
func (s *quenchedSection) checkLattice(l *layout.Layout, j *job) error {
	if s.WilsonEvery > 0 {
		for mu, n := range l.Global {
			if s.WilsonSize > n/2 {
				return j.fieldErr("quenched", &fieldError{"wilson_size", fmt.Sprint(s.WilsonSize),
					fmt.Sprintf("more than half the lattice extent %d in direction %s: allowed up to %d", n, dirNames[mu], n/2)})
			}
		}
	}
	if s.SaveFormat == confio.FormatOpenQCD && s.SaveEvery > 0 {
		for mu, n := range l.Global {
			if n%2 != 0 {
				return j.fieldErr("quenched", &fieldError{"save_format", `"openqcd"`,
					fmt.Sprintf("openQCD files need even extents; direction %s has %d", dirNames[mu], n)})
			}
		}
	}
	return nil
}

// header is the first line of a new run's history: the settings that
// make the chain what it is. A resumed run must have the same.
func (s *quenchedSection) header(j *job, l *layout.Layout) markov.Record {
	return markov.Record{"run": "quenched", "version": Version, "group": s.Group, "beta": s.Beta,
		"grid": layout.FormatDims(l.Global), "seed": j.Run.Seed, "start": s.Start,
		"overrelax": s.Overrelax, "reunitarise_every": s.ReunitariseEvery,
		"polyakov":     "[re, im] of (1/N) Tr of the Polyakov loop along x, y, z, t",
		"wilson_loops": "[r-1][t-1]: (1/N) Re Tr of r x t loops, r links along x, y, z (averaged), t along t"}
}

// chainKeys are the header entries a resumed run must share with the
// run it continues.
var chainKeys = []string{"group", "beta", "grid", "seed", "overrelax", "reunitarise_every"}

// initial is the start configuration. Collective.
func (s *quenchedSection) initial(c comm.Comm, l *layout.Layout, seed int64) (*gauge.Field, error) {
	switch s.Start {
	case "cold":
		return gauge.Cold(l, s.Group)
	case "hot":
		st := rng.New(uint64(seed), streamHotStart)
		return gauge.Hot(l, s.Group, &st)
	}
	path := strings.TrimPrefix(s.Start, "file:")
	cfg, _, err := readOnRoot(c, path, "", false, l.Global)
	if err != nil {
		return nil, err
	}
	return scatterConfig(l, cfg)
}

// resume reads the checkpoint, after checking that the history it
// continues was made with the same settings. Collective.
func (s *quenchedSection) resume(c comm.Comm, dir string, l *layout.Layout, u markov.Updater, header markov.Record) (*gauge.Field, int, error) {
	var err error
	if c.Rank() == 0 {
		err = sameChain(filepath.Join(dir, "history.jsonl"), header)
	}
	if err := agree(c, err); err != nil {
		return nil, 0, err
	}
	g, start, err := markov.Resume(dir, l, u)
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, asInput(err)
	}
	return g, start, err
}

// sameChain compares the chain settings of header with the first line of
// the history at path (bad input if they differ or it is missing).
func sameChain(path string, header markov.Record) error {
	f, err := os.Open(path)
	if err != nil {
		return inputf("--resume: %v: no run to continue there (start without --resume)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var old map[string]json.RawMessage
	if !sc.Scan() || json.Unmarshal(sc.Bytes(), &old) != nil || string(old["run"]) != `"quenched"` {
		return inputf("--resume: %s does not start with the header line of a quenched run", path)
	}
	var diffs []string
	for _, k := range chainKeys {
		now, _ := json.Marshal(header[k])
		if string(now) != string(old[k]) {
			diffs = append(diffs, fmt.Sprintf("%s = %s (the run has %s)", k, now, old[k]))
		}
	}
	if len(diffs) > 0 {
		return inputf("--resume: the job differs from the run it would continue in %s: %s; only sweeps and the measurement and output settings may change",
			filepath.Dir(path), strings.Join(diffs, ", "))
	}
	return nil
}

// stepTracker passes the step number of the last update to the
// measurements, which decide on it which observables are due.
type stepTracker struct {
	markov.Updater
	step int
}

func (t *stepTracker) Step(g *gauge.Field, step int) (markov.Record, error) {
	t.step = step
	return t.Updater.Step(g, step)
}

// measurer returns the measurements of a step. Collective.
func (s *quenchedSection) measurer(g0 *gauge.Field, t *stepTracker) func(g *gauge.Field) (markov.Record, error) {
	ws := gauge.NewWorkspace(g0.L, g0.N)
	var fs [6]*layout.Field[float64]
	return func(g *gauge.Field) (markov.Record, error) {
		p, err := g.Plaquette(ws)
		if err != nil {
			return nil, err
		}
		lt, err := measure.LinkTrace(g)
		if err != nil {
			return nil, err
		}
		poly, err := measure.Polyakov(g, ws)
		if err != nil {
			return nil, err
		}
		pl := make([][2]float64, len(poly))
		for mu, z := range poly {
			pl[mu] = [2]float64{real(z), imag(z)}
		}
		rec := markov.Record{"plaquette": p.Average, "plaquette_spatial": p.Spatial, "plaquette_temporal": p.Temporal,
			"link_trace": lt, "polyakov": pl}
		if s.WilsonEvery > 0 && t.step%s.WilsonEvery == 0 {
			w, err := measure.WilsonLoops(g, ws, s.WilsonSize, s.WilsonSize)
			if err != nil {
				return nil, err
			}
			rec["wilson_loops"] = w.W // [r-1][t-1]
		}
		if s.CloverEvery > 0 && t.step%s.CloverEvery == 0 {
			c, err := measure.CloverObservables(g, ws, &fs)
			if err != nil {
				return nil, err
			}
			rec["e_clover"], rec["e_plaquette"], rec["q"] = c.EClover, c.EPlaq, c.Q
		}
		return rec, nil
	}
}
