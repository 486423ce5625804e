package gauge

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// AddTAProduct sets f += c TA(u a) on every site, TA the traceless
// anti-Hermitian part (sun TracelessAntiHermitian): the form of every gauge
// force, c TA(U_mu A_mu) with A_mu the staple sum. f, u and a are
// full-lattice SU(n) matrix fields on one layout; f must not alias u or a.
// Site-local (no communication); the bits of each site's result do not
// depend on W, the kernel set or the process grid.
func AddTAProduct(n int, f, u, a *layout.Field[float64], c float64) error {
	for _, x := range []*layout.Field[float64]{f, u, a} {
		if x == nil || x.NC != n*n || x.Subset != layout.Full || x.Layout != f.Layout {
			return fmt.Errorf("gauge: AddTAProduct needs full-lattice %dx%d matrix fields on one layout", n, n)
		}
	}
	l := f.Layout
	if n != 3 {
		l.ParallelFor(l.NTiles, func(_, lo, hi int) { addTAProductSites(n, l.W, f, u, a, c, lo, hi) })
		return nil
	}
	size := 18 * l.W
	l.ParallelFor(l.NTiles, func(_, lo, hi int) {
		// The product of a few tiles goes to a buffer that stays in
		// cache; the projection then reads it and updates f.
		tmp := make([]float64, min(mul3Block, hi-lo)*size)
		for t0 := lo; t0 < hi; t0 += mul3Block {
			t1 := min(t0+mul3Block, hi)
			tb := tmp[:(t1-t0)*size]
			mulTiles3(l.W, tb, u.Data[t0*size:t1*size], a.Data[t0*size:t1*size], Plain, Plain, false, 0, t1-t0)
			addTA3(f.Data[t0*size:t1*size], tb, l.W, c)
		}
	})
	return nil
}

// addTA3 sets f += c TA(m) for the SU(3) matrix tiles of m (W lanes). The
// operations are those of sun.M3.TracelessAntiHermitian followed by
// f += complex(c, 0) * t, with the products by the zero parts left out
// (they add signed zeros only) and none fused.
func addTA3(f, m []float64, w int, c float64) {
	// re and im are the offsets of the real and imaginary rows of element
	// e = 3i + j within a tile.
	re := func(e int) int { return 2 * e * w }
	im := func(e int) int { return (2*e + 1) * w }
	for base := 0; base < len(m); base += 18 * w {
		mt, ft := m[base:base+18*w], f[base:base+18*w]
		for l := range w {
			d0, d1, d2 := mt[im(0)+l], mt[im(4)+l], mt[im(8)+l]
			mean := (d0 + d1 + d2) / 3
			// float64() rounds each product: no fused multiply-adds, the
			// same bits at every GOAMD64 level and on arm64
			ft[im(0)+l] += float64(c * (d0 - mean))
			ft[im(4)+l] += float64(c * (d1 - mean))
			ft[im(8)+l] += float64(c * (d2 - mean))
			for _, p := range [3][2]int{{1, 3}, {2, 6}, {5, 7}} {
				ij, ji := p[0], p[1]
				// o = (m_ij - conj(m_ji)) / 2; t_ij = o, t_ji = -conj(o)
				ore := (mt[re(ij)+l] - mt[re(ji)+l]) / 2
				oim := (mt[im(ij)+l] + mt[im(ji)+l]) / 2
				ft[re(ij)+l] += float64(c * ore)
				ft[im(ij)+l] += float64(c * oim)
				ft[re(ji)+l] -= float64(c * ore)
				ft[im(ji)+l] += float64(c * oim)
			}
		}
	}
}

// addTAProductSites is AddTAProduct site by site for any n.
func addTAProductSites(n, w int, f, u, a *layout.Field[float64], c float64, lo, hi int) {
	um, am, m, t, fx := sun.NewMat(n), sun.NewMat(n), sun.NewMat(n), sun.NewMat(n), sun.NewMat(n)
	for tile := lo; tile < hi; tile++ {
		for lane := range w {
			LoadMatrix(u, n, tile, lane, um.A)
			LoadMatrix(a, n, tile, lane, am.A)
			m.Mul(&um, &am)
			t.TracelessAntiHermitian(&m)
			LoadMatrix(f, n, tile, lane, fx.A)
			for i := range fx.A {
				fx.A[i] += complex(c, 0) * t.A[i]
			}
			StoreMatrix(f, n, tile, lane, fx.A)
		}
	}
}
