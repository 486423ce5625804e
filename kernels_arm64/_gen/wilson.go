package main

import "fmt"

// The Wilson kernels compute output tiles of the hopping term,
//
//	dst = x + a * sum_d R_d L_d P_d src[d]     (x nil: dst = a * sum ...)
//
// one tile (wilsonTile: src[d] given, aligned) or a list of tiles
// (wilsonTiles: src[d] found through the neighbour table, lanes permuted in
// registers where the hop crosses the tile boundary); both share the hop
// body,
// with the rows of the tiled layout (W lanes per row):
//
//	spinor rows  2*(3*spin + colour) + reim            (24 rows)
//	link rows    2*(9*d + 3*i + j) + reim               (8 x 18 rows)
//
// Register plan (32 vector registers, one row each):
//
//	 0..11  h, the projected half-spinor: row 2*(3a+c)+reim
//	12..23  u = L_d h, same rows
//	24..29  loads (neighbour rows, link elements), three pairs in turn
//	30      lane indices of the current hop's permutation (list kernel)
//	31      a in every lane
//
// Once u is formed, h is dead and 0..11 serve as temporaries for the
// reconstruction, which adds R_d u to the accumulator rows in memory
// (acc, 24 rows: the first hop stores, the last adds x + a * (acc + R u)
// into dst).
//
// Compact links (kernels/wilson_compact.go): 13 link rows per hop, rows 0
// and 1 of L_d (row 2*(3*i + j) + reim, i = 0, 1) and the sign row s (12).
// At the start of each hop, while every register but vA (and vPerm,
// loaded later) is free, rebuildRow2 forms the third row,
// s * conj(row0 x row1), in kernels.ExpandLink's order of operations
// (the second to fourth products fused, in both precisions) and
// stores it to acc rows 24..29 (the caller's scratch is 30 rows long),
// from where mulLink reads it.

// Phase codes as in kernels.Phase.
const (
	plusOne = iota
	minusOne
	plusI
	minusI
)

// projection is kernels.HopProjection (the chiral DeGrand-Rossi basis):
// h_a = psi_a + C[a] psi_J[a]; r_a = u_a, r_J[a] = conj(C[a]) u_a.
var projection = [8]struct {
	j [2]int
	c [2]int
}{
	{[2]int{3, 2}, [2]int{minusI, minusI}},
	{[2]int{3, 2}, [2]int{plusI, plusI}},
	{[2]int{3, 2}, [2]int{plusOne, minusOne}},
	{[2]int{3, 2}, [2]int{minusOne, plusOne}},
	{[2]int{2, 3}, [2]int{minusI, plusI}},
	{[2]int{2, 3}, [2]int{plusI, minusI}},
	{[2]int{2, 3}, [2]int{minusOne, minusOne}},
	{[2]int{2, 3}, [2]int{plusOne, plusOne}},
}

func conj(p int) int {
	switch p {
	case plusI:
		return minusI
	case minusI:
		return plusI
	}
	return p
}

// General registers of the Wilson kernels: the hop body uses rDst, rX,
// rAcc, rLinks (the output tile's rows) and rNbr (the neighbour tile of
// the current hop).
const (
	rDst   = 0
	rX     = 1 // 0: no x
	rAcc   = 2
	rSrc   = 3 // tile kernel: *[8][]F, the slice headers of the neighbour tiles
	rLinks = 4
	rA     = 5 // a, until it is in vA
	rNbr   = 6
)

// Vector registers outside the plan of project/mulLink/reconstruct.
const (
	vPerm = 30 // lane indices of the current hop's permutation
	vA    = 31 // a in every lane
)

// Link rows per hop, and the acc row of the rebuilt third row of a
// compact link.
const (
	fullLinkRows    = 18
	compactLinkRows = 13
	accRow2         = 24
)

// wilsonTile writes the TEXT blocks of the Wilson tile kernel and its
// compact-link twin (wilsonTileCompact...): one output tile from eight
// neighbour tiles whose lanes are already aligned.
func wilsonTile(e *emitter) {
	wilsonTileKernel(e, false)
	wilsonTileKernel(e, true)
}

// kernelName is the name of a Wilson kernel: base, "Compact" for compact
// links, the set and the precision.
func kernelName(e *emitter, base string, compact bool) string {
	if compact {
		base += "Compact"
	}
	return base + e.name() + itoa(e.bits)
}

func wilsonTileKernel(e *emitter, compact bool) {
	name := kernelName(e, "wilsonTile", compact)
	args := 48
	if e.bits == 32 {
		args = 44
	}
	e.line("// func %s(dst, x, acc *%s, src *[8][]%s, links *%s, a %s)", name, e.goType(), e.goType(), e.goType(), e.goType())
	e.line("TEXT ·%s(SB), NOSPLIT, $0-%d", name, args)
	e.ins("MOVD dst+0(FP), R%d", rDst)
	e.ins("MOVD x+8(FP), R%d", rX)
	e.ins("MOVD acc+16(FP), R%d", rAcc)
	e.ins("MOVD src+24(FP), R%d", rSrc)
	e.ins("MOVD links+32(FP), R%d", rLinks)
	if e.bits == 64 {
		e.ins("MOVD a+40(FP), R%d", rA)
	} else {
		e.ins("MOVWU a+40(FP), R%d", rA)
	}
	e.ptrue()
	e.dup(vA, rA)
	hopBody(e, false, compact)
	e.line("done:")
	e.ins("RET")
	e.line("")
}

// More general registers of the tile-list kernel.
const (
	rCross    = 3  // Cross base
	rTiles    = 7  // next entry of the tile list
	rLeft     = 8  // entries left
	rDone     = 9  // tiles computed
	rCrossB   = 10 // Cross[t]
	rNbrBase  = 11 // Nbr base
	rHalo     = 12 // Halo base
	rSrcBase  = 13 // Src base
	rNSrc     = 14 // tiles in Src
	rNOut     = 15 // tiles in Dst
	rDstBase  = 16
	rXBase    = 17 // 0: no x
	rLinkBase = 19
	rTileB    = 20 // bytes per spinor tile
	rLinkB    = 21 // bytes per link tile
	rPerm     = 22 // the eight lane-index vectors
	rT        = 23 // the output tile
	rTmp      = 24
	rNbrT     = 25 // &Nbr[8t], then scratch
)

// wilsonTiles writes the TEXT blocks of the Wilson tile-list kernel and
// its compact-link twin (wilsonTilesCompact...): the
// tiles of a list in order, neighbours found through Nbr and permuted in
// registers (TBL) where Cross says so, up to the first tile that takes a
// halo lane or has an index out of range; it returns how many it did.
func wilsonTiles(e *emitter) {
	wilsonTilesKernel(e, false)
	wilsonTilesKernel(e, true)
}

func wilsonTilesKernel(e *emitter, compact bool) {
	name := kernelName(e, "wilsonTiles", compact)
	linkRows := fullLinkRows
	if compact {
		linkRows = compactLinkRows
	}
	t := e.goType()
	idx := "uint8"
	if e.sve {
		idx = fmt.Sprintf("uint%d", e.bits)
	}
	e.line("// func %s(dst, x, acc, src, links *%s, tiles *int32, ntiles int, nbr *int32, cross *uint8, halo *int32, perm *%s, nout, nsrc int, a %s) int",
		name, t, idx, t)
	e.line("TEXT ·%s(SB), NOSPLIT, $0-120", name)
	e.ins("MOVD dst+0(FP), R%d", rDstBase)
	e.ins("MOVD x+8(FP), R%d", rXBase)
	e.ins("MOVD acc+16(FP), R%d", rAcc)
	e.ins("MOVD src+24(FP), R%d", rSrcBase)
	e.ins("MOVD links+32(FP), R%d", rLinkBase)
	e.ins("MOVD tiles+40(FP), R%d", rTiles)
	e.ins("MOVD ntiles+48(FP), R%d", rLeft)
	e.ins("MOVD nbr+56(FP), R%d", rNbrBase)
	e.ins("MOVD cross+64(FP), R%d", rCross)
	e.ins("MOVD halo+72(FP), R%d", rHalo)
	e.ins("MOVD perm+80(FP), R%d", rPerm)
	e.ins("MOVD nout+88(FP), R%d", rNOut)
	e.ins("MOVD nsrc+96(FP), R%d", rNSrc)
	if e.bits == 64 {
		e.ins("MOVD a+104(FP), R%d", rA)
	} else {
		e.ins("MOVWU a+104(FP), R%d", rA)
	}
	e.ins("MOVD $0, R%d", rDone)
	e.ptrue()
	e.dup(vA, rA)
	if e.sve {
		e.rdvl(rTmp, 1)
		e.ins("MOVD $%d, R%d", 24, rTileB)
		e.ins("MUL R%d, R%d, R%d", rTmp, rTileB, rTileB)
		e.ins("MOVD $%d, R%d", 8*linkRows, rLinkB)
		e.ins("MUL R%d, R%d, R%d", rTmp, rLinkB, rLinkB)
	} else {
		e.ins("MOVD $%d, R%d", 24*16, rTileB)
		e.ins("MOVD $%d, R%d", 8*linkRows*16, rLinkB)
	}
	e.line("loop:")
	e.ins("CBZ R%d, done", rLeft)
	e.ins("MOVWU (R%d), R%d", rTiles, rT)
	e.ins("CMP R%d, R%d", rNOut, rT)
	e.ins("BHS done // tile index out of range")
	haloCheck(e)
	e.ins("// neighbour indices in range")
	e.ins("LSL $5, R%d, R%d", rT, rNbrT)
	e.ins("ADD R%d, R%d, R%d", rNbrBase, rNbrT, rNbrT)
	for d := range 8 {
		e.ins("MOVWU %d(R%d), R%d", 4*d, rNbrT, rTmp)
		e.ins("CMP R%d, R%d", rNSrc, rTmp)
		e.ins("BHS done")
	}
	e.ins("MUL R%d, R%d, R%d", rTileB, rT, rTmp)
	e.ins("ADD R%d, R%d, R%d", rDstBase, rTmp, rDst)
	e.ins("MOVD $0, R%d", rX)
	e.ins("CBZ R%d, nox0", rXBase)
	e.ins("ADD R%d, R%d, R%d", rXBase, rTmp, rX)
	e.line("nox0:")
	e.ins("MUL R%d, R%d, R%d", rLinkB, rT, rTmp)
	e.ins("ADD R%d, R%d, R%d", rLinkBase, rTmp, rLinks)
	e.ins("MOVBU (R%d)(R%d), R%d", rCross, rT, rCrossB)
	hopBody(e, true, compact)
	e.line("next:")
	e.ins("ADD $4, R%d", rTiles)
	e.ins("SUB $1, R%d", rLeft)
	e.ins("ADD $1, R%d", rDone)
	e.ins("B loop")
	e.line("done:")
	e.ins("MOVD R%d, ret+112(FP)", rDone)
	e.ins("RET")
	e.line("")
}

// hopBody writes the eight hops of one output tile, ending in a branch to
// "done" (tile kernel) or "next" (list kernel). The list kernel finds
// neighbour d at Src + Nbr[8t+d]*tile bytes and permutes its projection
// with lane-index vector d of the perm table where bit d of Cross[t] is
// set (projection is lane-wise, so permuting h equals projecting the
// permuted spinor). With compact links each hop first rebuilds the third
// link row into acc (rebuildRow2).
func hopBody(e *emitter, list, compact bool) {
	after := "done"
	if list {
		after = "next"
	}
	for d := range 8 {
		e.line("")
		e.ins("// hop %d", d)
		if compact {
			rebuildRow2(e, d)
		}
		switch {
		case list:
			e.ins("MOVWU %d(R%d), R%d", 4*d, rNbrT, rNbr)
			e.ins("MUL R%d, R%d, R%d", rTileB, rNbr, rNbr)
			e.ins("ADD R%d, R%d, R%d", rSrcBase, rNbr, rNbr)
		case d == 0:
			e.ins("MOVD (R%d), R%d", rSrc, rNbr)
		default:
			e.ins("MOVD %d(R%d), R%d", 24*d, rSrc, rNbr)
		}
		project(e, d)
		if list {
			e.ins("TBZ $%d, R%d, aligned%d", d, rCrossB, d)
			e.load(vPerm, rPerm, d)
			for r := range 12 {
				e.tbl(r, vPerm)
			}
			e.line("aligned%d:", d)
			haloRows(e, d)
		}
		mulLink(e, d, compact)
		switch d {
		case 0:
			reconstructFirst(e, d)
		case 7:
			e.ins("CBZ R%d, nox", rX)
			reconstructLast(e, d, true)
			e.ins("B %s", after)
			e.line("nox:")
			reconstructLast(e, d, false)
		default:
			reconstructAdd(e, d)
		}
	}
}

// The list kernels take a tile whose halo hops they can read themselves
// (sveTable, neonTable in kernels_arm64/wilson_arm64.go): below rPerm, the
// eight permutation rows, lie the halo mode (bit d: hop d's halo lanes are
// expanded from its received rows; bit 8+d: the rows hold every lane in
// order) and per hop the base of Recv[d], the bytes of one of its rows of
// nk numbers, and how many whole rows of 12 it holds; above the
// permutation rows, at rows 8+d and 16+d, the TBL indices that move each
// halo number to its lane and the halo lanes (a mask, nonzero in a lane of
// the set), and for SVE at rows 24+d the first nk lanes (a mask).
const (
	rScr          = 26   // scratch
	haloModeOff   = -200 // bytes from rPerm
	haloRecvOff   = -192 // + 8d
	haloStrideOff = -128 // + 8d
	haloRowsOff   = -64  // + 8d
	haloIdxRow    = 8    // + d, vector rows from rPerm
	haloLaneRow   = 16
	haloLoadRow   = 24
)

// haloCheck stops the list at a tile that takes a halo row the kernel
// cannot read: a hop outside the halo mode, or a row past Recv.
func haloCheck(e *emitter) {
	e.ins("// stop at a tile with a halo row outside the halo mode or past Recv")
	e.ins("LSL $5, R%d, R%d", rT, rTmp)
	e.ins("ADD R%d, R%d, R%d", rHalo, rTmp, rTmp)
	e.ins("MOVD %d(R%d), R%d", haloModeOff, rPerm, rNbrT)
	for d := range 8 {
		e.ins("MOVW %d(R%d), R%d", 4*d, rTmp, rA)
		e.ins("CMN $1, R%d", rA)
		e.ins("BEQ halook%d", d)
		e.ins("TBZ $%d, R%d, done", d, rNbrT)
		e.ins("MOVD %d(R%d), R%d", haloRowsOff+8*d, rPerm, rScr)
		e.ins("CMP R%d, R%d", rScr, rA)
		e.ins("BHS done // also a negative row other than -1")
		e.line("halook%d:", d)
	}
}

// haloRows (list kernels) replaces the halo lanes of the projected,
// permuted half-spinor in 0..11 of hop d by the received numbers, when the
// tile has a row for the hop: with every lane in order the row is the
// half-spinor; otherwise haloExpandSVE or haloExpandNEON puts each of its
// 12 rows of nk numbers into the halo lanes.
func haloRows(e *emitter, d int) {
	e.ins("// halo row of hop %d", d)
	e.ins("MOVD %d(R%d), R%d", haloModeOff, rPerm, rScr)
	e.ins("TBZ $%d, R%d, nohalo%d", d, rScr, d)
	e.ins("LSL $5, R%d, R%d", rT, rA)
	e.ins("ADD R%d, R%d, R%d", rHalo, rA, rA)
	e.ins("MOVW %d(R%d), R%d", 4*d, rA, rA)
	e.ins("TBNZ $63, R%d, nohalo%d", rA, d)
	e.ins("MOVD %d(R%d), R%d", haloStrideOff+8*d, rPerm, rScr)
	e.ins("MUL R%d, R%d, R%d", rScr, rA, rA)
	e.ins("ADD R%d<<1, R%d, R%d", rA, rA, rA) // 12 rows of a stride each: x3,
	e.ins("LSL $2, R%d, R%d", rA, rA)         // x4
	e.ins("MOVD %d(R%d), R%d", haloRecvOff+8*d, rPerm, rScr)
	e.ins("ADD R%d, R%d, R%d", rScr, rA, rA)
	e.ins("MOVD %d(R%d), R%d", haloModeOff, rPerm, rScr)
	e.ins("TBNZ $%d, R%d, halodirect%d", 8+d, rScr, d)
	if e.sve {
		haloExpandSVE(e, d)
	} else {
		haloExpandNEON(e, d)
	}
	e.ins("B nohalo%d", d)
	e.line("halodirect%d:", d)
	for r := range 12 {
		e.load(r, rA, r)
	}
	e.line("nohalo%d:", d)
}

// haloExpandSVE puts the halo lanes of hop d's 12 received rows at rA into
// 0..11: each row's nk numbers loaded into the first lanes (LD1W/LD1D
// under the first-nk predicate), moved to the halo lanes (TBL) and
// selected there (SEL).
func haloExpandSVE(e *emitter, d int) {
	const idx, tmp = 24, 25
	e.load(idx, rPerm, haloIdxRow+d)
	e.load(tmp, rPerm, haloLaneRow+d)
	e.cmpne0(1, tmp)
	e.load(tmp, rPerm, haloLoadRow+d)
	e.cmpne0(2, tmp)
	e.ins("MOVD %d(R%d), R%d", haloStrideOff+8*d, rPerm, rScr)
	for r := range 12 {
		e.ld1(tmp, 2, rA)
		e.tbl3(tmp, tmp, idx)
		e.sel(r, 1, tmp, r)
		if r < 11 {
			e.ins("ADD R%d, R%d, R%d", rScr, rA, rA)
		}
	}
}

// haloExpandNEON is haloExpandSVE for NEON: a row of nk numbers is 4 or 8
// bytes (HaloMode admits no other), loaded into the low lanes (FMOVS,
// FMOVD), moved to the halo lanes by a byte TBL and inserted under the
// lane mask (BIT).
func haloExpandNEON(e *emitter, d int) {
	const idx, tmp, mask = 24, 25, 26
	e.load(idx, rPerm, haloIdxRow+d)
	e.load(mask, rPerm, haloLaneRow+d)
	e.ins("MOVD %d(R%d), R%d", haloStrideOff+8*d, rPerm, rScr)
	e.ins("CMP $4, R%d", rScr)
	e.ins("BEQ halo4b%d", d)
	for _, b := range []int{8, 4} {
		if b == 4 {
			e.ins("B nohalo%d", d)
			e.line("halo4b%d:", d)
		}
		for r := range 12 {
			if b == 8 {
				e.ins("FMOVD (R%d), F%d", rA, tmp)
			} else {
				e.ins("FMOVS (R%d), F%d", rA, tmp)
			}
			e.ins("VTBL V%d.B16, [V%d.B16], V%d.B16", idx, tmp, tmp)
			e.word(0x6ea01c00|uint32(mask)<<16|uint32(tmp)<<5|uint32(r), "bit v%d.16b, v%d.16b, v%d.16b", r, tmp, mask)
			if r < 11 {
				e.ins("ADD R%d, R%d, R%d", rScr, rA, rA)
			}
		}
	}
}

// temps hands out load registers 24..29 in pairs, in turn.
type temps struct{ next int }

func (t *temps) pair() (int, int) {
	r := 24 + 2*t.next
	t.next = (t.next + 1) % 3
	return r, r + 1
}

// project loads the neighbour spinor rows and forms h in 0..11.
func project(e *emitter, d int) {
	pr := projection[d]
	var t temps
	for a := range 2 {
		for c := range 3 {
			hr, hi := 2*(3*a+c), 2*(3*a+c)+1
			x := 2 * (3*a + c)
			y := 2 * (3*pr.j[a] + c)
			yr, yi := t.pair()
			e.load(hr, rNbr, x)
			e.load(hi, rNbr, x+1)
			e.load(yr, rNbr, y)
			e.load(yi, rNbr, y+1)
			addPhase(e, pr.c[a], hr, hi, yr, yi) // h = x + C y
		}
	}
}

// mulLink forms u = L_d h in 12..23: u_ai = sum_j L_ij h_aj. With compact
// links rows 0 and 1 of L_d are at link rows 13*d + 2*(3*i + j) + reim and
// row 2 at acc rows accRow2 + 2*j + reim.
func mulLink(e *emitter, d int, compact bool) {
	var t temps
	for i := range 3 {
		for j := range 3 {
			ur, ui := t.pair()
			base, row := rLinks, 2*(9*d+3*i+j)
			switch {
			case compact && i == 2:
				base, row = rAcc, accRow2+2*j
			case compact:
				row = compactLinkRows*d + 2*(3*i+j)
			}
			e.load(ur, base, row)
			e.load(ui, base, row+1)
			for a := range 2 {
				or, oi := 12+2*(3*a+i), 12+2*(3*a+i)+1
				hr, hi := 2*(3*a+j), 2*(3*a+j)+1
				if j == 0 {
					e.fmul(or, ur, hr)
					e.fmul(oi, ur, hi)
				} else {
					e.fmla(or, ur, hr)
					e.fmla(oi, ur, hi)
				}
				e.fmls(or, ui, hi)
				e.fmla(oi, ui, hr)
			}
		}
	}
}

// rebuildRow2 rebuilds row 2 of compact link d, s * conj(row0 x row1),
// into acc rows accRow2..accRow2+5, in kernels.ExpandLink's order of
// operations ((j, k, l) cyclic):
//
//	re = (((r0k.re r1l.re - r0k.im r1l.im) - r0l.re r1k.re) + r0l.im r1k.im) * s
//	im = (((r0l.re r1k.im + r0l.im r1k.re) - r0k.re r1l.im) - r0k.im r1l.re) * s
//
// The first product is an FMUL, the other three are fused into the sum
// (FMLA, FMLS; kernels.rebuild, in both precisions). It runs at the start
// of a hop, when all vector registers but vA and vPerm are free: the 12
// rows in 0..11, s in 12, the six results in 13..18 (independent chains for
// the out-of-order core).
func rebuildRow2(e *emitter, d int) {
	const sign = 12
	base := compactLinkRows * d
	for r := range 13 {
		e.load(r, rLinks, base+r)
	}
	row := func(i, j, ri int) int { return 2*(3*i+j) + ri }
	// add and sub: acc += n*m and acc -= n*m, fused.
	add := func(acc, n, m int) { e.fmla(acc, n, m) }
	sub := func(acc, n, m int) { e.fmls(acc, n, m) }
	for j := range 3 {
		k, l := (j+1)%3, (j+2)%3
		re, im := 13+2*j, 14+2*j
		e.fmul(re, row(1, l, 0), row(0, k, 0))
		sub(re, row(1, l, 1), row(0, k, 1))
		sub(re, row(1, k, 0), row(0, l, 0))
		add(re, row(1, k, 1), row(0, l, 1))
		e.fmul(im, row(1, k, 1), row(0, l, 0))
		add(im, row(1, k, 0), row(0, l, 1))
		sub(im, row(1, l, 1), row(0, k, 0))
		sub(im, row(1, l, 0), row(0, k, 1))
	}
	for q := range 6 {
		e.fmul(13+q, 13+q, sign)
		e.store(13+q, rAcc, accRow2+q)
	}
}

// reconTemps hands out temporaries from the dead h registers 0..11, four
// at a time.
type reconTemps struct{ next int }

func (t *reconTemps) four() (int, int, int, int) {
	r := 4 * t.next
	t.next = (t.next + 1) % 3
	return r, r + 1, r + 2, r + 3
}

// addPhase sets (tr, ti) += p * (ur, ui) for a unit phase p.
func addPhase(e *emitter, p, tr, ti, ur, ui int) {
	switch p {
	case plusOne:
		e.fadd(tr, tr, ur)
		e.fadd(ti, ti, ui)
	case minusOne:
		e.fsub(tr, tr, ur)
		e.fsub(ti, ti, ui)
	case plusI: // + i u
		e.fsub(tr, tr, ui)
		e.fadd(ti, ti, ur)
	case minusI: // - i u
		e.fadd(tr, tr, ui)
		e.fsub(ti, ti, ur)
	}
}

// reconstructFirst stores R_0 u into acc.
func reconstructFirst(e *emitter, d int) {
	pr := projection[d]
	var t reconTemps
	for a := range 2 {
		for c := range 3 {
			ur, ui := 12+2*(3*a+c), 12+2*(3*a+c)+1
			ra, rj := 2*(3*a+c), 2*(3*pr.j[a]+c)
			e.store(ur, rAcc, ra)
			e.store(ui, rAcc, ra+1)
			t0, t1, _, _ := t.four()
			switch conj(pr.c[a]) {
			case plusOne:
				e.store(ur, rAcc, rj)
				e.store(ui, rAcc, rj+1)
			case minusOne:
				e.fneg(t0, ur)
				e.fneg(t1, ui)
				e.store(t0, rAcc, rj)
				e.store(t1, rAcc, rj+1)
			case plusI: // (-ui, ur)
				e.fneg(t0, ui)
				e.store(t0, rAcc, rj)
				e.store(ur, rAcc, rj+1)
			case minusI: // (ui, -ur)
				e.fneg(t1, ur)
				e.store(ui, rAcc, rj)
				e.store(t1, rAcc, rj+1)
			}
		}
	}
}

// reconstructAdd adds R_d u to acc.
func reconstructAdd(e *emitter, d int) {
	pr := projection[d]
	var t reconTemps
	for a := range 2 {
		for c := range 3 {
			ur, ui := 12+2*(3*a+c), 12+2*(3*a+c)+1
			ra, rj := 2*(3*a+c), 2*(3*pr.j[a]+c)
			t0, t1, t2, t3 := t.four()
			e.load(t0, rAcc, ra)
			e.load(t1, rAcc, ra+1)
			e.load(t2, rAcc, rj)
			e.load(t3, rAcc, rj+1)
			addPhase(e, plusOne, t0, t1, ur, ui)
			addPhase(e, conj(pr.c[a]), t2, t3, ur, ui)
			e.store(t0, rAcc, ra)
			e.store(t1, rAcc, ra+1)
			e.store(t2, rAcc, rj)
			e.store(t3, rAcc, rj+1)
		}
	}
}

// reconstructLast writes dst = x + a * (acc + R_d u), or a * (acc + R_d u)
// without x. Each dst row is written after its x row is read, so x may be
// dst.
func reconstructLast(e *emitter, d int, withX bool) {
	pr := projection[d]
	var t reconTemps
	nx := 0
	out := func(tr, row int) {
		if withX {
			xr := 24 + nx // the load registers 24..29, in turn
			nx = (nx + 1) % 6
			e.load(xr, rX, row)
			e.fmul(tr, tr, vA) // the product rounded, then added: no fused multiply-add, as kernels' twins
			e.fadd(xr, xr, tr)
			e.store(xr, rDst, row)
			return
		}
		e.fmul(tr, tr, vA)
		e.store(tr, rDst, row)
	}
	for a := range 2 {
		for c := range 3 {
			ur, ui := 12+2*(3*a+c), 12+2*(3*a+c)+1
			ra, rj := 2*(3*a+c), 2*(3*pr.j[a]+c)
			t0, t1, t2, t3 := t.four()
			e.load(t0, rAcc, ra)
			e.load(t1, rAcc, ra+1)
			e.load(t2, rAcc, rj)
			e.load(t3, rAcc, rj+1)
			addPhase(e, plusOne, t0, t1, ur, ui)
			addPhase(e, conj(pr.c[a]), t2, t3, ur, ui)
			out(t0, ra)
			out(t1, ra+1)
			out(t2, rj)
			out(t3, rj+1)
		}
	}
}

func itoa(n int) string {
	return map[int]string{32: "32", 64: "64"}[n]
}
