package main

// The per-site reductions and the fused CG update (reduce_amd64.s,
// reduce_gen_amd64.go): the twins of kernels.SiteNormGo, SiteDotGo and
// CGUpdateGo. One kernel per (shape16, precision); each walks n tiles of
// nc components and writes one float64 partial per lane and tile. The sums
// are those of the twins, operation by operation: per lane, from zero,
// component by component, partial = partial + (product + product), each
// product rounded (no fused multiply-add). float32 rows are widened to
// float64 in two halves of W/2 lanes (VCVTPS2PD), so a float32 kernel
// keeps two float64 partial vectors per sum.

import (
	"fmt"
	"go/format"
	"log"
	"strings"
)

// redGen writes one reduction kernel.
type redGen struct {
	*out
	sh shape
	pr prec
}

// halves is the number of float64 vectors one row of W numbers widens to.
func (g redGen) halves() int { return 8 / g.pr.size }

// r names vector register n at the kernel's width.
func (g redGen) r(n int) string { return g.sh.r(n) }

// low names the lower half of vector register n (the float32 source of
// VCVTPS2PD into a full-width register).
func (g redGen) low(n int) string {
	return map[string]string{"Z": "Y", "Y": "X", "X": "X"}[g.sh.reg] + fmt.Sprint(n)
}

// zero clears register n (VPXORQ for the EVEX Z kernels: VXORPD on Z
// registers needs AVX-512DQ).
func (g redGen) zero(n int) {
	if g.sh.reg == "Z" {
		g.i("VPXORQ %s, %s, %s", g.r(n), g.r(n), g.r(n))
	} else {
		g.i("VXORPD %s, %s, %s", g.r(n), g.r(n), g.r(n))
	}
}

// load64 loads half j of the row at off(base) as float64 into register n.
func (g redGen) load64(j, off int, base string, n int) {
	if g.pr.bits == 64 {
		g.i("VMOVUPD %d(%s), %s", off, base, g.r(n))
		return
	}
	g.i("VCVTPS2PD %d(%s), %s", off+j*g.sh.vb/2, base, g.r(n))
}

// widen sets register dst to half j of float32 register src as float64
// (tmp is clobbered for the upper half).
func (g redGen) widen(j, src, dst, tmp int) {
	if j == 0 {
		g.i("VCVTPS2PD %s, %s", g.low(src), g.r(dst))
		return
	}
	switch g.sh.reg {
	case "Z":
		g.i("VEXTRACTF64X4 $1, %s, Y%d", g.r(src), tmp)
	case "Y":
		g.i("VEXTRACTF128 $1, %s, X%d", g.r(src), tmp)
	case "X":
		g.i("VMOVHLPS %s, %s, X%d", g.r(src), g.r(src), tmp)
	}
	g.i("VCVTPS2PD %s, %s", g.low(tmp), g.r(dst))
}

// storeParts writes the partial vectors acc[0..halves) to (base) and
// advances base.
func (g redGen) storeParts(acc int, base string) {
	for j := range g.halves() {
		g.i("VMOVUPD %s, %d(%s)", g.r(acc+j), j*g.sh.vb, base)
	}
	g.i("ADDQ $%d, %s", g.halves()*g.sh.vb, base)
}

func (g redGen) name(kind string) string { return fmt.Sprintf("%s%s%d", kind, g.sh.reg, g.pr.bits) }

func (g redGen) end() {
	g.label("done")
	g.i("VZEROUPPER")
	g.i("RET")
	g.p("")
}

// siteNorm: part = sum_c (re*re + im*im). Registers: partials 0..1,
// squares 2 (re) and 3 (im). DI part, SI x, CX tiles left, DX nc, BX
// components left.
func (g redGen) siteNorm() {
	name := g.name("siteNorm")
	g.p("// func %s(part *float64, x *float%d, n, nc int)", name, g.pr.bits)
	g.p("//")
	g.p("// kernels.SiteNormGo, %d-bit, W = %d: n tiles of nc components.", g.pr.bits, g.sh.lanes(g.pr))
	g.p("TEXT ·%s(SB), NOSPLIT, $0-32", name)
	g.i("MOVQ part+0(FP), DI")
	g.i("MOVQ x+8(FP), SI")
	g.i("MOVQ n+16(FP), CX")
	g.i("MOVQ nc+24(FP), DX")
	g.i("TESTQ CX, CX")
	g.i("JLE done")
	g.label("tile")
	for j := range g.halves() {
		g.zero(j)
	}
	g.i("MOVQ DX, BX")
	g.label("comp")
	for j := range g.halves() {
		g.load64(j, 0, "SI", 2)
		g.load64(j, g.sh.vb, "SI", 3)
		g.i("VMULPD %s, %s, %s", g.r(2), g.r(2), g.r(2))
		g.i("VMULPD %s, %s, %s", g.r(3), g.r(3), g.r(3))
		g.i("VADDPD %s, %s, %s", g.r(3), g.r(2), g.r(2))
		g.i("VADDPD %s, %s, %s", g.r(2), g.r(j), g.r(j))
	}
	g.i("ADDQ $%d, SI", 2*g.sh.vb)
	g.i("DECQ BX")
	g.i("JNZ comp")
	g.storeParts(0, "DI")
	g.i("DECQ CX")
	g.i("JNZ tile")
	g.end()
}

// siteDot: pr = sum_c (xr*yr + xi*yi), pi = sum_c (xr*yi - xi*yr).
// Registers: real partials 0..1, imaginary 2..3, xr xi yr yi 4..7,
// products 8 and 9. DI pr, R11 pi, SI x, R8 y, CX tiles left, DX nc, BX
// components left.
func (g redGen) siteDot() {
	name := g.name("siteDot")
	g.p("// func %s(pr, pi *float64, x, y *float%d, n, nc int)", name, g.pr.bits)
	g.p("//")
	g.p("// kernels.SiteDotGo, %d-bit, W = %d: n tiles of nc components.", g.pr.bits, g.sh.lanes(g.pr))
	g.p("TEXT ·%s(SB), NOSPLIT, $0-48", name)
	g.i("MOVQ pr+0(FP), DI")
	g.i("MOVQ pi+8(FP), R11")
	g.i("MOVQ x+16(FP), SI")
	g.i("MOVQ y+24(FP), R8")
	g.i("MOVQ n+32(FP), CX")
	g.i("MOVQ nc+40(FP), DX")
	g.i("TESTQ CX, CX")
	g.i("JLE done")
	g.label("tile")
	for j := range 2 * g.halves() {
		g.zero(j)
	}
	g.i("MOVQ DX, BX")
	g.label("comp")
	h := g.halves()
	for j := range h {
		g.load64(j, 0, "SI", 4)
		g.load64(j, g.sh.vb, "SI", 5)
		g.load64(j, 0, "R8", 6)
		g.load64(j, g.sh.vb, "R8", 7)
		g.i("VMULPD %s, %s, %s", g.r(6), g.r(4), g.r(8)) // xr*yr
		g.i("VMULPD %s, %s, %s", g.r(7), g.r(5), g.r(9)) // xi*yi
		g.i("VADDPD %s, %s, %s", g.r(9), g.r(8), g.r(8))
		g.i("VADDPD %s, %s, %s", g.r(8), g.r(j), g.r(j))
		g.i("VMULPD %s, %s, %s", g.r(7), g.r(4), g.r(8)) // xr*yi
		g.i("VMULPD %s, %s, %s", g.r(6), g.r(5), g.r(9)) // xi*yr
		g.i("VSUBPD %s, %s, %s", g.r(9), g.r(8), g.r(8))
		g.i("VADDPD %s, %s, %s", g.r(8), g.r(h+j), g.r(h+j))
	}
	g.i("ADDQ $%d, SI", 2*g.sh.vb)
	g.i("ADDQ $%d, R8", 2*g.sh.vb)
	g.i("DECQ BX")
	g.i("JNZ comp")
	g.storeParts(0, "DI")
	g.storeParts(h, "R11")
	g.i("DECQ CX")
	g.i("JNZ tile")
	g.end()
}

// cgUpdate: x = x + a*p, r = r - a*q in the data's precision, part = the
// new |r|^2 per site. Registers: a 0, partials 1..2, products 3 and 4, new
// r 5 (re) and 6 (im), its float64 halves 7 and 8, extraction 9. SI x,
// DI r, R8 p, R9 q, R10 part, CX tiles left, DX nc, BX components left.
func (g redGen) cgUpdate() {
	name := g.name("cgUpdate")
	op := func(n string) string { return n + g.pr.sfx }
	g.p("// func %s(a float%d, x, r, p, q *float%d, part *float64, n, nc int)", name, g.pr.bits, g.pr.bits)
	g.p("//")
	g.p("// kernels.CGUpdateGo, %d-bit, W = %d: n tiles of nc components.", g.pr.bits, g.sh.lanes(g.pr))
	g.p("TEXT ·%s(SB), NOSPLIT, $0-64", name)
	switch {
	case g.pr.bits == 32:
		g.i("VBROADCASTSS a+0(FP), %s", g.r(0))
	case g.sh.reg == "X":
		g.i("VMOVDDUP a+0(FP), %s", g.r(0))
	default:
		g.i("VBROADCASTSD a+0(FP), %s", g.r(0))
	}
	g.i("MOVQ x+8(FP), SI")
	g.i("MOVQ r+16(FP), DI")
	g.i("MOVQ p+24(FP), R8")
	g.i("MOVQ q+32(FP), R9")
	g.i("MOVQ part+40(FP), R10")
	g.i("MOVQ n+48(FP), CX")
	g.i("MOVQ nc+56(FP), DX")
	g.i("TESTQ CX, CX")
	g.i("JLE done")
	g.label("tile")
	for j := range g.halves() {
		g.zero(1 + j)
	}
	g.i("MOVQ DX, BX")
	g.label("comp")
	for ri, off := range []int{0, g.sh.vb} {
		// x = x + a*p
		g.i("%s %d(R8), %s, %s", op("VMUL"), off, g.r(0), g.r(3))
		g.i("%s %d(SI), %s, %s", op("VADD"), off, g.r(3), g.r(3))
		g.i("%s %s, %d(SI)", op("VMOVU"), g.r(3), off)
		// r = r - a*q
		g.i("%s %d(R9), %s, %s", op("VMUL"), off, g.r(0), g.r(4))
		g.i("%s %d(DI), %s", op("VMOVU"), off, g.r(5+ri))
		g.i("%s %s, %s, %s", op("VSUB"), g.r(4), g.r(5+ri), g.r(5+ri))
		g.i("%s %s, %d(DI)", op("VMOVU"), g.r(5+ri), off)
	}
	for j := range g.halves() {
		re, im := 5, 6
		if g.pr.bits == 32 {
			g.widen(j, 5, 7, 9)
			g.widen(j, 6, 8, 9)
			re, im = 7, 8
		}
		g.i("VMULPD %s, %s, %s", g.r(re), g.r(re), g.r(3))
		g.i("VMULPD %s, %s, %s", g.r(im), g.r(im), g.r(4))
		g.i("VADDPD %s, %s, %s", g.r(4), g.r(3), g.r(3))
		g.i("VADDPD %s, %s, %s", g.r(3), g.r(1+j), g.r(1+j))
	}
	for _, reg := range []string{"SI", "DI", "R8", "R9"} {
		g.i("ADDQ $%d, %s", 2*g.sh.vb, reg)
	}
	g.i("DECQ BX")
	g.i("JNZ comp")
	g.storeParts(1, "R10")
	g.i("DECQ CX")
	g.i("JNZ tile")
	g.end()
}

// redKinds are the kernels of this file, in the order they are written.
var redKinds = []string{"siteNorm", "siteDot", "cgUpdate"}

// redSignature is the Go parameter list of kernel kind in precision p.
func redSignature(kind string, p prec) string {
	f := fmt.Sprintf("float%d", p.bits)
	switch kind {
	case "siteNorm":
		return fmt.Sprintf("part *float64, x *%s, n, nc int", f)
	case "siteDot":
		return fmt.Sprintf("pr, pi *float64, x, y *%s, n, nc int", f)
	}
	return fmt.Sprintf("a %s, x, r, p, q *%s, part *float64, n, nc int", f, f)
}

// redArgs is the argument list that passes the parameters on.
var redArgs = map[string]string{
	"siteNorm": "part, x, n, nc",
	"siteDot":  "pr, pi, x, y, n, nc",
	"cgUpdate": "a, x, r, p, q, part, n, nc",
}

// redDeclarations writes reduce_gen_amd64.go: the kernels' declarations
// and the switches that call them.
func redDeclarations() []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("// Code generated by kernels_amd64/_gen; DO NOT EDIT.")
	w("")
	w("//go:build !noasm")
	w("")
	w("package kernels_amd64")
	w("")
	for _, kind := range redKinds {
		for _, sh := range shapes16 {
			for _, p := range []prec{f64, f32} {
				w("//go:noescape")
				w("func %s%s%d(%s)", kind, sh.reg, p.bits, redSignature(kind, p))
				w("")
			}
		}
	}
	for _, kind := range redKinds {
		for _, p := range []prec{f64, f32} {
			fn := fmt.Sprintf("call%s%s%d", strings.ToUpper(kind[:1]), kind[1:], p.bits)
			w("// %s runs the %s kernel of shape s.", fn, kind)
			w("func %s(s shapeID, %s) {", fn, redSignature(kind, p))
			w("\tswitch s {")
			for _, sh := range shapes16 {
				w("\tcase %s:", shapeConst(sh.isa, sh.reg))
				w("\t\t%s%s%d(%s)", kind, sh.reg, p.bits, redArgs[kind])
			}
			w("\t}")
			w("}")
			w("")
		}
	}
	return formatGo(b.String())
}

// writeReduce writes the reduction kernels and their declarations.
func writeReduce() {
	o := &out{}
	o.p("%s", header)
	for _, kind := range redKinds {
		for _, sh := range shapes16 {
			for _, p := range []prec{f64, f32} {
				g := redGen{o, sh, p}
				switch kind {
				case "siteNorm":
					g.siteNorm()
				case "siteDot":
					g.siteDot()
				case "cgUpdate":
					g.cgUpdate()
				}
			}
		}
	}
	write("../reduce_amd64.s", o.b.Bytes())
	write("../reduce_gen_amd64.go", redDeclarations())
}

// formatGo gofmts generated Go source.
func formatGo(src string) []byte {
	b, err := format.Source([]byte(src))
	if err != nil {
		log.Fatal(err)
	}
	return b
}
