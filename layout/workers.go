package layout

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// workers is the thread team of a layout with Threads() > 1: Threads()-1
// goroutines that wait for ParallelFor's chunks. Starting a goroutine per
// chunk costs little, but waking the parked OS thread that runs it can take
// tens of microseconds, as long as a whole Wilson hopping term on a small
// local lattice: --threads 2 then ran 8^4 no faster than one thread. So a
// worker, after a chunk, spins for spinWait (checking for the next job)
// before it parks, like OpenMP's spin-then-sleep wait policy; between the
// hopping terms, solver steps and reductions of a solve it never parks.
type workers struct {
	n    int           // worker goroutines (chunks 1..n)
	gen  atomic.Uint64 // job generation; a new job increments it
	left atomic.Int64  // chunks of the current job not yet finished
	busy atomic.Bool   // a ParallelFor is using the team
	job  func(chunk, lo, hi int)
	size int // n of the current job's [0, n)
	mu   sync.Mutex
	wake *sync.Cond // parked workers wait here for gen to change
	stop atomic.Bool
}

// spinWait is how long an idle worker keeps checking for work before it
// parks.
const spinWait = 200 * time.Microsecond

func newWorkers(n int) *workers {
	w := &workers{n: n}
	w.wake = sync.NewCond(&w.mu)
	for k := 1; k <= n; k++ {
		go w.loop(k)
	}
	return w
}

// loop is worker k: run chunk k of each new job.
func (w *workers) loop(k int) {
	var last uint64 // the generation at creation: a job posted before this goroutine ran is still new to it
	for {
		g := w.await(last)
		if w.stop.Load() {
			return
		}
		last = g
		t, n := w.n+1, w.size
		if lo, hi := k*n/t, (k+1)*n/t; lo < hi {
			w.job(k, lo, hi)
		}
		w.left.Add(-1)
	}
}

// await returns the first generation after last: spinning for spinWait,
// then parked on the condition variable.
func (w *workers) await(last uint64) uint64 {
	start := time.Now()
	for spins := 0; ; spins++ {
		if g := w.gen.Load(); g != last || w.stop.Load() {
			return g
		}
		if spins%64 == 63 {
			if time.Since(start) > spinWait {
				break
			}
			runtime.Gosched() // let another goroutine of this P run
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.gen.Load() == last && !w.stop.Load() {
		w.wake.Wait()
	}
	return w.gen.Load()
}

// run executes body on the chunks of [0, n) with the team: chunk 0 on the
// caller, chunk k on worker k. It reports false, doing nothing, when the
// team is busy (a ParallelFor inside a ParallelFor body).
func (w *workers) run(n int, body func(chunk, lo, hi int)) bool {
	if !w.busy.CompareAndSwap(false, true) {
		return false
	}
	defer w.busy.Store(false)
	w.job, w.size = body, n
	w.left.Store(int64(w.n))
	w.gen.Add(1)
	w.mu.Lock()
	w.wake.Broadcast()
	w.mu.Unlock()
	if hi := n / (w.n + 1); hi > 0 {
		body(0, 0, hi)
	}
	for spins := 0; w.left.Load() != 0; spins++ {
		if spins%64 == 63 {
			runtime.Gosched()
		}
	}
	w.job = nil
	return true
}

// close ends the worker goroutines (when the layout is collected).
func (w *workers) close() {
	w.stop.Store(true)
	w.mu.Lock()
	w.wake.Broadcast()
	w.mu.Unlock()
}
