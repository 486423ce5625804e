package comm

import (
	"fmt"
	"strings"
	"sync"
)

// Collectives of in-process ranks run in rounds. Each rank registers its
// call in the current round and blocks; the last rank to arrive checks that
// all calls agree, computes the result from every rank's buffer (which its
// owner cannot touch while it waits) and releases the round. Every rank then
// copies the result into its own buffer. A round is never reused, so a slow
// rank reading one result cannot be overtaken by the next round.

type collOp int

const (
	opSum64 collOp = iota
	opMax64
	opSumC128
	opSumInt64
	opBcast64
	opBcastBytes
	opBarrier
	opFinalize
)

func (op collOp) String() string {
	return [...]string{"AllreduceSum64", "AllreduceMax64", "AllreduceSumC128", "AllreduceSumInt64",
		"Bcast64", "BcastBytes", "Barrier", "Finalize"}[op]
}

// collCall is one rank's call of a collective, or the result of a round.
type collCall struct {
	op    collOp
	root  int
	f64   []float64
	c128  []complex128
	i64   []int64
	bytes []byte
}

func (k *collCall) len() int {
	return len(k.f64) + len(k.c128) + len(k.i64) + len(k.bytes)
}

func (k *collCall) String() string {
	switch k.op {
	case opBcast64, opBcastBytes:
		return fmt.Sprintf("%v(%d values, root %d)", k.op, k.len(), k.root)
	case opBarrier, opFinalize:
		return k.op.String()
	}
	return fmt.Sprintf("%v(%d values)", k.op, k.len())
}

type round struct {
	calls   []*collCall // calls[r] is rank r's call, nil until it arrives
	arrived int
	closed  bool
	done    chan struct{} // closed when the round has a result or an error
	err     error
	res     collCall
}

type collectives struct {
	mu        sync.Mutex
	cur       *round
	finished  []bool
	nfinished int
}

func (cs *collectives) init(size int) {
	cs.finished = make([]bool, size)
	cs.cur = newRound(size)
}

func newRound(size int) *round {
	return &round{calls: make([]*collCall, size), done: make(chan struct{})}
}

// closeRound releases rd with err (nil for success) and starts the next
// round; the caller holds cs.mu.
func (cs *collectives) closeRound(rd *round, err error) {
	if rd.closed {
		return
	}
	rd.err = err
	rd.closed = true
	close(rd.done)
	if cs.cur == rd {
		cs.cur = newRound(len(rd.calls))
	}
}

// waiting lists the ranks that have arrived in rd.
func (rd *round) waiting() string {
	var ranks []string
	for r, k := range rd.calls {
		if k != nil {
			ranks = append(ranks, fmt.Sprint(r))
		}
	}
	return strings.Join(ranks, ", ")
}

// rankFinished fails the current round if ranks wait in it, since rank r,
// which has returned from its body, will never arrive.
func (cs *collectives) rankFinished(w *world, r int) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.finished[r] = true
	cs.nfinished++
	if rd := cs.cur; rd.arrived > 0 {
		cs.closeRound(rd, fmt.Errorf("rank %d returned from its body while ranks %s wait in a collective", r, rd.waiting()))
	}
}

// collective runs call as this rank's part of the current round.
func (c *inprocComm) collective(call collCall) error {
	op := call.op.String()
	if err := c.usable(op); err != nil {
		return err
	}
	w := c.w
	cs := &w.coll
	cs.mu.Lock()
	rd := cs.cur
	switch {
	case rd.calls[c.rank] != nil:
		rd.calls[c.rank] = &call
		cs.closeRound(rd, fmt.Errorf("rank %d entered a collective while already in one (collectives of a rank must be called in sequence)", c.rank))
	case cs.nfinished > 0:
		rd.calls[c.rank] = &call
		cs.closeRound(rd, fmt.Errorf("a rank has returned from its body, so a collective can never complete"))
	default:
		rd.calls[c.rank] = &call
		rd.arrived++
		if rd.arrived == w.size {
			cs.closeRound(rd, rd.compute())
		}
	}
	cs.mu.Unlock()

	select {
	case <-rd.done:
	case <-w.ended:
		// Close the round (if nobody has) so that no late rank reads our
		// buffer after we return.
		cs.mu.Lock()
		cs.closeRound(rd, fmt.Errorf("the job has ended: %w", w.endErr))
		cs.mu.Unlock()
	}
	if rd.err != nil {
		return fmt.Errorf("comm: rank %d of %d: %v: %w", c.rank, w.size, &call, rd.err)
	}
	switch call.op {
	case opSum64, opMax64, opBcast64:
		copy(call.f64, rd.res.f64)
	case opSumC128:
		copy(call.c128, rd.res.c128)
	case opSumInt64:
		copy(call.i64, rd.res.i64)
	case opBcastBytes:
		copy(call.bytes, rd.res.bytes)
	}
	return nil
}

// compute checks that every rank made the same call and computes the
// result; every rank has arrived and holds still.
func (rd *round) compute() error {
	k0 := rd.calls[0]
	for r, k := range rd.calls {
		if k.op != k0.op || k.len() != k0.len() || k.root != k0.root {
			return fmt.Errorf("collective mismatch: rank 0 called %v but rank %d called %v; every rank must make the same collective calls in the same order",
				k0, r, k)
		}
	}
	switch k0.op {
	case opSum64, opMax64:
		parts := make([][]float64, len(rd.calls))
		for r, k := range rd.calls {
			parts[r] = k.f64
		}
		rd.res.f64 = make([]float64, k0.len())
		if k0.op == opSum64 {
			sumInRankOrder(rd.res.f64, parts)
		} else {
			maxInRankOrder(rd.res.f64, parts)
		}
	case opSumC128:
		parts := make([][]complex128, len(rd.calls))
		for r, k := range rd.calls {
			parts[r] = k.c128
		}
		rd.res.c128 = make([]complex128, k0.len())
		sumInRankOrder(rd.res.c128, parts)
	case opSumInt64:
		parts := make([][]int64, len(rd.calls))
		for r, k := range rd.calls {
			parts[r] = k.i64
		}
		rd.res.i64 = make([]int64, k0.len())
		sumInRankOrder(rd.res.i64, parts)
	case opBcast64:
		rd.res.f64 = append([]float64(nil), rd.calls[k0.root].f64...)
	case opBcastBytes:
		rd.res.bytes = append([]byte(nil), rd.calls[k0.root].bytes...)
	}
	return nil
}
