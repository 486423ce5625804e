package main

import "fmt"

// The SU(3) matrix product on link fields (kernels.SU3MulGo), float64:
// dst = op(a) op(b), or dst += op(a) op(b) with add, on n tiles of 18 rows
// (element e = 3*row + column, rows 2e re and 2e+1 im). One TEXT block per
// set holds the eight variants v = 4*opA + 2*opB + add and branches to
// the one asked for.
//
// Exact twin: no fused multiply-adds. Each product is an FMUL, and the
// sums are FADD/FSUB in kernels.su3Site's order (x_k of op(a), y_k of
// op(b), as stored):
//
//	plain, plain and dag, dag:  pr = xr*yr - xi*yi,  pi = xr*yi + xi*yr
//	plain, dag:                 pr = xr*yr + xi*yi,  pi = xi*yr - xr*yi
//	dag, plain:                 pr = xr*yr + xi*yi,  pi = xr*yi - xi*yr
//	s = (p0 + p1) + p2; dag, dag: si = -si; dst = s or dst + s
//
// Register plan: 0..17 the factors of op(b), y(k, j) re in 2*(3k+j), im
// one above, loaded once per tile; 18..23 row i of op(a), x_k re in 18+2k,
// im 19+2k; 24..27 the products, 28 and 29 the sums, 30 dst when adding.
// b and a are loaded whole before dst is written, but rows of a after the
// first are read after dst rows are stored: dst must not overlap a or b.

const (
	rSDst = 0
	rSA   = 1
	rSB   = 2
	rSN   = 3
	rSV   = 4
)

// su3Mul writes the TEXT block su3mul<set>64(dst, a, b *float64, n, v int).
func su3Mul(e *emitter) {
	if e.bits != 64 {
		return // float64 only (the gauge code's precision)
	}
	name := "su3mul" + e.name() + "64"
	e.line("// func %s(dst, a, b *float64, n, v int)", name)
	e.line("TEXT ·%s(SB), NOSPLIT, $0-40", name)
	e.ins("MOVD dst+0(FP), R%d", rSDst)
	e.ins("MOVD a+8(FP), R%d", rSA)
	e.ins("MOVD b+16(FP), R%d", rSB)
	e.ins("MOVD n+24(FP), R%d", rSN)
	e.ins("MOVD v+32(FP), R%d", rSV)
	e.ins("CBZ R%d, done", rSN)
	e.ptrue()
	for v := 1; v < 8; v++ {
		e.ins("CMP $%d, R%d", v, rSV)
		e.ins("BEQ v%d", v)
	}
	for v := range 8 {
		su3Variant(e, v&4 != 0, v&2 != 0, v&1 != 0, fmt.Sprintf("v%d", v))
	}
	e.line("done:")
	e.ins("RET")
	e.line("")
}

// su3Variant writes the tile loop of one variant, starting at label l and
// leaving through done.
func su3Variant(e *emitter, opA, opB, add bool, l string) {
	e.line("%s:", l)
	e.ins("// opA %v, opB %v, add %v", opA, opB, add)
	for k := range 3 {
		for j := range 3 {
			eb := 3*k + j
			if opB {
				eb = 3*j + k
			}
			e.load(2*(3*k+j), rSB, 2*eb)
			e.load(2*(3*k+j)+1, rSB, 2*eb+1)
		}
	}
	const pr, tr, pi, ti, sr, si, vd = 24, 25, 26, 27, 28, 29, 30
	for i := range 3 {
		for k := range 3 {
			ea := 3*i + k
			if opA {
				ea = 3*k + i
			}
			e.load(18+2*k, rSA, 2*ea)
			e.load(19+2*k, rSA, 2*ea+1)
		}
		for j := range 3 {
			for k := range 3 {
				xr, xi := 18+2*k, 19+2*k
				yr, yi := 2*(3*k+j), 2*(3*k+j)+1
				dr, di := pr, pi // product k > 0, added to the sums below
				if k == 0 {
					dr, di = sr, si
				}
				e.fmul(dr, xr, yr)
				e.fmul(tr, xi, yi)
				if opA == opB {
					e.fsub(dr, dr, tr)
				} else {
					e.fadd(dr, dr, tr)
				}
				switch {
				case opA == opB: // xr*yi + xi*yr
					e.fmul(di, xr, yi)
					e.fmul(ti, xi, yr)
					e.fadd(di, di, ti)
				case opB: // xi*yr - xr*yi
					e.fmul(di, xi, yr)
					e.fmul(ti, xr, yi)
					e.fsub(di, di, ti)
				default: // xr*yi - xi*yr
					e.fmul(di, xr, yi)
					e.fmul(ti, xi, yr)
					e.fsub(di, di, ti)
				}
				if k > 0 {
					e.fadd(sr, sr, pr)
					e.fadd(si, si, pi)
				}
			}
			if opA && opB {
				e.fneg(si, si)
			}
			ed := 3*i + j
			if add {
				e.load(vd, rSDst, 2*ed)
				e.fadd(sr, vd, sr)
				e.load(vd, rSDst, 2*ed+1)
				e.fadd(si, vd, si)
			}
			e.store(sr, rSDst, 2*ed)
			e.store(si, rSDst, 2*ed+1)
		}
	}
	e.advance(rSA, 18)
	e.advance(rSB, 18)
	e.advance(rSDst, 18)
	e.ins("SUB $1, R%d, R%d", rSN, rSN)
	e.ins("CBNZ R%d, %s", rSN, l)
	e.ins("B done")
}
