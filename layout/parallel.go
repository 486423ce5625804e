package layout

import "sync"

// ParallelFor splits [0, n) into Threads() contiguous chunks and runs body
// on each chunk in its own goroutine (the calling one included), returning
// when all are done. Chunk k is [k*n/T, (k+1)*n/T), so the split depends
// only on n and the thread count.
func (l *Layout) ParallelFor(n int, body func(chunk, lo, hi int)) {
	t := l.threads
	if t > n {
		t = n
	}
	if t <= 1 {
		body(0, 0, n)
		return
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
