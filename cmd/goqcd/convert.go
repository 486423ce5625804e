package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/layout"
)

func init() {
	register(commands, &command{name: "convert", args: "in out",
		summary: "convert a gauge configuration file to another format, verified by reading it back",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			var o convertOptions
			fs.StringVar(&o.to, "to", "", "output format: "+strings.Join(writeFormats, ", ")+" (required)")
			fs.IntVar(&o.prec, "prec", 0, "bits per real in the output, 32 or 64; default: the input's (openqcd: always 64)")
			fs.BoolVar(&o.nersc3x2, "nersc-3x2", false, "NERSC output stores two rows per link (4D_SU3_GAUGE), the third rebuilt on reading")
			fs.StringVar(&o.from, "format", "", "input format: "+strings.Join(readFormats, ", ")+"; default: detected from the content")
			fs.StringVar(&o.grid, "grid", "", "lattice `X.Y.Z.T` of the input (needed for Bridge++ text, which records none)")
			fs.BoolVar(&o.ignore, "ignore-checksums", false, "convert an input whose checksums or header values disagree with its data")
			fs.BoolVar(&o.force, "force", false, "overwrite out if it exists")
			return func(x *cli, args []string) error {
				if len(args) != 2 {
					return inputf("convert needs an input and an output file, got %d arguments (goqcd convert in out --to FORMAT)", len(args))
				}
				if err := o.check(args[0], args[1]); err != nil {
					return err
				}
				// One process does the work; the other ranks of an MPI job
				// wait for its outcome, so that all exit alike.
				return x.onRanks(1, false, func(r rankEnv) error {
					var rep convertReport
					var err error
					if r.c.Rank() == 0 {
						rep, err = convert(args[0], args[1], o)
					}
					if err := agree(r.c, err); err != nil {
						return err
					}
					rep.print(r.out)
					return nil
				})
			}
		}})
}

// writeFormats are the formats confio writes.
var writeFormats = []string{confio.FormatILDG, confio.FormatSciDAC, confio.FormatNERSC, confio.FormatOpenQCD, confio.FormatBridge}

// convertOptions are the flags of goqcd convert.
type convertOptions struct {
	to, from, grid string
	prec           int
	nersc3x2       bool
	ignore, force  bool
	dims           [4]int // parsed grid
}

// check validates the flags and the file names (no file is read).
func (o *convertOptions) check(in, out string) error {
	switch {
	case o.to == "":
		return inputf("convert: --to missing: give the output format, one of %s", strings.Join(writeFormats, ", "))
	case o.to == confio.FormatMILC:
		return inputf("--to milc: MILC files are read only: write ildg or scidac, which MILC reads")
	case !slices.Contains(writeFormats, o.to):
		return inputf("--to %s: unknown format: allowed %s", o.to, strings.Join(writeFormats, ", "))
	case o.from != "" && !slices.Contains(readFormats, o.from):
		return inputf("--format %s: unknown format: allowed %s", o.from, strings.Join(readFormats, ", "))
	case o.prec != 0 && o.prec != 32 && o.prec != 64:
		return inputf("--prec %d: allowed 32 or 64", o.prec)
	case o.to == confio.FormatOpenQCD && o.prec == 32:
		return inputf("--prec 32: openQCD files are double precision: leave --prec out or give 64")
	case o.nersc3x2 && o.to != confio.FormatNERSC:
		return inputf("--nersc-3x2 applies to --to nersc only, not --to %s", o.to)
	}
	if o.grid != "" {
		d, err := layout.ParseDims(o.grid)
		if err != nil {
			return inputf("--grid %s: %v", o.grid, err)
		}
		o.dims = d
	}
	if _, err := os.Stat(in); err != nil {
		return inputf("convert: input %v", err)
	}
	if _, err := os.Stat(out); err == nil && !o.force {
		return inputf("convert: %s exists: give --force to overwrite it (the new file replaces it atomically)", out)
	}
	return nil
}

// convertReport is what convert found: input and output, and the
// read-back verification.
type convertReport struct {
	In, Out             string
	From, To            string
	Grid                string
	InPrec, OutPrec     int
	Datatype            string  // NERSC datatype written, "" otherwise
	Plaquette, ReadBack float64 // of the input, and of the file written
	Identical           bool    // every link bit-identical
	MaxDiff             float64 // largest |difference| of a link element
}

// convert reads in, writes out and verifies out by reading it back: the
// plaquette must agree (exactly when the links are bit-identical, which
// they must be for 64-bit output stored as full matrices), and every link
// element must agree within the output's rounding.
func convert(in, out string, o convertOptions) (convertReport, error) {
	c, err := readConfig(in, o.from, o.ignore, o.dims)
	if err != nil {
		return convertReport{}, err
	}
	rep := convertReport{In: in, Out: out, From: c.Format, To: o.to, Grid: layout.FormatDims(c.Dims), InPrec: c.Precision}
	rep.OutPrec = o.prec
	if rep.OutPrec == 0 {
		rep.OutPrec = c.Precision
	}
	if o.to == confio.FormatOpenQCD || rep.OutPrec == 0 {
		rep.OutPrec = 64
	}
	wo := confio.WriteOptions{Precision: rep.OutPrec}
	if o.to == confio.FormatNERSC {
		wo.NERSCDatatype = "4D_SU3_GAUGE_3x3"
		if o.nersc3x2 {
			wo.NERSCDatatype = "4D_SU3_GAUGE"
		}
		rep.Datatype = wo.NERSCDatatype
	}
	if err := confio.Write(out, c, o.to, wo); err != nil {
		return rep, fmt.Errorf("writing %s: %w", out, err)
	}
	back, err := confio.ReadAs(out, o.to, confio.ReadOptions{Dims: c.Dims})
	if err != nil {
		return rep, fmt.Errorf("verifying %s: reading it back failed: %w", out, err)
	}
	rep.Plaquette, _, _ = c.Plaquette()
	rep.ReadBack, _, _ = back.Plaquette()
	rep.Identical, rep.MaxDiff = compareLinks(c.Links, back.Links)
	exact := rep.OutPrec == 64 && !o.nersc3x2
	// Rounding to float32 moves an element by at most 2^-24 relative. A
	// third row rebuilt from the first two differs from the stored one by
	// about the input's own distance from SU(3) (1e-7 for float32 data).
	tol := 0.0
	if rep.OutPrec == 32 {
		tol = 2e-7
	}
	if o.nersc3x2 {
		tol += 1e-12 + 4*c.Unitarity()
	}
	bad := ""
	switch {
	case exact && !rep.Identical:
		bad = fmt.Sprintf("links differ from the input (largest difference %.3g) although %s stores them in float64", rep.MaxDiff, o.to)
	case rep.MaxDiff > tol:
		bad = fmt.Sprintf("links differ from the input by up to %.3g, more than the %.3g the output's rounding allows", rep.MaxDiff, tol)
	case exact && rep.ReadBack != rep.Plaquette:
		bad = fmt.Sprintf("plaquette %.17g read back, %.17g written", rep.ReadBack, rep.Plaquette)
	case math.Abs(rep.ReadBack-rep.Plaquette) > 10*tol:
		bad = fmt.Sprintf("plaquette %.12f read back, %.12f written: more than rounding allows", rep.ReadBack, rep.Plaquette)
	}
	if bad != "" {
		return rep, errors.New("verifying " + out + ": " + bad)
	}
	return rep, nil
}

// compareLinks reports whether a and b are bit-identical and their
// largest element-wise difference (|re| or |im|).
func compareLinks(a, b []complex128) (bool, float64) {
	if len(a) != len(b) {
		return false, math.Inf(1)
	}
	same := true
	worst := 0.0
	for i := range a {
		if math.Float64bits(real(a[i])) != math.Float64bits(real(b[i])) || math.Float64bits(imag(a[i])) != math.Float64bits(imag(b[i])) {
			same = false
		}
		worst = max(worst, math.Abs(real(a[i])-real(b[i])), math.Abs(imag(a[i])-imag(b[i])))
	}
	return same, worst
}

// print reports the conversion (rank 0).
func (r convertReport) print(w io.Writer) {
	to := r.To
	if r.Datatype != "" {
		to += " " + r.Datatype
	}
	fmt.Fprintf(w, "converted %s (%s, %s, float%d) -> %s (%s, float%d)\n", r.In, r.From, r.Grid, r.InPrec, r.Out, to, r.OutPrec)
	links := fmt.Sprintf("links within %.3g of the input", r.MaxDiff)
	if r.Identical {
		links = "links bit-identical to the input"
	}
	fmt.Fprintf(w, "verified by reading it back: plaquette %.12f (input %.12f), %s\n", r.ReadBack, r.Plaquette, links)
}
