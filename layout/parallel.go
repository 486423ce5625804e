package layout

import (
	"runtime"
	"sync"
)

// ParallelFor splits [0, n) into Threads() contiguous chunks and runs body
// on each chunk, chunk 0 on the calling goroutine and the others on the
// layout's thread team (workers.go), returning when all are done. Chunk k
// is [k*n/T, (k+1)*n/T) with T = min(Threads(), n), so the split depends
// only on n and the thread count. A body may call ParallelFor of the same
// layout (the nested call runs on fresh goroutines).
func (l *Layout) ParallelFor(n int, body func(chunk, lo, hi int)) {
	t := l.threads
	if t <= 1 || n <= 1 {
		body(0, 0, n)
		return
	}
	if n >= t {
		l.teamOnce.Do(func() {
			l.team = newWorkers(t - 1)
			runtime.AddCleanup(l, func(w *workers) { w.close() }, l.team)
		})
		if l.team.run(n, body) {
			return
		}
	}
	if t > n {
		t = n
	}
	var wg sync.WaitGroup
	for k := 1; k < t; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			body(k, k*n/t, (k+1)*n/t)
		}(k)
	}
	body(0, 0, n/t)
	wg.Wait()
}
