package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/goqcd/goqcd/algorithms/confio"
)

// The end of a quenched run: the plaquette history read back from
// history.jsonl (resumed runs included), its mean over the second half of
// the sweeps with a naive and a binned error, a PNG plot, and
// summary.json.

// Names of the files the summary writes into the run directory.
const (
	plotName    = "plaquette.png"
	summaryName = "summary.json"
)

// plaquetteSeries is the measured plaquette of a history, by sweep.
type plaquetteSeries struct {
	Steps []int
	Plaq  []float64
}

// readPlaquettes reads the step and plaquette of every measured record of
// a JSON-lines history.
func readPlaquettes(path string) (plaquetteSeries, error) {
	var s plaquetteSeries
	f, err := os.Open(path)
	if err != nil {
		return s, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		var r struct {
			Step      *int     `json:"step"`
			Plaquette *float64 `json:"plaquette"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return s, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		if r.Step != nil && r.Plaquette != nil {
			s.Steps = append(s.Steps, *r.Step)
			s.Plaq = append(s.Plaq, *r.Plaquette)
		}
	}
	return s, sc.Err()
}

// meanError is a mean with its naive error (independent samples) and the
// error from binning: the data are averaged in bins of BinSize samples,
// the largest power of 2 that leaves at least minBins bins, and the error
// is that of the bin averages. Bins longer than the autocorrelation time
// make the bin averages independent; minBins keeps the error's own
// uncertainty near 1/sqrt(2 minBins) (18%). TauInt = (binned/naive)^2 / 2
// estimates the integrated autocorrelation time in samples.
type meanError struct {
	N       int     `json:"n"`
	Mean    float64 `json:"mean"`
	Naive   float64 `json:"naive_error"`
	Binned  float64 `json:"binned_error"`
	BinSize int     `json:"bin_size"`
	TauInt  float64 `json:"tau_int"`
}

// minBins is the fewest bins the binned error is taken from.
const minBins = 16

func binnedMean(x []float64) meanError {
	m := meanError{N: len(x)}
	if len(x) == 0 {
		return m
	}
	for _, v := range x {
		m.Mean += v
	}
	m.Mean /= float64(len(x))
	if len(x) < 2 {
		return m // no error from one sample
	}
	errOf := func(b int) float64 {
		nb := len(x) / b
		if nb < 2 {
			return math.NaN()
		}
		ss := 0.0
		for k := range nb {
			a := 0.0
			for _, v := range x[k*b : (k+1)*b] {
				a += v
			}
			d := a/float64(b) - m.Mean
			ss += d * d
		}
		return math.Sqrt(ss / float64(nb) / float64(nb-1))
	}
	m.Naive = errOf(1)
	m.BinSize = 1
	for 2*m.BinSize*minBins <= len(x) {
		m.BinSize *= 2
	}
	m.Binned = errOf(m.BinSize)
	if m.Naive > 0 {
		m.TauInt = 0.5 * (m.Binned / m.Naive) * (m.Binned / m.Naive)
	}
	return m
}

// runSummary is summary.json.
type runSummary struct {
	Title        string    `json:"title"`
	Measurements int       `json:"measurements"`
	LastSweep    int       `json:"last_sweep"`
	FromSweep    int       `json:"from_sweep"` // the second half: sweeps > last/2
	Plaquette    meanError `json:"plaquette"`
	Plot         string    `json:"plot"`
}

// reportHistory summarises and plots the history in dir and prints the
// summary (rank 0 only: it reads and writes files).
func reportHistory(w io.Writer, dir, title string) error {
	s, err := readPlaquettes(filepath.Join(dir, "history.jsonl"))
	if err != nil {
		return err
	}
	if len(s.Steps) == 0 {
		fmt.Fprintf(w, "no plaquette measurements in %s (measure_every = 0): no summary, no plot\n", dir)
		return nil
	}
	sum := runSummary{Title: title, Measurements: len(s.Steps), LastSweep: s.Steps[len(s.Steps)-1]}
	var second []float64
	for i, st := range s.Steps {
		if st > sum.LastSweep/2 {
			if second == nil {
				sum.FromSweep = st
			}
			second = append(second, s.Plaq[i])
		}
	}
	sum.Plaquette = binnedMean(second)
	sum.Plot = filepath.Join(dir, plotName)
	if err := plotPlaquette(sum.Plot, s, title, sum.FromSweep, sum.Plaquette.Mean); err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	b, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	if err := confio.WriteFileAtomic(filepath.Join(dir, summaryName), append(b, '\n')); err != nil {
		return err
	}
	p := sum.Plaquette
	fmt.Fprintf(w, "\nsummary: %s\n", title)
	fmt.Fprintf(w, "  plaquette over sweeps %d..%d (%d measurements, the second half): %.8f\n", sum.FromSweep, sum.LastSweep, p.N, p.Mean)
	if p.N >= 2 {
		fmt.Fprintf(w, "  error %.2e naive, %.2e binned (bins of %d measurements; tau_int about %.1f measurements)\n", p.Naive, p.Binned, p.BinSize, p.TauInt)
		if p.BinSize == 1 {
			fmt.Fprintf(w, "  (too few measurements to bin: the error ignores autocorrelation)\n")
		}
	}
	fmt.Fprintf(w, "  plot %s, summary %s\n", sum.Plot, filepath.Join(dir, summaryName))
	return nil
}
