package main

import (
	"fmt"
	"strings"
)

// emitter writes Go assembly for one instruction set (NEON or SVE) and
// one precision. Vector registers are numbered 0..31 (V or Z), general
// registers 0..15 (Go's R0..R15, x0..x15). One vector register holds one
// row of the tiled layout: W = vector bits / element bits lanes.
//
// Instructions the Go assembler knows are written as Go mnemonics; the
// others (every SVE instruction; NEON FADD, FSUB, FMUL, FNEG, FCVTL and
// FCVTL2 on vectors) as WORD with the instruction in llvm-mc syntax in a
// comment, which generated_test.go re-assembles with llvm-mc to check the
// word.
type emitter struct {
	b    strings.Builder
	sve  bool
	bits int // element size: 64 or 32
}

func (e *emitter) line(format string, args ...any) {
	fmt.Fprintf(&e.b, format+"\n", args...)
}

func (e *emitter) ins(format string, args ...any) {
	e.line("\t"+format, args...)
}

func (e *emitter) word(enc uint32, format string, args ...any) {
	e.ins("WORD $0x%08x // %s", enc, fmt.Sprintf(format, args...))
}

// sveSize is the SVE size field: 3 for .d, 2 for .s.
func (e *emitter) sveSize() uint32 {
	if e.bits == 64 {
		return 3
	}
	return 2
}

// neonSz is the NEON sz bit of the floating-point vector instructions.
func (e *emitter) neonSz() uint32 {
	if e.bits == 64 {
		return 1
	}
	return 0
}

// zt is the SVE element suffix, vt the NEON arrangement (llvm syntax),
// gt the Go arrangement.
func (e *emitter) zt() string {
	if e.bits == 64 {
		return "d"
	}
	return "s"
}

func (e *emitter) vt() string {
	if e.bits == 64 {
		return "2d"
	}
	return "4s"
}

func (e *emitter) gt() string {
	if e.bits == 64 {
		return "D2"
	}
	return "S4"
}

func checkReg(v ...int) {
	for _, r := range v {
		if r < 0 || r > 31 {
			panic(fmt.Sprintf("register %d out of range", r))
		}
	}
}

// load sets vector register v to row `row` of the rows at base.
func (e *emitter) load(v, base, row int) {
	checkReg(v)
	if e.sve {
		e.word(sveLdrStr(0x85804000, v, base, row), "ldr z%d, [x%d, #%d, mul vl]", v, base, row)
		return
	}
	e.ins("FMOVQ %d(R%d), F%d", neonOffset(row), base, v)
}

// store writes vector register v to row `row` of the rows at base.
func (e *emitter) store(v, base, row int) {
	checkReg(v)
	if e.sve {
		e.word(sveLdrStr(0xe5804000, v, base, row), "str z%d, [x%d, #%d, mul vl]", v, base, row)
		return
	}
	e.ins("FMOVQ F%d, %d(R%d)", v, neonOffset(row), base)
}

// sveLdrStr encodes LDR/STR (vector) with a signed 9-bit offset in
// multiples of the vector length.
func sveLdrStr(op uint32, v, base, row int) uint32 {
	if row < -256 || row > 255 {
		panic(fmt.Sprintf("SVE LDR/STR offset %d out of range", row))
	}
	imm := uint32(row) & 0x1ff
	return op | (imm>>3)<<16 | (imm&7)<<10 | uint32(base)<<5 | uint32(v)
}

// neonOffset is the byte offset of a 128-bit row, in the range of LDR Q's
// scaled unsigned offset.
func neonOffset(row int) int {
	if row < 0 || row*16 > 65520 {
		panic(fmt.Sprintf("NEON row offset %d out of range", row))
	}
	return row * 16
}

// arith3 writes d = n op m for op in fadd, fsub, fmul.
func (e *emitter) arith3(op string, d, n, m int) {
	checkReg(d, n, m)
	if e.sve {
		opc := map[string]uint32{"fadd": 0, "fsub": 1, "fmul": 2}[op]
		enc := 0x65000000 | e.sveSize()<<22 | uint32(m)<<16 | opc<<10 | uint32(n)<<5 | uint32(d)
		t := e.zt()
		e.word(enc, "%s z%d.%s, z%d.%s, z%d.%s", op, d, t, n, t, m, t)
		return
	}
	base := map[string]uint32{"fadd": 0x4e20d400, "fsub": 0x4ea0d400, "fmul": 0x6e20dc00}[op]
	enc := base | e.neonSz()<<22 | uint32(m)<<16 | uint32(n)<<5 | uint32(d)
	t := e.vt()
	e.word(enc, "%s v%d.%s, v%d.%s, v%d.%s", op, d, t, n, t, m, t)
}

func (e *emitter) fadd(d, n, m int) { e.arith3("fadd", d, n, m) }
func (e *emitter) fsub(d, n, m int) { e.arith3("fsub", d, n, m) }
func (e *emitter) fmul(d, n, m int) { e.arith3("fmul", d, n, m) }

// fmla sets d += n*m (fused), fmls d -= n*m.
func (e *emitter) fmla(d, n, m int) { e.fma(false, d, n, m) }
func (e *emitter) fmls(d, n, m int) { e.fma(true, d, n, m) }

func (e *emitter) fma(sub bool, d, n, m int) {
	checkReg(d, n, m)
	if e.sve {
		enc := 0x65200000 | e.sveSize()<<22 | uint32(m)<<16 | uint32(n)<<5 | uint32(d)
		op := "fmla"
		if sub {
			enc |= 1 << 13
			op = "fmls"
		}
		t := e.zt()
		e.word(enc, "%s z%d.%s, p0/m, z%d.%s, z%d.%s", op, d, t, n, t, m, t)
		return
	}
	op := "VFMLA"
	if sub {
		op = "VFMLS"
	}
	t := e.gt()
	e.ins("%s V%d.%s, V%d.%s, V%d.%s", op, m, t, n, t, d, t)
}

// fneg sets d = -n.
func (e *emitter) fneg(d, n int) {
	checkReg(d, n)
	if e.sve {
		enc := 0x041da000 | e.sveSize()<<22 | uint32(n)<<5 | uint32(d)
		t := e.zt()
		e.word(enc, "fneg z%d.%s, p0/m, z%d.%s", d, t, n, t)
		return
	}
	enc := 0x6ea0f800 | e.neonSz()<<22 | uint32(n)<<5 | uint32(d)
	t := e.vt()
	e.word(enc, "fneg v%d.%s, v%d.%s", d, t, n, t)
}

// dup sets every lane of vector v to the low element of general register r.
func (e *emitter) dup(v, r int) {
	checkReg(v)
	if e.sve {
		enc := 0x05203800 | e.sveSize()<<22 | uint32(r)<<5 | uint32(v)
		if e.bits == 64 {
			e.word(enc, "mov z%d.d, x%d", v, r)
		} else {
			e.word(enc, "mov z%d.s, w%d", v, r)
		}
		return
	}
	e.ins("VDUP R%d, V%d.%s", r, v, e.gt())
}

// ptrue sets predicate p0 to all lanes of the element size (SVE only; the
// predicated instructions above use p0).
func (e *emitter) ptrue() {
	if !e.sve {
		return
	}
	e.word(0x2518e3e0|e.sveSize()<<22, "ptrue p0.%s", e.zt())
}

// rdvl sets general register r to imm times the vector length in bytes
// (SVE only).
func (e *emitter) rdvl(r, imm int) {
	if imm < -32 || imm > 31 {
		panic(fmt.Sprintf("RDVL immediate %d out of range", imm))
	}
	e.word(0x04bf5000|(uint32(imm)&0x3f)<<5|uint32(r), "rdvl x%d, #%d", r, imm)
}

// name is the set's name in function names: NEON or SVE.
func (e *emitter) name() string {
	if e.sve {
		return "SVE"
	}
	return "NEON"
}

// goType is the element type in Go declarations.
func (e *emitter) goType() string {
	return fmt.Sprintf("float%d", e.bits)
}

// tbl permutes the lanes of vector v in place: v[l] = v[idx[l]], with the
// lane indices in vector idx (SVE: elements of the data's size; NEON: byte
// indices, TBL being byte-wise).
func (e *emitter) tbl(v, idx int) {
	checkReg(v, idx)
	if e.sve {
		enc := 0x05203000 | e.sveSize()<<22 | uint32(idx)<<16 | uint32(v)<<5 | uint32(v)
		t := e.zt()
		e.word(enc, "tbl z%d.%s, {z%d.%s}, z%d.%s", v, t, v, t, idx, t)
		return
	}
	e.ins("VTBL V%d.B16, [V%d.B16], V%d.B16", idx, v, v)
}

// advance adds rows vector rows to general register r: ADDVL on SVE, an
// immediate add of rows*16 bytes on NEON.
func (e *emitter) advance(r, rows int) {
	if e.sve {
		if rows < -32 || rows > 31 {
			panic(fmt.Sprintf("ADDVL immediate %d out of range", rows))
		}
		e.word(0x04205000|uint32(r)<<16|(uint32(rows)&0x3f)<<5|uint32(r), "addvl x%d, x%d, #%d", r, r, rows)
		return
	}
	e.ins("ADD $%d, R%d", 16*rows, r)
}

// The SVE instructions of the halo rows (wilson.go haloRows): a predicated
// load of the first elements of a row, a lane selection under a
// predicate, a predicate from a vector of lane masks, and a table lookup
// into another register.

// ld1 sets vector v to the elements at x[base] of the lanes of predicate
// p, zero elsewhere (LD1W/LD1D, scalar base, no offset; SVE only).
func (e *emitter) ld1(v, p, base int) {
	checkReg(v)
	enc := uint32(0xa540a000)
	op := "ld1w"
	if e.bits == 64 {
		enc, op = 0xa5e0a000, "ld1d"
	}
	enc |= uint32(p)<<10 | uint32(base)<<5 | uint32(v)
	e.word(enc, "%s {z%d.%s}, p%d/z, [x%d]", op, v, e.zt(), p, base)
}

// sel sets vector d to n in the lanes of predicate p and m elsewhere (SVE).
func (e *emitter) sel(d, p, n, m int) {
	checkReg(d, n, m)
	enc := 0x0520c000 | e.sveSize()<<22 | uint32(m)<<16 | uint32(p)<<10 | uint32(n)<<5 | uint32(d)
	t := e.zt()
	e.word(enc, "sel z%d.%s, p%d, z%d.%s, z%d.%s", d, t, p, n, t, m, t)
}

// cmpne0 sets predicate pd to the lanes (of p0) where vector n is not zero
// (SVE).
func (e *emitter) cmpne0(pd, n int) {
	checkReg(n)
	enc := 0x25008010 | e.sveSize()<<22 | uint32(n)<<5 | uint32(pd)
	t := e.zt()
	e.word(enc, "cmpne p%d.%s, p0/z, z%d.%s, #0", pd, t, n, t)
}

// tbl3 sets vector d to n permuted: d[l] = n[idx[l]] (SVE).
func (e *emitter) tbl3(d, n, idx int) {
	checkReg(d, n, idx)
	enc := 0x05203000 | e.sveSize()<<22 | uint32(idx)<<16 | uint32(n)<<5 | uint32(d)
	t := e.zt()
	e.word(enc, "tbl z%d.%s, {z%d.%s}, z%d.%s", d, t, n, t, idx, t)
}

// compact packs the lanes of predicate p of vector n into the lowest lanes
// of d, zero above (SVE, .s and .d).
func (e *emitter) compact(d, p, n int) {
	checkReg(d, n)
	enc := 0x05218000 | e.sveSize()<<22 | uint32(p)<<10 | uint32(n)<<5 | uint32(d)
	t := e.zt()
	e.word(enc, "compact z%d.%s, p%d, z%d.%s", d, t, p, n, t)
}

// st1 stores the lanes of predicate p of vector v at x[base] (ST1W/ST1D,
// scalar base, no offset; SVE only).
func (e *emitter) st1(v, p, base int) {
	checkReg(v)
	enc := uint32(0xe540e000)
	op := "st1w"
	if e.bits == 64 {
		enc, op = 0xe5e0e000, "st1d"
	}
	enc |= uint32(p)<<10 | uint32(base)<<5 | uint32(v)
	e.word(enc, "%s {z%d.%s}, p%d, [x%d]", op, v, e.zt(), p, base)
}
