// Command goqcd is the one program of goqcd: lattice QCD from the command
// line, on in-process ranks (goroutines) or under mpirun.
//
// # Usage
//
//	goqcd version [--json]
//	goqcd selfcheck [lattice flags] [--prec double|single|both]
//	goqcd bench halo [lattice flags] [--prec double|single] [--iters n] [--repeats n] [--json]
//	goqcd run [--ranks n] [--check] job.toml
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
//	run.go            goqcd run
//	job.go            job files: decoding into typed sections, validation, echo
//	job_keyline.go    finding the line of a key in a TOML file
//	runkind.go        the registry of run kinds
//	kind_selfcheck.go the run kind "selfcheck"
//	testdata/         an example job file for the tests
package main
