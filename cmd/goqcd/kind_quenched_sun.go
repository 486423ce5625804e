package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/markov"
)

// runWithoutCheckpoints runs a chain as markov.Run does, writing the same
// history lines and progress lines, but without saved configurations or
// checkpoints: those are SU(3) configuration files, and markov.Run always
// checkpoints at the end, so SU(N != 3) runs come here. Collective.
func runWithoutCheckpoints(g *gauge.Field, u markov.Updater, opt markov.Options) error {
	var f *os.File
	var err error
	if g.L.Rank == 0 {
		if err = os.MkdirAll(opt.Dir, 0o755); err == nil {
			f, err = os.Create(filepath.Join(opt.Dir, "history.jsonl"))
		}
	}
	if err := agree(g.L.Comm, err); err != nil {
		return err
	}
	var w *bufio.Writer
	write := func(r markov.Record) error {
		if f == nil {
			return nil
		}
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return err
		}
		return w.Flush()
	}
	if f != nil {
		defer f.Close()
		w = bufio.NewWriter(f)
	}
	if err := write(opt.Header); err != nil {
		return err
	}
	t0 := time.Now()
	for step := 1; step <= opt.Steps; step++ {
		ts := time.Now()
		rec, err := u.Step(g, step)
		if err != nil {
			return fmt.Errorf("%s step %d: %w", u.Name(), step, err)
		}
		if rec == nil {
			rec = markov.Record{}
		}
		rec["step"], rec["kind"] = step, u.Name()
		if opt.MeasureEvery > 0 && step%opt.MeasureEvery == 0 {
			m, err := opt.Measure(g)
			if err != nil {
				return fmt.Errorf("measurement after step %d: %w", step, err)
			}
			for k, v := range m {
				rec[k] = v
			}
		}
		rec["seconds"] = time.Since(ts).Seconds()
		if err := write(rec); err != nil {
			return fmt.Errorf("history: %w", err)
		}
		if g.L.Rank == 0 && opt.Progress != nil {
			rate := float64(step) / time.Since(t0).Seconds()
			eta := time.Duration(float64(opt.Steps-step) / rate * float64(time.Second)).Round(time.Second)
			plaq := ""
			if p, ok := rec["plaquette"].(float64); ok {
				plaq = fmt.Sprintf(" plaquette=%.6g", p)
			}
			fmt.Fprintf(opt.Progress, "%s %d/%d%s seconds=%.3g  (%.2f steps/s, ETA %s)\n", u.Name(), step, opt.Steps, plaq, rec["seconds"], rate, eta)
		}
	}
	if f != nil {
		return f.Sync()
	}
	return nil
}
