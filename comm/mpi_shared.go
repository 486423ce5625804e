//go:build mpi

package comm

// #include <stdlib.h>
// #include "mpi_binding.h"
import "C"

import (
	"fmt"
	"sync/atomic"
	"unsafe"
)

// mpiShared is a window of MPI_Win_allocate_shared over the ranks of this
// rank's node; regions of ranks on other nodes are nil. The window is
// never freed (MPI_Win_free is collective): it lives until MPI_Finalize.
type mpiShared struct {
	c     *mpiComm
	local []byte
	peers [][]byte
}

func (s *mpiShared) Local() []byte { return s.local }

func (s *mpiShared) Peer(r int) []byte {
	if r < 0 || r >= len(s.peers) {
		return nil
	}
	return s.peers[r]
}

func (s *mpiShared) SetFlag(r, off int, v uint64) {
	atomic.StoreUint64(flagAt(s.Peer(r), off), v)
}

// WaitFlag: a dead rank ends the MPI job (mpirun kills every rank), so
// only the timeout and Finalize end the wait early.
func (s *mpiShared) WaitFlag(off int, v uint64, from int) error {
	return waitFlag(s.local, off, v, from, func() error { return s.c.usable("WaitFlag") })
}

// AllocShared allocates the region with MPI_Win_allocate_shared on the
// node's ranks and maps every node neighbour's region.
func (c *mpiComm) AllocShared(n int) (Shared, error) {
	op := "AllocShared"
	if n < 0 {
		return nil, fmt.Errorf("comm: rank %d of %d: %s(%d): the size must not be negative", c.rank, c.size, op, n)
	}
	if err := c.usable(op); err != nil {
		return nil, err
	}
	var base unsafe.Pointer
	s := &mpiShared{c: c, peers: make([][]byte, c.size)}
	var node, win C.MPI_Fint
	// C memory for the addresses: Go memory that C fills with pointers
	// would break cgo's pointer rules.
	cp := C.calloc(C.size_t(c.size), C.size_t(unsafe.Sizeof(unsafe.Pointer(nil))))
	defer C.free(cp)
	ptrs := unsafe.Slice((*unsafe.Pointer)(cp), c.size)
	sizes := make([]C.MPI_Aint, c.size)
	c.lock()
	rc := C.goqcd_shared_alloc(c.comm, C.MPI_Aint(n+sharedAlign), &base, &win, &node)
	if rc == C.MPI_SUCCESS {
		rc = C.goqcd_shared_peers(c.comm, node, win, C.int(c.size), (*unsafe.Pointer)(cp), &sizes[0])
	}
	c.unlock()
	if rc != C.MPI_SUCCESS {
		return nil, c.mpiError(fmt.Sprintf("%s(%d) (MPI_Win_allocate_shared)", op, n), rc)
	}
	// Each segment carries sharedAlign spare bytes: the library aligns it
	// only to 8 bytes (Open MPI 4.1 puts a header first), and the region
	// starts at the first 64-byte boundary. The shared pages are mapped at
	// page boundaries, so that offset is the same in every process.
	for r, p := range ptrs {
		if p == nil || int(sizes[r]) < sharedAlign {
			continue
		}
		skip := (sharedAlign - int(uintptr(p)%sharedAlign)) % sharedAlign
		s.peers[r] = unsafe.Slice((*byte)(p), int(sizes[r]))[skip : int(sizes[r])-sharedAlign+skip]
	}
	s.local = s.peers[c.rank]
	if len(s.local) < n {
		return nil, fmt.Errorf("comm: rank %d of %d: %s: MPI_Win_shared_query gave %d bytes for this rank's own region, not %d", c.rank, c.size, op, len(s.local), n)
	}
	s.local = s.local[:n:n]
	// The flags in the regions must start at zero, and MPI does not
	// promise zeroed memory: clear this rank's region, and let no rank
	// write into a neighbour's before the neighbour has cleared it.
	clear(s.local)
	if err := c.Barrier(); err != nil {
		return nil, fmt.Errorf("comm: rank %d of %d: %s: %w", c.rank, c.size, op, err)
	}
	return s, nil
}
