//go:build amd64 && !noasm

package kernels_amd64

// su3Chunk bounds the tiles of one assembly call (preemption).
const su3Chunk = 1 << 12

// SU3Mul64 is kernels.SU3MulGo (dst = op(a) op(b), or dst += op(a) op(b)
// with add, on 3x3 complex matrices in the layout [tile][element][re|im]
// [lane]; the same bits) with the kernels of isa. It returns false, having
// done nothing, when isa has no kernel for w or the lengths do not make
// whole tiles (len(a) a multiple of 18*w, b and dst at least as long).
// dst must not overlap a or b.
func SU3Mul64(isa ISA, dst, a, b []float64, w int, opA, opB, add bool) bool {
	s := shape16(isa, w, 64)
	size := 18 * w
	if s == noKernel || len(a)%size != 0 || len(b) < len(a) || len(dst) < len(a) {
		return false
	}
	v := 0
	if opA {
		v += 4
	}
	if opB {
		v += 2
	}
	if add {
		v++
	}
	for t := 0; t < len(a); t += su3Chunk * size {
		n := min(su3Chunk, (len(a)-t)/size)
		callSU3Mul64(s, v, &dst[t], &a[t], &b[t], n)
	}
	return true
}
