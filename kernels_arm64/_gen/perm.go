package main

// The lane permutation of whole rows (kernels.PermuteRowsGo,
// perm_neon_arm64.s, perm_sve_arm64.s): out row j = in row j with its
// lanes permuted, lane l taking lane perm[l]. Pure data movement, so one
// kernel per set serves both precisions, permuting 32-bit elements (a
// float64 lane is the pair of elements 2q, 2q+1, as kernels.LanePerm
// prepares them):
//
//	func permRows<set>(out, in, idx *uint32, rows int)
//
// NEON: rows of 16 bytes (W = 2 float64 / 4 float32), a byte TBL (VTBL)
// on an index vector of 16 byte indices that the Go wrapper derives from
// the four element indices (4e, 4e+1, 4e+2, 4e+3 for element e). SVE:
// rows of one vector (W = VL/64 or VL/32), TBL z.s on the element indices
// themselves, loaded as a whole vector from idx (the wrapper takes at most
// 16 elements, the 64 bytes idx points to). Registers: R0 out, R1 in, R2
// idx, R3 rows left; the index vector in 31, rows in 0..3. The main loop
// moves four rows, the tail one at a time; rows need not be positive.
func permRows(e *emitter) {
	name := "permRows" + e.name()
	e.line("// func %s(out, in, idx *uint32, rows int)", name)
	e.line("//")
	if e.sve {
		e.line("// kernels.PermuteRowsGo on rows rows of one vector: TBL on 32-bit elements,")
		e.line("// the element indices at idx.")
	} else {
		e.line("// kernels.PermuteRowsGo on rows rows of 16 bytes: a byte TBL, the 16 byte")
		e.line("// indices at idx.")
	}
	e.line("TEXT ·%s(SB), NOSPLIT, $0-32", name)
	const rOut, rIn, rIdx, rRows, vIdx, unroll = 0, 1, 2, 3, 31, 4
	e.ins("MOVD out+0(FP), R%d", rOut)
	e.ins("MOVD in+8(FP), R%d", rIn)
	e.ins("MOVD idx+16(FP), R%d", rIdx)
	e.ins("MOVD rows+24(FP), R%d", rRows)
	e.ins("CMP $1, R%d", rRows)
	e.ins("BLT done")
	e.load(vIdx, rIdx, 0)
	e.ins("CMP $%d, R%d", unroll, rRows)
	e.ins("BLT one")
	e.line("four:")
	for k := range unroll {
		e.load(k, rIn, k)
	}
	for k := range unroll {
		e.tbl(k, vIdx)
	}
	for k := range unroll {
		e.store(k, rOut, k)
	}
	e.advance(rIn, unroll)
	e.advance(rOut, unroll)
	e.ins("SUB $%d, R%d, R%d", unroll, rRows, rRows)
	e.ins("CMP $%d, R%d", unroll, rRows)
	e.ins("BGE four")
	e.ins("CBZ R%d, done", rRows)
	e.line("one:")
	e.load(0, rIn, 0)
	e.tbl(0, vIdx)
	e.store(0, rOut, 0)
	e.advance(rIn, 1)
	e.advance(rOut, 1)
	e.countDown(rRows, "one")
	e.line("done:")
	e.ins("RET")
	e.line("")
}

// perm writes the row permutation kernel of a set (32-bit elements).
func perm(sve bool) string {
	e := &emitter{sve: sve, bits: 32}
	permRows(e)
	return e.b.String()
}
