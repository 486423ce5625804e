package layout

import "sync"

// Threaded loops of the field linear algebra: the data of a field is split
// into Threads() contiguous runs of whole tiles (ParallelFor). Element-wise
// operations need nothing more; reductions give every run its own exact
// accumulators and add them at the end, which, the sums being exact, gives
// the same bits for every thread count.

// minParallelTiles is the fewest tiles a field must have for its linear
// algebra to be split over threads: below it the team's start costs more
// than it saves.
const minParallelTiles = 64

// parallelData runs body on contiguous ranges [lo, hi) of f.Data, one per
// thread (chunk k), each a whole number of tiles.
func parallelData[F Float](f *Field[F], body func(chunk, lo, hi int)) {
	l := f.Layout
	tile := f.NC * 2 * l.W
	n := len(f.Data)
	if l.threads <= 1 || tile == 0 || n%tile != 0 || n/tile < minParallelTiles {
		body(0, 0, n)
		return
	}
	l.ParallelFor(n/tile, func(chunk, lo, hi int) { body(chunk, lo*tile, hi*tile) })
}

// accPool recycles the per-thread accumulators of parallelSums (an
// ExactSum is about 560 bytes; a solver reduces a few times an iteration).
var accPool = sync.Pool{New: func() any { return new([]ExactSum) }}

// parallelSums runs body on the ranges of parallelData, each with its own
// k <= 2 exact accumulators, and returns their sums (the first k entries).
func parallelSums[F Float](f *Field[F], k int, body func(acc []ExactSum, lo, hi int)) (sums [2]ExactSum) {
	t := max(f.Layout.threads, 1)
	p := accPool.Get().(*[]ExactSum)
	if len(*p) < t*k {
		*p = make([]ExactSum, t*k)
	}
	accs := (*p)[:t*k]
	clear(accs)
	parallelData(f, func(chunk, lo, hi int) { body(accs[chunk*k:(chunk+1)*k], lo, hi) })
	for c := range t {
		for j := range k {
			sums[j].AddSum(&accs[c*k+j])
		}
	}
	accPool.Put(p)
	return sums
}
