package comm

import (
	"fmt"
	"sync"
)

// Point-to-point messages between in-process ranks. Each receiving rank has
// a mailbox keyed by (source, tag); in each key a FIFO holds either sends
// that no receive has matched yet or receives that no send has matched yet,
// never both. This gives MPI's matching rule (a receive matches the earliest
// unmatched send from that source with that tag, and the other way round)
// with one lock per receiving rank instead of a global one.
//
// Sends are buffered: Isend copies the data straight into a matching posted
// receive, or else into a private copy held in the mailbox (in a buffer
// recycled from an earlier consumed copy where one fits), so a send
// request is complete when Isend returns. MPI may instead hold a large send
// until the receive is posted; programs must not rely on either behaviour.

// payload is a float64 or float32 buffer.
type payload struct {
	f64  []float64
	f32  []float32
	is32 bool
}

func (p payload) len() int {
	if p.is32 {
		return len(p.f32)
	}
	return len(p.f64)
}

func (p payload) typeName() string {
	if p.is32 {
		return "float32"
	}
	return "float64"
}

// cloneInto returns a private copy of p, in spare's memory when it has
// room (a buffer from mailbox.spare; the zero payload: none).
func (p payload) cloneInto(spare payload) payload {
	if p.is32 {
		return payload{f32: append(spare.f32[:0], p.f32...), is32: true}
	}
	return payload{f64: append(spare.f64[:0], p.f64...)}
}

// fits reports whether buffer b can hold a copy of p.
func (b payload) fits(p payload) bool {
	if p.is32 {
		return b.is32 && cap(b.f32) >= len(p.f32)
	}
	return !b.is32 && cap(b.f64) >= len(p.f64)
}

// envelope is what a receive matches on besides the receiving rank.
type envelope struct{ src, tag int }

type mailbox struct {
	mu     sync.Mutex
	queues map[envelope]*queue
	// spare holds the buffers of queued sends that receives have consumed,
	// for the copies of later sends: a steady halo exchange, in which a
	// send often comes before its receive, then allocates nothing and
	// copies into memory that is already mapped and cached.
	spare []payload
}

// maxSpare bounds the buffers a mailbox keeps for reuse: enough for the
// 16 messages (8 hops, 2 parities) of one hopping-term exchange.
const maxSpare = 16

// takeSpare removes and returns a spare buffer that can hold a copy of p
// (the zero payload if none can); the caller holds b.mu.
func (b *mailbox) takeSpare(p payload) payload {
	for i := len(b.spare) - 1; i >= 0; i-- {
		if s := b.spare[i]; s.fits(p) {
			last := len(b.spare) - 1
			b.spare[i] = b.spare[last]
			b.spare[last] = payload{}
			b.spare = b.spare[:last]
			return s
		}
	}
	return payload{}
}

// putSpare keeps the buffer of a consumed queued send for reuse.
func (b *mailbox) putSpare(m payload) {
	b.mu.Lock()
	if len(b.spare) < maxSpare {
		b.spare = append(b.spare, m)
	}
	b.mu.Unlock()
}

// queue returns the FIFO of key e, creating it; the caller holds b.mu.
func (b *mailbox) queue(e envelope) *queue {
	q := b.queues[e]
	if q == nil {
		if b.queues == nil {
			b.queues = make(map[envelope]*queue)
		}
		q = &queue{}
		b.queues[e] = q
	}
	return q
}

// queue holds unmatched sends or unmatched receives of one envelope.
type queue struct {
	sends []payload
	recvs []*recvRequest
}

func (q *queue) popSend() payload {
	m := q.sends[0]
	q.sends[0] = payload{}
	q.sends = q.sends[1:]
	return m
}

func (q *queue) popRecv() *recvRequest {
	r := q.recvs[0]
	q.recvs[0] = nil
	q.recvs = q.recvs[1:]
	return r
}

// removeRecv takes r out of the queue and reports whether it was there.
func (q *queue) removeRecv(r *recvRequest) bool {
	for i, x := range q.recvs {
		if x == r {
			q.recvs = append(q.recvs[:i], q.recvs[i+1:]...)
			return true
		}
	}
	return false
}

// recvRequest is a posted receive.
type recvRequest struct {
	c   *inprocComm
	op  string
	env envelope
	buf payload

	done chan struct{} // closed by the sender that fills buf
	err  error         // set before done is closed

	waited bool
	res    error
}

// deliver copies the message m into the receive buffer of r, checking type
// and length, and completes r.
func (r *recvRequest) deliver(m payload) {
	r.err = r.c.copyMessage(r.op, r.env, r.buf, m)
	close(r.done)
}

// copyMessage copies message m into buf, or says why it cannot.
func (c *inprocComm) copyMessage(op string, env envelope, buf, m payload) error {
	if m.is32 != buf.is32 {
		return fmt.Errorf("comm: rank %d of %d: %s from rank %d tag %d: the message holds %s values but the receive buffer is %s: use the matching Isend/Irecv pair",
			c.showRank, c.showSize, op, c.shown(env.src), env.tag, m.typeName(), buf.typeName())
	}
	if m.len() != buf.len() {
		return fmt.Errorf("comm: rank %d of %d: %s from rank %d tag %d: the message has %d values but the receive buffer holds %d: receive with a buffer of the sent length",
			c.showRank, c.showSize, op, c.shown(env.src), env.tag, m.len(), buf.len())
	}
	if m.is32 {
		copy(buf.f32, m.f32)
	} else {
		copy(buf.f64, m.f64)
	}
	return nil
}

func (c *inprocComm) isend(buf payload, dest, tag int, op string) Request {
	if err := checkPeer(op, c.rank, c.w.size, dest, tag); err != nil {
		return failed(err)
	}
	if err := c.usable(op); err != nil {
		return failed(err)
	}
	box := &c.w.boxes[dest]
	box.mu.Lock()
	q := box.queue(envelope{src: c.rank, tag: tag})
	if len(q.recvs) > 0 {
		r := q.popRecv()
		box.mu.Unlock()
		// r is ours alone now; copy outside the lock.
		r.deliver(buf)
		return completed
	}
	q.sends = append(q.sends, buf.cloneInto(box.takeSpare(buf)))
	box.mu.Unlock()
	return completed
}

func (c *inprocComm) irecv(buf payload, src, tag int, op string) Request {
	if err := checkPeer(op, c.rank, c.w.size, src, tag); err != nil {
		return failed(err)
	}
	if err := c.usable(op); err != nil {
		return failed(err)
	}
	env := envelope{src: src, tag: tag}
	box := &c.w.boxes[c.rank]
	box.mu.Lock()
	q := box.queue(env)
	if len(q.sends) > 0 {
		m := q.popSend()
		box.mu.Unlock()
		// m is ours alone now: copy outside the lock, then recycle it.
		err := c.copyMessage(op, env, buf, m)
		box.putSpare(m)
		if err != nil {
			return failed(err)
		}
		return completed
	}
	r := &recvRequest{c: c, op: op, env: env, buf: buf, done: make(chan struct{})}
	q.recvs = append(q.recvs, r)
	box.mu.Unlock()
	return r
}

// Wait blocks until a sender has filled the buffer, the job ends, or the
// source rank returns from its body without having sent the message.
// Calling Wait again returns the same result.
func (r *recvRequest) Wait() error {
	if !r.waited {
		r.res = r.wait()
		r.waited = true
	}
	return r.res
}

func (r *recvRequest) wait() error {
	w := r.c.w
	select {
	case <-r.done:
		return r.err
	default:
	}
	select {
	case <-r.done:
		return r.err
	case <-w.ended:
	case <-w.finished[r.env.src]:
	}
	// Withdraw the receive, so that no later send writes into a buffer its
	// owner has got back. If a sender has already taken it, the copy is
	// under way: wait for it and keep the message.
	box := &w.boxes[r.c.rank]
	box.mu.Lock()
	withdrawn := box.queue(r.env).removeRecv(r)
	box.mu.Unlock()
	if !withdrawn {
		<-r.done
		return r.err
	}
	if err := w.endedErr(); err != nil {
		return fmt.Errorf("comm: rank %d of %d: Wait for %s from rank %d tag %d: the job has ended: %w",
			r.c.showRank, r.c.showSize, r.op, r.c.shown(r.env.src), r.env.tag, err)
	}
	return fmt.Errorf("comm: rank %d of %d: Wait for %s from rank %d tag %d: rank %d returned from its body without sending the message",
		r.c.showRank, r.c.showSize, r.op, r.c.shown(r.env.src), r.env.tag, r.c.shown(r.env.src))
}
