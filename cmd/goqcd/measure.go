package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/measure"
	"github.com/goqcd/goqcd/layout"
)

func init() {
	register(commands, &command{name: "measure", args: "config...",
		summary: "measure plaquettes, link trace and Polyakov loops of gauge configuration files, verifying their checksums",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			ff := addFileFlags(fs)
			asJSON := fs.Bool("json", false, "print a JSON array, one object per file, instead of a table")
			return func(x *cli, args []string) error {
				if len(args) == 0 {
					return inputf("measure needs at least one configuration file (goqcd measure [flags] config...)")
				}
				return ff.onRanks(x, func(r rankEnv) error {
					var all []measureResult
					for _, path := range args {
						res, err := measureFile(r, ff, path)
						if err != nil {
							return err
						}
						if *asJSON {
							all = append(all, res)
						} else {
							res.table(r.out)
						}
					}
					if *asJSON {
						return writeJSON(r.out, all)
					}
					return nil
				})
			}
		}})
}

// measureResult is what goqcd measure reports for one file; its JSON form
// is an element of the --json output. Plaquettes are (1/3) Re Tr averages
// (1 for a unit field), Polyakov loops (1/3) Tr of the line along x, y, z,
// t averaged over the lattice.
type measureResult struct {
	File              string          `json:"file"`
	Format            string          `json:"format"`
	Grid              string          `json:"grid"`
	Precision         int             `json:"precision"`
	Layout            string          `json:"layout"`
	Plaquette         float64         `json:"plaquette"`
	PlaquetteSpatial  float64         `json:"plaquette_spatial"`
	PlaquetteTemporal float64         `json:"plaquette_temporal"`
	LinkTrace         float64         `json:"link_trace"`
	Polyakov          []polyakovValue `json:"polyakov"`
	Checks            []checkResult   `json:"checks"`
	Warnings          []string        `json:"warnings"`
}

// polyakovValue is the Polyakov loop along one direction.
type polyakovValue struct {
	Dir string  `json:"dir"`
	Re  float64 `json:"re"`
	Im  float64 `json:"im"`
}

// checkResult is one verification the reader made (confio.Check).
type checkResult struct {
	Name     string `json:"name"`
	Expected string `json:"expected"`
	Computed string `json:"computed"`
	Tol      string `json:"tol,omitempty"`
	OK       bool   `json:"ok"`
}

// dirNames name the directions mu = 0..3.
var dirNames = [layout.Nd]string{"x", "y", "z", "t"}

// measureFile reads one file onto the job's ranks and measures it. The
// result is complete on rank 0. Collective.
func measureFile(r rankEnv, ff *fileFlags, path string) (measureResult, error) {
	g, cfg, err := ff.load(r.c, path)
	if err != nil {
		return measureResult{}, err
	}
	ws := gauge.NewWorkspace(g.L, g.N)
	p, err := g.Plaquette(ws)
	if err != nil {
		return measureResult{}, err
	}
	lt, err := measure.LinkTrace(g)
	if err != nil {
		return measureResult{}, err
	}
	poly, err := measure.Polyakov(g, ws)
	if err != nil {
		return measureResult{}, err
	}
	res := measureResult{File: path, Grid: layout.FormatDims(g.L.Global), Layout: g.L.String(),
		Plaquette: p.Average, PlaquetteSpatial: p.Spatial, PlaquetteTemporal: p.Temporal, LinkTrace: lt,
		Checks: []checkResult{}, Warnings: []string{}}
	for mu, z := range poly {
		res.Polyakov = append(res.Polyakov, polyakovValue{Dir: dirNames[mu], Re: real(z), Im: imag(z)})
	}
	if cfg != nil { // rank 0
		res.Format, res.Precision = cfg.Format, cfg.Precision
		res.Checks = checkResults(cfg.Checks)
		for _, w := range cfg.Warnings {
			// confio's advice on reading the file anyway is what the user did.
			w, _, _ = strings.Cut(strings.TrimPrefix(w, "confio: "), "; the file is corrupt")
			res.Warnings = append(res.Warnings, w)
		}
	}
	return res, nil
}

func checkResults(checks []confio.Check) []checkResult {
	out := []checkResult{}
	for _, c := range checks {
		out = append(out, checkResult{Name: c.Name, Expected: c.Expected, Computed: c.Computed, Tol: c.Tol, OK: c.OK})
	}
	return out
}

// table prints the result as a block of lines.
func (m measureResult) table(w io.Writer) {
	fmt.Fprintf(w, "%s\n", m.File)
	fmt.Fprintf(w, "  format       %s, %s, float%d\n", m.Format, m.Grid, m.Precision)
	fmt.Fprintf(w, "  layout       %s\n", m.Layout)
	fmt.Fprintf(w, "  plaquette    %.12f  (spatial %.12f, temporal %.12f)\n", m.Plaquette, m.PlaquetteSpatial, m.PlaquetteTemporal)
	fmt.Fprintf(w, "  link trace   %.12f\n", m.LinkTrace)
	for _, p := range m.Polyakov {
		fmt.Fprintf(w, "  polyakov %s   %+.12f %+.12fi\n", p.Dir, p.Re, p.Im)
	}
	if len(m.Checks) == 0 {
		fmt.Fprintf(w, "  checks       none recorded in the file\n")
	}
	for _, c := range m.Checks {
		status := "ok"
		if !c.OK {
			status = "MISMATCH"
		}
		tol := ""
		if c.Tol != "" {
			tol = " (tolerance " + c.Tol + ")"
		}
		fmt.Fprintf(w, "  check        %-20s %-8s file %s, data %s%s\n", c.Name, status, c.Expected, c.Computed, tol)
	}
	for _, s := range m.Warnings {
		fmt.Fprintf(w, "  warning      %s\n", s)
	}
	fmt.Fprintln(w)
}
