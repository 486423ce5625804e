package main

// The spin projection of the halo (face_amd64.s, face_gen_amd64.go): one
// kernel per register shape (Z: AVX-512 with k-masks; Y: AVX2 with
// VMASKMOV) and precision computes the projected half-spinor of n <= one
// vector of lanes, the operations of kernels.WilsonProjectFaceGo: per
// number one add or subtract, so the bits are the twin's.
//
//	func spinProj<reg><bits>(o, x0, y0, x1, y1 *F, os, is, n int, ops uint64)
//
// For spin block a (0, 1) and row j = 2*colour + reim (0..5):
//
//	o[(6a + j)*os + k] = xa[j*is + k] -/+ ya[(j ^ swap_a)*is + k],  k < n,
//
// subtracting where bit 8a + j of ops is set; swap_a is bit 8a + 6 (the
// phases +-i take the other part of psi_J). Lanes k >= n of o stay as
// they are; those of x and y are not read.

import "fmt"

// The compress kernels take any ascending lane set:
//
//	func spinProjXZ<bits>(o, x0, y0, x1, y1 *F, os, is, n int, mask, ops uint64)
//	func spinProjXY<bits>(o, x0, y0, x1, y1 *F, os, is, n int, idx *int32, ops uint64)
//
// project the lanes of the row (x and y at lane 0 of their rows: Z reads
// the lanes of mask, Y whole rows of W = its lanes), then pack the face
// lanes, in lane order, into the first n numbers of each output row: Z by
// VCOMPRESS into a register, Y by VPERMPS with the dword indices idx
// (number k from lane lanes[k]); then a store of n lanes.

// faceKernel writes the kernel of register shape reg ("Z" or "Y") in
// precision p. Registers: SI, DX x and y of block 0, R10, R11 those of
// block 1, DI o, R8 os and R9 is in bytes, CX n, BX ops, R12 and R13 the
// y rows of even and odd j, K1 or Y15 the lane mask.
func faceKernel(o *out, reg string, p prec, compress bool) {
	name := fmt.Sprintf("spinProj%s%d", reg, p.bits)
	if compress {
		name = fmt.Sprintf("spinProjX%s%d", reg, p.bits)
	}
	shift := map[int]int{8: 3, 4: 2}[p.size]
	if compress && reg == "Y" {
		o.p("// func %s(o, x0, y0, x1, y1 *float%d, os, is, n int, idx *int32, ops uint64)", name, p.bits)
		o.p("TEXT ·%s(SB), NOSPLIT, $0-80", name)
	} else if compress {
		o.p("// func %s(o, x0, y0, x1, y1 *float%d, os, is, n int, mask, ops uint64)", name, p.bits)
		o.p("TEXT ·%s(SB), NOSPLIT, $0-80", name)
	} else {
		o.p("// func %s(o, x0, y0, x1, y1 *float%d, os, is, n int, ops uint64)", name, p.bits)
		o.p("TEXT ·%s(SB), NOSPLIT, $0-72", name)
	}
	o.i("MOVQ o+0(FP), DI")
	o.i("MOVQ x0+8(FP), SI")
	o.i("MOVQ y0+16(FP), DX")
	o.i("MOVQ x1+24(FP), R10")
	o.i("MOVQ y1+32(FP), R11")
	o.i("MOVQ os+40(FP), R8")
	o.i("SHLQ $%d, R8", shift)
	o.i("MOVQ is+48(FP), R9")
	o.i("SHLQ $%d, R9", shift)
	o.i("MOVQ n+56(FP), CX")
	v := func(n int) string { return fmt.Sprintf("%s%d", reg, n) }
	if compress && reg == "Y" {
		// Y14 the VPERMPS indices that bring the face lanes to the front,
		// Y15 the first n lanes of the packed row.
		o.i("MOVQ idx+64(FP), AX")
		o.i("VMOVDQU (AX), Y14")
		o.i("MOVQ ops+72(FP), BX")
		o.i("LEAQ facemask<>+32(SB), AX")
		o.i("SHLQ $%d, CX", shift)
		o.i("SUBQ CX, AX")
		o.i("VMOVDQU (AX), Y15")
	} else if compress {
		// K1 the lanes read, K2 the first n lanes of the packed row.
		o.i("MOVQ mask+64(FP), AX")
		o.i("KMOVW AX, K1")
		o.i("MOVQ ops+72(FP), BX")
		o.i("MOVQ $1, AX")
		o.i("SHLQ CX, AX")
		o.i("DECQ AX")
		o.i("KMOVW AX, K2")
	} else {
		o.i("MOVQ ops+64(FP), BX")
	}
	if compress {
	} else if reg == "Z" {
		o.i("MOVQ $1, AX")
		o.i("SHLQ CX, AX")
		o.i("DECQ AX")
		o.i("KMOVW AX, K1")
	} else {
		// The first n*size bytes of the 32 at facemask<>+32-n*size are ones.
		o.i("LEAQ facemask<>+32(SB), AX")
		o.i("SHLQ $%d, CX", shift)
		o.i("SUBQ CX, AX")
		o.i("VMOVDQU (AX), Y15")
	}
	load := func(base string, dst int) {
		if compress && reg == "Y" { // whole rows: W is the register's lanes
			o.i("VMOVU%s (%s), %s", p.sfx, base, v(dst))
		} else if reg == "Z" {
			o.i("VMOVU%s.Z (%s), K1, %s", p.sfx, base, v(dst))
		} else {
			o.i("VMASKMOV%s (%s), Y15, %s", p.sfx, base, v(dst))
		}
	}
	for a := range 2 {
		xs, ys := "SI", "DX"
		if a == 1 {
			xs, ys = "R10", "R11"
		}
		o.i("MOVQ %s, R12", ys)
		o.i("LEAQ (%s)(R9*1), R13", ys)
		o.i("BTQ $%d, BX", 8*a+6)
		o.i("JCC b%dstraight", a)
		o.i("XCHGQ R12, R13")
		o.label(fmt.Sprintf("b%dstraight", a))
		for j := range 6 {
			l := fmt.Sprintf("b%dr%d", a, j)
			y := "R12"
			if j%2 == 1 {
				y = "R13"
			}
			load(xs, 0)
			load(y, 1)
			o.i("BTQ $%d, BX", 8*a+j)
			o.i("JCS %ssub", l)
			o.i("VADD%s %s, %s, %s", p.sfx, v(1), v(0), v(0))
			o.i("JMP %sstore", l)
			o.label(l + "sub")
			o.i("VSUB%s %s, %s, %s", p.sfx, v(1), v(0), v(0))
			o.label(l + "store")
			if compress && reg == "Y" {
				o.i("VPERMPS %s, Y14, %s", v(0), v(0))
				o.i("VMASKMOV%s %s, Y15, (DI)", p.sfx, v(0))
			} else if compress {
				o.i("VCOMPRESS%s %s, K1, %s", p.sfx, v(0), v(2))
				o.i("VMOVU%s %s, K2, (DI)", p.sfx, v(2))
			} else if reg == "Z" {
				o.i("VMOVU%s %s, K1, (DI)", p.sfx, v(0))
			} else {
				o.i("VMASKMOV%s %s, Y15, (DI)", p.sfx, v(0))
			}
			o.i("ADDQ R9, %s", xs)
			o.i("ADDQ R8, DI")
			if j%2 == 1 {
				o.i("LEAQ (R12)(R9*2), R12")
				o.i("LEAQ (R13)(R9*2), R13")
			}
		}
	}
	o.i("VZEROUPPER")
	o.i("RET")
	o.p("")
}

// writeFace writes face_amd64.s and its declarations face_gen_amd64.go.
func writeFace() {
	o := &out{}
	o.p("%s", header)
	for k := range 8 {
		o.p("DATA facemask<>+%d(SB)/4, $0xffffffff", 4*k)
	}
	for k := 8; k < 16; k++ {
		o.p("DATA facemask<>+%d(SB)/4, $0", 4*k)
	}
	o.p("GLOBL facemask<>(SB), RODATA|NOPTR, $64")
	o.p("")
	var decl string
	for _, reg := range []string{"Z", "Y"} {
		for _, p := range []prec{f64, f32} {
			faceKernel(o, reg, p, false)
			decl += fmt.Sprintf("\n//go:noescape\nfunc spinProj%s%d(o, x0, y0, x1, y1 *float%d, os, is, n int, ops uint64)\n", reg, p.bits, p.bits)
		}
	}
	for _, p := range []prec{f64, f32} {
		faceKernel(o, "Z", p, true)
		decl += fmt.Sprintf("\n//go:noescape\nfunc spinProjXZ%d(o, x0, y0, x1, y1 *float%d, os, is, n int, mask, ops uint64)\n", p.bits, p.bits)
		faceKernel(o, "Y", p, true)
		decl += fmt.Sprintf("\n//go:noescape\nfunc spinProjXY%d(o, x0, y0, x1, y1 *float%d, os, is, n int, idx *int32, ops uint64)\n", p.bits, p.bits)
	}
	write("../face_amd64.s", o.b.Bytes())
	write("../face_gen_amd64.go", formatGo("// Code generated by kernels_amd64/_gen; DO NOT EDIT.\n\n//go:build !noasm\n\npackage kernels_amd64\n"+decl))
}
