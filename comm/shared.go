package comm

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// Shared is node-shared memory: one region per rank of a communicator,
// which every rank of the same node (the same process, for in-process
// ranks) can read and write directly. A halo exchange between two ranks of
// a node can then write the face straight into the neighbour's receive
// buffer and send only a short message to say that it is there, instead
// of sending the face through MPI (which copies it once or twice, and
// moves a large message only while both ranks are inside MPI).
//
// The regions carry no synchronisation of their own: a writer must know
// that the owner no longer reads what it overwrites, and the owner must
// learn that the data is complete: by a flag in its region (SetFlag after
// the data, WaitFlag before reading: a release store and acquire loads, no
// MPI call), or by a message, with Sync on either side of it.
type Shared interface {
	// Local is this rank's region, of the size asked for, 64-byte aligned
	// and zeroed by AllocShared.
	Local() []byte
	// Peer is rank r's region when r shares memory with this rank (r may
	// be this rank), nil otherwise.
	Peer(r int) []byte
	// SetFlag stores v in the 8-byte flag at byte offset off (a multiple
	// of 8) of rank r's region, after every write this rank made before
	// (a release store).
	SetFlag(r, off int, v uint64)
	// WaitFlag waits until the flag at byte offset off of this rank's
	// region is at least v (flags only grow), after which the writes that
	// the writer made before setting it are visible. It fails when the job
	// ends or rank from, the writer, can no longer set it (in process), or
	// after FlagTimeout.
	WaitFlag(off int, v uint64, from int) error
}

// FlagTimeout bounds WaitFlag: a neighbour that has not written its face
// after this long is stuck (a rank in another collective) or dead.
var FlagTimeout = 10 * time.Minute

// flagAt is the flag at byte offset off of region b.
func flagAt(b []byte, off int) *uint64 {
	if off < 0 || off%8 != 0 || off+8 > len(b) {
		panic(fmt.Sprintf("comm: shared flag at byte %d of a region of %d bytes: the offset must be a multiple of 8 inside the region", off, len(b)))
	}
	return (*uint64)(unsafe.Pointer(&b[off]))
}

// waitFlag spins on the flag at off of local until it reaches v, calling
// check (which reports a dead job) about every millisecond.
func waitFlag(local []byte, off int, v uint64, from int, check func() error) error {
	f := flagAt(local, off)
	if atomic.LoadUint64(f) >= v {
		return nil
	}
	start := time.Now()
	last := start
	for spins := 1; ; spins++ {
		if atomic.LoadUint64(f) >= v {
			return nil
		}
		if spins%256 != 0 {
			continue
		}
		runtime.Gosched()
		if now := time.Now(); now.Sub(last) > time.Millisecond {
			last = now
			if err := check(); err != nil {
				return err
			}
			if now.Sub(start) > FlagTimeout {
				return fmt.Errorf("comm: waited %v for rank %d to set a shared flag to %d (it holds %d): that rank is stuck or dead",
					FlagTimeout, from, v, atomic.LoadUint64(f))
			}
		}
	}
}

// sharedAlign is the alignment of every region (a cache line, and the
// widest SIMD register of the kernels).
const sharedAlign = 64
