package measure

import (
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// The benchmarks time the observables on an SU(3) 8^4 lattice on one rank;
// ns/site is per lattice site.

func benchField(b *testing.B) (*gauge.Field, *gauge.Workspace) {
	l := newLayout(b, [4]int{8, 8, 8, 8}, 1)
	return hot(b, l, 3, 1), gauge.NewWorkspace(l, 3)
}

func perSite(b *testing.B, g *gauge.Field) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(g.L.Volume), "ns/site")
}

func BenchmarkCloverObservables8(b *testing.B) {
	g, ws := benchField(b)
	var f [6]*layout.Field[float64]
	for b.Loop() {
		if _, err := CloverObservables(g, ws, &f); err != nil {
			b.Fatal(err)
		}
	}
	perSite(b, g)
}

func BenchmarkPolyakov8(b *testing.B) {
	g, ws := benchField(b)
	for b.Loop() {
		if _, err := Polyakov(g, ws); err != nil {
			b.Fatal(err)
		}
	}
	perSite(b, g)
}

func BenchmarkWilsonLoops4x4on8(b *testing.B) {
	g, ws := benchField(b)
	for b.Loop() {
		if _, err := WilsonLoops(g, ws, 4, 4); err != nil {
			b.Fatal(err)
		}
	}
	perSite(b, g)
}
