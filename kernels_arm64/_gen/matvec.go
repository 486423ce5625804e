package main

import "fmt"

// The staggered colour matrix-vector product on one tile
// (kernels.SU3MulAddVec with dag false), float64 and float32:
//
//	dst += s U v,  for each row i and j = 0, 1, 2 in turn
//	dst_i.re += s (a vr - b vi),  dst_i.im += s (a vi + b vr),  (a, b) = U_ij
//
// U an SU(3) matrix tile (rows 2*(3i+j) re, one above im), v and dst
// colour vectors (rows 2c re, 2c+1 im). Exact twin: no fused
// multiply-adds. Every product is an FMUL and every sum an FADD/FSUB, per
// element in the twin's order
//
//	re: p = a vr; q = b vi; t = p - q; t = s t; dst = dst + t
//	im: p = a vi; q = b vr; t = p + q; t = s t; dst = dst + t
//
// One TEXT block per set and precision,
//
//	func matVecAdd<set><bits>(dst, u, v *F, s F)
//
// s broadcast from its bits in a general register (DUP; SVE: MOV z, x/w).
// Vector registers: dst in 0..5 (loaded once, stored once at the end), v
// in 6..11, s in 12, row i of U in 16..21 (loaded row by row),
// temporaries 22..25 (two sets, alternating with j). dst must not
// overlap u or v (the twin reads v after writing dst rows).

// General registers of the matrix-vector kernel.
const (
	rMDst = 0
	rMU   = 1
	rMV   = 2
	rMS   = 3 // s (its bits)
)

// matVec writes the TEXT block matVecAdd<set><bits>.
func matVec(e *emitter) {
	t := e.goType()
	size := e.bits / 8
	name := fmt.Sprintf("matVecAdd%s%d", e.name(), e.bits)
	e.line("// func %s(dst, u, v *%s, s %s)", name, t, t)
	e.line("TEXT ·%s(SB), NOSPLIT, $0-%d", name, 24+size)
	e.ins("MOVD dst+0(FP), R%d", rMDst)
	e.ins("MOVD u+8(FP), R%d", rMU)
	e.ins("MOVD v+16(FP), R%d", rMV)
	mov := "MOVD"
	if e.bits == 32 {
		mov = "MOVWU"
	}
	e.ins("%s s+24(FP), R%d", mov, rMS)
	const vs, u0 = 12, 16
	e.dup(vs, rMS)
	for k := range 6 {
		e.load(k, rMDst, k)
		e.load(6+k, rMV, k)
	}
	for i := range 3 {
		for j := range 3 {
			e.load(u0+2*j, rMU, 2*(3*i+j))
			e.load(u0+2*j+1, rMU, 2*(3*i+j)+1)
		}
		dr, di := 2*i, 2*i+1
		for j := range 3 {
			a, b := u0+2*j, u0+2*j+1
			vr, vi := 6+2*j, 7+2*j
			p, q := 22+2*(j%2), 23+2*(j%2)
			e.fmul(p, a, vr) // re: s (a vr - b vi)
			e.fmul(q, b, vi)
			e.fsub(p, p, q)
			e.fmul(p, vs, p)
			e.fadd(dr, dr, p)
			e.fmul(p, a, vi) // im: s (a vi + b vr)
			e.fmul(q, b, vr)
			e.fadd(p, p, q)
			e.fmul(p, vs, p)
			e.fadd(di, di, p)
		}
	}
	for k := range 6 {
		e.store(k, rMDst, k)
	}
	e.ins("RET")
	e.line("")
}
