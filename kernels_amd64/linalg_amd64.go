//go:build amd64 && !noasm

package kernels_amd64

// linalgChunk bounds the blocks of one assembly call (preemption).
const linalgChunk = 1 << 14

// Axpy64 is kernels.AxpyGo (y = a*x + y, a = ar + i ai, on
// [block][re|im][lane] data with w lanes; the same bits) with the kernels
// of isa. It returns false, having done nothing, when isa has no kernel for
// w or the lengths do not make whole blocks (len(y) >= len(x)). x may be y.
func Axpy64(isa ISA, ar, ai float64, x, y []float64, w int) bool {
	s := shape16(isa, w, 64)
	if !blocks(s, len(x), len(y), w) {
		return false
	}
	for b := 0; b < len(x); b += linalgChunk * 2 * w {
		n := min(linalgChunk, (len(x)-b)/(2*w))
		callAxpy64(s, ar, ai, &x[b], &y[b], n)
	}
	return true
}

// Axpy32 is Axpy64 in single precision.
func Axpy32(isa ISA, ar, ai float32, x, y []float32, w int) bool {
	s := shape16(isa, w, 32)
	if !blocks(s, len(x), len(y), w) {
		return false
	}
	for b := 0; b < len(x); b += linalgChunk * 2 * w {
		n := min(linalgChunk, (len(x)-b)/(2*w))
		callAxpy32(s, ar, ai, &x[b], &y[b], n)
	}
	return true
}

// Xpay64 is kernels.XpayGo (y = x + a*y) with the kernels of isa; see
// Axpy64.
func Xpay64(isa ISA, x []float64, ar, ai float64, y []float64, w int) bool {
	s := shape16(isa, w, 64)
	if !blocks(s, len(x), len(y), w) {
		return false
	}
	for b := 0; b < len(x); b += linalgChunk * 2 * w {
		n := min(linalgChunk, (len(x)-b)/(2*w))
		callXpay64(s, ar, ai, &x[b], &y[b], n)
	}
	return true
}

// Xpay32 is Xpay64 in single precision.
func Xpay32(isa ISA, x []float32, ar, ai float32, y []float32, w int) bool {
	s := shape16(isa, w, 32)
	if !blocks(s, len(x), len(y), w) {
		return false
	}
	for b := 0; b < len(x); b += linalgChunk * 2 * w {
		n := min(linalgChunk, (len(x)-b)/(2*w))
		callXpay32(s, ar, ai, &x[b], &y[b], n)
	}
	return true
}

// blocks reports whether kernel s exists and x (and y) hold whole blocks.
func blocks(s shapeID, nx, ny, w int) bool {
	return s != noKernel && nx%(2*w) == 0 && ny >= nx
}
