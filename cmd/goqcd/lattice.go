package main

import (
	"fmt"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// latticeSpec is what a command needs to build a layout, from the common
// flags or a job file's [lattice] section.
type latticeSpec struct {
	Grid    string `toml:"grid"`    // global extents "X.Y.Z.T"
	MPI     string `toml:"mpi"`     // process grid "a.b.c.d"; "" chooses one (layout.AutoProcs)
	Threads int    `toml:"threads"` // goroutines per rank in site loops
	SIMD    int    `toml:"simd"`    // lanes W; 0 takes the selected kernel set's width

	// word turns a validation error into bad input worded for where the
	// settings came from; nil words them as flags (flagError). The job
	// loader names the file, line and key instead.
	word func(error) error
}

// bad words err (a *fieldError or a layout error) as bad input.
func (s latticeSpec) bad(err error) error {
	if s.word != nil {
		return s.word(err)
	}
	return flagError(err)
}

// Limits of the lattice settings, shown in the range errors.
const (
	maxThreads = 1024
	maxRanks   = 1 << 16
)

// fieldError is a bad value of one setting. The flag parser reports it as
// "--field value: msg", the job file as "file:line: section.field = value:
// msg".
type fieldError struct {
	field string // flag name, the same as the job file key
	value string // as given; "" to leave it out
	msg   string
}

func (e *fieldError) Error() string { return e.field + ": " + e.msg }

// check validates the settings that do not depend on the number of ranks.
func (s latticeSpec) check() error {
	if s.Grid == "" {
		return &fieldError{"grid", "", `missing: give the global lattice as "X.Y.Z.T"`}
	}
	if _, err := layout.ParseDims(s.Grid); err != nil {
		return &fieldError{"grid", "", err.Error()}
	}
	if s.MPI != "" {
		if _, err := layout.ParseDims(s.MPI); err != nil {
			return &fieldError{"mpi", "", err.Error()}
		}
	}
	if s.Threads < 1 || s.Threads > maxThreads {
		return &fieldError{"threads", fmt.Sprint(s.Threads), fmt.Sprintf("out of range: allowed 1 to %d", maxThreads)}
	}
	switch s.SIMD {
	case 0, 1, 2, 4, 8, 16:
	default:
		return &fieldError{"simd", fmt.Sprint(s.SIMD), "not a SIMD width: allowed 1, 2, 4, 8, 16 (or 0 for the kernel set's width)"}
	}
	return nil
}

// precision is the floating-point type of the fields a command works on.
type precision string

const (
	double precision = "double"
	single precision = "single"
)

func parsePrecision(field, s string) (precision, error) {
	switch p := precision(s); p {
	case double, single:
		return p, nil
	}
	return "", &fieldError{field, s, `unknown precision: allowed "double" or "single"`}
}

// width is the number of lanes W a layout for fields of precision p gets:
// the --simd value, or the selected kernel set's width. Every kernel runs
// at every W: an assembly set uses its vector kernels at its own width and
// the portable ones at any other, so --simd only trades speed.
func (s latticeSpec) width(p precision) (int, error) {
	if s.SIMD != 0 {
		return s.SIMD, nil
	}
	set := kernels.Selected()
	if p == single {
		return set.W32, nil
	}
	return set.W64, nil
}

// build makes the layout of the spec on the ranks of c for fields of
// precision p. Every rank calls it alike; its errors are bad input.
func (s latticeSpec) build(c comm.Comm, p precision) (*layout.Layout, error) {
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
	w, err := s.width(p)
	if err != nil {
		return nil, s.bad(err)
	}
	l, err := layout.New(c, global, layout.Options{Procs: procs, W: w, Threads: s.Threads})
	if err != nil {
		return nil, s.bad(&fieldError{"grid", s.Grid, err.Error()})
	}
	return l, nil
}

// flagError words a fieldError for the command line; other errors pass.
func flagError(err error) error {
	if fe, ok := err.(*fieldError); ok {
		if fe.value == "" {
			return inputf("--%s: %s", fe.field, fe.msg)
		}
		return inputf("--%s %s: %s", fe.field, fe.value, fe.msg)
	}
	return asInput(err)
}

// latticeFlags are the Grid-style flags of every command that builds a
// lattice: --grid --mpi --threads --simd --ranks.
type latticeFlags struct {
	spec  latticeSpec
	ranks int
	fs    *flagSet
}

// addLatticeFlags defines the lattice flags on fs.
func addLatticeFlags(fs *flagSet) *latticeFlags {
	f := &latticeFlags{fs: fs}
	addSpecFlags(fs, &f.spec)
	addRanksFlag(fs, &f.ranks)
	return f
}

// addSpecFlags defines --grid --mpi --threads --simd on fs.
func addSpecFlags(fs *flagSet, s *latticeSpec) {
	fs.StringVar(&s.Grid, "grid", "8.8.8.8", "global lattice `X.Y.Z.T`")
	fs.StringVar(&s.MPI, "mpi", "", "process grid `a.b.c.d` (product = number of ranks); default: chosen from the rank count")
	fs.IntVar(&s.Threads, "threads", 1, "goroutines per rank in site loops")
	fs.IntVar(&s.SIMD, "simd", 0, "SIMD lanes W per tile (1, 2, 4, 8, 16); 0: the kernel set's width")
}

// addRanksFlag defines --ranks.
func addRanksFlag(fs *flagSet, ranks *int) {
	fs.IntVar(ranks, "ranks", 1, "number of in-process ranks (goroutines) without MPI; under mpirun, if given, must equal -np")
}

// onRanks runs body on the job's ranks (see cli.onRanks) after checking
// the flags that need no communicator.
func (f *latticeFlags) onRanks(x *cli, body func(r rankEnv) error) error {
	if err := f.spec.check(); err != nil {
		return flagError(err)
	}
	if f.ranks < 1 || f.ranks > maxRanks {
		return inputf("--ranks %d: out of range: allowed 1 to %d", f.ranks, maxRanks)
	}
	return x.onRanks(f.ranks, f.fs.given("ranks"), body)
}
