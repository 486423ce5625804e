package gauge

import (
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// A matrix field holds an N x N complex matrix per site as a full-lattice
// layout field of N*N components, component c = i*N + j for element (i, j).

// Op says whether a factor enters a product as it is or as its adjoint.
type Op bool

const (
	Plain Op = false
	Dag   Op = true
)

// maxLanes bounds W for the stack accumulators of the matrix kernels.
const maxLanes = 16

// mulTiles sets (or with add, increments) dst = op(a) op(b) on the tiles
// [lo, hi) (full-lattice tile indices). dst must not alias a or b. The loops
// run over lanes innermost, so that one SIMD register holds one element of W
// sites.
func mulTiles(n, w int, dst, a, b []float64, opA, opB Op, add bool, lo, hi int) {
	size := n * n * 2 * w
	var accR, accI [maxLanes]float64
	for tile := lo; tile < hi; tile++ {
		base := tile * size
		at, bt, dt := a[base:base+size], b[base:base+size], dst[base:base+size]
		for i := range n {
			for j := range n {
				accR, accI = [maxLanes]float64{}, [maxLanes]float64{}
				for k := range n {
					ia := (i*n + k) * 2 * w
					if opA {
						ia = (k*n + i) * 2 * w
					}
					ib := (k*n + j) * 2 * w
					if opB {
						ib = (j*n + k) * 2 * w
					}
					ar, ai := at[ia:ia+w], at[ia+w:ia+2*w]
					br, bi := bt[ib:ib+w], bt[ib+w:ib+2*w]
					sa, sb := 1.0, 1.0
					if opA {
						sa = -1
					}
					if opB {
						sb = -1
					}
					for l := range w {
						xr, xi := ar[l], sa*ai[l]
						yr, yi := br[l], sb*bi[l]
						accR[l] += xr*yr - xi*yi
						accI[l] += xr*yi + xi*yr
					}
				}
				id := (i*n + j) * 2 * w
				dr, di := dt[id:id+w], dt[id+w:id+2*w]
				if add {
					for l := range w {
						dr[l] += accR[l]
						di[l] += accI[l]
					}
				} else {
					copy(dr, accR[:w])
					copy(di, accI[:w])
				}
			}
		}
	}
}

// subsetRange is the full-lattice tile range of a subset.
func subsetRange(l *layout.Layout, s layout.Subset) (lo, hi int) {
	lo = l.FirstTile(s)
	return lo, lo + l.SubsetTiles(s)
}

// MatMul sets dst = op(a) op(b) on the sites of subset s of full-lattice
// matrix fields of N x N matrices. dst must not alias a or b.
func MatMul(n int, dst, a, b *layout.Field[float64], opA, opB Op, s layout.Subset) {
	matMul(n, dst, a, b, opA, opB, s, false)
}

// MatMulAdd adds op(a) op(b) to dst on the sites of subset s.
func MatMulAdd(n int, dst, a, b *layout.Field[float64], opA, opB Op, s layout.Subset) {
	matMul(n, dst, a, b, opA, opB, s, true)
}

func matMul(n int, dst, a, b *layout.Field[float64], opA, opB Op, s layout.Subset, add bool) {
	l := dst.Layout
	lo, hi := subsetRange(l, s)
	l.ParallelFor(hi-lo, func(_, i0, i1 int) {
		if n == 3 {
			mulTiles3(l.W, dst.Data, a.Data, b.Data, opA, opB, add, lo+i0, lo+i1)
			return
		}
		mulTiles(n, l.W, dst.Data, a.Data, b.Data, opA, opB, add, lo+i0, lo+i1)
	})
}

// mulTiles3 is mulTiles for SU(3), site by site with the unrolled M3
// products.
func mulTiles3(w int, dst, a, b []float64, opA, opB Op, add bool, lo, hi int) {
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

// MatMul3Add adds op(a) op(b) op(c) to dst (or sets it, when add is false)
// on the sites of subset s, in one pass. dst must not alias a, b or c.
func MatMul3Add(n int, dst, a, b, c *layout.Field[float64], opA, opB, opC Op, s layout.Subset, add bool) {
	l := dst.Layout
	lo, hi := subsetRange(l, s)
	if n != 3 {
		tmp := layout.NewField[float64](l, n*n, layout.Full)
		matMul(n, tmp, a, b, opA, opB, s, false)
		matMul(n, dst, tmp, c, Plain, opC, s, add)
		return
	}
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
