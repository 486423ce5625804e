package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/goqcd/goqcd/jobs"
)

func init() {
	register(commands, &command{name: "jobs",
		summary: "render the batch scripts (PJM or Slurm) of a strong-scaling study of bench cg, one job per node count",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			var req jobs.Request
			nodes := fs.String("nodes", "", "node counts, one scaling point each: `1,2,4` or 1,2,...,64")
			fs.StringVar(&req.Scheduler, "scheduler", "", "pjm or slurm (default: the machine's; it must match the machine's)")
			fs.StringVar(&req.Machine, "machine", "", "machine name (see --list-machines) or path of a machine .toml file")
			fs.IntVar(&req.RanksPerNode, "ranks-per-node", 0, "MPI ranks per node (default: the machine's)")
			fs.IntVar(&req.Threads, "threads", 0, "threads (goroutines) per rank (default: the machine's)")
			fs.StringVar(&req.Grid, "grid", "", "global lattice `X.Y.Z.T`")
			fs.StringVar(&req.Prec, "prec", "double", "precision of bench cg: double or single")
			fs.StringVar(&req.Solver, "solver", "cg", "solver: cg or bicgstab (the jobs run goqcd bench <solver>)")
			fs.Float64Var(&req.Tol, "tol", 0, "relative residual (0: 1e-10, or 1e-05 in single precision)")
			fs.IntVar(&req.Repeats, "repeats", 0, "timed solves per point (0: 3)")
			fs.StringVar(&req.Elapse, "elapse", "", "wall-clock limit of each job, hh:mm:ss (default 00:30:00)")
			fs.StringVar(&req.Account, "account", "", "PJM -g group / Slurm --account")
			fs.StringVar(&req.Partition, "partition", "", "Slurm partition or PJM resource group (default: the machine's choice)")
			fs.StringVar(&req.RunDir, "rundir", "", "folder of the scripts and results, as the compute nodes see it (absolute is best)")
			fs.StringVar(&req.Binary, "binary", "", "goqcd MPI build on the compute nodes (default: the machine's)")
			fs.StringVar(&req.EnvScript, "env-script", "", "scripts/env-capture.sh as the compute nodes see it (default: a minimal inline capture)")
			fs.StringVar(&req.Name, "name", "", "job name prefix (default goqcd-scaling)")
			fs.IntVar(&req.SIMD, "simd", 0, "if > 0, check that W = this many lanes tile every local lattice")
			fs.BoolVar(&req.ArrayJob, "array", false, "one job of the largest node count that runs every point in turn, instead of one job per point")
			list := fs.Bool("list-machines", false, "list the machines known to goqcd and exit")
			show := fs.String("show-machine", "", "print the machine file of `NAME` (to copy and edit) and exit")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("jobs takes no arguments, got %q", args)
				}
				w := x.out()
				switch {
				case *list:
					for _, n := range jobs.Machines() {
						desc := ""
						if m, err := jobs.LoadMachine(n); err == nil {
							desc = m.Description
						}
						fmt.Fprintf(w, "%-16s %s\n", n, desc)
					}
					return nil
				case *show != "":
					b, err := jobs.MachineFile(*show)
					if err != nil {
						return asInput(err)
					}
					_, err = w.Write(b)
					return err
				}
				switch req.Solver {
				case "cg", "bicgstab":
				default:
					return inputf("--solver %s: the jobs run goqcd bench cg or bench bicgstab: give cg or bicgstab", req.Solver)
				}
				if req.Prec == "mixed" {
					return inputf("--prec mixed: job scripts run double or single precision (run goqcd bench cg --prec mixed by hand)")
				}
				if req.Prec == "single" && !fs.given("tol") {
					req.Tol = defaultTolSingle
				}
				if *nodes == "" {
					return inputf("--nodes: missing: give the node counts, e.g. 1,2,4,8")
				}
				var err error
				if req.Nodes, err = parseCounts("nodes", *nodes); err != nil {
					return asInput(err)
				}
				files, err := jobs.Render(req)
				if err != nil {
					return inputf("jobs: %v", err)
				}
				if err := jobs.WriteFiles(req.RunDir, files); err != nil {
					return err
				}
				fmt.Fprintf(w, "wrote %d files into %s:\n", len(files), req.RunDir)
				var scripts []string
				for _, f := range files {
					fmt.Fprintf(w, "  %s\n", f.Name)
					if strings.HasPrefix(f.Name, "job-") {
						scripts = append(scripts, f.Name)
					}
				}
				fmt.Fprintf(w, "submit: sh %s   (%d job scripts)\ncollect when they have run: goqcd scaling --collect %s\n",
					filepath.Join(req.RunDir, jobs.SubmitScript), len(scripts), req.RunDir)
				return nil
			}
		}})
}
