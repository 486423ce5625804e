package layout

import (
	"sync"

	"github.com/goqcd/goqcd/kernels"
)

// The per-site partial sums of the reductions come from the kernels
// (kernels.SiteNorm64/32, SiteDot64/32, CGUpdate64/32: float64 sums per
// site, which assembly reproduces bit for bit) in chunks of at most
// partChunk sites, into a pooled scratch buffer; the exact addition of the
// partials (ExactSum) stays here.

// partChunk is the number of sites of one kernel call: the scratch of one
// sum is 16 KiB, so the partials of a chunk are still in the L1 cache
// when they are added.
const partChunk = 2048

// parts is the scratch of a reduction: two sums of partChunk partials.
type parts = [2 * partChunk]float64

var partPool = sync.Pool{New: func() any { return new(parts) }}

func getParts() *parts  { return partPool.Get().(*parts) }
func putParts(b *parts) { partPool.Put(b) }

// partTiles is the number of tiles of one chunk at W lanes.
func partTiles(w int) int { return max(1, partChunk/w) }

// eachPart splits the data range [lo, hi) of a field with nc complex
// components and W lanes into runs [b, e) of at most partChunk sites and
// calls f on each with two scratch slices of one partial per site.
func eachPart(lo, hi, w, nc int, f func(b, e int, p0, p1 []float64)) {
	buf := getParts()
	defer putParts(buf)
	step := partTiles(w) * nc * 2 * w
	for b := lo; b < hi; b += step {
		e := min(b+step, hi)
		n := (e - b) / (2 * nc)
		f(b, e, buf[:n], buf[partChunk:partChunk+n])
	}
}

// siteNorm writes the per-site |x|^2 of x (kernels.SiteNorm*).
func siteNorm[F Float](part []float64, x []F, w, nc int) {
	switch xd := any(x).(type) {
	case []float64:
		kernels.SiteNorm64(part, xd, w, nc)
	case []float32:
		kernels.SiteNorm32(part, xd, w, nc)
	default:
		kernels.SiteNormGo(part, x, w, nc)
	}
}

// siteDot writes the per-site <x, y> (kernels.SiteDot*).
func siteDot[F Float](pr, pi []float64, x, y []F, w, nc int) {
	switch xd := any(x).(type) {
	case []float64:
		kernels.SiteDot64(pr, pi, xd, any(y).([]float64), w, nc)
	case []float32:
		kernels.SiteDot32(pr, pi, xd, any(y).([]float32), w, nc)
	default:
		kernels.SiteDotGo(pr, pi, x, y, w, nc)
	}
}

// cgUpdate runs the CG update on one chunk (kernels.CGUpdate*).
func cgUpdate[F Float](a float64, x, r, p, q []F, part []float64, w, nc int) {
	switch xd := any(x).(type) {
	case []float64:
		kernels.CGUpdate64(a, xd, any(r).([]float64), any(p).([]float64), any(q).([]float64), part, w, nc)
	case []float32:
		kernels.CGUpdate32(float32(a), xd, any(r).([]float32), any(p).([]float32), any(q).([]float32), part, w, nc)
	default:
		kernels.CGUpdateGo(F(a), x, r, p, q, part, w, nc)
	}
}
