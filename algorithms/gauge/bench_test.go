package gauge

import (
	"testing"

	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/layout"
)

// BenchmarkHeatbathSweep8 times one SU(3) Cabibbo-Marinari heatbath sweep
// of an 8^4 lattice on one rank; ns/site is per site (4 links).
func BenchmarkHeatbathSweep8(b *testing.B) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 1)
	g := hot(b, l, 3, 1)
	ws := NewWorkspace(l, 3)
	s := rng.New(1, 0)
	b.ResetTimer()
	for b.Loop() {
		if err := g.HeatbathSweep(6.0, &s, ws); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(l.Volume), "ns/site")
}

func BenchmarkOverrelaxSweep8(b *testing.B) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 1)
	g := hot(b, l, 3, 1)
	ws := NewWorkspace(l, 3)
	b.ResetTimer()
	for b.Loop() {
		if err := g.OverrelaxSweep(ws); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(l.Volume), "ns/site")
}

func BenchmarkPlaquette8(b *testing.B) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 1)
	g := hot(b, l, 3, 1)
	ws := NewWorkspace(l, 3)
	for b.Loop() {
		if _, err := g.Plaquette(ws); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHeatbathSweep8W8 is BenchmarkHeatbathSweep8 at W = 8 (the
// avx512 width: the SU(3) products run in the kernels.SU3Mul64 assembly).
func BenchmarkHeatbathSweep8W8(b *testing.B) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 8)
	g := hot(b, l, 3, 1)
	ws := NewWorkspace(l, 3)
	s := rng.New(1, 0)
	b.ResetTimer()
	for b.Loop() {
		if err := g.HeatbathSweep(6.0, &s, ws); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(l.Volume), "ns/site")
}

// BenchmarkMatMul8W8 times one SU(3) link-field product U V^dagger on an
// 8^4 lattice at W = 8; ns/site is per site (one 3x3 complex product).
func BenchmarkMatMul8W8(b *testing.B) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 8)
	g := hot(b, l, 3, 1)
	dst := layout.NewField[float64](l, 9, layout.Full)
	for b.Loop() {
		MatMul(3, dst, g.U[0], g.U[1], Plain, Dag, layout.Full)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(l.Volume), "ns/site")
}
