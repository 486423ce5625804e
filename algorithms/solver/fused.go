package solver

import (
	"sync"

	"github.com/goqcd/goqcd/layout"
)

// Fused linear algebra: an update and the norm of its result in one pass
// over the data, with the norm summed like layout.Norm2 (per site in
// float64 in component order, across sites exactly), so the results are
// identical, bit for bit, on every process grid and W, and equal to
// layout.Axpy or layout.Xpay followed by layout.Norm2; the loops are split
// over the layout's threads. These
// are private Go loops over Field.Data; they are meant to move into the
// kernels package with SIMD twins.

// fusedAxpyNorm2 sets y = a*x + y (complex a) and returns the global |y|^2.
// x and y may alias. Collective.
func fusedAxpyNorm2[F layout.Float](a complex128, x, y *layout.Field[F]) (float64, error) {
	return fusedNorm2(a, x, y, false)
}

// fusedXpayNorm2 sets y = x + a*y (complex a) and returns the global |y|^2.
// x and y may alias. Collective.
func fusedXpayNorm2[F layout.Float](x *layout.Field[F], a complex128, y *layout.Field[F]) (float64, error) {
	return fusedNorm2(a, x, y, true)
}

// fusedNorm2 sets y = a*x + y (xpay false) or x + a*y (xpay true) in the
// operation order of layout.Axpy or layout.Xpay, and returns the global
// |y|^2: the bits of that update followed by layout.Norm2.
func fusedNorm2[F layout.Float](a complex128, x, y *layout.Field[F], xpay bool) (float64, error) {
	ar, ai := F(real(a)), F(imag(a))
	W := x.Layout.W
	md, sd, yd := x.Data, y.Data, y.Data
	if xpay {
		md, sd = y.Data, x.Data
	}
	nc := y.NC
	acc := tileSums(y, func(acc *layout.ExactSum, lo, hi int) {
		var part [16]float64 // per-site partial sums, as layout.Norm2
		for base := lo; base < hi; base += nc * 2 * W {
			clear(part[:W])
			for c := range nc {
				b := base + 2*c*W
				mr, mi := md[b:b+W], md[b+W:b+2*W]
				sr, si := sd[b:b+W], sd[b+W:b+2*W]
				yr, yi := yd[b:b+W], yd[b+W:b+2*W]
				for k := range W {
					r, i := mr[k], mi[k]
					var vr, vi F
					if xpay { // layout.Xpay's order; rounded products: no fusing
						vr = (sr[k] + F(ar*r)) - F(ai*i)
						vi = (si[k] + F(ar*i)) + F(ai*r)
					} else { // layout.Axpy's
						vr = sr[k] + (F(ar*r) - F(ai*i))
						vi = si[k] + (F(ar*i) + F(ai*r))
					}
					yr[k], yi[k] = vr, vi
					fr, fi := float64(vr), float64(vi)
					part[k] += float64(fr*fr) + float64(fi*fi) // unfused, as layout.Norm2
				}
			}
			acc.AddAll(part[:W])
		}
	})
	s, err := y.Layout.GlobalSum(&acc)
	if err != nil {
		return 0, err
	}
	return s[0], nil
}

// tileSums runs body on contiguous ranges [lo, hi) of whole tiles of f's
// data, one per thread of the layout (one range when there is one thread
// or few tiles), each with its own exact accumulator, and returns their
// exact sum: the same bits for every thread count.
func tileSums[F layout.Float](f *layout.Field[F], body func(acc *layout.ExactSum, lo, hi int)) layout.ExactSum {
	l := f.Layout
	tile := f.NC * 2 * l.W
	tiles := len(f.Data) / tile
	if l.Threads() <= 1 || tiles < minParallelTiles {
		var acc layout.ExactSum
		body(&acc, 0, len(f.Data))
		return acc
	}
	p := accPool.Get().(*[]layout.ExactSum)
	if len(*p) < l.Threads() {
		*p = make([]layout.ExactSum, l.Threads())
	}
	accs := (*p)[:l.Threads()]
	clear(accs)
	l.ParallelFor(tiles, func(chunk, lo, hi int) { body(&accs[chunk], lo*tile, hi*tile) })
	for c := 1; c < len(accs); c++ {
		accs[0].AddSum(&accs[c])
	}
	sum := accs[0]
	accPool.Put(p)
	return sum
}

// accPool recycles tileSums' per-thread accumulators (about 560 bytes
// each; BiCGStab reduces twice an iteration).
var accPool = sync.Pool{New: func() any { return new([]layout.ExactSum) }}

// minParallelTiles is the fewest tiles for which tileSums and fusedAxpby
// use the threads (as layout's linear algebra).
const minParallelTiles = 64

// fusedAxpby sets y = a*x + b*y for real a and b (each product rounded:
// no fusing, so every GOAMD64 level and GOARCH gives the same bits). x and
// y may alias.
func fusedAxpby[F layout.Float](a float64, x *layout.Field[F], b float64, y *layout.Field[F]) {
	af, bf := F(a), F(b)
	xd, yd := x.Data, y.Data
	l := y.Layout
	body := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			yd[i] = F(af*xd[i]) + F(bf*yd[i])
		}
	}
	tile := y.NC * 2 * l.W
	if tiles := len(yd) / tile; l.Threads() > 1 && tiles >= minParallelTiles {
		l.ParallelFor(tiles, func(_, lo, hi int) { body(lo*tile, hi*tile) })
		return
	}
	body(0, len(yd))
}

// addConverted sets dst = dst + a*src for a = ±1, src converted to dst's
// precision.
func addConverted[D, S layout.Float](dst *layout.Field[D], src *layout.Field[S], a D) {
	d := dst.Data
	for i, v := range src.Data {
		d[i] += a * D(v)
	}
}
