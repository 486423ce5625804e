// Command goqcd is the one program of goqcd: lattice QCD from the command
// line, on in-process ranks (goroutines) or under mpirun.
//
// # Usage
//
//	goqcd version [--json]
//	goqcd selfcheck [lattice flags] [--prec double|single|both]
//	goqcd bench halo [lattice flags] [--prec double|single] [--iters n] [--repeats n] [--json]
//	goqcd bench dslash [lattice flags] [--prec double|single] [--kernels NAME] [--clover C] [--iters n] [--repeats n] [--json]
//	goqcd bench cg [lattice flags] [--prec double|single|mixed] [--solver cg|bicgstab] [--kappa K] [--csw C]
//	    [--tol T] [--maxiter N] [--repeats n] [--seed S] [--beta B --sweeps n] [--kernels NAME] [--json]
//	goqcd scaling --grid G --ranks 1,2,4 [--threads t] [--mpi-per-point a.b.c.d,...] [--out DIR]
//	    [--inprocess | --binary PATH] [--oversubscribe-ok] [--model NAME|PATH] [bench cg flags]
//	goqcd scaling --collect RUNDIR [--model NAME|PATH [--fit] [--set key=value]...] [--clover]
//	goqcd scaling --model NAME|PATH --grid G --nodes 1,2,...,1024 [--ranks-per-node r] [--set key=value]... [--json] [--plot DIR]
//	goqcd jobs --machine NAME --grid G --nodes 1,2,4 --rundir DIR [--scheduler pjm|slurm] [--ranks-per-node r]
//	    [--threads t] [--prec] [--solver] [--elapse hh:mm:ss] [--account A] [--array] [--list-machines]
//	goqcd run [--ranks n] [--check] [--resume] job.toml     (run kinds: quenched, hmc, selfcheck)
//	goqcd measure FILE... [--json] [--format F] [--ignore-checksums] [lattice flags without --grid]
//	goqcd flow FILE --tmax T [--eps E] [--tol X] [--every n] [--json]
//	goqcd convert IN OUT --to ildg|scidac|nersc|openqcd|bridge [--prec 32|64] [--nersc-3x2] [--force]
//	goqcd propagator CONFIG --kappa K [--csw C] [--bc p,p,p,a] [--source x.y.z.t] [--wall]
//	    [--direction t] [--solver bicgstab|cgnr|mixed-bicgstab] [--tol T] [--gamma g5,gt,...]
//	    [--condensate n] [--json]
//	goqcd bench heatbath [lattice flags] [--group N] [--beta B] [--sweeps n] [--json]
//	goqcd bench matvec [--calls n] [--repeats n] [--json]
//	goqcd bench memory [--sizes MiB,MiB,...] [--repeats n] [--json]
//	goqcd help [command]
//
// Lattice flags (Grid style): --grid X.Y.Z.T (global extents, default
// 8.8.8.8), --mpi a.b.c.d (process grid; default chosen by
// layout.AutoProcs), --threads n (goroutines per rank), --simd W (lanes per
// tile; default the kernel set's width), --ranks n (in-process ranks).
// Flags take one or two dashes and may follow the positional arguments.
//
// # Process model
//
// An MPI build (-tags mpi, CC=mpicc) started by an MPI launcher (detected
// from the launcher's environment variables, mpiLauncherVars) runs one rank
// per process on comm.World(); --ranks, if given, must equal the job size.
// Otherwise --ranks ranks run as goroutines (comm.RunInProc), even in an
// MPI build, which then never initialises MPI. Only rank 0 writes results.
// Every rank body runs under comm.Guard: a panic aborts the whole job with
// its message. Bad input and globally decided check failures are the same
// on every rank, so the ranks stop together; any other error of a rank
// aborts the MPI job (the others could otherwise wait for it forever).
//
// # Exit status and errors
//
// 0 success; 1 a check failed (FAIL printed) or a run-time error; 2 bad
// input of any kind (flags, job file, a geometry layout.New refuses),
// reported as "goqcd: <message>" on standard error; an aborted rank's
// code otherwise. main is a thin wrapper of run(args, stdout, stderr) int,
// which the tests call in-process; MPI is finalised in main only.
//
// # Solver benchmark and scaling points
//
// bench cg solves the even-odd system Mhat x_e = bhat (package dirac,
// antiperiodic in t) for a gauge field made from --seed (hot start, then
// --sweeps heatbath sweeps at --beta) and a Gaussian source drawn per
// global site, from x_e = 0, --repeats times; a solve's time is the
// slowest rank's, and the median is reported. --solver cg is CGNR (CG on
// Mhat^dag Mhat, stopping on |bhat - Mhat x| / |bhat|); --prec mixed runs
// float32 iterations with float64 corrections and is recorded as prec
// "single", solver "mixed-cg" or "mixed-bicgstab". --json prints a
// jobs/scaling.Point: flops = iterations x scaling.FlopsPerIteration
// (BiCGStab: the same hopping terms with its own linear algebra);
// comm_seconds is an ESTIMATE, not a measurement inside the solve: the
// time of an exchange-only loop of the same faces and messages
// (haloSecondsPerExchange) x 4 exchanges per iteration x iterations;
// checksum is solutionDigest, pseudo-random projections of the solution
// summed exactly and rounded to 10 significant digits, the same on every
// process grid, W and kernel set when the solutions agree to round-off.
// goqcd scaling checks every rank count before launching anything (bad
// input, exit 2), runs the points, and refuses to tabulate points that
// are not one solve (scaling.Check: exit 1, naming the rank counts). In
// a local run the model (default generic-slurm) is fitted to the point
// with the fewest ranks, all ranks on one node.
//
// # Extending
//
// A subcommand is a file with an init function calling register (see
// command.go); a benchmark registers in benchCommands; a run kind of job
// files registers with registerKind and declares its own typed section
// (runkind.go).
//
// # Files
//
//	doc.go            this overview
//	main.go           main, run, the dispatcher and help
//	command.go        command, register, flag parsing (flags anywhere, errors as bad input)
//	errors.go         inputError, errCheckFailed, exit codes
//	launch.go         process model: MPI launcher detection, onRanks, comm.Guard
//	mpi_on.go, mpi_off.go  mpiBuild, by build tag
//	lattice.go        latticeSpec, the lattice flags, building the layout
//	version.go        goqcd version
//	selfcheck.go      goqcd selfcheck: halo neighbours and Norm2 against analytic values
//	bench.go          goqcd bench and its table of benchmarks
//	bench_halo.go     goqcd bench halo
//	bench_dslash.go   goqcd bench dslash: hopping term (1320 flop/site) and Schur operator rates, H's traffic
//	bench_cg.go       goqcd bench cg (and bench bicgstab): timed solves, the scaling point
//	bench_cg_solve.go the solves (CGNR, BiCGStab, mixed), flop conventions, halo-time estimate
//	bench_cg_mixed.go mixedCGNR: float32 CGNR cycles with float64 defect correction
//	bench_cg_checksum.go solutionDigest: a checksum of the solution that round-off does not change
//	bench_setup.go    kernel forcing, the benchmark gauge field and source, cores and local ranks
//	scaling.go        goqcd scaling: flags, modes, --collect
//	scaling_run.go    goqcd scaling --ranks: checks before launch, mpirun or in-process points
//	scaling_model.go  goqcd scaling --model --nodes: predictions and parameters
//	countlist.go      count lists (1,2,...,64) and repeated --set flags
//	jobs.go           goqcd jobs: batch scripts through package jobs
//	run.go            goqcd run
//	job.go            job files: decoding into typed sections, validation, echo
//	job_keyline.go    finding the line of a key in a TOML file
//	runkind.go        the registry of run kinds
//	kind_selfcheck.go the run kind "selfcheck"
//	kind_quenched.go, kind_quenched_summary.go, kind_quenched_sun.go
//	                  the run kind "quenched": heatbath + overrelaxation chain, summary, SU(N != 3) loop
//	kind_hmc.go       the run kind "hmc": Wilson Nf=2 (Hasenbusch), staggered Nf=4 or pure gauge HMC
//	records.go        reading JSON-lines histories
//	plot.go           the plaquette history plot (gonum/plot)
//	gaugefile.go      reading configurations on rank 0 for the commands that take a file
//	measure.go        goqcd measure
//	flow.go           goqcd flow
//	convert.go        goqcd convert
//	propagator.go     goqcd propagator: propagators, meson correlators, condensate
//	bench_heatbath.go goqcd bench heatbath
//	bench_matvec.go   goqcd bench matvec: 12x12 complex matrix times vector
//	bench_memory.go   goqcd bench memory: one core's bandwidth, cache to main memory
//	testdata/         an example job file for the tests
package main
