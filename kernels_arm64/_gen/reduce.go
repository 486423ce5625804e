package main

// The per-site reductions and the fused CG update (reduce_neon_arm64.s,
// reduce_sve_arm64.s): exact twins of kernels.SiteNormGo, SiteDotGo and
// CGUpdateGo. Each walks n tiles of nc components ([tile][component][re|im]
// [lane], one vector register per row) and writes one float64 partial per
// lane and tile. The sums are the twins', operation by operation: per
// lane, from +0, component by component, partial = partial + (product
// +/- product), every product an FMUL and every sum an FADD/FSUB (no fused
// multiply-adds).
//
// float32 rows are widened to float64 in two halves of W/2 lanes, so a
// float32 kernel keeps two float64 partial vectors per sum, stored one
// after the other (lanes 0..W/2-1, then W/2..W-1). NEON widens with FCVTL
// (lanes 0, 1) and FCVTL2 (lanes 2, 3). SVE's FCVT .d from .s converts the
// even 32-bit elements (the low half of each 64-bit container), so the
// half is first spread into the containers in order with UUNPKLO (lanes
// 0..W/2-1) or UUNPKHI (lanes W/2..W-1), keeping the lane order of the Go
// twin.

// halves is the number of float64 vectors one row of W numbers widens to.
func (e *emitter) halves() int { return 64 / e.bits }

// in64 runs f with the emitter at float64 (the partials' precision), for
// the float64 arithmetic of a float32 kernel.
func (e *emitter) in64(f func()) {
	bits := e.bits
	e.bits = 64
	f()
	e.bits = bits
}

// zero64 sets vector register v to +0 (float64 lanes).
func (e *emitter) zero64(v int) {
	checkReg(v)
	if e.sve {
		e.word(0x25f8c000|uint32(v), "mov z%d.d, #0", v)
		return
	}
	e.ins("VEOR V%d.B16, V%d.B16, V%d.B16", v, v, v)
}

// widen sets vector register d to half j (0: the lower lanes, 1: the
// upper ones) of the float32 register n, converted to float64, lanes in
// order.
func (e *emitter) widen(d, n, j int) {
	checkReg(d, n)
	if e.sve {
		if j == 0 {
			e.word(0x05f23800|uint32(n)<<5|uint32(d), "uunpklo z%d.d, z%d.s", d, n)
		} else {
			e.word(0x05f33800|uint32(n)<<5|uint32(d), "uunpkhi z%d.d, z%d.s", d, n)
		}
		// p0 (ptrue .s) is true at every 64-bit element too
		e.word(0x65cba000|uint32(d)<<5|uint32(d), "fcvt z%d.d, p0/m, z%d.s", d, d)
		return
	}
	if j == 0 {
		e.word(0x0e617800|uint32(n)<<5|uint32(d), "fcvtl v%d.2d, v%d.2s", d, n)
	} else {
		e.word(0x4e617800|uint32(n)<<5|uint32(d), "fcvtl2 v%d.2d, v%d.4s", d, n)
	}
}

// half64 sets vector register d to half j of the row in register n as
// float64: the row itself in float64 (j is 0), widened in float32.
func (e *emitter) half64(d, n, j int) int {
	if e.bits == 64 {
		return n
	}
	e.widen(d, n, j)
	return d
}

// storeParts writes the partial vectors acc..acc+halves-1 to the rows at
// base and advances base past them.
func (e *emitter) storeParts(acc, base int) {
	for j := range e.halves() {
		e.store(acc+j, base, j)
	}
	e.advance(base, e.halves())
}

// countDown decrements general register r and branches to label while it
// is not zero.
func (e *emitter) countDown(r int, label string) {
	e.ins("SUB $1, R%d, R%d", r, r)
	e.ins("CBNZ R%d, %s", r, label)
}

func (e *emitter) reduceEnd() {
	e.line("done:")
	e.ins("RET")
	e.line("")
}

// siteNorm writes siteNorm<set><bits>(part *float64, x *F, n, nc int):
// part = sum_c (re*re + im*im). Registers: R0 part, R1 x, R2 tiles left,
// R3 nc, R4 components left; partials 0..1, re and im rows 8 and 9, their
// float64 halves and squares 2 and 3.
func siteNorm(e *emitter) {
	name := "siteNorm" + e.name() + itoa(e.bits)
	e.line("// func %s(part *float64, x *%s, n, nc int)", name, e.goType())
	e.line("//")
	e.line("// kernels.SiteNormGo on n tiles of nc components.")
	e.line("TEXT ·%s(SB), NOSPLIT, $0-32", name)
	e.ins("MOVD part+0(FP), R0")
	e.ins("MOVD x+8(FP), R1")
	e.ins("MOVD n+16(FP), R2")
	e.ins("MOVD nc+24(FP), R3")
	e.ins("CBZ R2, done")
	e.ins("CBZ R3, done")
	e.ptrue()
	e.line("tile:")
	h := e.halves()
	for j := range h {
		e.zero64(j)
	}
	e.ins("MOVD R3, R4")
	e.line("comp:")
	e.load(8, 1, 0)
	e.load(9, 1, 1)
	for j := range h {
		re, im := e.half64(2, 8, j), e.half64(3, 9, j)
		e.in64(func() {
			e.fmul(2, re, re)
			e.fmul(3, im, im)
			e.fadd(2, 2, 3)
			e.fadd(j, j, 2)
		})
	}
	e.advance(1, 2)
	e.countDown(4, "comp")
	e.storeParts(0, 0)
	e.countDown(2, "tile")
	e.reduceEnd()
}

// siteDot writes siteDot<set><bits>(pr, pi *float64, x, y *F, n, nc int):
// pr = sum_c (xr*yr + xi*yi), pi = sum_c (xr*yi - xi*yr). Registers: R0
// pr, R1 pi, R2 x, R3 y, R4 tiles left, R5 nc, R6 components left; real
// partials 0..1, imaginary 2..3, the rows xr xi yr yi 16..19, their
// float64 halves 4..7, products 8 and 9.
func siteDot(e *emitter) {
	name := "siteDot" + e.name() + itoa(e.bits)
	e.line("// func %s(pr, pi *float64, x, y *%s, n, nc int)", name, e.goType())
	e.line("//")
	e.line("// kernels.SiteDotGo on n tiles of nc components.")
	e.line("TEXT ·%s(SB), NOSPLIT, $0-48", name)
	e.ins("MOVD pr+0(FP), R0")
	e.ins("MOVD pi+8(FP), R1")
	e.ins("MOVD x+16(FP), R2")
	e.ins("MOVD y+24(FP), R3")
	e.ins("MOVD n+32(FP), R4")
	e.ins("MOVD nc+40(FP), R5")
	e.ins("CBZ R4, done")
	e.ins("CBZ R5, done")
	e.ptrue()
	e.line("tile:")
	const accI = 2
	for j := range e.halves() {
		e.zero64(j)
		e.zero64(accI + j)
	}
	e.ins("MOVD R5, R6")
	e.line("comp:")
	e.load(16, 2, 0)
	e.load(17, 2, 1)
	e.load(18, 3, 0)
	e.load(19, 3, 1)
	for j := range e.halves() {
		xr, xi := e.half64(4, 16, j), e.half64(5, 17, j)
		yr, yi := e.half64(6, 18, j), e.half64(7, 19, j)
		e.in64(func() {
			e.fmul(8, xr, yr)
			e.fmul(9, xi, yi)
			e.fadd(8, 8, 9)
			e.fadd(j, j, 8)
			e.fmul(8, xr, yi)
			e.fmul(9, xi, yr)
			e.fsub(8, 8, 9)
			e.fadd(accI+j, accI+j, 8)
		})
	}
	e.advance(2, 2)
	e.advance(3, 2)
	e.countDown(6, "comp")
	e.storeParts(0, 0)
	e.storeParts(accI, 1)
	e.countDown(4, "tile")
	e.reduceEnd()
}

// cgUpdate writes cgUpdate<set><bits>(a F, x, r, p, q *F, part *float64,
// n, nc int): x = x + a*p, r = r - a*q in the data's precision, part = the
// new |r|^2 per site. Per component it reads x and p, stores x, then
// reads r and q and stores r: the order of the Go loop per lane, so p may
// be x and q may be r. Registers: R0 a (then free), R1 x, R2 r, R3 p, R4
// q, R5 part, R6 tiles left, R7 nc, R8 components left; a 31, partials
// 10..11, rows xr xi rr ri pr pi qr qi 0..7, products 8 and 9, the new r's
// float64 halves and squares 12 and 13.
func cgUpdate(e *emitter) {
	name := "cgUpdate" + e.name() + itoa(e.bits)
	t := e.goType()
	e.line("// func %s(a %s, x, r, p, q *%s, part *float64, n, nc int)", name, t, t)
	e.line("//")
	e.line("// kernels.CGUpdateGo on n tiles of nc components.")
	e.line("TEXT ·%s(SB), NOSPLIT, $0-64", name)
	const vA, acc = 31, 10
	if e.bits == 64 {
		e.ins("MOVD a+0(FP), R0")
	} else {
		e.ins("MOVWU a+0(FP), R0")
	}
	e.dup(vA, 0)
	e.ins("MOVD x+8(FP), R1")
	e.ins("MOVD r+16(FP), R2")
	e.ins("MOVD p+24(FP), R3")
	e.ins("MOVD q+32(FP), R4")
	e.ins("MOVD part+40(FP), R5")
	e.ins("MOVD n+48(FP), R6")
	e.ins("MOVD nc+56(FP), R7")
	e.ins("CBZ R6, done")
	e.ins("CBZ R7, done")
	e.ptrue()
	e.line("tile:")
	h := e.halves()
	for j := range h {
		e.zero64(acc + j)
	}
	e.ins("MOVD R7, R8")
	e.line("comp:")
	e.load(0, 1, 0)
	e.load(1, 1, 1)
	e.load(4, 3, 0)
	e.load(5, 3, 1)
	e.fmul(8, vA, 4) // xr + a*pr
	e.fadd(0, 0, 8)
	e.fmul(9, vA, 5) // xi + a*pi
	e.fadd(1, 1, 9)
	e.store(0, 1, 0)
	e.store(1, 1, 1)
	e.load(2, 2, 0)
	e.load(3, 2, 1)
	e.load(6, 4, 0)
	e.load(7, 4, 1)
	e.fmul(8, vA, 6) // rr - a*qr
	e.fsub(2, 2, 8)
	e.fmul(9, vA, 7) // ri - a*qi
	e.fsub(3, 3, 9)
	e.store(2, 2, 0)
	e.store(3, 2, 1)
	for j := range h {
		fr, fi := e.half64(12, 2, j), e.half64(13, 3, j)
		e.in64(func() {
			e.fmul(12, fr, fr)
			e.fmul(13, fi, fi)
			e.fadd(12, 12, 13)
			e.fadd(acc+j, acc+j, 12)
		})
	}
	for _, r := range []int{1, 2, 3, 4} {
		e.advance(r, 2)
	}
	e.countDown(8, "comp")
	e.storeParts(acc, 5)
	e.countDown(6, "tile")
	e.reduceEnd()
}
