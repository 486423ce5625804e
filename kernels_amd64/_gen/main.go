// Command _gen writes the assembly of package kernels_amd64:
//
//	wilson_hop_amd64.s   the Wilson hopping kernels, one per (set, vector shape, precision)
//	clover_amd64.s       the clover-block kernels, one per (vector shape, precision)
//	linalg_amd64.s       axpy and xpay
//	face_amd64.s         the spin projection of halo faces and halo hops (face.go,
//	                     with their declarations face_gen_amd64.go)
//	reduce_amd64.s       the per-site reductions and the CG update (reduce.go,
//	                     with their declarations reduce_gen_amd64.go)
//	su3mat_amd64.s       the SU(3) products of kernels.SU3MulGo (float64)
//	force_amd64.s        the Wilson-fermion HMC force of kernels.WilsonForceGo (force.go,
//	                     with its declarations force_gen_amd64.go)
//	matvec_amd64.s       the colour matrix-vector product of kernels.SU3MulAddVec (matvec.go,
//	                     with its declarations matvec_gen_amd64.go)
//	perm_amd64.s         the lane permutation of rows of kernels.PermuteRowsGo (perm.go,
//	                     with its declarations perm_gen_amd64.go)
//	kernels_gen_amd64.go the Go declarations and the switches that call them
//	frame_gen.go         the field offsets of hopFrame that the assembly uses
//
// Run it from this directory: go run . (the Makefile-free equivalent of
// go generate ./kernels_amd64). It has its own go.mod so that the main
// module does not depend on the generator.
//
// The kernels perform, lane-parallel, exactly the floating-point operations
// of the portable site kernels of package kernels (wilson_site_gen.go, from
// kernels/wilson_gen.go), in the same order: the SU(3) and clover rows and
// the rebuilt third rows of compact links are one multiply and fused
// multiply-adds (the Go twins use math.FMA in float64 and emulate the
// float32 ones exactly), every other operation is unfused, so that every W
// and every kernel set gives the same bits as the portable W = 1 path. The generator therefore mirrors kernels/wilson_gen.go term by
// term; kernels_amd64's tests hold the output to the Go kernels bit for bit.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"log"
	"os"
	"strings"
)

// projection repeats kernels.HopProjection: for hop d, the projected
// half-spinor is h_a = psi_a + C[a] psi_J[a]. The kernels_amd64 tests check
// it against the table of package kernels.
var projection = [8]struct {
	j [2]int
	c [2]string
}{
	{[2]int{3, 2}, [2]string{"-i", "-i"}},
	{[2]int{3, 2}, [2]string{"+i", "+i"}},
	{[2]int{3, 2}, [2]string{"+1", "-1"}},
	{[2]int{3, 2}, [2]string{"-1", "+1"}},
	{[2]int{2, 3}, [2]string{"-i", "+i"}},
	{[2]int{2, 3}, [2]string{"+i", "-i"}},
	{[2]int{2, 3}, [2]string{"-1", "-1"}},
	{[2]int{2, 3}, [2]string{"+1", "+1"}},
}

var conj = map[string]string{"+1": "+1", "-1": "-1", "+i": "-i", "-i": "+i"}

// Offsets of the fields of hopFrame (kernels_amd64/frame.go); written to
// frame_gen.go, where a test compares them with unsafe.Offsetof.
var offsets = []struct {
	name string
	off  int
}{
	{"Dst", 0}, {"X", 8}, {"Src", 16}, {"Links", 24}, {"Tiles", 32}, {"N", 40},
	{"Nbr", 48}, {"Cross", 56}, {"HalfMask", 64}, {"A64", 72}, {"A32", 80},
	{"Half", 88}, {"Perm", 152}, {"Acc", 664},
	{"HaloTab", 2136}, {"HaloMode", 2144}, {"Recv", 2152}, {"RowBytes", 2216},
	{"RowStride", 2280}, {"HaloK", 2344}, {"HaloLoad", 2408}, {"HaloIdx", 2664}, {"HaloBlend", 2920},
}

func off(name string) int {
	for _, o := range offsets {
		if o.name == name {
			return o.off
		}
	}
	log.Fatalf("no offset %s", name)
	return 0
}

// prec is a floating-point precision.
type prec struct {
	bits int
	size int    // bytes per number
	sfx  string // PD or PS
	sign string // symbol of the sign-bit mask
	pxor string // EVEX integer xor of that width (AVX-512F)
}

var (
	f64 = prec{64, 8, "PD", "signbit64", "VPXORQ"}
	f32 = prec{32, 4, "PS", "signbit32", "VPXORD"}
)

// shape is a vector register shape and how many registers a kernel may use.
type shape struct {
	isa  string // AVX512 or AVX2: the set whose kernels these are
	reg  string // Z, Y or X
	vb   int    // bytes per vector
	regs int    // 32: EVEX (AVX-512F, +VL below 512 bits); 16: VEX (AVX/AVX2)
}

func (s shape) r(n int) string { return fmt.Sprintf("%s%d", s.reg, n) }

// lanes is W for precision p.
func (s shape) lanes(p prec) int { return s.vb / p.size }

var hopShapes = []shape{
	{"AVX512", "Z", 64, 32},
	{"AVX512", "Y", 32, 32},
	{"AVX2", "Y", 32, 16},
	{"AVX2", "X", 16, 16},
}

// shapes16: the clover, axpy and xpay kernels need at most 14 registers,
// so one kernel per width serves both sets (the Z one is EVEX-encoded, the
// others VEX).
var shapes16 = []shape{
	{"", "Z", 64, 16},
	{"", "Y", 32, 16},
	{"", "X", 16, 16},
}

// out collects assembly text.
type out struct{ b bytes.Buffer }

func (o *out) p(format string, args ...any) { fmt.Fprintf(&o.b, format+"\n", args...) }
func (o *out) i(format string, args ...any) { fmt.Fprintf(&o.b, "\t"+format+"\n", args...) }
func (o *out) label(l string)               { fmt.Fprintf(&o.b, "%s:\n", l) }

// hopVariants are the generated hopping kernels: every shape in float64
// and float32, with full and with compact links.
var hopVariants = func() []*hopGen {
	var vs []*hopGen
	for _, sh := range hopShapes {
		vs = append(vs, &hopGen{sh: sh, pr: f64}, &hopGen{sh: sh, pr: f32}, &hopGen{sh: sh, pr: f64, compact: true}, &hopGen{sh: sh, pr: f32, compact: true})
	}
	return vs
}()

// hopGen writes one hopping kernel.
type hopGen struct {
	*out
	sh shape
	pr prec
	// compact: 13 link rows per hop (rows 0 and 1 and the sign row,
	// kernels/wilson_compact.go); row 2 is rebuilt into scratch at R14+row2.
	compact bool
	row2    int // byte offset of the rebuilt row 2 from R14
	// register plan
	h    [6]string // projected half-spinor: colour c re at h[2c], im at h[2c+1]
	o, t string    // result of one SU(3) row component, product temporary
	acc  [24]string
	mem  [24]bool // acc[k] lives in memory (acc scratch, base R14)
	// both: the 32-register plan that multiplies both projected colour
	// vectors of a hop by each link element in turn (hopBoth): h0, h1 the
	// two half-spinor vectors, res their four row results, link the
	// element.
	both   bool
	h0, h1 [6]string
	res    [4]string // re, im of U h_0 row i, then of U h_1 row i
	link   string
}

func (g *hopGen) op(name string) string { return name + g.pr.sfx }
func (g *hopGen) m(off int, base string) string {
	return fmt.Sprintf("%d(%s)", off, base)
}

func newHopGen(o *out, sh shape, p prec, compact bool) *hopGen {
	g := &hopGen{out: o, sh: sh, pr: p, compact: compact}
	if sh.regs != 32 {
		g.row2 = 16 * sh.vb // after the 16 accumulator vectors in the scratch
	}
	if sh.regs == 32 {
		// Spins 0 and 1 of the accumulator in 0..11, spins 2 and 3 in the
		// scratch (R14, 12 vectors, then the rebuilt row 2 of compact
		// links); h_0 in 12..17, h_1 in 18..23, row results 24..27, the
		// link element 28, temporaries 29 (o) and 30 (t).
		g.both = true
		g.row2 = 12 * sh.vb
		for k := range 24 {
			if k < 12 {
				g.acc[k] = sh.r(k)
			} else {
				g.acc[k] = g.m((k-12)*sh.vb, "R14")
				g.mem[k] = true
			}
		}
		for k := range 6 {
			g.h0[k], g.h1[k] = sh.r(12+k), sh.r(18+k)
		}
		for k := range 4 {
			g.res[k] = sh.r(24 + k)
		}
		g.link, g.o, g.t = sh.r(28), sh.r(29), sh.r(30)
		g.h = g.h0 // recon's temporaries, free at the start of a hop
		return g
	}
	// 16 registers: half-spinor 0..5, temporaries 6, 7, the first 8
	// accumulator components in 8..15, the other 16 in the scratch.
	for k := range 6 {
		g.h[k] = sh.r(k)
	}
	g.o, g.t = sh.r(6), sh.r(7)
	for k := range 24 {
		if k < 8 {
			g.acc[k] = sh.r(8 + k)
		} else {
			g.acc[k] = g.m((k-8)*sh.vb, "R14")
			g.mem[k] = true
		}
	}
	return g
}

// xorSign sets dst = -src (flips the sign bits, as Go's unary minus).
func (g *hopGen) xorSign(src, dst string) {
	if g.sh.regs == 32 {
		g.i("%s %s<>(SB), %s, %s", g.pr.pxor, g.pr.sign, src, dst)
		return
	}
	g.i("%s %s<>(SB), %s, %s", g.op("VXOR"), g.pr.sign, src, dst)
}

// accOp applies acc[k] = v (set), -v (neg), acc[k] + v (add) or
// acc[k] - v (sub). g.t may be clobbered.
func (g *hopGen) accOp(k int, v, op string) {
	a := g.acc[k]
	if !g.mem[k] {
		switch op {
		case "set":
			g.i("%s %s, %s", g.op("VMOVA"), v, a)
		case "neg":
			g.xorSign(v, a)
		case "add":
			g.i("%s %s, %s, %s", g.op("VADD"), v, a, a)
		case "sub":
			g.i("%s %s, %s, %s", g.op("VSUB"), v, a, a)
		}
		return
	}
	switch op {
	case "set":
		g.i("%s %s, %s", g.op("VMOVU"), v, a)
	case "neg":
		g.xorSign(v, g.t)
		g.i("%s %s, %s", g.op("VMOVU"), g.t, a)
	case "add":
		g.i("%s %s, %s, %s", g.op("VADD"), a, v, g.t)
		g.i("%s %s, %s", g.op("VMOVU"), g.t, a)
	case "sub":
		g.i("%s %s, %s", g.op("VMOVU"), a, g.t)
		g.i("%s %s, %s, %s", g.op("VSUB"), v, g.t, g.t)
		g.i("%s %s, %s", g.op("VMOVU"), g.t, a)
	}
}

// project loads h_a = psi_a + C psi_J from the spinor at DX.
func (g *hopGen) project(a, j int, c string) {
	vb := g.sh.vb
	for col := range 3 {
		xr, xi := g.m(2*(3*a+col)*vb, "DX"), g.m((2*(3*a+col)+1)*vb, "DX")
		yr, yi := g.m(2*(3*j+col)*vb, "DX"), g.m((2*(3*j+col)+1)*vb, "DX")
		hr, hi := g.h[2*col], g.h[2*col+1]
		var opR, argR, opI, argI string
		switch c {
		case "+1":
			opR, argR, opI, argI = "VADD", yr, "VADD", yi
		case "-1":
			opR, argR, opI, argI = "VSUB", yr, "VSUB", yi
		case "+i": // xr - yi, xi + yr
			opR, argR, opI, argI = "VSUB", yi, "VADD", yr
		case "-i": // xr + yi, xi - yr
			opR, argR, opI, argI = "VADD", yi, "VSUB", yr
		}
		g.i("%s %s, %s", g.op("VMOVU"), xr, hr)
		g.i("%s %s, %s, %s", g.op(opR), argR, hr, hr)
		g.i("%s %s, %s", g.op("VMOVU"), xi, hi)
		g.i("%s %s, %s, %s", g.op(opI), argI, hi, hi)
	}
}

// permute applies the lane permutation of hop d (dword indices in the
// frame) to the six half-spinor registers.
func (g *hopGen) permute(d int) {
	g.i("VMOVUPS %d(DI), %s", off("Perm")+64*d, g.o)
	for _, h := range g.h {
		if g.sh.reg == "X" {
			g.i("VPERMILPS %s, %s, %s", g.o, h, h)
		} else {
			g.i("VPERMPS %s, %s, %s", h, g.o, h)
		}
	}
}

// su3 (16-register kernels) multiplies the half-spinor by the link of hop d (base BX) and
// reconstructs spin a and J into the accumulator, row by row, with the
// operation order of kernels/wilson_gen.go:
//
//	or = u0r*x0r - u0i*x0i + u1r*x1r - u1i*x1i + u2r*x2r - u2i*x2i
//	oi = u0r*x0i + u0i*x0r + u1r*x1i + u1i*x1r + u2r*x2i + u2i*x2r
func (g *hopGen) su3(d, a, j int, c string, set bool) {
	vb := g.sh.vb
	u := func(i, jj, ri int) string {
		if g.compact && i == 2 {
			return g.m(g.row2+(2*jj+ri)*vb, "R14")
		}
		return g.m((g.linkRows()*d+2*(3*i+jj)+ri)*vb, "BX")
	}
	cc := conj[c]
	add, sub := "add", "sub"
	if set {
		add, sub = "set", "neg"
	}
	for i := range 3 {
		ka, kj := 2*(3*a+i), 2*(3*j+i)
		// real part
		g.i("%s %s, %s, %s", g.op("VMUL"), u(i, 0, 0), g.h[0], g.o)
		g.mulAcc(u(i, 0, 1), g.h[1], true)
		for jj := 1; jj < 3; jj++ {
			g.mulAcc(u(i, jj, 0), g.h[2*jj], false)
			g.mulAcc(u(i, jj, 1), g.h[2*jj+1], true)
		}
		g.accOp(ka, g.o, add)
		switch cc { // r_J = cc * U h_a: the real part's share
		case "+1":
			g.accOp(kj, g.o, add)
		case "-1":
			g.accOp(kj, g.o, sub)
		case "+i":
			g.accOp(kj+1, g.o, add)
		case "-i":
			g.accOp(kj+1, g.o, sub)
		}
		// imaginary part
		g.i("%s %s, %s, %s", g.op("VMUL"), u(i, 0, 0), g.h[1], g.o)
		g.mulAcc(u(i, 0, 1), g.h[0], false)
		for jj := 1; jj < 3; jj++ {
			g.mulAcc(u(i, jj, 0), g.h[2*jj+1], false)
			g.mulAcc(u(i, jj, 1), g.h[2*jj], false)
		}
		g.accOp(ka+1, g.o, add)
		switch cc {
		case "+1":
			g.accOp(kj+1, g.o, add)
		case "-1":
			g.accOp(kj+1, g.o, sub)
		case "+i":
			g.accOp(kj, g.o, sub)
		case "-i":
			g.accOp(kj, g.o, add)
		}
	}
}

// hopBoth is hop d of the 32-register kernels after the link setup:
// project (or load) both half-spinor vectors, permute their lanes when the
// hop crosses the tile, then per row i of L_d multiply both by each link
// element in turn, the element loaded once into a register for the four
// sums it enters (real and imaginary part of U h_0 and U h_1; each sum in
// the twin's order), and reconstruct into the accumulator as su3 does.
// Per hop that reads each link element once instead of four times.
func (g *hopGen) hopBoth(d int) {
	vb := g.sh.vb
	pr := projection[d]
	l := fmt.Sprintf("h%d", d)
	g.i("BTQ $%d, R9", 16+d) // the half-spinor is at DX (see kernel)
	g.i("JCS %sload", l)
	for a, h := range [2][6]string{g.h0, g.h1} {
		g.h = h
		g.project(a, pr.j[a], pr.c[a])
	}
	g.i("BTQ $%d, R9", d)
	g.i("JCC %sexpand", l)
	g.i("VMOVUPS %d(DI), %s", off("Perm")+64*d, g.o)
	for _, h := range append(g.h0[:], g.h1[:]...) {
		if g.sh.reg == "X" {
			g.i("VPERMILPS %s, %s, %s", g.o, h, h)
		} else {
			g.i("VPERMPS %s, %s, %s", h, g.o, h)
		}
	}
	// The halo lanes (mask HaloK[d]) replace what the projection gave
	// them: VEXPAND fills the masked lanes, in order, from the received
	// row at R15, whose 12 rows are RowStride[d] bytes apart.
	g.label(l + "expand")
	g.i("BTQ $%d, R9", 8+d)
	g.i("JCC %srows", l)
	g.i("KMOVW %d(DI), K1", off("HaloK")+8*d)
	g.i("MOVQ %d(DI), DX", off("RowStride")+8*d)
	for k, h := range append(g.h0[:], g.h1[:]...) {
		g.i("VEXPAND%s (R15), K1, %s", g.pr.sfx, h)
		if k < 11 {
			g.i("ADDQ DX, R15")
		}
	}
	g.i("JMP %srows", l)
	g.label(l + "load")
	for k := range 6 {
		g.i("%s %s, %s", g.op("VMOVU"), g.m(k*vb, "DX"), g.h0[k])
		g.i("%s %s, %s", g.op("VMOVU"), g.m((6+k)*vb, "DX"), g.h1[k])
	}
	g.label(l + "rows")
	u := func(i, jj, ri int) string {
		if g.compact && i == 2 {
			return g.m(g.row2+(2*jj+ri)*vb, "R14")
		}
		return g.m((g.linkRows()*d+2*(3*i+jj)+ri)*vb, "BX")
	}
	fm := func(neg bool, x, dst string) {
		op := "VFMADD231"
		if neg {
			op = "VFNMADD231"
		}
		g.i("%s %s, %s, %s", g.op(op), g.link, x, dst)
	}
	add, sub := "add", "sub"
	if d == 0 {
		add, sub = "set", "neg"
	}
	for i := range 3 {
		for jj := range 3 {
			g.i("%s %s, %s", g.op("VMOVU"), u(i, jj, 0), g.link)
			for a, h := range [2][6]string{g.h0, g.h1} {
				re, im := g.res[2*a], g.res[2*a+1]
				if jj == 0 {
					g.i("%s %s, %s, %s", g.op("VMUL"), g.link, h[0], re)
					g.i("%s %s, %s, %s", g.op("VMUL"), g.link, h[1], im)
				} else {
					fm(false, h[2*jj], re)
					fm(false, h[2*jj+1], im)
				}
			}
			g.i("%s %s, %s", g.op("VMOVU"), u(i, jj, 1), g.link)
			for a, h := range [2][6]string{g.h0, g.h1} {
				re, im := g.res[2*a], g.res[2*a+1]
				fm(true, h[2*jj+1], re)
				fm(false, h[2*jj], im)
			}
		}
		for a := range 2 {
			re, im := g.res[2*a], g.res[2*a+1]
			ka, kj := 2*(3*a+i), 2*(3*pr.j[a]+i)
			g.accOp(ka, re, add)
			g.accOp(ka+1, im, add)
			switch conj[pr.c[a]] { // r_J = cc * U h_a
			case "+1":
				g.accOp(kj, re, add)
				g.accOp(kj+1, im, add)
			case "-1":
				g.accOp(kj, re, sub)
				g.accOp(kj+1, im, sub)
			case "+i":
				g.accOp(kj+1, re, add)
				g.accOp(kj, im, sub)
			case "-i":
				g.accOp(kj+1, re, sub)
				g.accOp(kj, im, add)
			}
		}
	}
}

// haloRows reports whether the kernel reads halo rows in its tile list:
// the 32-register ones (VEXPAND) and AVX2 in Y registers (expandVEX); the
// X-register ones leave halo tiles to fillHalf.
func (g *hopGen) haloRows() bool { return g.both || g.sh.reg == "Y" }

// expandVEX (16-register kernels) puts the halo lanes of the received rows
// at R15 into the six projected half-spinor registers of one spin: a row's
// first nk numbers (masked load, HaloLoad[d]) go to their lanes (VPERMPS
// by HaloIdx[d]) and replace the projection there (VBLENDV by
// HaloBlend[d]). R15 advances a row (RowStride[d]) each time, so spin 1
// follows spin 0.
func (g *hopGen) expandVEX(d, a int) {
	g.i("BTQ $%d, R9", 8+d)
	g.i("JCC h%d%dsu3", d, a)
	for _, h := range g.h {
		g.i("VMOVDQU %d(DI), %s", off("HaloLoad")+32*d, g.o)
		g.i("%s (R15), %s, %s", g.op("VMASKMOV"), g.o, g.t)
		g.i("VMOVDQU %d(DI), %s", off("HaloIdx")+32*d, g.o)
		g.i("VPERMPS %s, %s, %s", g.t, g.o, g.t)
		g.i("VMOVDQU %d(DI), %s", off("HaloBlend")+32*d, g.o)
		g.i("%s %s, %s, %s, %s", g.op("VBLENDV"), g.o, g.t, h, h)
		g.i("ADDQ %d(DI), R15", off("RowStride")+8*d)
	}
}

// haloRow looks up the received row of hop d of the
// tile when the call has halo rows for the hop (HaloMode bit d): none
// (Halo entry -1) leaves DX at the neighbour spinor; a row that holds every
// lane in order (HaloMode bit 8+d) becomes the half-spinor itself (DX, R9
// bit 16+d); otherwise R15 points at the row and R9 bit 8+d asks the hop
// (hopBoth, expandVEX) to expand its lanes into the projected half-spinor.
func (g *hopGen) haloRow(d int) {
	l := fmt.Sprintf("h%d", d)
	g.i("BTQ $%d, %d(DI)", d, off("HaloMode"))
	g.i("JCC %sgo", l)
	g.i("MOVQ AX, R15")
	g.i("SHLQ $5, R15")
	g.i("ADDQ %d(DI), R15", off("HaloTab"))
	g.i("MOVLQSX %d(R15), R15", 4*d)
	g.i("TESTQ R15, R15")
	g.i("JS %sgo", l)
	g.i("IMULQ %d(DI), R15", off("RowBytes")+8*d)
	g.i("ADDQ %d(DI), R15", off("Recv")+8*d)
	g.i("BTQ $%d, %d(DI)", 8+d, off("HaloMode"))
	g.i("JCS %sdirect", l)
	g.i("BTSQ $%d, R9", 8+d)
	g.i("JMP %sgo", l)
	g.label(l + "direct")
	g.i("MOVQ R15, DX")
	g.i("BTSQ $%d, R9", 16+d)
}

// linkRows is the number of link rows per hop.
func (g *hopGen) linkRows() int {
	if g.compact {
		return 13
	}
	return 18
}

// recon rebuilds row 2 of compact link d into the scratch at R14+row2, in
// the operation order of kernels.ExpandLink ((j, k, l) cyclic; the products
// after the first fused, as in the rows):
//
//	re = (((r0k.re r1l.re - r0k.im r1l.im) - r0l.re r1k.re) + r0l.im r1k.im) * s
//	im = (((r0l.re r1k.im + r0l.im r1k.re) - r0k.re r1l.im) - r0k.im r1l.re) * s
//
// The half-spinor registers are free at the start of a hop.
func (g *hopGen) recon(d int) {
	vb := g.sh.vb
	r := func(i, j, ri int) string { return g.m((13*d+2*(3*i+j)+ri)*vb, "BX") }
	sign := g.m((13*d+12)*vb, "BX")
	a, b, c, e := g.h[0], g.h[1], g.h[2], g.h[3]
	mul := func(m, x, dst string) { g.i("%s %s, %s, %s", g.op("VMUL"), m, x, dst) }
	fm := func(op, m, x string) { g.i("%s %s, %s, %s", g.op(op), m, x, g.o) }
	for j := range 3 {
		k, l := (j+1)%3, (j+2)%3
		g.i("%s %s, %s", g.op("VMOVU"), r(0, k, 0), a)
		g.i("%s %s, %s", g.op("VMOVU"), r(0, k, 1), b)
		g.i("%s %s, %s", g.op("VMOVU"), r(0, l, 0), c)
		g.i("%s %s, %s", g.op("VMOVU"), r(0, l, 1), e)
		mul(r(1, l, 0), a, g.o)
		fm("VFNMADD231", r(1, l, 1), b)
		fm("VFNMADD231", r(1, k, 0), c)
		fm("VFMADD231", r(1, k, 1), e)
		mul(sign, g.o, g.o)
		g.i("%s %s, %s", g.op("VMOVU"), g.o, g.m(g.row2+(2*j)*vb, "R14"))
		mul(r(1, k, 1), c, g.o)
		fm("VFMADD231", r(1, k, 0), e)
		fm("VFNMADD231", r(1, l, 1), a)
		fm("VFNMADD231", r(1, l, 0), b)
		mul(sign, g.o, g.o)
		g.i("%s %s, %s", g.op("VMOVU"), g.o, g.m(g.row2+(2*j+1)*vb, "R14"))
	}
}

// mulAcc sets o = o + m*x (neg: o - m*x), one fused multiply-add (as the
// twin, kernels/wilson_gen.go fma64 and fma32).
func (g *hopGen) mulAcc(m, x string, neg bool) {
	fma := "VFMADD231"
	if neg {
		fma = "VFNMADD231"
	}
	g.i("%s %s, %s, %s", g.op(fma), m, x, g.o)
}

func (g *hopGen) broadcastA(dst string) {
	if g.pr.bits == 32 {
		g.i("VBROADCASTSS %d(DI), %s", off("A32"), dst)
		return
	}
	if g.sh.reg == "X" {
		g.i("VMOVDDUP %d(DI), %s", off("A64"), dst)
		return
	}
	g.i("VBROADCASTSD %d(DI), %s", off("A64"), dst)
}

// store writes dst = a*acc (withX false) or x + a*acc of the tile; DX
// points at the tile of Dst, BX at the tile of X.
func (g *hopGen) store(withX bool) {
	vb := g.sh.vb
	for k := range 24 {
		v := g.acc[k]
		if g.mem[k] {
			g.i("%s %s, %s, %s", g.op("VMUL"), v, g.o, g.t)
			v = g.t
		} else {
			g.i("%s %s, %s, %s", g.op("VMUL"), g.o, v, v)
		}
		if withX {
			g.i("%s %s, %s, %s", g.op("VADD"), g.m(k*vb, "BX"), v, v)
		}
		g.i("%s %s, %s", g.op("VMOVU"), v, g.m(k*vb, "DX"))
	}
}

func (g *hopGen) name() string {
	c := ""
	if g.compact {
		c = "C"
	}
	return fmt.Sprintf("hop%s%s%d%s", g.sh.isa, g.sh.reg, g.pr.bits, c)
}

func (g *hopGen) kernel() {
	vb := g.sh.vb
	w := g.sh.lanes(g.pr)
	g.p("// func %s(f *hopFrame)", g.name())
	g.p("//")
	g.p("// Hopping term, %d-bit, W = %d (%s registers, %d of them), accumulator partly in the frame's scratch.",
		g.pr.bits, w, g.sh.reg, g.sh.regs)
	if g.both {
		g.p("// Both colour vectors of a hop are multiplied by each link element, loaded once (hopBoth).")
	}
	g.p("// The operations and their order are those of the portable kernel: each")
	g.p("// SU(3) row is one multiply and five fused multiply-adds.")
	g.p("// DI frame, SI tile list, CX tiles left, AX tile, BX links of the tile,")
	g.p("// DX neighbour spinor (or half-spinor), R8 Nbr row, R9 Cross bits,")
	g.p("// R10 links of the next tile (prefetched), R11 Src, R12 Dst, R13 X (0: none), R14 accumulator scratch.")
	g.p("// R9 bit 16+d: hop d's half-spinor is at DX (Half[d], or a received row with every lane).")
	if g.haloRows() {
		g.p("// R15 the received halo row of a hop (K1 its lanes in the EVEX kernels); R9 bit 8+d: expand")
		g.p("// the row into hop d's projected half-spinor.")
	}
	g.p("TEXT ·%s(SB), NOSPLIT, $0-8", g.name())
	g.i("MOVQ f+0(FP), DI")
	g.i("MOVQ %d(DI), CX", off("N"))
	g.i("TESTQ CX, CX")
	g.i("JLE done")
	g.i("MOVQ %d(DI), SI", off("Tiles"))
	g.i("MOVQ %d(DI), R11", off("Src"))
	g.i("MOVQ %d(DI), R12", off("Dst"))
	g.i("MOVQ %d(DI), R13", off("X"))
	{ // the scratch: 64-byte aligned inside the frame's Acc
		g.i("LEAQ %d(DI), R14", off("Acc")+63)
		g.i("ANDQ $-64, R14")
	}
	g.label("tile")
	g.i("MOVLQSX (SI), AX")
	g.i("IMUL3Q $%d, AX, BX", 8*g.linkRows()*vb)
	g.i("ADDQ %d(DI), BX", off("Links"))
	g.i("MOVQ AX, R8")
	g.i("SHLQ $5, R8")
	g.i("ADDQ %d(DI), R8", off("Nbr"))
	g.i("MOVQ %d(DI), R9", off("Cross"))
	g.i("MOVBLZX (R9)(AX*1), R9")
	// The links are read once per tile, in the order of the tile list:
	// prefetch those of the next tile, a hop at a time.
	// (the neighbour spinors are reused by nearby tiles and mostly cached;
	// prefetching them too gained nothing measurable).
	g.i("MOVQ BX, R10")
	g.i("CMPQ CX, $1")
	g.i("JLE prefetched")
	g.i("MOVLQSX 4(SI), R10")
	g.i("IMUL3Q $%d, R10, R10", 8*g.linkRows()*vb)
	g.i("ADDQ %d(DI), R10", off("Links"))
	g.label("prefetched")
	for d := range 8 {
		pr := projection[d]
		g.p("\t// hop %d", d)
		g.i("BTQ $%d, %d(DI)", d, off("HalfMask"))
		g.i("JCS h%dhalfptr", d)
		g.i("MOVLQSX %d(R8), DX", 4*d)
		g.i("IMUL3Q $%d, DX, DX", 24*vb)
		g.i("ADDQ R11, DX")
		if g.haloRows() {
			g.haloRow(d)
		}
		g.i("JMP h%dgo", d)
		g.label(fmt.Sprintf("h%dhalfptr", d))
		g.i("MOVQ %d(DI), DX", off("Half")+8*d)
		g.i("BTSQ $%d, R9", 16+d)
		g.label(fmt.Sprintf("h%dgo", d))
		for line := 0; line < g.linkRows()*vb; line += 64 {
			g.i("PREFETCHT0 %d(R10)", g.linkRows()*d*vb+line)
		}
		if g.compact {
			g.recon(d)
		}
		if g.both {
			g.hopBoth(d)
			continue
		}
		for a := range 2 {
			l := fmt.Sprintf("h%d%d", d, a)
			g.i("BTQ $%d, R9", 16+d) // the half-spinor is at DX
			g.i("JCS %sload", l)
			g.project(a, pr.j[a], pr.c[a])
			g.i("BTQ $%d, R9", d)
			g.i("JCC %sexpand", l)
			g.permute(d)
			g.label(l + "expand")
			if g.haloRows() {
				g.expandVEX(d, a)
			}
			g.i("JMP %ssu3", l)
			g.label(l + "load")
			for k := range 6 {
				g.i("%s %s, %s", g.op("VMOVU"), g.m((6*a+k)*vb, "DX"), g.h[k])
			}
			g.label(l + "su3")
			g.su3(d, a, pr.j[a], pr.c[a], d == 0)
		}
	}
	g.p("\t// dst = x + a*acc, or a*acc")
	g.broadcastA(g.o)
	g.i("IMUL3Q $%d, AX, DX", 24*vb)
	g.i("TESTQ R13, R13")
	g.i("JEQ nox")
	g.i("LEAQ (R13)(DX*1), BX")
	g.i("ADDQ R12, DX")
	g.store(true)
	g.i("JMP next")
	g.label("nox")
	g.i("ADDQ R12, DX")
	g.store(false)
	g.label("next")
	g.i("ADDQ $4, SI")
	g.i("DECQ CX")
	g.i("JNZ tile")
	g.label("done")
	g.i("VZEROUPPER")
	g.i("RET")
	g.p("")
}

// cloverTerms lists, for output real k = 2i + ri of y = C x, the terms
// (packed element e, x index, sign) in the order of kernels/wilson_gen.go's
// cloverFunc.
func cloverTerms(i, ri int) []struct {
	e, x int
	neg  bool
} {
	packed := func(i, j int) int { return 6 + 2*(i*(i-1)/2+j) }
	type term = struct {
		e, x int
		neg  bool
	}
	ts := []term{{i, 2*i + ri, false}}
	for j := range 6 {
		if j == i {
			continue
		}
		if i > j {
			e := packed(i, j)
			if ri == 0 {
				ts = append(ts, term{e, 2 * j, false}, term{e + 1, 2*j + 1, true})
			} else {
				ts = append(ts, term{e, 2*j + 1, false}, term{e + 1, 2 * j, false})
			}
		} else {
			e := packed(j, i)
			if ri == 0 {
				ts = append(ts, term{e, 2 * j, false}, term{e + 1, 2*j + 1, false})
			} else {
				ts = append(ts, term{e, 2*j + 1, false}, term{e + 1, 2 * j, true})
			}
		}
	}
	return ts
}

func cloverKernel(o *out, sh shape, p prec) {
	vb := sh.vb
	op := func(n string) string { return n + p.sfx }
	name := fmt.Sprintf("clover%s%d", sh.reg, p.bits)
	o.p("// func %s(dst, src, clov *float%d, n int)", name, p.bits)
	o.p("//")
	o.p("// Clover blocks, %d-bit, W = %d: x in %s0..%s11, y in %s12;", p.bits, sh.lanes(p), sh.reg, sh.reg, sh.reg)
	o.p("// each row in the order of kernels.cloverBlock (one multiply, then fused multiply-adds).")
	o.p("TEXT ·%s(SB), NOSPLIT, $0-32", name)
	o.i("MOVQ dst+0(FP), DI")
	o.i("MOVQ src+8(FP), SI")
	o.i("MOVQ clov+16(FP), DX")
	o.i("MOVQ n+24(FP), CX")
	o.i("TESTQ CX, CX")
	o.i("JLE done")
	o.label("tile")
	y := sh.r(12)
	for b := range 2 {
		for k := range 12 {
			o.i("%s %d(SI), %s", op("VMOVU"), (12*b+k)*vb, sh.r(k))
		}
		for i := range 6 {
			for ri := range 2 {
				for n, tm := range cloverTerms(i, ri) {
					m := fmt.Sprintf("%d(DX)", (36*b+tm.e)*vb)
					if n == 0 {
						o.i("%s %s, %s, %s", op("VMUL"), m, sh.r(tm.x), y)
						continue
					}
					fma := "VFMADD231"
					if tm.neg {
						fma = "VFNMADD231"
					}
					o.i("%s %s, %s, %s", op(fma), m, sh.r(tm.x), y)
				}
				o.i("%s %s, %d(DI)", op("VMOVU"), y, (12*b+2*i+ri)*vb)
			}
		}
	}
	o.i("ADDQ $%d, SI", 24*vb)
	o.i("ADDQ $%d, DI", 24*vb)
	o.i("ADDQ $%d, DX", 72*vb)
	o.i("DECQ CX")
	o.i("JNZ tile")
	o.label("done")
	o.i("VZEROUPPER")
	o.i("RET")
	o.p("")
}

// linalgKernel writes axpy (y = a*x + y) or xpay (y = x + a*y) for complex
// a = ar + i ai on [block][re|im][lane] data, n blocks of one vector each
// for re and im, with the operation order of layout.Axpy / layout.Xpay
// (kernels.AxpyGo / XpayGo):
//
//	axpy  yr = yr + (ar*xr - ai*xi),   yi = yi + (ar*xi + ai*xr)
//	xpay  yr = (xr + ar*yr) - ai*yi,   yi = (xi + ar*yi) + ai*yr
func linalgKernel(o *out, kind string, sh shape, p prec) {
	vb := sh.vb
	op := func(n string) string { return n + p.sfx }
	r := sh.r
	name := fmt.Sprintf("%s%s%d", kind, sh.reg, p.bits)
	o.p("// func %s(ar, ai float%d, x, y *float%d, n int)", name, p.bits, p.bits)
	o.p("//")
	o.p("// %s, %d-bit, W = %d: a in %s0 (re), %s1 (im).", kind, p.bits, sh.lanes(p), sh.reg, sh.reg)
	o.p("TEXT ·%s(SB), NOSPLIT, $0-%d", name, 2*p.size+24)
	bcast := func(arg string, off int, dst string) {
		switch {
		case p.bits == 32:
			o.i("VBROADCASTSS %s+%d(FP), %s", arg, off, dst)
		case sh.reg == "X":
			o.i("VMOVDDUP %s+%d(FP), %s", arg, off, dst)
		default:
			o.i("VBROADCASTSD %s+%d(FP), %s", arg, off, dst)
		}
	}
	bcast("ar", 0, r(0))
	bcast("ai", p.size, r(1))
	o.i("MOVQ x+%d(FP), SI", 2*p.size)
	o.i("MOVQ y+%d(FP), DI", 2*p.size+8)
	o.i("MOVQ n+%d(FP), CX", 2*p.size+16)
	o.i("TESTQ CX, CX")
	o.i("JLE done")
	o.label("block")
	if kind == "axpy" {
		o.i("%s (SI), %s", op("VMOVU"), r(2))
		o.i("%s %d(SI), %s", op("VMOVU"), vb, r(3))
		o.i("%s %s, %s, %s", op("VMUL"), r(0), r(2), r(4))
		o.i("%s %s, %s, %s", op("VMUL"), r(1), r(3), r(5))
		o.i("%s %s, %s, %s", op("VSUB"), r(5), r(4), r(4))
		o.i("%s (DI), %s, %s", op("VADD"), r(4), r(4))
		o.i("%s %s, %s, %s", op("VMUL"), r(0), r(3), r(6))
		o.i("%s %s, %s, %s", op("VMUL"), r(1), r(2), r(7))
		o.i("%s %s, %s, %s", op("VADD"), r(7), r(6), r(6))
		o.i("%s %d(DI), %s, %s", op("VADD"), vb, r(6), r(6))
	} else {
		o.i("%s (DI), %s", op("VMOVU"), r(2))
		o.i("%s %d(DI), %s", op("VMOVU"), vb, r(3))
		o.i("%s %s, %s, %s", op("VMUL"), r(0), r(2), r(4))
		o.i("%s (SI), %s, %s", op("VADD"), r(4), r(4))
		o.i("%s %s, %s, %s", op("VMUL"), r(1), r(3), r(5))
		o.i("%s %s, %s, %s", op("VSUB"), r(5), r(4), r(4))
		o.i("%s %s, %s, %s", op("VMUL"), r(0), r(3), r(6))
		o.i("%s %d(SI), %s, %s", op("VADD"), vb, r(6), r(6))
		o.i("%s %s, %s, %s", op("VMUL"), r(1), r(2), r(7))
		o.i("%s %s, %s, %s", op("VADD"), r(7), r(6), r(6))
	}
	o.i("%s %s, (DI)", op("VMOVU"), r(4))
	o.i("%s %s, %d(DI)", op("VMOVU"), r(6), vb)
	o.i("ADDQ $%d, SI", 2*vb)
	o.i("ADDQ $%d, DI", 2*vb)
	o.i("DECQ CX")
	o.i("JNZ block")
	o.label("done")
	o.i("VZEROUPPER")
	o.i("RET")
	o.p("")
}

// su3Variant is one SU(3) product kernel: which factors enter as adjoints
// and whether the product is added to dst.
type su3Variant struct{ opA, opB, add bool }

// su3Variants lists the eight variants, index opA*4 + opB*2 + add (the
// order callSU3Mul64's switch uses).
var su3Variants = func() []su3Variant {
	var v []su3Variant
	for _, a := range []bool{false, true} {
		for _, b := range []bool{false, true} {
			for _, d := range []bool{false, true} {
				v = append(v, su3Variant{a, b, d})
			}
		}
	}
	return v
}()

func (v su3Variant) suffix() string {
	s := map[bool]string{false: "N", true: "D"}
	return s[v.opA] + s[v.opB] + map[bool]string{false: "s", true: "a"}[v.add]
}

// su3MatKernel writes the SU(3) product of kernels.SU3MulGo, float64, n
// tiles of 18 vectors each, with its operation order (no fused
// multiply-adds). Registers: the three factors x_k of op(a)'s row i in
// 0..5 (re 2k, im 2k+1), products 6..9, the sums 10 (re) and 11 (im), the
// sign mask 12. The factors of b are memory operands.
//
//	plain, plain and dag, dag:  pr = xr*yr - xi*yi,  pi = xr*yi + xi*yr
//	plain, dag:                 pr = xr*yr + xi*yi,  pi = xi*yr - xr*yi
//	dag, plain:                 pr = xr*yr + xi*yi,  pi = xr*yi - xi*yr
//	s = (p0 + p1) + p2; dag, dag: si = -si; dst = s or dst + s
func su3MatKernel(o *out, sh shape, v su3Variant) {
	p := f64
	vb := sh.vb
	op := func(n string) string { return n + p.sfx }
	r := sh.r
	name := fmt.Sprintf("su3mul%s64%s", sh.reg, v.suffix())
	o.p("// func %s(dst, a, b *float64, n int)", name)
	o.p("//")
	o.p("// dst = op(a) op(b) (opA %v, opB %v, add %v), W = %d, n tiles.", v.opA, v.opB, v.add, sh.lanes(p))
	o.p("TEXT ·%s(SB), NOSPLIT, $0-32", name)
	o.i("MOVQ dst+0(FP), DI")
	o.i("MOVQ a+8(FP), SI")
	o.i("MOVQ b+16(FP), DX")
	o.i("MOVQ n+24(FP), CX")
	o.i("TESTQ CX, CX")
	o.i("JLE done")
	neg := v.opA && v.opB
	if neg {
		o.i("%s su3sign64<>(SB), %s", op("VMOVU"), r(12))
	}
	re := func(e int) int { return 2 * e * vb }
	im := func(e int) int { return (2*e + 1) * vb }
	o.label("tile")
	for i := range 3 {
		for k := range 3 {
			ea := 3*i + k
			if v.opA {
				ea = 3*k + i
			}
			o.i("%s %d(SI), %s", op("VMOVU"), re(ea), r(2*k))
			o.i("%s %d(SI), %s", op("VMOVU"), im(ea), r(2*k+1))
		}
		for j := range 3 {
			for k := range 3 {
				eb := 3*k + j
				if v.opB {
					eb = 3*j + k
				}
				xr, xi := r(2*k), r(2*k+1)
				pr, pi := r(6), r(8)
				if k == 0 {
					pr, pi = r(10), r(11)
				}
				// real part: xr*yr -/+ xi*yi
				o.i("%s %d(DX), %s, %s", op("VMUL"), re(eb), xr, pr)
				o.i("%s %d(DX), %s, %s", op("VMUL"), im(eb), xi, r(7))
				if v.opA == v.opB {
					o.i("%s %s, %s, %s", op("VSUB"), r(7), pr, pr)
				} else {
					o.i("%s %s, %s, %s", op("VADD"), r(7), pr, pr)
				}
				// imaginary part
				switch {
				case v.opA == v.opB: // xr*yi + xi*yr
					o.i("%s %d(DX), %s, %s", op("VMUL"), im(eb), xr, pi)
					o.i("%s %d(DX), %s, %s", op("VMUL"), re(eb), xi, r(9))
					o.i("%s %s, %s, %s", op("VADD"), r(9), pi, pi)
				case v.opB: // xi*yr - xr*yi
					o.i("%s %d(DX), %s, %s", op("VMUL"), re(eb), xi, pi)
					o.i("%s %d(DX), %s, %s", op("VMUL"), im(eb), xr, r(9))
					o.i("%s %s, %s, %s", op("VSUB"), r(9), pi, pi)
				default: // xr*yi - xi*yr
					o.i("%s %d(DX), %s, %s", op("VMUL"), im(eb), xr, pi)
					o.i("%s %d(DX), %s, %s", op("VMUL"), re(eb), xi, r(9))
					o.i("%s %s, %s, %s", op("VSUB"), r(9), pi, pi)
				}
				if k > 0 {
					o.i("%s %s, %s, %s", op("VADD"), pr, r(10), r(10))
					o.i("%s %s, %s, %s", op("VADD"), pi, r(11), r(11))
				}
			}
			if neg {
				if sh.reg == "Z" {
					o.i("%s %s, %s, %s", p.pxor, r(12), r(11), r(11))
				} else {
					o.i("%s %s, %s, %s", op("VXOR"), r(12), r(11), r(11))
				}
			}
			ed := 3*i + j
			if v.add {
				o.i("%s %d(DI), %s, %s", op("VADD"), re(ed), r(10), r(10))
				o.i("%s %d(DI), %s, %s", op("VADD"), im(ed), r(11), r(11))
			}
			o.i("%s %s, %d(DI)", op("VMOVU"), r(10), re(ed))
			o.i("%s %s, %d(DI)", op("VMOVU"), r(11), im(ed))
		}
	}
	o.i("ADDQ $%d, SI", 18*vb)
	o.i("ADDQ $%d, DX", 18*vb)
	o.i("ADDQ $%d, DI", 18*vb)
	o.i("DECQ CX")
	o.i("JNZ tile")
	o.label("done")
	o.i("VZEROUPPER")
	o.i("RET")
	o.p("")
}

const header = `// Code generated by kernels_amd64/_gen; DO NOT EDIT.

//go:build !noasm

#include "textflag.h"
`

func signData(o *out) {
	for k := range 8 {
		o.p("DATA signbit64<>+%d(SB)/8, $0x8000000000000000", 8*k)
	}
	o.p("GLOBL signbit64<>(SB), RODATA|NOPTR, $64")
	o.p("")
	for k := range 16 {
		o.p("DATA signbit32<>+%d(SB)/4, $0x80000000", 4*k)
	}
	o.p("GLOBL signbit32<>(SB), RODATA|NOPTR, $64")
	o.p("")
}

// shapeConst names the kernels_amd64 constant of a shape.
func shapeConst(isa, reg string) string {
	if isa == "" { // clover: the VEX Y and X kernels serve both sets
		isa = map[string]string{"Z": "AVX512", "Y": "AVX2", "X": "AVX2"}[reg]
	}
	return "shape" + isa + reg
}

// declarations writes the Go declarations of the kernels and the switches
// that call them directly (so that their arguments stay on the stack).
func declarations() []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("// Code generated by kernels_amd64/_gen; DO NOT EDIT.")
	w("")
	w("//go:build !noasm")
	w("")
	w("package kernels_amd64")
	w("")
	for _, v := range hopVariants {
		w("//go:noescape")
		w("func %s(f *hopFrame)", v.name())
		w("")
	}
	for _, sh := range shapes16 {
		for _, p := range []prec{f64, f32} {
			w("//go:noescape")
			w("func clover%s%d(dst, src, clov *float%d, n int)", sh.reg, p.bits, p.bits)
			w("")
		}
	}
	for _, kind := range []string{"axpy", "xpay"} {
		for _, sh := range shapes16 {
			for _, p := range []prec{f64, f32} {
				w("//go:noescape")
				w("func %s%s%d(ar, ai float%d, x, y *float%d, n int)", kind, sh.reg, p.bits, p.bits, p.bits)
				w("")
			}
		}
	}
	for _, p := range []prec{f64, f32} {
		for _, kind := range []string{"axpy", "xpay"} {
			w("// call%s%d runs the %s kernel of shape s on n blocks.", map[string]string{"axpy": "Axpy", "xpay": "Xpay"}[kind], p.bits, kind)
			w("func call%s%d(s shapeID, ar, ai float%d, x, y *float%d, n int) {", map[string]string{"axpy": "Axpy", "xpay": "Xpay"}[kind], p.bits, p.bits, p.bits)
			w("\tswitch s {")
			for _, sh := range shapes16 {
				w("\tcase %s:", shapeConst(sh.isa, sh.reg))
				w("\t\t%s%s%d(ar, ai, x, y, n)", kind, sh.reg, p.bits)
			}
			w("\t}")
			w("}")
			w("")
		}
	}
	for _, sh := range shapes16 {
		for _, v := range su3Variants {
			w("//go:noescape")
			w("func su3mul%s64%s(dst, a, b *float64, n int)", sh.reg, v.suffix())
			w("")
		}
	}
	w("// callSU3Mul64 runs the SU(3) product kernel of shape s and variant v")
	w("// (opA*4 + opB*2 + add) on n tiles.")
	w("func callSU3Mul64(s shapeID, v int, dst, a, b *float64, n int) {")
	w("\tswitch s {")
	for _, sh := range shapes16 {
		w("\tcase %s:", shapeConst(sh.isa, sh.reg))
		w("\t\tswitch v {")
		for i, v := range su3Variants {
			w("\t\tcase %d:", i)
			w("\t\t\tsu3mul%s64%s(dst, a, b, n)", sh.reg, v.suffix())
		}
		w("\t\t}")
	}
	w("\t}")
	w("}")
	w("")
	w("// callHop runs hopping kernel k on the frame.")
	w("func callHop(k kernelID, f *hopFrame) {")
	w("\tswitch k {")
	for _, v := range hopVariants {
		w("\tcase kernelID{%s, %d, %v}:", shapeConst(v.sh.isa, v.sh.reg), v.pr.bits, v.compact)
		w("\t\t%s(f)", v.name())
	}
	w("\t}")
	w("}")
	w("")
	for _, p := range []prec{f64, f32} {
		w("// callClover%d runs clover kernel k on n tiles.", p.bits)
		w("func callClover%d(k kernelID, dst, src, clov *float%d, n int) {", p.bits, p.bits)
		w("\tswitch k {")
		for _, sh := range shapes16 {
			w("\tcase kernelID{%s, %d, false}:", shapeConst(sh.isa, sh.reg), p.bits)
			w("\t\tclover%s%d(dst, src, clov, n)", sh.reg, p.bits)
		}
		w("\t}")
		w("}")
		w("")
	}
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		log.Fatal(err)
	}
	return src
}

func write(name string, b []byte) {
	if err := os.WriteFile(name, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	hop := &out{}
	hop.p("%s", header)
	signData(hop)
	for _, v := range hopVariants {
		newHopGen(hop, v.sh, v.pr, v.compact).kernel()
	}
	write("../wilson_hop_amd64.s", hop.b.Bytes())

	clov := &out{}
	clov.p("%s", header)
	for _, sh := range shapes16 {
		for _, p := range []prec{f64, f32} {
			cloverKernel(clov, sh, p)
		}
	}
	write("../clover_amd64.s", clov.b.Bytes())

	la := &out{}
	la.p("%s", header)
	for _, kind := range []string{"axpy", "xpay"} {
		for _, sh := range shapes16 {
			for _, p := range []prec{f64, f32} {
				linalgKernel(la, kind, sh, p)
			}
		}
	}
	write("../linalg_amd64.s", la.b.Bytes())
	writeReduce()
	writeFace()
	writeForce()
	writeMatVec()
	writePerm()

	su3 := &out{}
	su3.p("%s", header)
	for k := range 8 {
		su3.p("DATA su3sign64<>+%d(SB)/8, $0x8000000000000000", 8*k)
	}
	su3.p("GLOBL su3sign64<>(SB), RODATA|NOPTR, $64")
	su3.p("")
	for _, sh := range shapes16 {
		for _, v := range su3Variants {
			su3MatKernel(su3, sh, v)
		}
	}
	write("../su3mat_amd64.s", su3.b.Bytes())

	write("../kernels_gen_amd64.go", declarations())

	var g strings.Builder
	g.WriteString("// Code generated by kernels_amd64/_gen; DO NOT EDIT.\n\n//go:build amd64 && !noasm\n\npackage kernels_amd64\n\n")
	g.WriteString("// Byte offsets of the hopFrame fields that the assembly reads (see\n// frame.go; TestFrameOffsets compares them with unsafe.Offsetof).\nconst (\n")
	for _, o := range offsets {
		fmt.Fprintf(&g, "\tframeOff%s = %d\n", o.name, o.off)
	}
	g.WriteString(")\n")
	src, err := format.Source([]byte(g.String()))
	if err != nil {
		log.Fatal(err)
	}
	write("../frame_gen.go", src)
}
