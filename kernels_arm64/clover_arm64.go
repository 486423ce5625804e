package kernels_arm64

// The clover kernels (clover_neon_arm64.s, clover_sve_arm64.s, generated
// by _gen); cloverGo (tile.go) is their reference.

//go:noescape
func cloverNEON64(dst, src, clov *float64, n int)

//go:noescape
func cloverNEON32(dst, src, clov *float32, n int)

//go:noescape
func cloverSVE64(dst, src, clov *float64, n int)

//go:noescape
func cloverSVE32(dst, src, clov *float32, n int)

// CloverNEON64 sets dst = C src on the first n tiles (NEONLanes64 lanes)
// of the spinor slices dst and src, C the two packed Hermitian 6x6 blocks
// per site in clov (layout of kernels.CloverApplyGo; see cloverGo for the
// loop). dst may be src. It panics when a slice holds fewer than n tiles.
func CloverNEON64(dst, src, clov []float64, n int) {
	checkClover(NEONLanes64, dst, src, clov, n)
	if n > 0 {
		cloverNEON64(&dst[0], &src[0], &clov[0], n)
	}
}

// CloverNEON32 is CloverNEON64 in float32 (NEONLanes32 lanes).
func CloverNEON32(dst, src, clov []float32, n int) {
	checkClover(NEONLanes32, dst, src, clov, n)
	if n > 0 {
		cloverNEON32(&dst[0], &src[0], &clov[0], n)
	}
}

// CloverSVE64 is CloverNEON64 with SVELanes64() lanes. It panics on a CPU
// without SVE.
func CloverSVE64(dst, src, clov []float64, n int) {
	checkClover(SVELanes64(), dst, src, clov, n)
	if n > 0 {
		cloverSVE64(&dst[0], &src[0], &clov[0], n)
	}
}

// CloverSVE32 is CloverSVE64 in float32 (SVELanes32() lanes).
func CloverSVE32(dst, src, clov []float32, n int) {
	checkClover(SVELanes32(), dst, src, clov, n)
	if n > 0 {
		cloverSVE32(&dst[0], &src[0], &clov[0], n)
	}
}
