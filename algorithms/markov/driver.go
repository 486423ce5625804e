package markov

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// Options control a run.
type Options struct {
	Steps           int    // total steps of the chain (a resumed run stops at the same total)
	MeasureEvery    int    // measure after every n-th step; 0 never
	SaveEvery       int    // save the configuration after every n-th step; 0 never
	CheckpointEvery int    // checkpoint after every n-th step (and at the end); 0 only at the end
	Dir             string // run directory: history, configurations, checkpoints
	History         string // JSON-lines file name in Dir; "" means history.jsonl
	ConfigPrefix    string // saved configurations are Dir/<prefix>.<step>.<format>
	Format          string // configuration format for saved files; "" means ildg
	// Measure, if set, returns the observables recorded every MeasureEvery
	// steps (collective).
	Measure func(g *gauge.Field) (Record, error)
	// Header is written as the first history line of a new run.
	Header Record
	// Progress receives one line per step (rank 0; nil for none).
	Progress io.Writer
	// Resume continues from Dir/checkpoint.json, which must exist.
	Resume bool
}

// Run advances g by the updater from step start+1 to opt.Steps, writing
// the history, saved configurations and checkpoints into opt.Dir. start is
// 0 for a new run, or the checkpoint's step when resuming (see Resume).
// Collective.
func Run(g *gauge.Field, u Updater, start int, opt Options) error {
	l := g.L
	if opt.Dir == "" {
		opt.Dir = "."
	}
	if opt.History == "" {
		opt.History = "history.jsonl"
	}
	if opt.Format == "" {
		opt.Format = confio.FormatILDG
	}
	if opt.ConfigPrefix == "" {
		opt.ConfigPrefix = "conf"
	}
	if opt.Steps < start {
		return fmt.Errorf("run: %d steps requested but the checkpoint has done %d", opt.Steps, start)
	}
	var h *history
	var err error
	if l.Rank == 0 {
		if err = os.MkdirAll(opt.Dir, 0o755); err == nil {
			h, err = openHistory(filepath.Join(opt.Dir, opt.History), start, opt.Resume)
		}
		if err == nil && !opt.Resume && opt.Header != nil {
			err = h.write(opt.Header)
		}
	}
	if err := comm.Agree(l.Comm, err); err != nil {
		return err
	}
	if h != nil {
		defer h.close()
	}
	previous := "" // the configuration of the checkpoint the run started from, removed after the next
	if start > 0 {
		previous = checkpointConfig(start)
	}
	t0 := time.Now()
	for step := start + 1; step <= opt.Steps; step++ {
		ts := time.Now()
		rec, err := u.Step(g, step)
		if err != nil {
			return fmt.Errorf("%s step %d: %w", u.Name(), step, err)
		}
		if rec == nil {
			rec = Record{}
		}
		rec["step"] = step
		rec["kind"] = u.Name()
		if opt.MeasureEvery > 0 && step%opt.MeasureEvery == 0 && opt.Measure != nil {
			m, err := opt.Measure(g)
			if err != nil {
				return fmt.Errorf("measurement after step %d: %w", step, err)
			}
			for k, v := range m {
				rec[k] = v
			}
		}
		rec["seconds"] = time.Since(ts).Seconds()
		if h != nil {
			if err := h.write(rec); err != nil {
				return err
			}
		}
		if opt.SaveEvery > 0 && step%opt.SaveEvery == 0 {
			name := filepath.Join(opt.Dir, fmt.Sprintf("%s.%06d.%s", opt.ConfigPrefix, step, opt.Format))
			if err := g.WriteFile(name, opt.Format, nil, confio.WriteOptions{}); err != nil {
				return err
			}
		}
		last := step == opt.Steps
		if last || (opt.CheckpointEvery > 0 && step%opt.CheckpointEvery == 0) {
			if previous, err = writeCheckpoint(opt.Dir, g, u, step, previous); err != nil {
				return err
			}
		}
		if opt.Progress != nil && l.Rank == 0 {
			done := step - start
			rate := float64(done) / time.Since(t0).Seconds()
			eta := time.Duration(float64(opt.Steps-step) / rate * float64(time.Second)).Round(time.Second)
			fmt.Fprintf(opt.Progress, "%s %d/%d %s  (%.2f steps/s, ETA %s)\n", u.Name(), step, opt.Steps, summary(rec), rate, eta)
		}
	}
	return nil
}

// Resume reads the checkpoint of dir; it returns the field and the step to
// pass to Run, after restoring the updater's stream. Collective.
func Resume(dir string, l *layout.Layout, u Updater) (*gauge.Field, int, error) {
	g, c, err := ReadCheckpoint(dir, l)
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, fmt.Errorf("--resume: no checkpoint in %s (%v): start the run without --resume", dir, err)
	}
	if err != nil {
		return nil, 0, err
	}
	if c.Updater != u.Name() {
		return nil, 0, fmt.Errorf("--resume: the checkpoint in %s is of a %s run, this job runs %s", dir, c.Updater, u.Name())
	}
	*u.Stream() = c.Stream
	return g, c.Step, nil
}

// summary formats the common fields of a record for a progress line.
func summary(r Record) string {
	s := ""
	for _, k := range []string{"dH", "accepted", "plaquette", "solver_iterations", "seconds"} {
		v, ok := r[k]
		if !ok {
			continue
		}
		switch x := v.(type) {
		case float64:
			s += fmt.Sprintf(" %s=%.6g", k, x)
		default:
			s += fmt.Sprintf(" %s=%v", k, x)
		}
	}
	return s
}
