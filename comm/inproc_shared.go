package comm

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

// inprocShared is a set of in-process ranks' regions: every rank of the
// world shares the process's memory.
type inprocShared struct {
	c    *inprocComm
	rank int
	regs [][]byte
}

func (s *inprocShared) Local() []byte { return s.regs[s.rank] }

func (s *inprocShared) Peer(r int) []byte {
	if r < 0 || r >= len(s.regs) {
		return nil
	}
	return s.regs[r]
}

func (s *inprocShared) SetFlag(r, off int, v uint64) {
	atomic.StoreUint64(flagAt(s.Peer(r), off), v)
}

// WaitFlag fails when the job has ended or rank from has returned from its
// body (then it will never set the flag).
func (s *inprocShared) WaitFlag(off int, v uint64, from int) error {
	w := s.c.w
	return waitFlag(s.Local(), off, v, from, func() error {
		if err := s.c.usable("WaitFlag"); err != nil {
			return err
		}
		if from >= 0 && from < w.size {
			select {
			case <-w.finished[from]:
				if atomic.LoadUint64(flagAt(s.Local(), off)) >= v {
					return nil
				}
				return fmt.Errorf("comm: rank %d of %d: WaitFlag: rank %d returned from its body without setting the shared flag", s.rank, w.size, from)
			default:
			}
		}
		return nil
	})
}

// sharedTable collects the regions of the world's AllocShared calls: the
// k-th call of every rank fills entry k.
type sharedTable struct {
	mu    sync.Mutex
	calls [][][]byte // calls[k][r]
}

// alignedBytes returns n bytes starting at a multiple of sharedAlign.
func alignedBytes(n int) []byte {
	b := make([]byte, n+sharedAlign)
	off := (sharedAlign - int(uintptr(unsafe.Pointer(&b[0]))%sharedAlign)) % sharedAlign
	return b[off : off+n : off+n]
}

// AllocShared allocates this rank's region, then (after a barrier, so that
// every rank has registered its own) collects the others'.
func (c *inprocComm) AllocShared(n int) (Shared, error) {
	if n < 0 {
		return nil, fmt.Errorf("comm: rank %d of %d: AllocShared(%d): the size must not be negative", c.rank, c.w.size, n)
	}
	if err := c.usable("AllocShared"); err != nil {
		return nil, err
	}
	st := &c.w.shared
	st.mu.Lock()
	k := c.sharedCalls
	for len(st.calls) <= k {
		st.calls = append(st.calls, make([][]byte, c.w.size))
	}
	st.calls[k][c.rank] = alignedBytes(n)
	st.mu.Unlock()
	c.sharedCalls++
	if err := c.Barrier(); err != nil {
		return nil, fmt.Errorf("comm: rank %d of %d: AllocShared: %w", c.rank, c.w.size, err)
	}
	st.mu.Lock()
	regs := append([][]byte(nil), st.calls[k]...)
	st.mu.Unlock()
	return &inprocShared{c: c, rank: c.rank, regs: regs}, nil
}
