package main

import "fmt"

// The Wilson-fermion HMC force on one tile (kernels.WilsonForceGo, float64),
// one kernel per shape and direction mu (the spin projections of hops 2mu
// and 2mu+1 are fixed in the code). The kernels perform the operations of
// the twin, term by term and in its order, lane-parallel and unfused:
//
//	projection   h = s_a + C s_J
//	outer        k_ij = p_0 + p_1,  p_a = (hr gr + hi gi, hi gr - hr gi)
//	commutator   z_ij = (t_0 + t_1) + t_2,
//	             t_k = (xr yr - xi yi) - (vr cr + vi ci), (xr yi + xi yr) - (vi cr - vr ci)
//	projection   tr = (((((z00 + z00) + z11) + z11) + z22) + z22) / 6 (imaginary parts),
//	             f_ii.im -= s (z_ii.im - tr), f_ij -= s ((z_ij.re - z_ji.re) / 2, (z_ij.im + z_ji.im) / 2)
//
// (x / 2 and x * 0.5 are the same number). Registers: DI f, SI link, AX a,
// BX b, CX as, DX bs, R8 the scratch in the kernel's frame (K1, K2, Z, the
// two projected half-spinors, then the constants s = c/2, 6 and 0.5,
// broadcast at entry). Sixteen vector registers, so every shape serves both
// sets.

// Scratch vector indices.
const (
	scrK1    = 0
	scrK2    = 18
	scrZ     = 36
	scrHU    = 54
	scrHV    = 66
	scrS     = 78
	scrSix   = 79
	scrHalf  = 80
	scrTotal = 81
)

func forceKernel(o *out, sh shape, mu int) {
	vb := sh.vb
	r := sh.r
	name := fmt.Sprintf("wilsonForce%s64mu%d", sh.reg, mu)
	o.p("// func %s(f, link, a, b, as, bs *float64, s float64)", name)
	// The scratch is the kernel's own frame: Go does not zero an
	// assembly frame, as it would a scratch array declared in Go. The
	// frame is too large for NOSPLIT, so the function checks the stack.
	o.p("TEXT ·%s(SB), $%d-56", name, scrTotal*vb)
	for k, reg := range []string{"DI", "SI", "AX", "BX", "CX", "DX"} {
		o.i("MOVQ %s+%d(FP), %s", []string{"f", "link", "a", "b", "as", "bs"}[k], 8*k, reg)
	}
	o.i("LEAQ 0(SP), R8")
	// the constants s, 6 and 0.5, broadcast into the scratch
	for _, c := range []struct {
		src string
		v   int
	}{{"s+48(FP)", scrS}, {"force6<>(SB)", scrSix}, {"forcehalf<>(SB)", scrHalf}} {
		if sh.reg == "X" {
			o.i("VMOVDDUP %s, X0", c.src)
		} else {
			o.i("VBROADCASTSD %s, %s", c.src, sh.r(0))
		}
		o.i("VMOVUPD %s, %d(R8)", sh.r(0), c.v*vb)
	}
	re := func(e int) int { return 2 * e * vb }
	im := func(e int) int { return (2*e + 1) * vb }
	scr := func(v int) string { return fmt.Sprintf("%d(R8)", v*vb) }
	ld := func(src string, dst int) { o.i("VMOVUPD %s, %s", src, r(dst)) }
	st := func(src int, dst string) { o.i("VMOVUPD %s, %s", r(src), dst) }
	// x op= m (m a register or memory operand): Go's order is dst = x op m.
	op := func(ins string, m string, x, dst int) { o.i("%s %s, %s, %s", ins, m, r(x), r(dst)) }
	mem := func(base string, off int) string { return fmt.Sprintf("%d(%s)", off, base) }

	// project writes P(s) for projection d of spinor base into scratch at h.
	project := func(base string, d, h int) {
		pr := projection[d]
		for a := range 2 {
			j := pr.j[a]
			for col := range 3 {
				e, je := 3*a+col, 3*j+col
				ld(mem(base, re(e)), 0)
				ld(mem(base, im(e)), 1)
				switch pr.c[a] {
				case "+1":
					op("VADDPD", mem(base, re(je)), 0, 0)
					op("VADDPD", mem(base, im(je)), 1, 1)
				case "-1":
					op("VSUBPD", mem(base, re(je)), 0, 0)
					op("VSUBPD", mem(base, im(je)), 1, 1)
				case "+i":
					op("VSUBPD", mem(base, im(je)), 0, 0)
					op("VADDPD", mem(base, re(je)), 1, 1)
				case "-i":
					op("VADDPD", mem(base, im(je)), 0, 0)
					op("VSUBPD", mem(base, re(je)), 1, 1)
				}
				st(0, scr(h+2*(3*a+col)))
				st(1, scr(h+2*(3*a+col)+1))
			}
		}
	}
	// outer writes K = sum_a P(u)_a P(v)_a^dag into scratch at k.
	outer := func(u, v string, d, k int) {
		o.p("\t// K%d: spinors %s, %s, projection of hop %d", 1+(k-scrK1)/18, u, v, d)
		project(u, d, scrHU)
		project(v, d, scrHV)
		hv := func(c, ri int) string { return scr(scrHV + 2*c + ri) }
		for i := range 3 {
			ld(scr(scrHU+2*i), 0)       // hu0 re
			ld(scr(scrHU+2*i+1), 1)     // hu0 im
			ld(scr(scrHU+2*(3+i)), 2)   // hu1 re
			ld(scr(scrHU+2*(3+i)+1), 3) // hu1 im
			for j := range 3 {
				op("VMULPD", hv(j, 0), 0, 4) // p0r = hr gr + hi gi
				op("VMULPD", hv(j, 1), 1, 5)
				op("VADDPD", r(5), 4, 4)
				op("VMULPD", hv(j, 0), 1, 5) // p0i = hi gr - hr gi
				op("VMULPD", hv(j, 1), 0, 6)
				op("VSUBPD", r(6), 5, 5)
				op("VMULPD", hv(3+j, 0), 2, 6) // p1r
				op("VMULPD", hv(3+j, 1), 3, 7)
				op("VADDPD", r(7), 6, 6)
				op("VADDPD", r(6), 4, 4)       // k.re = p0r + p1r
				op("VMULPD", hv(3+j, 0), 3, 6) // p1i
				op("VMULPD", hv(3+j, 1), 2, 7)
				op("VSUBPD", r(7), 6, 6)
				op("VADDPD", r(6), 5, 5) // k.im = p0i + p1i
				st(4, scr(k+2*(3*i+j)))
				st(5, scr(k+2*(3*i+j)+1))
			}
		}
	}
	outer("DX", "AX", 2*mu, scrK1)   // K1 from bs = B(x+mu) and a = A(x), hop 2mu
	outer("BX", "CX", 2*mu+1, scrK2) // K2 from b = B(x) and as = A(x+mu), hop 2mu+1

	o.p("\t// Z = L K1 - K2 L^dag")
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				ld(mem("SI", re(3*i+k)), 0)   // xr
				ld(mem("SI", im(3*i+k)), 1)   // xi
				ld(scr(scrK2+2*(3*i+k)), 2)   // vr
				ld(scr(scrK2+2*(3*i+k)+1), 3) // vi
				yr, yi := scr(scrK1+2*(3*k+j)), scr(scrK1+2*(3*k+j)+1)
				cr, ci := mem("SI", re(3*j+k)), mem("SI", im(3*j+k))
				op("VMULPD", yr, 0, 4) // xr yr - xi yi
				op("VMULPD", yi, 1, 5)
				op("VSUBPD", r(5), 4, 4)
				op("VMULPD", cr, 2, 5) // vr cr + vi ci
				op("VMULPD", ci, 3, 6)
				op("VADDPD", r(6), 5, 5)
				op("VSUBPD", r(5), 4, 4) // tr
				op("VMULPD", yi, 0, 5)   // xr yi + xi yr
				op("VMULPD", yr, 1, 6)
				op("VADDPD", r(6), 5, 5)
				op("VMULPD", cr, 3, 6) // vi cr - vr ci
				op("VMULPD", ci, 2, 7)
				op("VSUBPD", r(7), 6, 6)
				op("VSUBPD", r(6), 5, 5) // ti
				if k == 0 {
					o.i("VMOVAPD %s, %s", r(4), r(8))
					o.i("VMOVAPD %s, %s", r(5), r(9))
				} else {
					op("VADDPD", r(4), 8, 8)
					op("VADDPD", r(5), 9, 9)
				}
			}
			st(8, scr(scrZ+2*(3*i+j)))
			st(9, scr(scrZ+2*(3*i+j)+1))
		}
	}

	o.p("\t// F -= s TA(Z)")
	zr := func(e int) string { return scr(scrZ + 2*e) }
	zi := func(e int) string { return scr(scrZ + 2*e + 1) }
	ld(zi(0), 0) // tr
	op("VADDPD", zi(0), 0, 0)
	op("VADDPD", zi(4), 0, 0)
	op("VADDPD", zi(4), 0, 0)
	op("VADDPD", zi(8), 0, 0)
	op("VADDPD", zi(8), 0, 0)
	op("VDIVPD", scr(scrSix), 0, 0)
	ld(scr(scrS), 1) // s
	ld(scr(scrHalf), 2)
	for i := range 3 {
		e := 4 * i
		ld(zi(e), 3)
		op("VSUBPD", r(0), 3, 3)
		op("VMULPD", r(1), 3, 3)
		ld(mem("DI", im(e)), 4)
		op("VSUBPD", r(3), 4, 4)
		st(4, mem("DI", im(e)))
	}
	for i := range 3 {
		for j := range 3 {
			if i == j {
				continue
			}
			e, t := 3*i+j, 3*j+i
			ld(zr(e), 3)
			op("VSUBPD", zr(t), 3, 3)
			op("VMULPD", r(2), 3, 3)
			op("VMULPD", r(1), 3, 3)
			ld(mem("DI", re(e)), 4)
			op("VSUBPD", r(3), 4, 4)
			st(4, mem("DI", re(e)))
			ld(zi(e), 3)
			op("VADDPD", zi(t), 3, 3)
			op("VMULPD", r(2), 3, 3)
			op("VMULPD", r(1), 3, 3)
			ld(mem("DI", im(e)), 4)
			op("VSUBPD", r(3), 4, 4)
			st(4, mem("DI", im(e)))
		}
	}
	if sh.reg != "X" {
		o.i("VZEROUPPER")
	}
	o.i("RET")
	o.p("")
}

// writeForce writes force_amd64.s and its declarations.
func writeForce() {
	o := &out{}
	o.p("%s", header)
	o.p("DATA force6<>+0(SB)/8, $0x4018000000000000 // 6.0")
	o.p("GLOBL force6<>(SB), RODATA|NOPTR, $8")
	o.p("DATA forcehalf<>+0(SB)/8, $0x3fe0000000000000 // 0.5")
	o.p("GLOBL forcehalf<>(SB), RODATA|NOPTR, $8")
	o.p("")
	var decl string
	for _, sh := range shapes16 {
		for mu := range 4 {
			forceKernel(o, sh, mu)
			decl += fmt.Sprintf("\n//go:noescape\nfunc wilsonForce%s64mu%d(f, link, a, b, as, bs *float64, s float64)\n", sh.reg, mu)
		}
	}
	decl += "\n// callWilsonForce64 runs the force kernel of shape s and direction mu on one tile, with sc = c/2.\nfunc callWilsonForce64(s shapeID, mu int, f, link, a, b, as, bs *float64, sc float64) {\n\tswitch {\n"
	for _, sh := range shapes16 {
		for mu := range 4 {
			decl += fmt.Sprintf("\tcase s == %s && mu == %d:\n\t\twilsonForce%s64mu%d(f, link, a, b, as, bs, sc)\n", shapeConst(sh.isa, sh.reg), mu, sh.reg, mu)
		}
	}
	decl += "\t}\n}\n"
	write("../force_amd64.s", o.b.Bytes())
	write("../force_gen_amd64.go", formatGo("// Code generated by kernels_amd64/_gen; DO NOT EDIT.\n\n//go:build !noasm\n\npackage kernels_amd64\n"+decl))
}
