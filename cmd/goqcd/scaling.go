package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/goqcd/goqcd/jobs"
	"github.com/goqcd/goqcd/jobs/scaling"
)

// scalingFlags are the flags of goqcd scaling, shared by its three modes.
type scalingFlags struct {
	fs *flagSet

	grid    string
	threads int
	simd    int
	ranks   string // run: rank counts
	mpiPer  string // run: process grid per rank count
	out     string // run: output folder
	binary  string // run: the MPI build of goqcd
	inproc  bool   // run: in-process ranks instead of mpirun
	overOK  bool   // run: allow ranks x threads > cores
	kernels string // run: passed on to bench cg
	cg      *cgSettings

	collect string   // collect: the run folder
	model   string   // all: machine name or path of a machine file
	fit     bool     // collect, run: fit the model's rates to the fewest-rank point
	clover  bool     // collect, predict: the solve had the clover term
	set     setFlags // model parameter overrides
	nodes   string   // predict: node counts
	rpn     int      // predict: ranks per node
	asJSON  bool     // predict
	plotDir string   // predict
}

func init() {
	register(commands, &command{name: "scaling",
		summary: "strong scaling: run bench cg over rank counts (--ranks), tabulate a batch run (--collect), or predict with a machine model (--model --nodes)",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			f := &scalingFlags{fs: fs}
			fs.StringVar(&f.grid, "grid", "", "global lattice `X.Y.Z.T` (run and predict modes)")
			fs.StringVar(&f.ranks, "ranks", "", "run mode: rank counts, e.g. 1,2,4 or 1,2,...,16")
			fs.IntVar(&f.threads, "threads", 1, "run mode: goroutines per rank")
			fs.IntVar(&f.simd, "simd", 0, "run mode: SIMD lanes W (0: the kernel set's width)")
			fs.StringVar(&f.mpiPer, "mpi-per-point", "", "run mode: process grid of each rank count, `a.b.c.d,...` (default: chosen by layout.AutoProcs)")
			fs.StringVar(&f.out, "out", "", "run mode: folder for the points, table and plots (default output/scaling-<grid>)")
			fs.StringVar(&f.binary, "binary", "", "run mode: the MPI build of goqcd (default: goqcd-mpi beside this binary, or this binary if it is one)")
			fs.BoolVar(&f.inproc, "inprocess", false, "run mode: run the ranks as goroutines of this process instead of under mpirun (the default when mpirun or the MPI build is missing)")
			fs.BoolVar(&f.overOK, "oversubscribe-ok", false, "run mode: allow more ranks x threads than cores (mpirun --oversubscribe; the point is marked oversubscribed)")
			fs.StringVar(&f.kernels, "kernels", "", "run mode: kernel set for bench cg (default: the best this CPU runs)")
			f.cg = addCGFlags(fs, "cg")
			fs.StringVar(&f.collect, "collect", "", "collect mode: tabulate the point-*.json files of the batch run folder `RUNDIR`")
			fs.StringVar(&f.model, "model", "", "machine (fugaku, generic-slurm) or machine file path whose [model] predicts; \"none\" for no model (run mode default generic-slurm, fitted)")
			fs.BoolVar(&f.fit, "fit", false, "fit the model's kernel rates to the point with the fewest ranks (default true in run mode)")
			fs.BoolVar(&f.clover, "clover", false, "collect and predict modes: the solve has the clover term (run mode: from --csw)")
			fs.Var(&f.set, "set", "override a model parameter, `key=value` (repeatable), e.g. --set network.latency_us=1.2")
			fs.StringVar(&f.nodes, "nodes", "", "predict mode: node counts, e.g. 1,2,4,...,1024")
			fs.IntVar(&f.rpn, "ranks-per-node", 0, "predict mode: ranks per node (default the model's)")
			fs.BoolVar(&f.asJSON, "json", false, "predict mode: print JSON")
			fs.StringVar(&f.plotDir, "plot", "", "predict mode: write time.png and efficiency.png into `DIR`")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("scaling takes no arguments, got %q (the run folder goes after --collect)", args)
				}
				if x.world != nil {
					return inputf("goqcd scaling starts its own MPI jobs: run it without mpirun")
				}
				switch {
				case f.collect != "":
					if f.ranks != "" || f.nodes != "" {
						return inputf("--collect tabulates a finished run: drop --ranks and --nodes")
					}
					return f.runCollect(x)
				case f.nodes != "":
					if f.ranks != "" {
						return inputf("--nodes predicts with the model, --ranks runs the benchmark: give one of them")
					}
					return f.runPredict(x)
				case f.ranks != "":
					return f.runPoints(x)
				}
				return inputf("scaling needs a mode: --ranks 1,2,4 (run bench cg here), --collect RUNDIR (tabulate a batch run) or --model NAME --nodes 1,2,... (predict)")
			}
		}})
}

// loadModel returns the [model] of the machine name or file path, with
// the --set overrides applied; nil for "" or "none".
func (f *scalingFlags) loadModel(name string) (*scaling.Model, error) {
	if name == "" || name == "none" {
		if len(f.set) > 0 {
			return nil, inputf("--set changes a model parameter, but no --model is given")
		}
		return nil, nil
	}
	mc, err := jobs.LoadMachine(name)
	if err != nil {
		return nil, inputf("--model %s: %v", name, err)
	}
	if mc.Model == nil {
		return nil, inputf("--model %s: %s has no [model] section", name, mc.Source)
	}
	m := mc.Model
	for _, kv := range f.set {
		k, v, _ := strings.Cut(kv, "=")
		if err := m.Set(k, v); err != nil {
			return nil, inputf("--set %s: %v", kv, err)
		}
	}
	return m, nil
}

// runCollect is goqcd scaling --collect RUNDIR: scaling.Report on the
// points of a batch run.
func (f *scalingFlags) runCollect(x *cli) error {
	if fi, err := os.Stat(f.collect); err != nil || !fi.IsDir() {
		return inputf("--collect %s: not a folder (give the run folder of goqcd jobs)", f.collect)
	}
	m, err := f.loadModel(f.model)
	if err != nil {
		return err
	}
	if f.fit && m == nil {
		return inputf("--fit fits a model: give --model")
	}
	return report(x, f.collect, m, f.fit, f.clover)
}

// report tabulates the points of dir (scaling.Report), prints the table
// and names the files written. Points that are not one solve fail (exit
// 1) with every mismatch named. When the model cannot be fitted or
// attached, the table is written without it and a warning says why.
func report(x *cli, dir string, m *scaling.Model, fit, clover bool) error {
	t, files, err := scaling.Report(dir, m, fit, clover)
	if err != nil && t != nil && len(files) == 0 && m != nil {
		fmt.Fprintf(x.stderr, "goqcd: warning: model %s left out: %v\n", m.Name, err)
		t, files, err = scaling.Report(dir, nil, false, false)
	}
	if err != nil {
		if t == nil {
			return fmt.Errorf("scaling: the points in %s are not one solve (or cannot be read):\n%w", dir, err)
		}
		return fmt.Errorf("scaling: %w", err)
	}
	w := x.out()
	if err := t.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nwritten:\n")
	for _, p := range files {
		fmt.Fprintf(w, "  %s\n", p)
	}
	return nil
}

// rankWord is "1 rank" or "n ranks".
func rankWord(n int) string {
	if n == 1 {
		return "1 rank"
	}
	return fmt.Sprintf("%d ranks", n)
}
