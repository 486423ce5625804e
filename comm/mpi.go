//go:build mpi

package comm

// #include "mpi_binding.h"
import "C"

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

var (
	worldOnce sync.Once
	worldComm *mpiComm
	worldErr  error
)

// World returns the communicator of the whole job: a duplicate of
// MPI_COMM_WORLD with MPI_ERRORS_RETURN, so that MPI errors come back as Go
// errors. The first call initialises MPI with MPI_Init_thread; later calls
// return the same communicator (or the same error).
func World() (Comm, error) {
	worldOnce.Do(func() { worldComm, worldErr = initWorld() })
	if worldErr != nil {
		return nil, worldErr
	}
	return worldComm, nil
}

// mpiComm implements Comm on an MPI communicator.
type mpiComm struct {
	comm       C.MPI_Fint
	rank, size int
	library    string
	threads    string // the thread level MPI provides

	// serialized: MPI provides only MPI_THREAD_SERIALIZED, so every MPI
	// call holds mu and waits poll instead of blocking.
	serialized bool
	mu         sync.Mutex

	finalized atomic.Bool

	// self carries the messages this rank sends to itself (see
	// selfChannel), matched by tag in posting order as MPI would.
	self *inprocComm
}

func initWorld() (*mpiComm, error) {
	var flag C.int
	if rc := C.goqcd_finalized(&flag); rc != C.MPI_SUCCESS {
		return nil, fmt.Errorf("comm: MPI_Finalized: %s", mpiErrorString(rc))
	}
	if flag != 0 {
		return nil, fmt.Errorf("comm: World: MPI has already been finalized in this process and cannot be initialised again")
	}
	required := C.goqcd_thread_multiple()
	switch v := os.Getenv(ThreadEnv); v {
	case "", "multiple":
	case "serialized":
		required = C.goqcd_thread_serialized()
	default:
		return nil, fmt.Errorf("comm: World: %s=%q: use \"multiple\" or \"serialized\"", ThreadEnv, v)
	}
	var provided C.int
	if rc := C.goqcd_init(required, &provided); rc != C.MPI_SUCCESS {
		return nil, fmt.Errorf("comm: MPI_Init_thread: %s", mpiErrorString(rc))
	}
	if provided < C.goqcd_thread_serialized() {
		return nil, fmt.Errorf("comm: World: the MPI library (%s) provides only %s, but Go makes MPI calls from any OS thread and needs MPI_THREAD_SERIALIZED or MPI_THREAD_MULTIPLE: use an MPI library built with thread support",
			mpiLibrary(), threadLevelName(provided))
	}
	c := &mpiComm{
		library:    mpiLibrary(),
		threads:    threadLevelName(provided),
		serialized: provided < C.goqcd_thread_multiple() || required < C.goqcd_thread_multiple(),
	}
	var rank, size C.int
	if rc := C.goqcd_world_dup(&c.comm, &rank, &size); rc != C.MPI_SUCCESS {
		return nil, fmt.Errorf("comm: World: duplicating MPI_COMM_WORLD: %s", mpiErrorString(rc))
	}
	c.rank, c.size = int(rank), int(size)
	c.self = selfChannel(c.rank, c.size)
	return c, nil
}

func (c *mpiComm) Rank() int    { return c.rank }
func (c *mpiComm) Size() int    { return c.size }
func (c *mpiComm) Name() string { return "mpi" }

// Library is the first line of MPI_Get_library_version.
func (c *mpiComm) Library() string { return c.library }

// ThreadLevel names the MPI thread level in use. It is not part of Comm;
// reach it with a type assertion to interface{ ThreadLevel() string }.
func (c *mpiComm) ThreadLevel() string {
	if c.serialized {
		return "MPI_THREAD_SERIALIZED"
	}
	return c.threads
}

// mpiError turns an MPI error code into a Go error naming the call.
func (c *mpiComm) mpiError(op string, rc C.int) error {
	return fmt.Errorf("comm: rank %d of %d: %s: %s", c.rank, c.size, op, mpiErrorString(rc))
}

// usable returns an error after Finalize.
func (c *mpiComm) usable(op string) error {
	if c.finalized.Load() {
		return fmt.Errorf("comm: rank %d of %d: %s after Finalize", c.rank, c.size, op)
	}
	return nil
}

// checkCount rejects buffers longer than an MPI count (a C int) can say.
func (c *mpiComm) checkCount(op string, n int) error {
	if n > math.MaxInt32 {
		return fmt.Errorf("comm: rank %d of %d: %s: %d elements exceed the MPI count limit %d: split the message",
			c.rank, c.size, op, n, math.MaxInt32)
	}
	return nil
}

func (c *mpiComm) lock() {
	if c.serialized {
		c.mu.Lock()
	}
}

func (c *mpiComm) unlock() {
	if c.serialized {
		c.mu.Unlock()
	}
}

// wait completes the request *h; with count != nil it stores the received
// element count. Under MPI_THREAD_MULTIPLE it blocks in MPI_Wait; under
// MPI_THREAD_SERIALIZED it polls MPI_Test, releasing the mutex between
// polls so that other goroutines of this rank can make progress.
func (c *mpiComm) wait(h *C.MPI_Fint, kind mpiKind, count *C.int) C.int {
	if !c.serialized {
		return C.goqcd_wait(h, C.int(kind), count)
	}
	for spin := 0; ; spin++ {
		var flag C.int
		c.mu.Lock()
		rc := C.goqcd_test(h, C.int(kind), &flag, count)
		c.mu.Unlock()
		if rc != C.MPI_SUCCESS || flag != 0 {
			return rc
		}
		if spin < 1000 {
			runtime.Gosched()
		} else {
			time.Sleep(20 * time.Microsecond)
		}
	}
}

// collective runs a collective MPI call (call must not lock): blocking under
// MPI_THREAD_MULTIPLE; under MPI_THREAD_SERIALIZED its non-blocking variant
// followed by a polling wait, with bufs pinned until it completes.
func (c *mpiComm) collective(op string, call func(nb C.int, req *C.MPI_Fint) C.int, bufs ...unsafe.Pointer) error {
	if err := c.usable(op); err != nil {
		return err
	}
	if !c.serialized {
		// Blocking call; no lock is needed under MPI_THREAD_MULTIPLE.
		if rc := call(0, nil); rc != C.MPI_SUCCESS {
			return c.mpiError(op, rc)
		}
		return nil
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	for _, b := range bufs {
		if b != nil {
			pin.Pin(b)
		}
	}
	var h C.MPI_Fint
	c.mu.Lock()
	rc := call(1, &h)
	c.mu.Unlock()
	if rc == C.MPI_SUCCESS {
		rc = c.wait(&h, kindByte, nil)
	}
	if rc != C.MPI_SUCCESS {
		return c.mpiError(op, rc)
	}
	return nil
}

// mpiRequest is a pending MPI_Isend or MPI_Irecv. Its buffer is pinned
// until Wait, because MPI keeps the address after the posting call returns.
type mpiRequest struct {
	c      *mpiComm
	op     string
	peer   int
	tag    int
	kind   mpiKind
	n      int  // buffer length
	recv   bool // a receive: check the received count
	handle C.MPI_Fint
	pin    runtime.Pinner

	waited bool
	err    error
}

// post starts an MPI_Isend (send) or MPI_Irecv of buf.
func post[T float32 | float64](c *mpiComm, buf []T, peer, tag int, kind mpiKind, send bool, op string) Request {
	if err := checkPeer(op, c.rank, c.size, peer, tag); err != nil {
		return failed(err)
	}
	if err := c.usable(op); err != nil {
		return failed(err)
	}
	if err := c.checkCount(op, len(buf)); err != nil {
		return failed(err)
	}
	if peer == c.rank {
		return postSelf(c.self, buf, tag, send, op)
	}
	r := &mpiRequest{c: c, op: op, peer: peer, tag: tag, kind: kind, n: len(buf), recv: !send}
	p := ptr(buf)
	if p != nil {
		r.pin.Pin(p)
	}
	var h C.MPI_Fint
	var rc C.int
	c.lock()
	if send {
		rc = C.goqcd_isend(p, C.int(len(buf)), C.int(kind), C.int(peer), C.int(tag), c.comm, &h)
	} else {
		rc = C.goqcd_irecv(p, C.int(len(buf)), C.int(kind), C.int(peer), C.int(tag), c.comm, &h)
	}
	c.unlock()
	if rc != C.MPI_SUCCESS {
		r.pin.Unpin()
		return failed(c.mpiError(fmt.Sprintf("%s with rank %d tag %d", op, peer, tag), rc))
	}
	r.handle = h
	return r
}

// postSelf posts a message to this rank itself on its self channel.
func postSelf[T float32 | float64](self *inprocComm, buf []T, tag int, send bool, op string) Request {
	var p payload
	switch b := any(buf).(type) {
	case []float64:
		p = payload{f64: b}
	case []float32:
		p = payload{f32: b, is32: true}
	}
	if send {
		return self.isend(p, 0, tag, op)
	}
	return self.irecv(p, 0, tag, op)
}

// Wait completes the request, unpins its buffer and, for a receive, checks
// that the message had exactly the buffer's length. Calling Wait again
// returns the same result.
func (r *mpiRequest) Wait() error {
	if r.waited {
		return r.err
	}
	r.waited = true
	c := r.c
	var count C.int
	var cp *C.int
	if r.recv {
		cp = &count
	}
	h := r.handle
	rc := c.wait(&h, r.kind, cp)
	r.pin.Unpin()
	switch {
	case rc != C.MPI_SUCCESS:
		r.err = c.mpiError(fmt.Sprintf("Wait for %s with rank %d tag %d (%d values)", r.op, r.peer, r.tag, r.n), rc)
	case r.recv && int(count) != r.n:
		got := fmt.Sprint(int(count))
		if count == C.MPI_UNDEFINED {
			got = "a non-whole number of"
		}
		r.err = fmt.Errorf("comm: rank %d of %d: %s from rank %d tag %d: the message has %s values but the receive buffer holds %d: receive with a buffer of the sent length",
			c.rank, c.size, r.op, r.peer, r.tag, got, r.n)
	}
	return r.err
}

// Progress runs MPI's progress engine once (a probe that matches nothing).
func (c *mpiComm) Progress() {
	if c.finalized.Load() {
		return
	}
	c.lock()
	C.goqcd_progress(c.comm)
	c.unlock()
}

func (c *mpiComm) Isend64(buf []float64, dest, tag int) Request {
	return post(c, buf, dest, tag, kindFloat64, true, "Isend64")
}

func (c *mpiComm) Irecv64(buf []float64, src, tag int) Request {
	return post(c, buf, src, tag, kindFloat64, false, "Irecv64")
}

func (c *mpiComm) Isend32(buf []float32, dest, tag int) Request {
	return post(c, buf, dest, tag, kindFloat32, true, "Isend32")
}

func (c *mpiComm) Irecv32(buf []float32, src, tag int) Request {
	return post(c, buf, src, tag, kindFloat32, false, "Irecv32")
}

// allgather64 gathers the n values of buf from every rank into one slice,
// rank 0's first.
func (c *mpiComm) allgather64(op string, buf []float64) ([]float64, error) {
	if err := c.checkCount(op, len(buf)*c.size); err != nil {
		return nil, err
	}
	all := make([]float64, len(buf)*c.size)
	send, recv := ptr(buf), ptr(all)
	err := c.collective(op, func(nb C.int, req *C.MPI_Fint) C.int {
		return C.goqcd_allgather(send, recv, C.int(len(buf)), C.int(kindFloat64), c.comm, nb, req)
	}, send, recv)
	return all, err
}

// AllreduceSum64 gathers every rank's vector (MPI_Allgather) and adds them
// in rank order on every rank, rather than calling MPI_Allreduce: the MPI
// library's reduction order depends on its algorithm, the number of ranks
// and the message size, whereas a fixed order gives the same bits as the
// in-process ranks, for any MPI library. The cost is memory and traffic
// len(buf)*Size() per rank, fine for the short vectors goqcd reduces.
func (c *mpiComm) AllreduceSum64(buf []float64) error {
	if len(buf) == 0 {
		return c.usable("AllreduceSum64")
	}
	all, err := c.allgather64("AllreduceSum64", buf)
	if err != nil {
		return err
	}
	sumInRankOrder(buf, splitParts(all, c.size))
	return nil
}

// AllreduceMax64 gathers like AllreduceSum64, so that NaN and signed zeros
// are treated exactly as by the in-process ranks (math.Max).
func (c *mpiComm) AllreduceMax64(buf []float64) error {
	if len(buf) == 0 {
		return c.usable("AllreduceMax64")
	}
	all, err := c.allgather64("AllreduceMax64", buf)
	if err != nil {
		return err
	}
	maxInRankOrder(buf, splitParts(all, c.size))
	return nil
}

// AllreduceSumC128 gathers the (re, im) pairs as float64 and adds in rank
// order, as AllreduceSum64.
func (c *mpiComm) AllreduceSumC128(buf []complex128) error {
	if len(buf) == 0 {
		return c.usable("AllreduceSumC128")
	}
	flat := unsafe.Slice((*float64)(unsafe.Pointer(&buf[0])), 2*len(buf))
	all, err := c.allgather64("AllreduceSumC128", flat)
	if err != nil {
		return err
	}
	allc := unsafe.Slice((*complex128)(unsafe.Pointer(&all[0])), len(buf)*c.size)
	sumInRankOrder(buf, splitParts(allc, c.size))
	return nil
}

// AllreduceSumInt64 uses MPI_Allreduce with MPI_SUM: integer addition is
// exact and associative, so the order does not matter.
func (c *mpiComm) AllreduceSumInt64(buf []int64) error {
	return c.allreduceInt64("AllreduceSumInt64", buf, 0)
}

func (c *mpiComm) allreduceInt64(op string, buf []int64, max C.int) error {
	if len(buf) == 0 {
		return c.usable(op)
	}
	if err := c.checkCount(op, len(buf)); err != nil {
		return err
	}
	p := ptr(buf)
	return c.collective(op, func(nb C.int, req *C.MPI_Fint) C.int {
		return C.goqcd_allreduce_int64(p, C.int(len(buf)), max, c.comm, nb, req)
	}, p)
}

// checkBcast makes every rank agree on the length and root of a broadcast
// before it starts (one small MPI_Allreduce), so that a mismatch is an
// error on every rank instead of a hang or a truncation on some.
func (c *mpiComm) checkBcast(op string, n, root int) error {
	if err := checkRoot(op, c.rank, c.size, root); err != nil {
		return err
	}
	if err := c.checkCount(op, n); err != nil {
		return err
	}
	v := []int64{int64(n), -int64(n), int64(root), -int64(root)}
	if err := c.allreduceInt64(op+" (length check)", v, 1); err != nil {
		return err
	}
	if v[0] != -v[1] || v[2] != -v[3] {
		return fmt.Errorf("comm: rank %d of %d: %s: ranks disagree on the buffer length (from %d to %d) or the root (from %d to %d); every rank must pass the same length and root",
			c.rank, c.size, op, -v[1], v[0], -v[3], v[2])
	}
	return nil
}

func (c *mpiComm) bcast(op string, p unsafe.Pointer, n int, kind mpiKind, root int) error {
	if err := c.checkBcast(op, n, root); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	return c.collective(op, func(nb C.int, req *C.MPI_Fint) C.int {
		return C.goqcd_bcast(p, C.int(n), C.int(kind), C.int(root), c.comm, nb, req)
	}, p)
}

func (c *mpiComm) Bcast64(buf []float64, root int) error {
	return c.bcast("Bcast64", ptr(buf), len(buf), kindFloat64, root)
}

func (c *mpiComm) BcastBytes(buf []byte, root int) error {
	return c.bcast("BcastBytes", ptr(buf), len(buf), kindByte, root)
}

func (c *mpiComm) Barrier() error {
	return c.collective("Barrier", func(nb C.int, req *C.MPI_Fint) C.int {
		return C.goqcd_barrier(c.comm, nb, req)
	})
}

// Abort prints msg with the rank on standard error and calls
// MPI_Abort(MPI_COMM_WORLD, code), which ends every rank of the job. It
// takes no lock, so that it works while another goroutine is inside MPI.
func (c *mpiComm) Abort(code int, msg string) {
	printAbort(c.rank, c.size, code, msg)
	os.Stderr.Sync()
	C.goqcd_abort(C.int(code))
	exitProcess(code) // MPI_Abort does not return; this is a safety net
}

// Finalize frees the communicator and calls MPI_Finalize (collective).
// Every later call fails, and MPI cannot be initialised again.
func (c *mpiComm) Finalize() error {
	if err := c.usable("Finalize"); err != nil {
		return err
	}
	c.finalized.Store(true)
	c.lock()
	rc := C.goqcd_finalize(c.comm)
	c.unlock()
	if rc != C.MPI_SUCCESS {
		return c.mpiError("Finalize", rc)
	}
	return nil
}
