package main

// The clover kernel: dst = C src on n consecutive tiles, C two packed
// Hermitian 6x6 blocks per site (kernels.CloverApplyGo):
//
//	clover rows  (2*tile + b)*36 + e,  e = i (diagonal, real),
//	             e = packed(i, j) re, +1 im for i > j
//	spinor rows  24*tile + 2*(6b + i) + reim
//
// Register plan: 0..11 the six complex components x of the block, 12..23
// y (one pair per row i), 24..31 matrix elements loaded in turn. Each row
// y_i = sum_j C_ij x_j is summed in the order of the portable kernel's
// cloverBlock (diagonal first, then j ascending; real part times x before
// imaginary part), so that the two differ only by fused multiply-adds.
// x is loaded whole before y is stored: dst may be src.

const (
	rCDst  = 0
	rCSrc  = 1
	rCClov = 2
	rCN    = 3
	rCSp   = 4 // spinor tile stride in bytes
	rCCl   = 5 // clover tile stride in bytes
)

func packed(i, j int) int { return 6 + 2*(i*(i-1)/2+j) }

// cloverTiles writes the TEXT block of one clover kernel.
func cloverTiles(e *emitter) {
	name := "clover" + e.name() + itoa(e.bits)
	t := e.goType()
	e.line("// func %s(dst, src, clov *%s, n int)", name, t)
	e.line("TEXT ·%s(SB), NOSPLIT, $0-32", name)
	e.ins("MOVD dst+0(FP), R%d", rCDst)
	e.ins("MOVD src+8(FP), R%d", rCSrc)
	e.ins("MOVD clov+16(FP), R%d", rCClov)
	e.ins("MOVD n+24(FP), R%d", rCN)
	e.ins("CBZ R%d, done", rCN)
	e.ptrue()
	if e.sve {
		e.rdvl(rCSp, 24)
		e.rdvl(rCCl, 24)
		e.ins("ADD R%d<<1, R%d, R%d", rCCl, rCCl, rCCl)
	} else {
		e.ins("MOVD $%d, R%d", 24*16, rCSp)
		e.ins("MOVD $%d, R%d", 72*16, rCCl)
	}
	e.line("loop:")
	next := 0
	elem := func() int {
		r := 24 + next
		next = (next + 1) % 8
		return r
	}
	for b := range 2 {
		e.ins("// block %d", b)
		for k := range 12 {
			e.load(k, rCSrc, 12*b+k)
		}
		for i := range 6 {
			yr, yi := 12+2*i, 12+2*i+1
			xr, xi := 2*i, 2*i+1
			m := elem()
			e.load(m, rCClov, 36*b+i)
			e.fmul(yr, m, xr)
			e.fmul(yi, m, xi)
			for j := range 6 {
				if j == i {
					continue
				}
				xr, xi := 2*j, 2*j+1
				r, s := elem(), elem()
				if j < i { // C_ij = r + i s
					e.load(r, rCClov, 36*b+packed(i, j))
					e.load(s, rCClov, 36*b+packed(i, j)+1)
					e.fmla(yr, r, xr)
					e.fmls(yr, s, xi)
					e.fmla(yi, r, xi)
					e.fmla(yi, s, xr)
				} else { // C_ij = conj(C_ji) = r - i s
					e.load(r, rCClov, 36*b+packed(j, i))
					e.load(s, rCClov, 36*b+packed(j, i)+1)
					e.fmla(yr, r, xr)
					e.fmla(yr, s, xi)
					e.fmla(yi, r, xi)
					e.fmls(yi, s, xr)
				}
			}
			e.store(yr, rCDst, 12*b+2*i)
			e.store(yi, rCDst, 12*b+2*i+1)
		}
	}
	e.ins("ADD R%d, R%d, R%d", rCSp, rCDst, rCDst)
	e.ins("ADD R%d, R%d, R%d", rCSp, rCSrc, rCSrc)
	e.ins("ADD R%d, R%d, R%d", rCCl, rCClov, rCClov)
	e.ins("SUB $1, R%d, R%d", rCN, rCN)
	e.ins("CBNZ R%d, loop", rCN)
	e.line("done:")
	e.ins("RET")
	e.line("")
}
