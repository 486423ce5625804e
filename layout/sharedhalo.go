package layout

import (
	"fmt"
	"os"

	"github.com/goqcd/goqcd/comm"
)

// SharedHaloEnv names the environment variable that switches the shared
// halo off: GOQCD_SHARED_HALO=off (or 0) sends every face through MPI
// messages, as between nodes; unset, on or 1 uses node-shared memory
// between the ranks of a node.
const SharedHaloEnv = "GOQCD_SHARED_HALO"

// sharedHaloDefault reads SharedHaloEnv.
func sharedHaloDefault() (bool, error) {
	switch v := os.Getenv(SharedHaloEnv); v {
	case "", "on", "1":
		return true, nil
	case "off", "0":
		return false, nil
	default:
		return false, fmt.Errorf("layout: %s=%q: use on or off", SharedHaloEnv, v)
	}
}

// SharedHalo is the node-shared receive memory of a layout's halo
// exchanges (comm.Shared): a rank writes a face straight into the receive
// buffer of a neighbour on its node, then sets a flag in the neighbour's
// region to the exchange's sequence number; the neighbour waits for the
// flag and reads. No MPI call is made.
//
// The memory holds two generations of buffers and every exchange takes the
// next one (Next). That makes the writes safe without a second flag: an
// exchange swaps faces in both directions between every pair of
// neighbours, so a rank that writes into generation g in exchange k+2 has
// completed exchange k+1, whose flag from the neighbour the neighbour set
// only after finishing exchange k, the last reader of generation g. Every
// rank runs the same exchanges in the same order, so they agree on the
// generation and the sequence number.
type SharedHalo struct {
	Shared comm.Shared
	gen    int    // bytes per generation
	seq    uint64 // exchanges so far
}

// SharedHaloFlags is the number of flags of a SharedHalo, each on a cache
// line of its own at the start of the region.
const SharedHaloFlags = 64

// sharedFlagBytes is the room of the flags.
const sharedFlagBytes = 64 * SharedHaloFlags

// SharedHalo returns the layout's shared halo memory with at least n bytes
// per generation, allocating it on the first call (collective: every rank
// must make the first call together, with the same n). It returns nil,
// without allocating, on one rank or when SharedHaloEnv switches the
// shared halo off. A later call may not ask for more than the first.
func (l *Layout) SharedHalo(n int) (*SharedHalo, error) {
	l.sharedOnce.Do(func() {
		on, err := sharedHaloDefault()
		if err != nil || !on || l.Comm.Size() == 1 {
			l.sharedErr = err
			return
		}
		n = (n + 63) &^ 63
		sh, err := l.Comm.AllocShared(sharedFlagBytes + 2*n)
		if err != nil {
			l.sharedErr = fmt.Errorf("layout: shared halo memory: %w (%s=off sends the faces as MPI messages instead)", err, SharedHaloEnv)
			return
		}
		l.shared = &SharedHalo{Shared: sh, gen: n}
	})
	if l.sharedErr != nil || l.shared == nil {
		return nil, l.sharedErr
	}
	if n > l.shared.gen {
		return nil, fmt.Errorf("layout: shared halo memory: %d bytes asked per generation, %d allocated by the first call", n, l.shared.gen)
	}
	return l.shared, nil
}

// Next starts an exchange: it returns the byte offset, in the regions, of
// the exchange's generation of buffers and its sequence number (1, 2, ...),
// the value of the flags that say its faces are complete.
func (s *SharedHalo) Next() (int, uint64) {
	g := int(s.seq % 2)
	s.seq++
	return sharedFlagBytes + g*s.gen, s.seq
}

// Flag is the byte offset of flag k (0 <= k < SharedHaloFlags) in the
// regions.
func (s *SharedHalo) Flag(k int) int {
	if k < 0 || k >= SharedHaloFlags {
		panic(fmt.Sprintf("layout: shared halo flag %d outside [0, %d)", k, SharedHaloFlags))
	}
	return 64 * k
}
