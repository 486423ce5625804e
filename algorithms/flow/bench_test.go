package flow

import (
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/measure"
	"github.com/goqcd/goqcd/layout"
)

// BenchmarkStep8 times one third-order Runge-Kutta flow step of an SU(3)
// 8^4 lattice on one rank (three force evaluations and link updates);
// ns/site is per site (4 links).
func BenchmarkStep8(b *testing.B) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 1)
	g := thermalised(b, l, 3, 6.0, 1, 1)
	f, err := New(g, gauge.NewWorkspace(l, 3))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := f.Step(0.01); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(l.Volume), "ns/site")
}

// BenchmarkAdaptiveStep8 is BenchmarkStep8 for AdaptiveStep with a
// tolerance loose enough that no step is rejected.
func BenchmarkAdaptiveStep8(b *testing.B) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 1)
	g := thermalised(b, l, 3, 6.0, 1, 1)
	f, err := New(g, gauge.NewWorkspace(l, 3))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := f.AdaptiveStep(0.01, 1); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(l.Volume), "ns/site")
}

// BenchmarkMeasure8 times the per-step measurement of Run (clover E and Q,
// plaquette E) on an SU(3) 8^4 lattice.
func BenchmarkMeasure8(b *testing.B) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 1)
	g := thermalised(b, l, 3, 6.0, 1, 1)
	ws := gauge.NewWorkspace(l, 3)
	var fs [6]*layout.Field[float64]
	b.ResetTimer()
	for b.Loop() {
		if _, err := measure.CloverObservables(g, ws, &fs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(l.Volume), "ns/site")
}
