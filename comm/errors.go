package comm

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// MaxTag is the largest message tag. MPI guarantees at least 32767
// (MPI_TAG_UB); every implementation enforces this bound so that a program
// that runs on in-process ranks also runs under any MPI library.
const MaxTag = 32767

// AbortError is what RunInProc returns when a rank called Abort or
// panicked: the rank, its exit code and its message (for a panic, the panic
// value and the stack).
type AbortError struct {
	Rank, Size int
	Code       int
	Msg        string
}

func (e *AbortError) Error() string {
	return fmt.Sprintf("comm: rank %d of %d aborted the job with code %d: %s", e.Rank, e.Size, e.Code, e.Msg)
}

// RankError is what RunInProc returns when the body of a rank returned an
// error: the rank and that error.
type RankError struct {
	Rank, Size int
	Err        error
}

func (e *RankError) Error() string {
	return fmt.Sprintf("comm: rank %d of %d failed: %v", e.Rank, e.Size, e.Err)
}

func (e *RankError) Unwrap() error { return e.Err }

// abortOutput receives the message that Abort prints; tests swap it to
// capture the message.
var (
	abortOutputMu sync.Mutex
	abortOutput   io.Writer = os.Stderr
)

// printAbort writes the abort message of a rank to abortOutput.
func printAbort(rank, size, code int, msg string) {
	abortOutputMu.Lock()
	defer abortOutputMu.Unlock()
	fmt.Fprintf(abortOutput, "comm: rank %d of %d aborts the job with code %d: %s\n", rank, size, code, msg)
}

// checkPeer validates the partner rank and tag of a point-to-point call.
func checkPeer(op string, rank, size, peer, tag int) error {
	if peer < 0 || peer >= size {
		return fmt.Errorf("comm: rank %d of %d: %s: partner rank %d outside [0, %d)", rank, size, op, peer, size)
	}
	if tag < 0 || tag > MaxTag {
		return fmt.Errorf("comm: rank %d of %d: %s: tag %d outside [0, %d] (MaxTag)", rank, size, op, tag, MaxTag)
	}
	return nil
}

// checkRoot validates the root rank of a broadcast.
func checkRoot(op string, rank, size, root int) error {
	if root < 0 || root >= size {
		return fmt.Errorf("comm: rank %d of %d: %s: root rank %d outside [0, %d)", rank, size, op, root, size)
	}
	return nil
}

// doneRequest is a request that completed when it was posted.
type doneRequest struct{ err error }

func (r doneRequest) Wait() error { return r.err }

// completed is the shared request of a successful operation that finished
// when it was posted (a package variable, so returning it does not allocate).
var completed Request = doneRequest{}

// failed returns a completed request carrying err.
func failed(err error) Request { return doneRequest{err: err} }
