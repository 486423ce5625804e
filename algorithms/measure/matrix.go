package measure

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// Element-wise helpers the observables share; per-site access to matrix
// fields is gauge.LoadMatrix and gauge.StoreMatrix.

// newMat allocates a full-lattice matrix field of the gauge field's group.
func newMat(g *gauge.Field) *layout.Field[float64] { return gauge.NewMatField(g.L, g.N) }

// addTo sets dst += src on every site.
func addTo(dst, src *layout.Field[float64]) {
	for i, v := range src.Data {
		dst.Data[i] += v
	}
}

// projectQuarter sets dst = (1/4) T(src) = (1/8)(src - src^dag) minus its
// trace/N, site by site: the clover field strength from the leaf sum.
func projectQuarter(n int, dst, src *layout.Field[float64]) {
	l := src.Layout
	l.ParallelFor(l.NTiles, func(_, lo, hi int) {
		a, b := sun.NewMat(n), sun.NewMat(n)
		var a3, b3 sun.M3
		for tile := lo; tile < hi; tile++ {
			for lane := range l.W {
				if n == 3 {
					gauge.LoadMatrix(src, 3, tile, lane, a3[:])
					b3.TracelessAntiHermitian(&a3)
					b3.ScaleReal(0.25, &b3)
					gauge.StoreMatrix(dst, 3, tile, lane, b3[:])
					continue
				}
				gauge.LoadMatrix(src, n, tile, lane, a.A)
				b.TracelessAntiHermitian(&a)
				for i, z := range b.A {
					b.A[i] = complex(0.25*real(z), 0.25*imag(z))
				}
				gauge.StoreMatrix(dst, n, tile, lane, b.A)
			}
		}
	})
}
