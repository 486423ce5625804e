package main

import (
	"io"
	"os"
	"path/filepath"
)

// selfcheckSection is [selfcheck] of a job of kind "selfcheck": the layout
// checks of goqcd selfcheck on the job's lattice.
type selfcheckSection struct {
	Prec string `toml:"prec"` // "double", "single" or "both"
}

func init() {
	registerKind(&runKind{name: "selfcheck",
		summary:    "the layout self-check (halo neighbours, Norm2) on the job's lattice",
		newSection: func() kindSection { return &selfcheckSection{Prec: "both"} }})
}

func (s *selfcheckSection) check() error {
	_, err := parsePrecisions("prec", s.Prec)
	return err
}

// run runs the checks and, on rank 0, copies the report to
// <output>/selfcheck.txt.
func (s *selfcheckSection) run(r rankEnv, j *job) (err error) {
	precs, _ := parsePrecisions("prec", s.Prec)
	out := r.out
	if r.c.Rank() == 0 {
		if err := os.MkdirAll(j.Run.Output, 0o755); err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(j.Run.Output, "selfcheck.txt"))
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		out = io.MultiWriter(r.out, f)
		if err := j.echo(f); err != nil {
			return err
		}
	}
	return selfcheck(rankEnv{c: r.c, out: out}, j.Lattice, precs)
}
