package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/goqcd/goqcd/jobs/scaling"
	"github.com/goqcd/goqcd/layout"
)

// runPoint is one rank count of a local scaling run, checked before
// anything is launched.
type runPoint struct {
	ranks int
	procs [layout.Nd]int
	mpi   string // procs as a.b.c.d
	over  bool   // ranks x threads exceed the cores of this machine
	file  string // point file name in the output folder
}

// runPoints is goqcd scaling --ranks ...: it checks every point, runs
// bench cg --json at each rank count (under mpirun, or in-process), writes
// the points into the output folder and tabulates them (report).
func (f *scalingFlags) runPoints(x *cli) error {
	if err := f.cg.resolve(f.fs); err != nil {
		return err
	}
	pts, global, err := f.planPoints()
	if err != nil {
		return err
	}
	name := f.model
	if name == "" {
		name = "generic-slurm"
	}
	m, err := f.loadModel(name)
	if err != nil {
		return err
	}
	fit := f.fit || !f.fs.given("fit")
	if m != nil {
		// All ranks of a local run share one node; the rates become those of
		// this machine when fitted.
		m.RanksPerNode = slices.Max(rankCounts(pts))
		m.ThreadsPerRank = f.threads
		if fit {
			m.Name += fmt.Sprintf(", fitted to the %d-rank point", pts[0].ranks)
		}
	}
	launch, err := f.launcher(x)
	if err != nil {
		return err
	}
	dir := f.out
	if dir == "" {
		dir = filepath.Join("output", "scaling-"+layout.FormatDims(global))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if old, _ := filepath.Glob(filepath.Join(dir, scaling.PointGlob)); len(old) > 0 {
		for _, p := range old {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
		fmt.Fprintf(x.stdout, "removed %d point files of an earlier run from %s\n", len(old), dir)
	}
	fmt.Fprintf(x.stdout, "scaling: grid %s, ranks %s, %d threads per rank, %s %s; %s; this machine has %d cores\n",
		layout.FormatDims(global), f.ranks, f.threads, f.cg.pointSolver(), f.cg.prec, launch.describe(), machineCores())
	for i, p := range pts {
		args := f.benchArgs(p)
		fmt.Fprintf(x.stdout, "[%d/%d] %s\n", i+1, len(pts), launch.commandLine(p, args))
		pt, err := launch.run(x, p, args)
		if err != nil {
			return fmt.Errorf("scaling: the point on %s (mpi %s) failed: %w", rankWord(p.ranks), p.mpi, err)
		}
		pt.Oversubscribed = pt.Oversubscribed || p.over
		path := filepath.Join(dir, p.file)
		if err := scaling.WriteFileAtomic(path, 0o644, func(w io.Writer) error { return writeJSON(w, pt) }); err != nil {
			return err
		}
		fmt.Fprintf(x.stdout, "      %d iterations, %.4g s (%.4g ms/iteration), %.4g GFlop/s, checksum %s%s\n",
			pt.Iterations, pt.Seconds, pt.SecondsPerIter*1e3, pt.Gflops, pt.Checksum, map[bool]string{true: ", oversubscribed"}[pt.Oversubscribed])
	}
	fmt.Fprintln(x.stdout)
	return report(x, dir, m, fit && m != nil, f.cg.csw != 0)
}

func rankCounts(pts []runPoint) []int {
	n := make([]int, len(pts))
	for i, p := range pts {
		n[i] = p.ranks
	}
	return n
}

// planPoints checks every rank count before anything is launched: the
// process grid (--mpi-per-point or layout.AutoProcs) splits the lattice
// into even local extents, W lanes tile them, and ranks x threads fit the
// cores unless --oversubscribe-ok. All problems are reported together, as
// bad input naming the rank count.
func (f *scalingFlags) planPoints() ([]runPoint, [layout.Nd]int, error) {
	var global [layout.Nd]int
	if f.grid == "" {
		return nil, global, inputf("--grid: missing: give the global lattice as X.Y.Z.T")
	}
	global, err := layout.ParseDims(f.grid)
	if err != nil {
		return nil, global, inputf("--grid: %v", err)
	}
	counts, err := parseCounts("ranks", f.ranks)
	if err != nil {
		return nil, global, asInput(err)
	}
	var grids []string
	if f.mpiPer != "" {
		grids = strings.Split(f.mpiPer, ",")
		if len(grids) != len(counts) {
			return nil, global, inputf("--mpi-per-point %s: %d process grids for %d rank counts (%s): give one per rank count",
				f.mpiPer, len(grids), len(counts), f.ranks)
		}
	}
	if f.threads < 1 || f.threads > maxThreads {
		return nil, global, inputf("--threads %d: out of range: allowed 1 to %d", f.threads, maxThreads)
	}
	spec := latticeSpec{Grid: f.grid, Threads: f.threads, SIMD: f.simd}
	if err := spec.check(); err != nil {
		return nil, global, flagError(err)
	}
	restore, err := forceKernels(f.kernels)
	if err != nil {
		return nil, global, err
	}
	w, err := spec.width(f.cg.layoutPrec())
	restore()
	if err != nil {
		return nil, global, flagError(err)
	}
	cores := machineCores()
	var pts []runPoint
	var errs []error
	seen := map[int]int{}
	for i, n := range counts {
		p := runPoint{ranks: n}
		if n > maxRanks {
			errs = append(errs, fmt.Errorf("--ranks %d: out of range: at most %d", n, maxRanks))
			continue
		}
		if grids != nil {
			if p.procs, err = layout.ParseDims(grids[i]); err != nil {
				errs = append(errs, fmt.Errorf("--mpi-per-point, for %s: %v", rankWord(n), err))
				continue
			}
			if k := p.procs[0] * p.procs[1] * p.procs[2] * p.procs[3]; k != n {
				errs = append(errs, fmt.Errorf("--mpi-per-point %s is a grid of %d processes, not the %s it is given for", grids[i], k, rankWord(n)))
				continue
			}
		} else if p.procs, err = layout.AutoProcs(global, n); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", rankWord(n), err))
			continue
		}
		local, err := scaling.LocalExtents(global, p.procs)
		if err != nil {
			errs = append(errs, fmt.Errorf("the lattice %s cannot be split over %s: %v", f.grid, rankWord(n), err))
			continue
		}
		if _, err := layout.LaneSplit(local, w); err != nil {
			errs = append(errs, fmt.Errorf("%s (local lattice %s): %v", rankWord(n), layout.FormatDims(local), err))
			continue
		}
		p.mpi = layout.FormatDims(p.procs)
		p.over = n*f.threads > cores
		if p.over && !f.overOK {
			errs = append(errs, fmt.Errorf("%s x %d threads exceed the %d cores of this machine: give --oversubscribe-ok to run it anyway (the point is then marked oversubscribed)",
				rankWord(n), f.threads, cores))
		}
		seen[n]++
		pts = append(pts, p)
	}
	if len(errs) > 0 {
		return nil, global, asInput(errors.Join(errs...))
	}
	for i := range pts {
		pts[i].file = fmt.Sprintf("point-1-%d.json", pts[i].ranks)
		if seen[pts[i].ranks] > 1 {
			pts[i].file = fmt.Sprintf("point-1-%d-%s.json", pts[i].ranks, pts[i].mpi)
		}
	}
	return pts, global, nil
}

// benchArgs is the bench cg command line of a point.
func (f *scalingFlags) benchArgs(p runPoint) []string {
	s := f.cg
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	args := []string{"bench", "cg", "--grid", f.grid, "--mpi", p.mpi, "--threads", strconv.Itoa(f.threads),
		"--prec", s.prec, "--solver", s.solver, "--kappa", g(s.kappa), "--csw", g(s.csw), "--tol", g(s.tol),
		"--maxiter", strconv.Itoa(s.maxIter), "--repeats", strconv.Itoa(s.repeats), "--seed", strconv.FormatInt(s.seed, 10),
		"--beta", g(s.beta), "--sweeps", strconv.Itoa(s.sweeps)}
	if f.simd != 0 {
		args = append(args, "--simd", strconv.Itoa(f.simd))
	}
	if f.kernels != "" {
		args = append(args, "--kernels", f.kernels)
	}
	return append(args, "--json")
}

// pointLauncher runs bench cg for a point: under mpirun with the MPI
// build, or in-process.
type pointLauncher struct {
	mpirun, binary string // empty for in-process
}

// launcher chooses how points run: in-process with --inprocess, or when
// mpirun or the MPI build of goqcd cannot be found (said on stderr);
// else mpirun with --binary, goqcd-mpi beside this executable, or this
// executable if it is an MPI build.
func (f *scalingFlags) launcher(x *cli) (pointLauncher, error) {
	if f.inproc {
		return pointLauncher{}, nil
	}
	bin := f.binary
	if bin != "" {
		if _, err := os.Stat(bin); err != nil {
			return pointLauncher{}, inputf("--binary %s: %v", bin, err)
		}
	} else if exe, err := os.Executable(); err == nil {
		if mpiBuild {
			bin = exe
		} else if sib := filepath.Join(filepath.Dir(exe), "goqcd-mpi"); fileExists(sib) {
			bin = sib
		}
	}
	mpirun, err := exec.LookPath("mpirun")
	switch {
	case err != nil:
		fmt.Fprintf(x.stderr, "goqcd: note: mpirun not found: running the points in-process (--inprocess)\n")
		return pointLauncher{}, nil
	case bin == "":
		fmt.Fprintf(x.stderr, "goqcd: note: no MPI build of goqcd (goqcd-mpi beside this binary, or --binary): running the points in-process (--inprocess)\n")
		return pointLauncher{}, nil
	}
	return pointLauncher{mpirun: mpirun, binary: bin}, nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func (l pointLauncher) describe() string {
	if l.mpirun == "" {
		return "in-process ranks (goroutines)"
	}
	return "mpirun, " + l.binary
}

// mpirunArgs are the launcher's arguments for a point: as root OpenMPI
// needs --allow-run-as-root; more ranks than cores need --oversubscribe;
// several threads per rank or oversubscription need the ranks unbound
// (OpenMPI binds each rank to one core by default).
func (l pointLauncher) mpirunArgs(p runPoint, args []string, threads int) []string {
	var a []string
	if os.Geteuid() == 0 {
		a = append(a, "--allow-run-as-root")
	}
	if p.over {
		a = append(a, "--oversubscribe")
	}
	if p.over || threads > 1 {
		a = append(a, "--bind-to", "none")
	}
	a = append(a, "-np", strconv.Itoa(p.ranks), l.binary)
	return append(a, args...)
}

func (l pointLauncher) commandLine(p runPoint, args []string) string {
	if l.mpirun == "" {
		return "goqcd " + strings.Join(args, " ") + " --ranks " + strconv.Itoa(p.ranks) + "   (in-process)"
	}
	return l.mpirun + " " + strings.Join(l.mpirunArgs(p, args, threadsOf(args)), " ")
}

// threadsOf reads --threads back from bench cg's arguments.
func threadsOf(args []string) int {
	if i := slices.Index(args, "--threads"); i >= 0 && i+1 < len(args) {
		if n, err := strconv.Atoi(args[i+1]); err == nil {
			return n
		}
	}
	return 1
}

// run runs bench cg for p and reads its point. A failed run is an error
// with its exit status; its stderr goes to x.stderr.
func (l pointLauncher) run(x *cli, p runPoint, args []string) (scaling.Point, error) {
	var out bytes.Buffer
	if l.mpirun == "" {
		if code := run(append(slices.Clone(args), "--ranks", strconv.Itoa(p.ranks)), &out, x.stderr); code != 0 {
			return scaling.Point{}, fmt.Errorf("bench cg exited with status %d", code)
		}
	} else {
		cmd := exec.Command(l.mpirun, l.mpirunArgs(p, args, threadsOf(args))...)
		cmd.Stdout, cmd.Stderr = &out, x.stderr
		if err := cmd.Run(); err != nil {
			return scaling.Point{}, fmt.Errorf("%s: %w", l.mpirun, err)
		}
	}
	var pt scaling.Point
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pt); err != nil {
		return pt, fmt.Errorf("its output is not a scaling point: %w", err)
	}
	if err := pt.Validate(); err != nil {
		return pt, fmt.Errorf("its point: %w", err)
	}
	return pt, nil
}
