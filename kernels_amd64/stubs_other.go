//go:build !amd64 || noasm

package kernels_amd64

// Off amd64, or with -tags noasm, there is no assembly: nothing runs and
// every call leaves the work to the portable kernels.

// Runs reports whether this CPU runs the kernels of isa: never here.
func Runs(isa ISA) bool { return false }

// HopLanes lists the W with a hopping kernel: none here.
func HopLanes(isa ISA, bits int) []int { return nil }

// CloverLanes lists the W with a clover kernel: none here.
func CloverLanes(isa ISA, bits int) []int { return nil }

// WilsonHop64 computes no tile here (it returns 0).
func WilsonHop64(isa ISA, h *WilsonHop[float64], tiles []int32) int { return 0 }

// WilsonHop32 computes no tile here (it returns 0).
func WilsonHop32(isa ISA, h *WilsonHop[float32], tiles []int32) int { return 0 }

// ProjectFace64 does nothing here (it returns false).
func ProjectFace64(isa ISA, buf, src []float64, d int, tiles, lanes []int32, w int) bool {
	return false
}

// ProjectFace32 does nothing here (it returns false).
func ProjectFace32(isa ISA, buf, src []float32, d int, tiles, lanes []int32, w int) bool {
	return false
}

// CloverApply64 does nothing here (it returns false).
func CloverApply64(isa ISA, dst, src, clov []float64, w, lo, hi int) bool { return false }

// CloverApply32 does nothing here (it returns false).
func CloverApply32(isa ISA, dst, src, clov []float32, w, lo, hi int) bool { return false }

// Axpy64 does nothing here (it returns false).
func Axpy64(isa ISA, ar, ai float64, x, y []float64, w int) bool { return false }

// Axpy32 does nothing here (it returns false).
func Axpy32(isa ISA, ar, ai float32, x, y []float32, w int) bool { return false }

// Xpay64 does nothing here (it returns false).
func Xpay64(isa ISA, x []float64, ar, ai float64, y []float64, w int) bool { return false }

// Xpay32 does nothing here (it returns false).
func Xpay32(isa ISA, x []float32, ar, ai float32, y []float32, w int) bool { return false }

// SU3Mul64 does nothing here (it returns false).
func SU3Mul64(isa ISA, dst, a, b []float64, w int, opA, opB, add bool) bool { return false }

// WilsonForce64 does nothing here (it returns false).
func WilsonForce64(isa ISA, f, link, a, b, as, bs []float64, w, mu int, c float64) bool {
	return false
}

// MatVecAdd64 does nothing here (it returns false).
func MatVecAdd64(isa ISA, dst, u, v []float64, w int, s float64) bool { return false }

// MatVecAdd32 does nothing here (it returns false).
func MatVecAdd32(isa ISA, dst, u, v []float32, w int, s float32) bool { return false }

// PermuteRows64 does nothing here (it returns false).
func PermuteRows64(isa ISA, out, in []float64, idx *[16]uint32, w int) bool { return false }

// PermuteRows32 does nothing here (it returns false).
func PermuteRows32(isa ISA, out, in []float32, idx *[16]uint32, w int) bool { return false }
