// Package jobs renders the batch scripts of a goqcd strong-scaling study
// for Fujitsu's job manager (PJM, pjsub: Fugaku) and for Slurm (sbatch),
// from machine files and text/template templates embedded in the binary,
// and reads scripts back (ParseScript) so that tests can check them.
//
// Nothing here runs jobs or communicates. Render and the functions it
// uses do not modify their arguments.
//
// # Machines
//
// A machine file (machines/<name>.toml, embedded; or any .toml path)
// names the scheduler, the cores of a node, the default ranks per node
// and threads per rank, the kernel set (GOQCD_KERNELS), the binary, extra
// environment and module lines, the scheduler's settings ([pjm] or
// [slurm]) and the performance model ([model], read by package scaling).
// Unknown keys are errors that name them. Embedded: fugaku (PJM, A64FX,
// TofuD; every figure with its source or marked as an assumption) and
// generic-slurm (placeholder figures to replace).
//
// # A study
//
// Render(Request) validates everything first: the machine, threads x
// ranks per node against the cores of a node, precision, tolerance,
// repeats, elapse (hh:mm:ss), the run folder and binary (no quotes, $,
// backquotes or backslashes: they are written inside double quotes), and
// for every node count the process grid (a lattice no grid splits into
// even local extents is an error naming the rank count and the extents),
// the PJM resource group (the smallest whose max_nodes holds the count;
// Fugaku: small up to 384 nodes, large above), and with SIMD > 0 that W
// lanes tile the local lattice. All problems are reported together and
// nothing is rendered.
//
// It then writes, relative to the run folder:
//
//	job-<nodes>-<ranks>.sh   one script per point (or job-all.sh with ArrayJob:
//	                         one allocation of the largest node count running
//	                         every point in turn, smallest first)
//	submit.sh                pjsub/sbatch of every script
//	README.txt               the study, its points and how to collect them
//	expected.txt             the point files the jobs will write
//	request.json             the request with its defaults
//
// Each point of a script: a "# goqcd-point nodes=N ranks=P mpi=a.b.c.d
// threads=T" line, the environment capture (scripts/env-capture.sh when
// Request.EnvScript names it and the node can run it, else an inline
// minimum) into env-<nodes>-<ranks>.txt, and the launch
//
//	mpiexec -n P [-stdout-proc ...] "$BIN" bench cg --grid G --mpi a.b.c.d
//	    --threads T --prec p --tol t --repeats r --json
//
// (srun -N N -n P ... or mpirun -np P ... under Slurm), whose rank-0 output
// becomes point-<nodes>-<ranks>.json through a temporary file, so a point
// file exists only for a finished run. Under PJM with stdout_proc, every
// rank's output goes to out-<nodes>-<ranks>/stdout.<k>.<rank> and rank 0's
// is copied. A failed point is reported and the script goes on to the
// next; its exit status is 1 if any failed. Threads per rank are exported
// as OMP_NUM_THREADS and GOMAXPROCS.
//
// # Process grid and node shape
//
// ProcessGrid chooses the 4-d process grid of N nodes x n ranks: among all
// factorisations of N n with even local extents it prefers, in order, one
// whose first n ranks (x fastest, as comm.Cart numbers them) form a block
// of the grid, so that with ranks placed on nodes in rank order
// (rank-map-bychip under PJM, Slurm's block distribution) every node holds
// a box of the lattice and the faces inside it never leave the node; the
// smallest halo surface per rank (sum over split mu of V_local/L_mu); the
// least halo leaving each node; more ranks along t, z, y (AutoProcs's
// order). NodeShape turns it into Tofu's 3-d node shape: the node grid
// G = procs / node block is 4-d; two neighbouring directions merge into one
// axis, (G0 G1, G2, G3), (G0, G1 G2, G3) or (G0, G1, G2 G3), the merge with
// the smallest inner extent, so that lattice neighbours are Tofu
// neighbours except along the outer merged direction, where they are that
// inner extent apart. Nodes are numbered like ranks, which is the order in
// which rank-map-bychip fills an AxBxC shape. With node_shape = "1d" the
// request is node=N and the placement is the scheduler's.
//
// # Reading scripts back
//
// ParseScript reads #PJM (-L node=..., rscgrp, elapse; --mpi proc=,
// max-proc-per-node=; -g) and #SBATCH (--nodes, --ntasks-per-node,
// --cpus-per-task, --time, --partition, --account) lines, export lines and
// launch lines (process count from -n, -np or --ntasks; the goqcd
// command's --grid, --mpi, --threads; the node count from srun -N or the
// preceding "# goqcd-point" line), so that a test can check that nodes x
// ranks per node = the launch's process count = the product of --mpi and
// threads x ranks per node <= cores per node.
//
// # Files
//
//	machine.go        Machine, PJM, Slurm, ResourceGroup, Machines, LoadMachine,
//	                  ParseMachine, MachineFile; the embedded machines/ and templates/
//	request.go        Request and its validation
//	procgrid.go       ProcessGrid, ProcsChooser, NodeShape
//	render.go         Render, File, WriteFiles and the file names
//	parse.go          ParseScript, Directives, Launch
//	machines/*.toml   fugaku, generic-slurm
//	templates/*.tmpl  pjm, slurm (one per scheduler), common (the body of both),
//	                  submit, readme
package jobs
