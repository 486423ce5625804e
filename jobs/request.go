package jobs

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/goqcd/goqcd/jobs/scaling"
	"github.com/goqcd/goqcd/layout"
)

// Request is a strong-scaling study to render as batch jobs: one solve of
// Grid, measured on each node count of Nodes. Zero values take the
// defaults named on each field.
type Request struct {
	Scheduler    string  // "pjm" or "slurm"; empty: the machine's (it must match the machine's)
	Machine      string  // embedded machine name ("fugaku", "generic-slurm") or path of a .toml file
	Nodes        []int   // node counts, one scaling point each
	RanksPerNode int     // 0: the machine's ranks_per_node
	Threads      int     // threads (goroutines) per rank; 0: the machine's threads_per_rank
	Grid         string  // global lattice X.Y.Z.T (required)
	Prec         string  // "double" (default) or "single"
	Solver       string  // the bench subcommand: "cg" (default), as in `goqcd bench cg`
	Tol          float64 // relative residual; 0: 1e-10
	Repeats      int     // timed solves per point; 0: 3
	Elapse       string  // wall-clock limit of each job, hh:mm:ss; "": 00:30:00
	Account      string  // PJM -g group / Slurm --account; "": left out
	Partition    string  // Slurm --partition or PJM resource group; "": the machine's choice
	RunDir       string  // folder of the scripts and results (required; absolute is best)
	Binary       string  // goqcd binary; "": the machine's binary
	EnvScript    string  // scripts/env-capture.sh as the compute nodes see it; "" (or not executable there): the job captures a minimal environment inline
	Name         string  // job name prefix; "": "goqcd-scaling"
	SIMD         int     // if > 0, check that W = SIMD lanes tile every local lattice
	// ArrayJob renders one script that allocates the largest node count
	// and runs every point in turn, smallest first, instead of one script
	// per point. (A scheduler's job array cannot vary the node count of
	// its tasks.) Fewer queue waits; more node-hours when the counts
	// spread widely; and the smaller points run on the first nodes of the
	// largest point's node shape, not on a shape of their own.
	ArrayJob bool
}

// point is one scaling point after validation.
type point struct {
	Nodes, Ranks int
	Procs        [layout.Nd]int
	MPI          string
	Tag          string // "<nodes>-<ranks>"
	Shape        [3]int // PJM node shape; zero when not blocked
}

var (
	elapseRE = regexp.MustCompile(`^[0-9]+:[0-5][0-9]:[0-5][0-9]$`)
	nameRE   = regexp.MustCompile(`^[A-Za-z0-9_.+-]+$`)
)

// resolve applies the defaults, validates everything, and chooses the
// process grid of every point. Nothing is rendered when it fails; all
// problems found are reported together.
func resolve(req Request) (Request, *Machine, []point, error) {
	if req.Machine == "" {
		return req, nil, nil, fmt.Errorf("no machine given: the known machines are %s (or give the path of a .toml machine file)", strings.Join(Machines(), ", "))
	}
	m, err := LoadMachine(req.Machine)
	if err != nil {
		return req, nil, nil, err
	}
	if req.Scheduler == "" {
		req.Scheduler = m.Scheduler
	}
	if req.RanksPerNode == 0 {
		req.RanksPerNode = m.RanksPerNode
	}
	if req.Threads == 0 {
		req.Threads = m.ThreadsPerRank
	}
	if req.Prec == "" {
		req.Prec = "double"
	}
	if req.Solver == "" {
		req.Solver = "cg"
	}
	if req.Tol == 0 {
		req.Tol = 1e-10
	}
	if req.Repeats == 0 {
		req.Repeats = 3
	}
	if req.Elapse == "" {
		req.Elapse = "00:30:00"
	}
	if req.Binary == "" {
		req.Binary = m.Binary
	}
	if req.Name == "" {
		req.Name = "goqcd-scaling"
	}

	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if req.Scheduler != m.Scheduler {
		bad("machine %s uses the scheduler %s, not %s", m.Name, m.Scheduler, req.Scheduler)
	}
	if req.RanksPerNode < 1 {
		bad("ranks per node %d: must be at least 1", req.RanksPerNode)
	}
	if req.Threads < 1 {
		bad("threads per rank %d: must be at least 1", req.Threads)
	}
	if req.RanksPerNode*req.Threads > m.CoresPerNode {
		bad("%d threads x %d ranks per node = %d exceeds the %d cores of a %s node: use fewer threads or ranks",
			req.Threads, req.RanksPerNode, req.Threads*req.RanksPerNode, m.CoresPerNode, m.Name)
	}
	if scaling.BytesPerReal(req.Prec) == 0 {
		bad("precision %q: must be double or single", req.Prec)
	}
	if !nameRE.MatchString(req.Solver) {
		bad("solver %q: not a bench subcommand name", req.Solver)
	}
	if !(req.Tol > 0 && req.Tol < 1) {
		bad("tol %g: must be in (0, 1)", req.Tol)
	}
	if req.Repeats < 1 || req.Repeats > 1000 {
		bad("repeats %d: must be 1 to 1000", req.Repeats)
	}
	if !elapseRE.MatchString(req.Elapse) {
		bad("elapse %q: must be hh:mm:ss", req.Elapse)
	}
	if !nameRE.MatchString(req.Name) {
		bad("job name %q: use letters, digits and _.+- only", req.Name)
	}
	if req.RunDir == "" {
		bad("no run folder given: the scripts and the results go there")
	}
	for _, f := range []struct{ what, v string }{{"run folder", req.RunDir}, {"binary", req.Binary},
		{"environment script", req.EnvScript}, {"account", req.Account}, {"partition", req.Partition}} {
		if strings.ContainsAny(f.v, "\"$`\\\n'") {
			bad("%s %q: quotes, $, backquotes, backslashes and newlines are not allowed", f.what, f.v)
		}
	}
	if req.Binary == "" {
		bad("no goqcd binary given and the machine file names none")
	}
	grid, gerr := layout.ParseDims(req.Grid)
	if gerr != nil {
		bad("grid: %v", gerr)
	}
	if len(req.Nodes) == 0 {
		bad("no node counts given")
	}
	nodes := slices.Clone(req.Nodes)
	slices.Sort(nodes)
	var pts []point
	for i, n := range nodes {
		if n < 1 {
			bad("node count %d: must be at least 1", n)
			continue
		}
		if i > 0 && n == nodes[i-1] {
			bad("node count %d is given twice", n)
			continue
		}
		if m.Scheduler == "pjm" {
			if _, err := m.group(n); err != nil && req.Partition == "" {
				errs = append(errs, err)
			}
		}
		if gerr != nil || req.RanksPerNode < 1 {
			continue
		}
		procs, err := ProcessGrid(grid, n, req.RanksPerNode)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p := point{Nodes: n, Ranks: n * req.RanksPerNode, Procs: procs, MPI: layout.FormatDims(procs),
			Tag: fmt.Sprintf("%d-%d", n, n*req.RanksPerNode)}
		p.Shape, _ = NodeShape(procs, req.RanksPerNode)
		if req.SIMD > 0 {
			local, _ := scaling.LocalExtents(grid, procs)
			if _, err := layout.LaneSplit(local, req.SIMD); err != nil {
				bad("%d nodes (%d ranks, mpi %s): %v", n, p.Ranks, p.MPI, err)
			}
		}
		pts = append(pts, p)
	}
	if len(errs) > 0 {
		return req, m, nil, errors.Join(errs...)
	}
	return req, m, pts, nil
}
