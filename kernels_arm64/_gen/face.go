package main

import "fmt"

// The SVE face kernels (spinProjSVE64/32): the spin projection of one
// tile's face lanes into a halo buffer, the operations of
// kernels.WilsonProjectFaceGo (one add or subtract per number, so the
// same bits):
//
//	func spinProjSVE<bits>(o, x0, y0, x1, y1 *F, n int, masks *uint<bits>, ops uint64)
//
// For spin block a (0, 1) and row j = 2*colour + reim (0..5) it forms the
// whole row xa[j] -/+ ya[j ^ swap_a] (rows of one vector), subtracting
// where bit 8a + j of ops is set (swap_a: bit 8a + 6, the phases +-i take
// the other part of psi_J), packs the face lanes (vector row 0 of masks,
// nonzero in a face lane) into the first lanes (COMPACT) and stores the
// first n of them (row 1 of masks) at o, n numbers after the last.

const (
	rFO     = 0 // o
	rFX     = 1 // x of the block
	rFYEven = 2 // y rows 0, 2, 4 of the block (before the swap)
	rFYOdd  = 3 // y rows 1, 3, 5
	rFStep  = 4 // n numbers in bytes
	rFOps   = 5
	rFMasks = 6
	rFX1    = 7 // x and y of block 1
	rFY1    = 8
)

func faceKernels(e *emitter) {
	name := fmt.Sprintf("spinProjSVE%d", e.bits)
	t := e.goType()
	e.line("// func %s(o, x0, y0, x1, y1 *%s, n int, masks *uint%d, ops uint64)", name, t, e.bits)
	e.line("TEXT ·%s(SB), NOSPLIT, $0-64", name)
	e.ins("MOVD o+0(FP), R%d", rFO)
	e.ins("MOVD x0+8(FP), R%d", rFX)
	e.ins("MOVD y0+16(FP), R%d", rFYEven)
	e.ins("MOVD x1+24(FP), R%d", rFX1)
	e.ins("MOVD y1+32(FP), R%d", rFY1)
	e.ins("MOVD n+40(FP), R%d", rFStep)
	e.ins("LSL $%d, R%d, R%d", map[int]int{64: 3, 32: 2}[e.bits], rFStep, rFStep)
	e.ins("MOVD masks+48(FP), R%d", rFMasks)
	e.ins("MOVD ops+56(FP), R%d", rFOps)
	e.ptrue()
	e.load(2, rFMasks, 0)
	e.cmpne0(1, 2)
	e.load(2, rFMasks, 1)
	e.cmpne0(2, 2)
	for a := range 2 {
		if a == 1 {
			e.ins("MOVD R%d, R%d", rFX1, rFX)
			e.ins("MOVD R%d, R%d", rFY1, rFYEven)
		}
		e.ins("MOVD R%d, R%d", rFYEven, rFYOdd)
		e.advance(rFYOdd, 1)
		e.ins("TBZ $%d, R%d, b%dstraight", 8*a+6, rFOps, a)
		e.ins("MOVD R%d, R%d", rFYOdd, rFY1) // block 1's y is read: R8 is free
		e.ins("MOVD R%d, R%d", rFYEven, rFYOdd)
		e.ins("MOVD R%d, R%d", rFY1, rFYEven)
		e.line("b%dstraight:", a)
		if a == 0 {
			// R8 was clobbered only on the swap path: reload it.
			e.ins("MOVD y1+32(FP), R%d", rFY1)
		}
		for j := range 6 {
			l := fmt.Sprintf("b%dr%d", a, j)
			y := rFYEven
			if j%2 == 1 {
				y = rFYOdd
			}
			e.load(0, rFX, j)
			e.load(1, y, j-j%2)
			e.ins("TBNZ $%d, R%d, %ssub", 8*a+j, rFOps, l)
			e.fadd(0, 0, 1)
			e.ins("B %sstore", l)
			e.line("%ssub:", l)
			e.fsub(0, 0, 1)
			e.line("%sstore:", l)
			e.compact(0, 1, 0)
			e.st1(0, 2, rFO)
			e.ins("ADD R%d, R%d, R%d", rFStep, rFO, rFO)
		}
	}
	e.ins("RET")
	e.line("")
}
