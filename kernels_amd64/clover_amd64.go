//go:build amd64 && !noasm

package kernels_amd64

// cloverChunk bounds the tiles of one assembly call (preemption).
const cloverChunk = 1024

// CloverApply64 is kernels.CloverApplyGo (dst = C src on the tiles
// [lo, hi), the same bits) with the kernels of isa. It returns false, having
// done nothing, when isa has no kernel for w on this CPU or the slices are
// too short for the range (the portable kernel then reports it).
func CloverApply64(isa ISA, dst, src, clov []float64, w, lo, hi int) bool {
	k := kernelID{shape: shape16(isa, w, 64), bits: 64}
	if !cloverRange(k.shape, len(dst), len(src), len(clov), w, lo, hi) {
		return false
	}
	for t := lo; t < hi; t += cloverChunk {
		n := min(cloverChunk, hi-t)
		d, x, c := &dst[t*24*w], &src[t*24*w], &clov[t*72*w]
		callClover64(k, d, x, c, n)
	}
	return true
}

// CloverApply32 is CloverApply64 in single precision.
func CloverApply32(isa ISA, dst, src, clov []float32, w, lo, hi int) bool {
	k := kernelID{shape: shape16(isa, w, 32), bits: 32}
	if !cloverRange(k.shape, len(dst), len(src), len(clov), w, lo, hi) {
		return false
	}
	for t := lo; t < hi; t += cloverChunk {
		n := min(cloverChunk, hi-t)
		d, x, c := &dst[t*24*w], &src[t*24*w], &clov[t*72*w]
		callClover32(k, d, x, c, n)
	}
	return true
}

// cloverRange reports whether kernel s exists and the slices hold the
// tiles [lo, hi).
func cloverRange(s shapeID, nDst, nSrc, nClov, w, lo, hi int) bool {
	return s != noKernel && lo >= 0 && hi <= nDst/(24*w) && hi <= nSrc/(24*w) && hi <= nClov/(72*w)
}
