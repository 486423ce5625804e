package comm

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// world is the shared state of a set of in-process ranks: one mailbox per
// receiving rank, the collective rounds, and the end-of-job signal.
type world struct {
	size  int
	local bool // a Local communicator: Abort exits the process

	boxes []mailbox // boxes[r] holds the messages and receives of rank r
	coll  collectives

	shared sharedTable // the regions of AllocShared

	// finished[r] is closed when the body of rank r has returned, so that
	// ranks waiting for it are released with an error instead of hanging.
	finished []chan struct{}

	// ended is closed when the job ends early (Abort, panic or an error
	// returned by a rank); endErr is the reason, set before the close.
	ended   chan struct{}
	endOnce sync.Once
	endErr  error

	firstMu sync.Mutex
	first   error // the first error of any rank, returned by RunInProc
}

func newWorld(size int, local bool) *world {
	w := &world{
		size:     size,
		local:    local,
		boxes:    make([]mailbox, size),
		finished: make([]chan struct{}, size),
		ended:    make(chan struct{}),
	}
	for r := range w.finished {
		w.finished[r] = make(chan struct{})
	}
	w.coll.init(size)
	return w
}

// end ends the job: every rank blocked in a Wait or a collective is
// released with an error wrapping cause, and every later call fails.
func (w *world) end(cause error) {
	w.endOnce.Do(func() {
		w.endErr = cause
		close(w.ended)
	})
}

// endedErr returns the reason the job ended, or nil while it runs.
func (w *world) endedErr() error {
	select {
	case <-w.ended:
		return w.endErr
	default:
		return nil
	}
}

// record keeps err if it is the first error of the job.
func (w *world) record(err error) {
	w.firstMu.Lock()
	if w.first == nil {
		w.first = err
	}
	w.firstMu.Unlock()
}

// RunInProc runs body on n ranks, each a goroutine with its own Comm, and
// waits for all of them. The ranks have MPI's semantics (see the package
// documentation). When a rank returns an error, panics or calls Abort, the
// job ends: ranks blocked in Wait or a collective are released with an
// error, and RunInProc returns the first error of any rank: an *AbortError
// (rank, code, message) for Abort or a panic, a *RankError otherwise. A rank
// that returns nil while another still waits for it makes that wait fail.
func RunInProc(n int, body func(c Comm) error) error {
	if n < 1 {
		return fmt.Errorf("comm: RunInProc: %d ranks: need at least 1", n)
	}
	w := newWorld(n, false)
	var wg sync.WaitGroup
	for r := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.runRank(r, body)
		}()
	}
	wg.Wait()
	return w.first
}

// runRank runs body as rank r and turns every way of leaving it early
// (error, panic, Abort, runtime.Goexit) into the end of the job.
func (w *world) runRank(r int, body func(c Comm) error) {
	c := newInprocComm(w, r)
	returned := false
	defer func() {
		if p := recover(); p != nil {
			msg := fmt.Sprintf("panic: %v\n\n%s", p, debug.Stack())
			printAbort(r, w.size, panicCode, msg)
			ae := &AbortError{Rank: r, Size: w.size, Code: panicCode, Msg: msg}
			w.record(ae)
			w.end(ae)
		} else if !returned {
			// Abort ends its goroutine with runtime.Goexit after recording
			// its error; any other Goexit (t.FailNow, say) lands here too.
			err := &RankError{Rank: r, Size: w.size,
				Err: fmt.Errorf("comm: the body exited through runtime.Goexit (t.FailNow or similar) instead of returning; return an error instead")}
			w.record(err)
			w.end(err)
		}
		w.finish(r)
	}()
	err := body(c)
	returned = true
	if err != nil {
		re := &RankError{Rank: r, Size: w.size, Err: err}
		w.record(re)
		w.end(re)
	}
}

// finish marks rank r as returned from its body: a collective still waiting
// for it fails, and so do receives from it that no message matches.
func (w *world) finish(r int) {
	w.coll.rankFinished(w, r)
	close(w.finished[r])
}

// panicCode is the exit code of an Abort caused by a panic (Go's own exit
// status for an unrecovered panic).
const panicCode = 2

// inprocComm is one rank of a world; it implements Comm.
type inprocComm struct {
	w         *world
	rank      int
	finalized atomic.Bool

	sharedCalls int // AllocShared calls of this rank so far

	// showRank and showSize are how point-to-point errors name this rank
	// and the job: the rank itself, except in an MPI rank's private
	// channel to itself (see selfChannel), whose rank 0 is the MPI rank.
	showRank, showSize int
}

func newInprocComm(w *world, rank int) *inprocComm {
	return &inprocComm{w: w, rank: rank, showRank: rank, showSize: w.size}
}

// shown maps a rank of this world to the rank that errors name.
func (c *inprocComm) shown(r int) int { return r + c.showRank - c.rank }

func (c *inprocComm) Rank() int { return c.rank }
func (c *inprocComm) Size() int { return c.w.size }

func (c *inprocComm) Name() string {
	if c.w.local {
		return "local"
	}
	return "inproc"
}

func (c *inprocComm) Library() string { return "no MPI" }

// usable returns an error when the communicator may no longer be used: the
// job has ended or this rank has called Finalize.
func (c *inprocComm) usable(op string) error {
	if err := c.w.endedErr(); err != nil {
		return fmt.Errorf("comm: rank %d of %d: %s: the job has ended: %w", c.rank, c.w.size, op, err)
	}
	if c.finalized.Load() {
		return fmt.Errorf("comm: rank %d of %d: %s after Finalize", c.rank, c.w.size, op)
	}
	return nil
}

// Abort prints msg and ends the job. For in-process ranks it ends the
// calling goroutine with runtime.Goexit after releasing every other rank;
// for Local it exits the process with code.
func (c *inprocComm) Abort(code int, msg string) {
	printAbort(c.rank, c.w.size, code, msg)
	if c.w.local {
		exitProcess(code)
	}
	ae := &AbortError{Rank: c.rank, Size: c.w.size, Code: code, Msg: msg}
	c.w.record(ae)
	c.w.end(ae)
	runtime.Goexit()
}

func (c *inprocComm) Isend64(buf []float64, dest, tag int) Request {
	return c.isend(payload{f64: buf}, dest, tag, "Isend64")
}

func (c *inprocComm) Isend32(buf []float32, dest, tag int) Request {
	return c.isend(payload{f32: buf, is32: true}, dest, tag, "Isend32")
}

func (c *inprocComm) Irecv64(buf []float64, src, tag int) Request {
	return c.irecv(payload{f64: buf}, src, tag, "Irecv64")
}

func (c *inprocComm) Irecv32(buf []float32, src, tag int) Request {
	return c.irecv(payload{f32: buf, is32: true}, src, tag, "Irecv32")
}

func (c *inprocComm) AllreduceSum64(buf []float64) error {
	return c.collective(collCall{op: opSum64, f64: buf})
}

func (c *inprocComm) AllreduceMax64(buf []float64) error {
	return c.collective(collCall{op: opMax64, f64: buf})
}

func (c *inprocComm) AllreduceSumC128(buf []complex128) error {
	return c.collective(collCall{op: opSumC128, c128: buf})
}

func (c *inprocComm) AllreduceSumInt64(buf []int64) error {
	return c.collective(collCall{op: opSumInt64, i64: buf})
}

func (c *inprocComm) Bcast64(buf []float64, root int) error {
	if err := checkRoot("Bcast64", c.rank, c.w.size, root); err != nil {
		return err
	}
	return c.collective(collCall{op: opBcast64, f64: buf, root: root})
}

func (c *inprocComm) BcastBytes(buf []byte, root int) error {
	if err := checkRoot("BcastBytes", c.rank, c.w.size, root); err != nil {
		return err
	}
	return c.collective(collCall{op: opBcastBytes, bytes: buf, root: root})
}

// Progress does nothing: in-process messages move when they are sent.
func (c *inprocComm) Progress() {}

func (c *inprocComm) Barrier() error {
	return c.collective(collCall{op: opBarrier})
}

// Finalize is a barrier after which every call of this rank fails.
func (c *inprocComm) Finalize() error {
	if err := c.collective(collCall{op: opFinalize}); err != nil {
		return err
	}
	c.finalized.Store(true)
	return nil
}
