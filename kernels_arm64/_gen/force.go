package main

// The Wilson-fermion HMC force on one tile (kernels.WilsonForceGo, float64
// only): for direction mu
//
//	F -= s TA(L K1 - K2 L^dag),  s = c/2,
//	K1 = sum_a P-(bs)_a P-(a)_a^dag  (projection of hop 2mu),
//	K2 = sum_a P+(b)_a P+(as)_a^dag  (projection of hop 2mu+1).
//
// Exact twin: no fused multiply-adds. Every product is an FMUL and the
// sums are FADD/FSUB in the twin's order, term by term:
//
//	projection   h = s_a + C s_J:  +1: (r+r', i+i')  -1: (r-r', i-i')  +i: (r-i', i+r')  -i: (r+i', i-r')
//	outer        k_ij = p_0 + p_1,  p_a = (hr gr + hi gi, hi gr - hr gi)
//	commutator   z_ij = (t_0 + t_1) + t_2,
//	             t_k = (xr yr - xi yi) - (vr cr + vi ci), (xr yi + xi yr) - (vi cr - vr ci)
//	projection   tr = (((((z00 + z00) + z11) + z11) + z22) + z22) / 6 (imaginary parts, FDIV),
//	             f_ii.im -= s (z_ii.im - tr), f_ij -= s ((z_ij.re - z_ji.re) * 0.5, (z_ij.im + z_ji.im) * 0.5)
//
// (x / 2 and x * 0.5 are the same number; the real parts of f's diagonal
// are not touched). One TEXT block per set: the outer products depend on
// mu (the projections are fixed in the code), so the block branches to
// the pair of outer products of mu, which write K1 and K2 to the scratch
// k (36 rows, K1 in rows 0..17, K2 in 18..35, element e = 3i+j in rows 2e
// re and 2e+1 im), and all four continue with the commutator and the
// projection, which are the same for every mu.
//
// Vector registers. Outer products: P(u) in 0..11 (row 2*(3a+c)+reim),
// P(v) in 12..23, temporaries 24..31. Commutator: Z in 0..17 (as K),
// accumulated over k in the twin's order (loop i, k, j: t_0 of every j,
// then t_1, then t_2); row i of L (xr, xi) and of K2 (vr, vi) for the
// current k in 18..21; K1 (yr, yi) and L's row j (cr, ci) in 22..25,
// temporaries 26..31. Projection: Z stays in 0..17; s, 0.5, 6 and tr in
// 18..21, temporaries 22..25.

// General registers of the force kernel.
const (
	rFF     = 0 // f
	rFLink  = 1
	rFA     = 2 // a = A(x)
	rFB     = 3 // b = B(x)
	rFAs    = 4 // as = A(x+mu)
	rFBs    = 5 // bs = B(x+mu)
	rFK     = 6 // the scratch: K1, K2
	rFS     = 7 // s = c/2 (its bits)
	rFMu    = 8
	rFConst = 9
)

// forceK1, forceK2: the scratch rows of K1 and K2.
const (
	forceK1 = 0
	forceK2 = 18
)

// fdiv sets d = d / m (FDIV: SVE's is predicated and destructive, under
// p0; NEON's on the whole vector).
func (e *emitter) fdiv(d, m int) {
	checkReg(d, m)
	if e.sve {
		enc := 0x650d8000 | e.sveSize()<<22 | uint32(m)<<5 | uint32(d)
		t := e.zt()
		e.word(enc, "fdiv z%d.%s, p0/m, z%d.%s, z%d.%s", d, t, d, t, m, t)
		return
	}
	enc := 0x6e20fc00 | e.neonSz()<<22 | uint32(m)<<16 | uint32(d)<<5 | uint32(d)
	t := e.vt()
	e.word(enc, "fdiv v%d.%s, v%d.%s, v%d.%s", d, t, d, t, m, t)
}

// wilsonForce writes the TEXT block
// wilsonForce<set>64(f, link, a, b, as, bs, k *float64, s float64, mu int).
func wilsonForce(e *emitter) {
	if e.bits != 64 {
		return // float64 only (the gauge code's precision)
	}
	name := "wilsonForce" + e.name() + "64"
	e.line("// func %s(f, link, a, b, as, bs, k *float64, s float64, mu int)", name)
	e.line("TEXT ·%s(SB), NOSPLIT, $0-72", name)
	for r, arg := range []string{"f", "link", "a", "b", "as", "bs", "k", "s", "mu"} {
		e.ins("MOVD %s+%d(FP), R%d", arg, 8*r, r)
	}
	e.ptrue()
	for mu := 1; mu < 4; mu++ {
		e.ins("CMP $%d, R%d", mu, rFMu)
		e.ins("BEQ mu%d", mu)
	}
	for mu := range 4 {
		e.line("mu%d:", mu)
		forceOuter(e, rFBs, rFA, 2*mu, forceK1)   // K1 from bs = B(x+mu) and a = A(x)
		forceOuter(e, rFB, rFAs, 2*mu+1, forceK2) // K2 from b = B(x) and as = A(x+mu)
		if mu < 3 {
			e.ins("B commutator")
		}
	}
	e.line("commutator:")
	forceCommutator(e)
	forceSubTA(e)
	e.ins("RET")
	e.line("")
}

// forceProject sets the registers from h to P(s) for the projection of
// hop d of the spinor at general register base.
func forceProject(e *emitter, base, d, h int) {
	pr := projection[d]
	for a := range 2 {
		for c := range 3 {
			row := 2 * (3*a + c)
			jrow := 2 * (3*pr.j[a] + c)
			hr, hi := h+row, h+row+1
			yr, yi := 24+2*((3*a+c)%4), 25+2*((3*a+c)%4)
			e.load(hr, base, row)
			e.load(hi, base, row+1)
			e.load(yr, base, jrow)
			e.load(yi, base, jrow+1)
			addPhase(e, pr.c[a], hr, hi, yr, yi) // h = x + C y
		}
	}
}

// forceOuter writes K = sum_a P(u)_a P(v)_a^dag, P the projection of hop
// d, to the scratch rows from k.
func forceOuter(e *emitter, u, v, d, k int) {
	e.ins("// K%d: P(R%d) P(R%d)^dag, projection of hop %d", 1+k/18, u, v, d)
	forceProject(e, u, d, 0)
	forceProject(e, v, d, 12)
	for i := range 3 {
		ur0, ui0 := 2*i, 2*i+1         // P(u)_0, colour i
		ur1, ui1 := 2*(3+i), 2*(3+i)+1 // P(u)_1
		for j := range 3 {
			gr0, gi0 := 12+2*j, 13+2*j         // P(v)_0, colour j
			gr1, gi1 := 12+2*(3+j), 13+2*(3+j) // P(v)_1
			t := 24 + 4*(j%2)
			t0, t1, t2, t3 := t, t+1, t+2, t+3
			e.fmul(t0, ur0, gr0) // p0r = hr gr + hi gi
			e.fmul(t1, ui0, gi0)
			e.fadd(t0, t0, t1)
			e.fmul(t1, ui0, gr0) // p0i = hi gr - hr gi
			e.fmul(t2, ur0, gi0)
			e.fsub(t1, t1, t2)
			e.fmul(t2, ur1, gr1) // p1r
			e.fmul(t3, ui1, gi1)
			e.fadd(t2, t2, t3)
			e.fadd(t0, t0, t2)   // k.re = p0r + p1r
			e.fmul(t2, ui1, gr1) // p1i
			e.fmul(t3, ur1, gi1)
			e.fsub(t2, t2, t3)
			e.fadd(t1, t1, t2) // k.im = p0i + p1i
			e.store(t0, rFK, k+2*(3*i+j))
			e.store(t1, rFK, k+2*(3*i+j)+1)
		}
	}
}

// forceCommutator forms Z = L K1 - K2 L^dag in registers 0..17.
func forceCommutator(e *emitter) {
	e.ins("// Z = L K1 - K2 L^dag")
	const xr, xi, vr, vi, yr, yi, cr, ci = 18, 19, 20, 21, 22, 23, 24, 25
	const ta, tb, tc, td, tb2, tc2 = 26, 27, 28, 29, 30, 31
	for i := range 3 {
		for k := range 3 {
			e.load(xr, rFLink, 2*(3*i+k))
			e.load(xi, rFLink, 2*(3*i+k)+1)
			e.load(vr, rFK, forceK2+2*(3*i+k))
			e.load(vi, rFK, forceK2+2*(3*i+k)+1)
			for j := range 3 {
				zr, zi := 2*(3*i+j), 2*(3*i+j)+1
				e.load(yr, rFK, forceK1+2*(3*k+j))
				e.load(yi, rFK, forceK1+2*(3*k+j)+1)
				e.load(cr, rFLink, 2*(3*j+k))
				e.load(ci, rFLink, 2*(3*j+k)+1)
				a, d := ta, td // t_k, added to z below; t_0 is z itself
				if k == 0 {
					a, d = zr, zi
				}
				e.fmul(a, xr, yr) // (xr yr - xi yi) - (vr cr + vi ci)
				e.fmul(tb, xi, yi)
				e.fsub(a, a, tb)
				e.fmul(tb, vr, cr)
				e.fmul(tc, vi, ci)
				e.fadd(tb, tb, tc)
				e.fsub(a, a, tb)
				e.fmul(d, xr, yi) // (xr yi + xi yr) - (vi cr - vr ci)
				e.fmul(tb2, xi, yr)
				e.fadd(d, d, tb2)
				e.fmul(tb2, vi, cr)
				e.fmul(tc2, vr, ci)
				e.fsub(tb2, tb2, tc2)
				e.fsub(d, d, tb2)
				if k > 0 {
					e.fadd(zr, zr, a)
					e.fadd(zi, zi, d)
				}
			}
		}
	}
}

// forceSubTA sets f -= s TA(Z), Z in registers 0..17.
func forceSubTA(e *emitter) {
	e.ins("// F -= s TA(Z)")
	const vs, vh, v6, tr, t0, t1 = 18, 19, 20, 21, 22, 23 // and t0+2, t1+2
	e.dup(vs, rFS)
	e.ins("MOVD $0x3fe0000000000000, R%d // 0.5", rFConst)
	e.dup(vh, rFConst)
	e.ins("MOVD $0x4018000000000000, R%d // 6", rFConst)
	e.dup(v6, rFConst)
	zr := func(el int) int { return 2 * el }
	zi := func(el int) int { return 2*el + 1 }
	e.fadd(tr, zi(0), zi(0))
	e.fadd(tr, tr, zi(4))
	e.fadd(tr, tr, zi(4))
	e.fadd(tr, tr, zi(8))
	e.fadd(tr, tr, zi(8))
	e.fdiv(tr, v6)
	for i := range 3 {
		el := 4 * i
		a, f := t0+2*(i%2), t1+2*(i%2)
		e.fsub(a, zi(el), tr)
		e.fmul(a, vs, a)
		e.load(f, rFF, 2*el+1)
		e.fsub(f, f, a)
		e.store(f, rFF, 2*el+1)
	}
	n := 0
	for i := range 3 {
		for j := range 3 {
			if i == j {
				continue
			}
			el, tl := 3*i+j, 3*j+i
			for ri := range 2 {
				a, f := t0+2*(n%2), t1+2*(n%2)
				n++
				if ri == 0 {
					e.fsub(a, zr(el), zr(tl))
				} else {
					e.fadd(a, zi(el), zi(tl))
				}
				e.fmul(a, a, vh)
				e.fmul(a, vs, a)
				e.load(f, rFF, 2*el+ri)
				e.fsub(f, f, a)
				e.store(f, rFF, 2*el+ri)
			}
		}
	}
}
