package gauge

import (
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// mulTiles3Sites is the site-by-site SU(3) product: each lane loaded into
// a sun.M3 and multiplied with its unrolled products. It gives the bits of
// kernels.SU3Mul64 and is faster than that kernel's portable twin at
// W = 1, the width of the pure-gauge code on the go kernel set.
func mulTiles3Sites(w int, dst, a, b []float64, opA, opB Op, add bool, lo, hi int) {
	var x, y, z sun.M3
	for tile := lo; tile < hi; tile++ {
		base := tile * 18 * w
		for lane := range w {
			loadM3Data(a[base+lane:], w, &x)
			loadM3Data(b[base+lane:], w, &y)
			mul3(&z, &x, &y, opA, opB)
			storeM3Data(dst[base+lane:], w, &z, add)
		}
	}
}

// mul3 sets c = op(a) op(b).
func mul3(c, a, b *sun.M3, opA, opB Op) {
	switch da, db := bool(opA), bool(opB); {
	case !da && !db:
		c.Mul(a, b)
	case !da && db:
		c.MulDag(a, b)
	case da && !db:
		c.DagMul(a, b)
	default:
		c.DagDag(a, b)
	}
}

// loadM3Data reads the matrix whose (0,0) real part is d[0], components
// 2*w apart and imaginary parts w after the real ones.
func loadM3Data(d []float64, w int, m *sun.M3) {
	if w == 1 {
		a := (*[18]float64)(d[:18])
		for c := range 9 {
			m[c] = complex(a[2*c], a[2*c+1])
		}
		return
	}
	_ = d[17*w]
	for c := range 9 {
		m[c] = complex(d[2*c*w], d[(2*c+1)*w])
	}
}

// storeM3Data writes (or adds) m at the position loadM3Data reads.
func storeM3Data(d []float64, w int, m *sun.M3, add bool) {
	if w == 1 {
		o := (*[18]float64)(d[:18])
		if add {
			for c := range 9 {
				o[2*c] += real(m[c])
				o[2*c+1] += imag(m[c])
			}
		} else {
			for c := range 9 {
				o[2*c], o[2*c+1] = real(m[c]), imag(m[c])
			}
		}
		return
	}
	_ = d[17*w]
	if add {
		for c := range 9 {
			d[2*c*w] += real(m[c])
			d[(2*c+1)*w] += imag(m[c])
		}
	} else {
		for c := range 9 {
			d[2*c*w] = real(m[c])
			d[(2*c+1)*w] = imag(m[c])
		}
	}
}

// matMul3Sites is MatMul3Add for N = 3 at W = 1, site by site.
func matMul3Sites(dst, a, b, c *layout.Field[float64], opA, opB, opC Op, lo, hi int, add bool) {
	l := dst.Layout
	w := l.W
	l.ParallelFor(hi-lo, func(_, i0, i1 int) {
		var x, y, z, t, u sun.M3
		for tile := lo + i0; tile < lo+i1; tile++ {
			base := tile * 18 * w
			for lane := range w {
				loadM3Data(a.Data[base+lane:], w, &x)
				loadM3Data(b.Data[base+lane:], w, &y)
				loadM3Data(c.Data[base+lane:], w, &z)
				mul3(&t, &x, &y, opA, opB)
				mul3(&u, &t, &z, Plain, opC)
				storeM3Data(dst.Data[base+lane:], w, &u, add)
			}
		}
	})
}
