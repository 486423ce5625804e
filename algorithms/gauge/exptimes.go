package gauge

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// ExpTimes3 sets u = exp(eps x) u on every site, for SU(3) link fields u
// and traceless anti-Hermitian x (sun.Exp3): the link update of the
// molecular dynamics. The exponentials of a few tiles go to a buffer, and
// the product runs in kernels.SU3Mul64 (the bits of sun.M3.Mul).
// Site-local.
func ExpTimes3(u, x *layout.Field[float64], eps float64) error {
	if u == nil || x == nil || u.NC != 9 || x.NC != 9 || u.Subset != layout.Full || x.Subset != layout.Full || u.Layout != x.Layout {
		return fmt.Errorf("gauge: ExpTimes3 needs full-lattice 3x3 matrix fields on one layout")
	}
	l := u.Layout
	w, size := l.W, 18*l.W
	l.ParallelFor(l.NTiles, func(_, lo, hi int) {
		nb := min(mul3Block, hi-lo)
		e, prod := make([]float64, nb*size), make([]float64, nb*size)
		var m sun.M3
		for t0 := lo; t0 < hi; t0 += mul3Block {
			t1 := min(t0+mul3Block, hi)
			for tile := t0; tile < t1; tile++ {
				for lane := range w {
					loadM3Data(x.Data[tile*size+lane:], w, &m)
					m.ScaleReal(eps, &m)
					ex := sun.Exp3(&m)
					storeM3Data(e[(tile-t0)*size+lane:], w, &ex, false)
				}
			}
			n := t1 - t0
			mulTiles3(w, prod[:n*size], e[:n*size], u.Data[t0*size:t1*size], Plain, Plain, false, 0, n)
			copy(u.Data[t0*size:t1*size], prod[:n*size])
		}
	})
	return nil
}
