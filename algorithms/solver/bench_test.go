package solver

import (
	"errors"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// BenchmarkCG8 times CG iterations on an 8^4 lattice with the Hermitian
// full-lattice test operator (nine dense 12x12 complex matrix-vector
// products per site, 10368 flops, plus eight shifts): time per iteration
// and the flop rate from Result.Flops. For reference only: the test
// operator is not a tuned Dirac operator.
func BenchmarkCG8(b *testing.B) {
	for _, w := range []int{1, 4} {
		b.Run(map[int]string{1: "W1", 4: "W4"}[w], func(b *testing.B) {
			l := newLayout(b, comm.Local(), [layout.Nd]int{8, 8, 8, 8}, w)
			op := mustOp(b, l, hermFull)
			src := gaussian(l, layout.Full, 3)
			x := src.Like()
			const iters = 20
			var flops, secs float64
			b.ResetTimer()
			for range b.N {
				x.Zero()
				res, err := CG(op, x, src, Params{Tol: 1e-14, MaxIter: iters})
				if err != nil && !errors.Is(err, ErrNotConverged) {
					b.Fatal(err)
				}
				flops += res.Flops
				secs += res.Seconds
			}
			b.ReportMetric(secs/float64(b.N*iters)*1e3, "ms/iter")
			b.ReportMetric(flops/secs/1e9, "Gflop/s")
		})
	}
}
