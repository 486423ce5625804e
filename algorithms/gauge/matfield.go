package gauge

import (
	"github.com/goqcd/goqcd/kernels"
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

// mulTiles3 is mulTiles for SU(3): the dispatched kernel
// kernels.SU3Mul64 (assembly where the kernel set has it), which performs
// the operations of sun.M3's unrolled products in their order, so the bits
// are those of the site-by-site M3 path for every W and kernel set.
func mulTiles3(w int, dst, a, b []float64, opA, opB Op, add bool, lo, hi int) {
	if w == 1 {
		mulTiles3Sites(w, dst, a, b, opA, opB, add, lo, hi)
		return
	}
	size := 18 * w
	kernels.SU3Mul64(dst[lo*size:hi*size], a[lo*size:hi*size], b[lo*size:hi*size], w, bool(opA), bool(opB), add)
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
	if w == 1 {
		matMul3Sites(dst, a, b, c, opA, opB, opC, lo, hi, add)
		return
	}
	size := 18 * w
	l.ParallelFor(hi-lo, func(_, i0, i1 int) {
		// op(a) op(b) goes to a buffer of a few tiles, then times op(c):
		// the intermediate product is the same numbers the M3 path keeps
		// in a local, so the bits do not change.
		tmp := make([]float64, min(mul3Block, i1-i0)*size)
		for t0 := lo + i0; t0 < lo+i1; t0 += mul3Block {
			t1 := min(t0+mul3Block, lo+i1)
			tb := tmp[:(t1-t0)*size]
			kernels.SU3Mul64(tb, a.Data[t0*size:t1*size], b.Data[t0*size:t1*size], w, bool(opA), bool(opB), false)
			kernels.SU3Mul64(dst.Data[t0*size:t1*size], tb, c.Data[t0*size:t1*size], w, false, bool(opC), add)
		}
	})
}

// mul3Block is the number of tiles MatMul3Add multiplies per step (the
// intermediate product stays in cache).
const mul3Block = 16
