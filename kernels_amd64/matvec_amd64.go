//go:build amd64 && !noasm

package kernels_amd64

// MatVecAdd64 is kernels.SU3MulAddVec with dag false (dst += s U v on the
// colour vectors of one tile, U an SU(3) matrix tile; the same bits) with
// the kernels of isa. It returns false, having done nothing, when isa has
// no kernel for w or an operand is shorter than a tile (dst and v 6 w
// numbers, u 18 w).
func MatVecAdd64(isa ISA, dst, u, v []float64, w int, s float64) bool {
	sh := shape16(isa, w, 64)
	if sh == noKernel || len(dst) < 6*w || len(v) < 6*w || len(u) < 18*w {
		return false
	}
	callMatVecAdd64(sh, &dst[0], &u[0], &v[0], s)
	return true
}

// MatVecAdd32 is MatVecAdd64 in float32.
func MatVecAdd32(isa ISA, dst, u, v []float32, w int, s float32) bool {
	sh := shape16(isa, w, 32)
	if sh == noKernel || len(dst) < 6*w || len(v) < 6*w || len(u) < 18*w {
		return false
	}
	callMatVecAdd32(sh, &dst[0], &u[0], &v[0], s)
	return true
}
