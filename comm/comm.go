package comm

// Comm is the subset of MPI that goqcd needs. Every implementation (Local,
// InProc ranks, MPI) has identical semantics and gives bit-identical results
// for the same inputs, so tests on in-process ranks stand for MPI runs.
//
// Collective calls (marked "collective") must be made by every rank of the
// communicator in the same order, as in MPI.
type Comm interface {
	// Rank is this process's rank in [0, Size()).
	Rank() int
	// Size is the number of ranks.
	Size() int
	// Name says which implementation runs: "local", "inproc" or "mpi".
	Name() string
	// Library describes the MPI library and its version ("no MPI" otherwise).
	Library() string

	// Isend64 starts sending buf to rank dest with the given tag. buf must
	// not be modified until the returned request has completed.
	Isend64(buf []float64, dest, tag int) Request
	// Irecv64 starts receiving into buf from rank src with the given tag.
	// The length of the message must equal len(buf).
	Irecv64(buf []float64, src, tag int) Request
	// Isend32 and Irecv32 are the float32 twins of Isend64 and Irecv64.
	Isend32(buf []float32, dest, tag int) Request
	Irecv32(buf []float32, src, tag int) Request

	// AllreduceSum64 replaces buf on every rank by the element-wise sum over
	// ranks, added in rank order 0, 1, ..., Size()-1 (so the result does
	// not depend on the implementation). Collective.
	AllreduceSum64(buf []float64) error
	// AllreduceMax64 replaces buf by the element-wise maximum. Collective.
	AllreduceMax64(buf []float64) error
	// AllreduceSumC128 is AllreduceSum64 for complex numbers. Collective.
	AllreduceSumC128(buf []complex128) error
	// AllreduceSumInt64 replaces buf by the element-wise integer sum (exact,
	// order-independent); it carries exact accumulators. Collective.
	AllreduceSumInt64(buf []int64) error
	// Bcast64 copies buf of rank root to every rank. Collective.
	Bcast64(buf []float64, root int) error
	// BcastBytes copies buf of rank root to every rank; every rank passes a
	// buffer of the same length. Collective.
	BcastBytes(buf []byte, root int) error
	// Barrier returns when every rank has entered it. Collective.
	Barrier() error
	// Progress lets pending non-blocking transfers advance; it never
	// blocks and completes no request. MPI moves a message above its
	// eager limit (a few KiB over shared memory) only while both ranks are
	// inside MPI, so a halo posted before a long computation would wait for
	// the final Wait unless the computation calls Progress now and then.
	// In process it does nothing: messages move when they are sent.
	Progress()
	// AllocShared allocates a zeroed node-shared region of n bytes on
	// every rank (n may differ between ranks) and returns the view of
	// this rank (see Shared). The regions live until the process ends:
	// allocate once per use, not per call. Collective.
	AllocShared(n int) (Shared, error)
	// Abort ends the whole job (every rank) with the exit code, after
	// printing msg on standard error with the rank that called it. It does
	// not return.
	Abort(code int, msg string)
	// Finalize releases the communicator; for MPI it calls MPI_Finalize.
	// Collective.
	Finalize() error
}

// Request is a pending non-blocking send or receive.
type Request interface {
	// Wait blocks until the operation has completed and returns its error.
	Wait() error
}

// WaitAll waits for every request and returns the first error.
func WaitAll(reqs ...Request) error {
	var first error
	for _, r := range reqs {
		if r == nil {
			continue
		}
		if err := r.Wait(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
