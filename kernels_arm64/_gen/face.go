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
	if !e.sve {
		faceKernelsNEON(e)
		return
	}
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

// The NEON face kernels (spinProjNEON64/32): the same projection as the
// SVE ones for a list of tiles, one 128-bit row (W = 2 float64 / 4
// float32) per vector register:
//
//	func spinProjNEON<bits>(o, src *F, tiles *int32, nt int, idx *[16]byte, ops uint64, y0e, y0o, y1e, y1o, nb int)
//
// For each of the nt tiles t = tiles[i] (unchecked: the wrapper checks
// them) it reads the tile at src + t*SpinorRows*16 bytes and, for output
// row r = 6a + j (spin block a, j = 2*colour + reim), forms x[r] -/+ y,
// x row r of the tile and y the row at byte offset y<a><e|o> + 16*(j -
// j%2) (e for even j, o for odd: the wrapper swaps the two for the phases
// +-i, which take the other part of psi_J), subtracting where bit r of ops
// is set. It moves the face lanes to the front with a byte TBL on the
// index vector at idx (idx nil: every lane in order, no TBL) and stores
// the first nb bytes of the row (nb = nk * element size: 16, or with idx
// 16, 8 and, in float32, 12 and 4; FMOVQ, FMOVD, FMOVS, FMOVD then the
// third lane through a general register). A tile's 12 rows of nb bytes
// follow one another at o. Another nb stores nothing.

const (
	rPO    = 0  // o
	rPSrc  = 1  // src
	rPTile = 2  // tiles
	rPCnt  = 3  // tiles left
	rPIdx  = 4  // idx
	rPOps  = 5  // ops
	rPYOff = 6  // y0e, y0o, y1e, y1o: R6..R9
	rPBase = 10 // the tile
	rPTmp  = 11
	rPY    = 12 // the y rows of the tile: R12..R15 as rPYOff
	vPIdx  = 2  // the TBL indices
)

// faceNEONStore is one store width of the NEON face kernel: nb bytes a
// row, with or without the TBL.
type faceNEONStore struct {
	nb  int
	tbl bool
}

func (s faceNEONStore) label() string {
	if !s.tbl {
		return "inorder"
	}
	return fmt.Sprintf("nb%d", s.nb)
}

func faceKernelsNEON(e *emitter) {
	name := fmt.Sprintf("spinProjNEON%d", e.bits)
	t := e.goType()
	stores := []faceNEONStore{{16, false}, {16, true}, {8, true}}
	if e.bits == 32 {
		stores = append(stores, faceNEONStore{12, true}, faceNEONStore{4, true})
	}
	e.line("// func %s(o, src *%s, tiles *int32, nt int, idx *[16]byte, ops uint64, y0e, y0o, y1e, y1o, nb int)", name, t)
	e.line("TEXT ·%s(SB), NOSPLIT, $0-88", name)
	e.ins("MOVD o+0(FP), R%d", rPO)
	e.ins("MOVD src+8(FP), R%d", rPSrc)
	e.ins("MOVD tiles+16(FP), R%d", rPTile)
	e.ins("MOVD nt+24(FP), R%d", rPCnt)
	e.ins("MOVD idx+32(FP), R%d", rPIdx)
	e.ins("MOVD ops+40(FP), R%d", rPOps)
	for i, n := range []string{"y0e", "y0o", "y1e", "y1o"} {
		e.ins("MOVD %s+%d(FP), R%d", n, 48+8*i, rPYOff+i)
	}
	e.ins("MOVD nb+80(FP), R%d", rPTmp)
	e.ins("CBZ R%d, done", rPCnt)
	e.ins("CBZ R%d, %s", rPIdx, stores[0].label())
	e.ins("FMOVQ (R%d), F%d", rPIdx, vPIdx)
	for _, s := range stores[1:] {
		e.ins("CMP $%d, R%d", s.nb, rPTmp)
		e.ins("BEQ %s", s.label())
	}
	e.line("done:")
	e.ins("RET")
	for _, s := range stores {
		faceNEONLoop(e, s)
	}
	e.line("")
}

// faceNEONLoop writes the tile loop of one store width.
func faceNEONLoop(e *emitter, s faceNEONStore) {
	l := s.label()
	e.line("%s:", l)
	e.ins("MOVWU (R%d), R%d", rPTile, rPBase)
	e.ins("ADD $4, R%d", rPTile)
	// the tile at src + t*SpinorRows*16 = src + 3*(t << 7)
	e.ins("LSL $7, R%d, R%d", rPBase, rPBase)
	e.ins("ADD R%d<<1, R%d, R%d", rPBase, rPBase, rPBase)
	e.ins("ADD R%d, R%d, R%d", rPSrc, rPBase, rPBase)
	for i := range 4 {
		e.ins("ADD R%d, R%d, R%d", rPYOff+i, rPBase, rPY+i)
	}
	for r := range 12 {
		a, j := r/6, r%6
		y := rPY + 2*a + j%2
		lab := fmt.Sprintf("%sr%d", l, r)
		// registers of their own per row, for in-order cores
		vx, vy := 3+2*r, 4+2*r
		e.load(vx, rPBase, r)
		e.load(vy, y, j-j%2)
		e.ins("TBNZ $%d, R%d, %ssub", r, rPOps, lab)
		e.fadd(vx, vx, vy)
		e.ins("B %sstore", lab)
		e.line("%ssub:", lab)
		e.fsub(vx, vx, vy)
		e.line("%sstore:", lab)
		if s.tbl {
			e.tbl(vx, vPIdx)
		}
		off := r * s.nb
		switch s.nb {
		case 16:
			e.ins("FMOVQ F%d, %d(R%d)", vx, off, rPO)
		case 12:
			e.ins("FMOVD F%d, %d(R%d)", vx, off, rPO)
			e.ins("VMOV V%d.S[2], R%d", vx, rPTmp)
			e.ins("MOVW R%d, %d(R%d)", rPTmp, off+8, rPO)
		case 8:
			e.ins("FMOVD F%d, %d(R%d)", vx, off, rPO)
		case 4:
			e.ins("FMOVS F%d, %d(R%d)", vx, off, rPO)
		default:
			panic(fmt.Sprintf("NEON face store of %d bytes", s.nb))
		}
	}
	e.ins("ADD $%d, R%d", 12*s.nb, rPO)
	e.ins("SUBS $1, R%d", rPCnt)
	e.ins("BNE %s", l)
	e.ins("RET")
}
