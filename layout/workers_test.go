package layout

import (
	"sync/atomic"
	"testing"

	"github.com/goqcd/goqcd/comm"
)

// TestParallelForTeam checks that every index of [0, n) is visited once, in
// the documented chunks, for many calls in a row (the team's workers are
// reused), for n below, at and above the thread count, and with a nested
// call.
func TestParallelForTeam(t *testing.T) {
	for _, threads := range []int{2, 3, 4} {
		l, err := New(comm.Local(), [Nd]int{4, 4, 4, 4}, Options{W: 1, Threads: threads})
		if err != nil {
			t.Fatal(err)
		}
		for rep := range 300 {
			n := []int{1, 2, 3, 5, 17, 1000}[rep%6]
			seen := make([]atomic.Int32, n)
			tt := min(threads, n)
			l.ParallelFor(n, func(chunk, lo, hi int) {
				if lo != chunk*n/tt || hi != (chunk+1)*n/tt {
					t.Errorf("threads %d n %d: chunk %d is [%d, %d), want [%d, %d)", threads, n, chunk, lo, hi, chunk*n/tt, (chunk+1)*n/tt)
				}
				for i := lo; i < hi; i++ {
					seen[i].Add(1)
				}
				if rep%50 == 0 && chunk == 0 {
					var inner atomic.Int32
					l.ParallelFor(10, func(_, lo, hi int) { inner.Add(int32(hi - lo)) })
					if inner.Load() != 10 {
						t.Errorf("nested ParallelFor covered %d of 10", inner.Load())
					}
				}
			})
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Fatalf("threads %d n %d rep %d: index %d visited %d times", threads, n, rep, i, c)
				}
			}
		}
	}
}
