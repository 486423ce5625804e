//go:build amd64 && !noasm

package kernels_amd64

// The per-site reductions and the fused CG update: kernels.SiteNormGo,
// SiteDotGo and CGUpdateGo with the kernels of isa (reduce_amd64.s, from
// _gen/reduce.go), the same bits for every W they support (the W of
// CloverLanes). Each returns false, having done nothing, when isa has no
// kernel for w, nc < 1, or the slices do not hold whole tiles of 2*nc*w
// numbers (the others at least as many as x, the partials at least one
// per site).

// tileChunk is the number of tiles of one assembly call (preemption).
func tileChunk(nc int) int { return max(1, linalgChunk/nc) }

// reduceTiles picks the kernel shape for (isa, w, bits) and returns it with
// the number of tiles of x, or noKernel when the lengths do not fit.
func reduceTiles(isa ISA, w, nc, bits, nx, nOther, nPart int) (shapeID, int) {
	s := shape16(isa, w, bits)
	if s == noKernel || nc < 1 || nx%(2*nc*w) != 0 || nOther < nx {
		return noKernel, 0
	}
	n := nx / (2 * nc * w)
	if nPart < n*w {
		return noKernel, 0
	}
	return s, n
}

// SiteNorm64 is kernels.SiteNormGo on float64 data.
func SiteNorm64(isa ISA, part []float64, x []float64, w, nc int) bool {
	s, n := reduceTiles(isa, w, nc, 64, len(x), len(x), len(part))
	if s == noKernel {
		return false
	}
	for t, c := 0, tileChunk(nc); t < n; t += c {
		callSiteNorm64(s, &part[t*w], &x[t*2*nc*w], min(c, n-t), nc)
	}
	return true
}

// SiteNorm32 is kernels.SiteNormGo on float32 data.
func SiteNorm32(isa ISA, part []float64, x []float32, w, nc int) bool {
	s, n := reduceTiles(isa, w, nc, 32, len(x), len(x), len(part))
	if s == noKernel {
		return false
	}
	for t, c := 0, tileChunk(nc); t < n; t += c {
		callSiteNorm32(s, &part[t*w], &x[t*2*nc*w], min(c, n-t), nc)
	}
	return true
}

// SiteDot64 is kernels.SiteDotGo on float64 data.
func SiteDot64(isa ISA, pr, pi []float64, x, y []float64, w, nc int) bool {
	s, n := reduceTiles(isa, w, nc, 64, len(x), len(y), min(len(pr), len(pi)))
	if s == noKernel {
		return false
	}
	for t, c := 0, tileChunk(nc); t < n; t += c {
		o := t * 2 * nc * w
		callSiteDot64(s, &pr[t*w], &pi[t*w], &x[o], &y[o], min(c, n-t), nc)
	}
	return true
}

// SiteDot32 is kernels.SiteDotGo on float32 data.
func SiteDot32(isa ISA, pr, pi []float64, x, y []float32, w, nc int) bool {
	s, n := reduceTiles(isa, w, nc, 32, len(x), len(y), min(len(pr), len(pi)))
	if s == noKernel {
		return false
	}
	for t, c := 0, tileChunk(nc); t < n; t += c {
		o := t * 2 * nc * w
		callSiteDot32(s, &pr[t*w], &pi[t*w], &x[o], &y[o], min(c, n-t), nc)
	}
	return true
}

// CGUpdate64 is kernels.CGUpdateGo on float64 data. p may be x and q may
// be r; x must not overlap r.
func CGUpdate64(isa ISA, a float64, x, r, p, q []float64, part []float64, w, nc int) bool {
	s, n := reduceTiles(isa, w, nc, 64, len(x), min(len(r), len(p), len(q)), len(part))
	if s == noKernel {
		return false
	}
	for t, c := 0, tileChunk(nc); t < n; t += c {
		o := t * 2 * nc * w
		callCgUpdate64(s, a, &x[o], &r[o], &p[o], &q[o], &part[t*w], min(c, n-t), nc)
	}
	return true
}

// CGUpdate32 is kernels.CGUpdateGo on float32 data (see CGUpdate64).
func CGUpdate32(isa ISA, a float32, x, r, p, q []float32, part []float64, w, nc int) bool {
	s, n := reduceTiles(isa, w, nc, 32, len(x), min(len(r), len(p), len(q)), len(part))
	if s == noKernel {
		return false
	}
	for t, c := 0, tileChunk(nc); t < n; t += c {
		o := t * 2 * nc * w
		callCgUpdate32(s, a, &x[o], &r[o], &p[o], &q[o], &part[t*w], min(c, n-t), nc)
	}
	return true
}
