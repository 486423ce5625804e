// Package comm is the communication layer of goqcd: the subset of MPI the
// code needs, behind one interface (Comm) with three implementations that
// have the same semantics and give the same bits for the same inputs.
//
// # Implementations
//
//   - Local() (local.go): one rank. Messages to itself are matched with its
//     receives by tag in posting order; reductions and broadcasts leave the
//     buffer as it is. Abort prints and exits the process.
//   - RunInProc(n, body) (inproc.go, inproc_p2p.go, inproc_collective.go):
//     n ranks as goroutines of one process, each running body with its own
//     Comm. Tests use it to check every process grid cheaply. It is stricter
//     than MPI: a length or element-type mismatch, a collective called
//     differently on different ranks, and a wait for a rank that has
//     returned are errors rather than hangs or undefined behaviour. When a
//     rank calls Abort, panics, exits through runtime.Goexit or returns an
//     error, every rank blocked in Wait or a collective is released with an
//     error and every later call fails; RunInProc returns the first error
//     (*AbortError with rank, code and message for Abort and panics,
//     *RankError otherwise).
//   - World() (mpi.go, mpi_binding.go, mpi_binding.c, mpi_binding.h; build
//     tag mpi): the MPI job, through this package's own thin cgo binding to
//     the MPI C API (no third-party binding). Without the tag, World()
//     (world_nompi.go) returns Local().
//
// # Conventions
//
// Ranks are 0..Size()-1. Cart (cart.go) is the periodic 4-d process grid:
// rank r has coordinates c with r = c0 + D0*(c1 + D1*(c2 + D2*c3)),
// direction 0 (x) fastest; Neighbour(r, mu, ±1) is the rank one step away.
//
// Point-to-point (Isend64/Irecv64/Isend32/Irecv32, Wait, WaitAll): a receive
// matches the earliest unmatched send from its source with its tag, and the
// other way round (MPI's rule; there are no wildcards). Tags are in
// [0, MaxTag] with MaxTag = 32767, the smallest MPI_TAG_UB MPI allows. A
// message must have exactly the length of the receive buffer. A buffer
// handed to Isend or Irecv must not be read or written (and must not alias
// another pending buffer) until Wait has returned; every request must be
// waited for. Local and in-process sends copy the data at once, so their
// send requests complete immediately; MPI may hold a large send until its
// receive is posted, so post receives before waiting for sends. Wait is not
// to be called on one request from two goroutines at once. Progress (not
// collective) lets pending transfers advance during a computation: MPI
// moves messages above its eager limit only inside MPI calls.
//
// Node-shared memory (AllocShared, collective; Shared): each rank gets a
// region that the ranks of its node (all in-process ranks) map too, so a
// halo face can be written straight into the neighbour's buffer; a flag
// in the region (SetFlag, a release store; WaitFlag, acquire loads with a
// job-end check and FlagTimeout) says when the data is complete. MPI uses MPI_Win_allocate_shared on
// MPI_COMM_TYPE_SHARED; the regions live until the process ends.
//
// Collectives (every rank must call them in the same order with the same
// lengths and root): AllreduceSum64, AllreduceMax64, AllreduceSumC128,
// AllreduceSumInt64, Bcast64, BcastBytes, Barrier, Finalize. Reductions work
// in place. Sums of floating-point numbers are added in rank order 0, 1,
// ..., Size()-1, starting from rank 0's value (reduce.go), in every
// implementation: MPI gathers all vectors (MPI_Allgather) and adds locally,
// because MPI_Allreduce's order depends on the library's algorithm, the
// rank count and the message size. That costs len*Size() memory per rank,
// fine for the short vectors goqcd reduces. The maximum follows math.Max
// (NaN wins, +0 beats -0). Integer sums are exact (MPI_Allreduce). The MPI
// implementation does not check that lengths agree in reductions (it would
// cost a second collective on the solver's critical path); the in-process
// ranks do. Broadcasts check length and root on every implementation.
//
// Abort(code, msg) prints "comm: rank r of n aborts the job with code c:
// msg" on standard error and ends every rank: MPI_Abort under MPI, process
// exit for Local, the end of the job for in-process ranks (the calling
// goroutine ends with runtime.Goexit). Guard (guard.go), deferred at the top
// of main or of a rank's body, turns a panic into such an Abort with the
// stack, so one dead rank never leaves the others waiting. Under mpirun a
// rank that exits without MPI_Finalize also ends the job.
//
// # MPI build and threading
//
// Build and test with the MPI compiler wrapper as the C compiler, which
// supplies the include path and the library:
//
//	CC=mpicc go build -tags mpi ./...
//	CC=mpicc go test -tags mpi -exec 'mpirun -np 4' ./comm
//
// (Open MPI as root also needs --allow-run-as-root; more ranks than cores
// need --oversubscribe.) Handles stay on the C side: Go holds Fortran integer
// handles (MPI_Comm_c2f/f2c, MPI_Request_c2f/f2c), so the binding builds
// unchanged against Open MPI, MPICH and Fujitsu MPI. World duplicates
// MPI_COMM_WORLD and sets MPI_ERRORS_RETURN on it, so MPI errors come back
// as Go errors with MPI_Error_string's text. Buffers of pending requests are
// pinned (runtime.Pinner) until Wait. Messages a rank sends to itself never
// reach MPI (a private in-process channel, see selfChannel). Library()
// returns the first line of MPI_Get_library_version.
//
// World calls MPI_Init_thread once per process asking for
// MPI_THREAD_MULTIPLE; Go runs cgo calls on any OS thread, so
// MPI_THREAD_FUNNELED is not enough and World fails below
// MPI_THREAD_SERIALIZED. Under MPI_THREAD_SERIALIZED (provided by the
// library, or asked for with GOQCD_MPI_THREAD=serialized) every MPI call
// holds a mutex, waits poll MPI_Test, and collectives use their
// non-blocking forms, so that one goroutine's wait never blocks another's
// send. Under MPI_THREAD_MULTIPLE calls block in MPI without a lock.
//
// # Files
//
//	comm.go               Comm, Request, WaitAll
//	cart.go               Cart, NewCart, Size, Coords, RankOf, Neighbour
//	errors.go             MaxTag, AbortError, RankError, argument checks
//	reduce.go             rank-order sum and max shared by all implementations
//	guard.go              Guard
//	local.go              Local, the self channel of an MPI rank
//	inproc.go             RunInProc, the in-process world and its Comm
//	inproc_p2p.go         in-process message matching
//	inproc_collective.go  in-process collectives
//	world.go              ThreadEnv
//	world_nompi.go        World without MPI
//	mpi.go                World and the MPI Comm (tag mpi)
//	mpi_binding.go/.c/.h  the cgo binding (tag mpi)
//
// Tests: conformance_test.go holds the suite every implementation runs
// (inproc_test.go for Local and RunInProc with 1, 2, 3, 4, 8 ranks;
// mpi_test.go for World under mpirun, and for Abort, Guard and
// MPI_THREAD_SERIALIZED in jobs it starts with mpirun).
package comm
