package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// Layouts for the pure-gauge code, and reading gauge configurations for
// the commands that take a file (measure, flow, the quenched start from a
// file). Rank 0 reads the whole file
// (package confio), every rank learns the outcome and the lattice extents,
// and the links are scattered onto a layout of the file's lattice. The
// errors are worded for the command line and classed alike on every rank:
// a missing file, an unknown format or the wrong extents are bad input
// (exit 2); a failed checksum, a truncated or corrupt file a run-time
// failure (exit 1).

// fileFlags are the flags of the commands that read a configuration: the
// lattice flags without a default grid (it comes from the file), the
// format and the checksum policy.
type fileFlags struct {
	spec   latticeSpec // Grid is "" unless --grid was given
	ranks  int
	format string
	ignore bool
	fs     *flagSet
}

// addFileFlags defines --grid --mpi --threads --simd --ranks --format
// --ignore-checksums on fs.
func addFileFlags(fs *flagSet) *fileFlags {
	f := &fileFlags{fs: fs}
	fs.StringVar(&f.spec.Grid, "grid", "", "lattice `X.Y.Z.T`; default: the file's (needed for Bridge++ text files, which record none)")
	fs.StringVar(&f.spec.MPI, "mpi", "", "process grid `a.b.c.d` (product = number of ranks); default: chosen from the rank count")
	fs.IntVar(&f.spec.Threads, "threads", 1, "goroutines per rank in site loops")
	fs.IntVar(&f.spec.SIMD, "simd", 0, "SIMD lanes W per tile (1, 2, 4, 8, 16); 0: 1, the fastest for the portable gauge code")
	addRanksFlag(fs, &f.ranks)
	fs.StringVar(&f.format, "format", "", "file format: ildg, scidac, nersc, milc, openqcd, bridge; default: detected from the content")
	fs.BoolVar(&f.ignore, "ignore-checksums", false, "read files whose checksums or header values disagree with their data (with a warning)")
	return f
}

// readFormats are the formats confio reads.
var readFormats = []string{confio.FormatILDG, confio.FormatSciDAC, confio.FormatNERSC, confio.FormatMILC, confio.FormatOpenQCD, confio.FormatBridge}

// check validates the flags that need no file and no communicator.
func (f *fileFlags) check() error {
	s := f.spec
	if s.Grid == "" {
		s.Grid = "2.2.2.2" // a placeholder: the file supplies the lattice
	}
	if err := s.check(); err != nil {
		return flagError(err)
	}
	if f.format != "" && !slices.Contains(readFormats, f.format) {
		return inputf("--format %s: unknown format: allowed %s", f.format, strings.Join(readFormats, ", "))
	}
	if f.ranks < 1 || f.ranks > maxRanks {
		return inputf("--ranks %d: out of range: allowed 1 to %d", f.ranks, maxRanks)
	}
	return nil
}

// onRanks runs body on the ranks of the job after checking the flags.
func (f *fileFlags) onRanks(x *cli, body func(r rankEnv) error) error {
	if err := f.check(); err != nil {
		return err
	}
	return x.onRanks(f.ranks, f.fs.given("ranks"), body)
}

// dims are the extents --grid asks for, zero when not given.
func (f *fileFlags) dims() [4]int {
	if f.spec.Grid == "" {
		return [4]int{}
	}
	d, _ := layout.ParseDims(f.spec.Grid) // checked by check
	return d
}

// load reads path on rank 0, builds the layout of its lattice with the
// flags' process grid, W and threads, and scatters the links. Rank 0 also
// gets the file's Config (format, precision, checks, warnings; Links
// dropped), the others nil. Collective.
func (f *fileFlags) load(c comm.Comm, path string) (*gauge.Field, *confio.Config, error) {
	cfg, dims, err := readOnRoot(c, path, f.format, f.ignore, f.dims())
	if err != nil {
		return nil, nil, err
	}
	spec := f.spec
	spec.Grid = layout.FormatDims(dims)
	l, err := gaugeLayout(c, spec)
	if err != nil {
		// the flag that set the grid is the file here
		msg := strings.TrimPrefix(message(err), "--grid "+spec.Grid+": ")
		return nil, nil, inputf("%s holds a %s lattice: %s", path, spec.Grid, msg)
	}
	g, err := scatterConfig(l, cfg)
	if err != nil {
		return nil, nil, err
	}
	if cfg != nil {
		cfg.Links = nil
	}
	return g, cfg, nil
}

// gaugeLayout builds the layout of s for the pure-gauge code (packages
// gauge, measure, flow, markov). That code runs on any W and gives the same
// bits on every W; its SU(3) products over link fields (staples, plaquettes)
// run in the kernel set's assembly at the set's float64 width, which made an
// 8^4 SU(3) heatbath sweep 1.7 times and an overrelaxation sweep 2 to 4
// times faster than W = 1 here. So W is s.SIMD, or when that is 0 the widest
// of the set's W, W/2, ..., 1 that tiles the local lattice (a file's 6^4
// takes W = 1; W = 8 needs local extents divisible by 4 in three
// directions). Errors are bad input, worded like those of
// latticeSpec.build. Collective (every rank tries the same widths).
func gaugeLayout(c comm.Comm, s latticeSpec) (*layout.Layout, error) {
	if err := s.check(); err != nil {
		return nil, s.bad(err)
	}
	global, _ := layout.ParseDims(s.Grid)
	var procs [layout.Nd]int
	if s.MPI != "" {
		procs, _ = layout.ParseDims(s.MPI)
		if n := procs[0] * procs[1] * procs[2] * procs[3]; n != c.Size() {
			return nil, s.bad(&fieldError{"mpi", s.MPI,
				fmt.Sprintf("a grid of %d processes, but the job has %d ranks (--ranks or mpirun -np): make them equal", n, c.Size())})
		}
	}
	widths := []int{s.SIMD}
	if s.SIMD == 0 {
		widths = nil
		for w := kernels.Selected().W64; w >= 1; w /= 2 {
			widths = append(widths, w)
		}
	}
	var err error
	for _, w := range widths {
		var l *layout.Layout
		if l, err = layout.New(c, global, layout.Options{Procs: procs, W: w, Threads: s.Threads}); err == nil {
			return l, nil
		}
	}
	return nil, s.bad(&fieldError{"grid", s.Grid, err.Error()})
}

// scatterConfig makes an SU(3) field on l from the links of cfg, which only
// rank 0 holds (nil elsewhere). Collective.
func scatterConfig(l *layout.Layout, cfg *confio.Config) (*gauge.Field, error) {
	g, err := gauge.New(l, 3)
	if err != nil {
		return nil, err
	}
	var links []complex128
	if cfg != nil {
		links = cfg.Links
	}
	if err := g.Scatter(links); err != nil {
		return nil, err
	}
	return g, nil
}

// readOnRoot reads a configuration on rank 0 (format "" detects it; dims
// non-zero are required extents) and gives every rank the outcome and the
// file's extents; the Config is returned on rank 0 only. Collective.
func readOnRoot(c comm.Comm, path, format string, ignore bool, dims [4]int) (*confio.Config, [4]int, error) {
	var cfg *confio.Config
	var err error
	if c.Rank() == 0 {
		cfg, err = readConfig(path, format, ignore, dims)
	}
	if err := agree(c, err); err != nil {
		return nil, dims, err
	}
	d := make([]float64, 4)
	if cfg != nil {
		for mu := range 4 {
			d[mu] = float64(cfg.Dims[mu])
		}
	}
	if err := c.Bcast64(d, 0); err != nil {
		return nil, dims, err
	}
	for mu := range 4 {
		dims[mu] = int(d[mu])
	}
	return cfg, dims, nil
}

// readConfig reads a configuration in this process and words its errors
// for the command line: bad input (inputError) or a failed read.
func readConfig(path, format string, ignore bool, dims [4]int) (*confio.Config, error) {
	if dims == ([4]int{}) {
		f := format
		if f == "" {
			f, _ = confio.DetectFormat(path) // a failure shows again in ReadAs
		}
		if f == confio.FormatBridge {
			return nil, inputf("%s: Bridge++ text files do not record the lattice size: give it with --grid X.Y.Z.T", path)
		}
	}
	cfg, err := confio.ReadAs(path, format, confio.ReadOptions{IgnoreChecksums: ignore, Dims: dims})
	var ce *confio.CheckError
	switch {
	case err == nil:
		return cfg, nil
	case errors.As(err, &ce) && cfg != nil:
		var lines []string
		for _, ch := range cfg.Checks {
			if !ch.OK {
				tol := "exact comparison"
				if ch.Tol != "" {
					tol = "tolerance " + ch.Tol
				}
				lines = append(lines, fmt.Sprintf("%s: %s mismatch: the file records %s, the data give %s (%s)", path, ch.Name, ch.Expected, ch.Computed, tol))
			}
		}
		return nil, fmt.Errorf("%s\nthe file is corrupt or its header does not describe its data; --ignore-checksums reads it anyway", strings.Join(lines, "\n"))
	case errors.Is(err, os.ErrNotExist), errors.Is(err, confio.ErrUnknownFormat), errors.Is(err, confio.ErrDimsMismatch):
		return nil, inputf("%s", strings.TrimPrefix(err.Error(), "confio: "))
	}
	return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "confio: "))
}

// agree gives every rank rank 0's err (see comm.Agree), classed on every
// rank as rank 0 classed it: bad input stays bad input, anything else
// becomes an agreedError (exit 1 without an abort). Collective.
func agree(c comm.Comm, err error) error {
	class := []float64{0}
	if c.Rank() == 0 && err != nil {
		class[0] = 1
		var ie *inputError
		if errors.As(err, &ie) {
			class[0] = 2
		}
	}
	if e := c.Bcast64(class, 0); e != nil {
		return e
	}
	shared := comm.Agree(c, err)
	switch {
	case shared == nil:
		return nil
	case class[0] == 2:
		return asInput(shared)
	}
	return &agreedError{shared}
}
