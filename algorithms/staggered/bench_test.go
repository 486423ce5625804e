package staggered

import (
	"fmt"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// BenchmarkHop times the staggered hopping term D on the full lattice and
// reports GFlop/s in the 570 flop/site convention.
func BenchmarkHop(b *testing.B) {
	for _, L := range []int{8, 16} {
		b.Run(fmt.Sprintf("%d^4", L), func(b *testing.B) {
			l := newLayout(b, comm.Local(), [4]int{L, L, L, L}, [4]int{}, 1)
			g := hotField(b, l, 1)
			op, err := New[float64](g, 0.1, Antiperiodic)
			if err != nil {
				b.Fatal(err)
			}
			src, dst := op.NewField(), op.NewField()
			gaussian(src, 1)
			b.ResetTimer()
			for b.Loop() {
				if err := op.Hop(dst, src, layout.Full); err != nil {
					b.Fatal(err)
				}
			}
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(FlopsPerSite*float64(l.Volume)/sec/1e9, "GFlop/s")
		})
	}
}
