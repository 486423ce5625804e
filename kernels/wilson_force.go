package kernels

// The Wilson-fermion HMC force on the tiled layout. For one tile and one
// direction mu it adds to the force matrix field
//
//	F -= (c/2) TA(L K1 - K2 L^dag)
//	K1 = sum_spin ((1 - gamma_mu) B(x+mu)) A(x)^dag = sum_{a=0,1} P-(B(x+mu))_a P-(A(x))_a^dag
//	K2 = sum_spin B(x) ((1 + gamma_mu) A(x+mu))^dag = sum_{a=0,1} P+(B(x))_a P+(A(x+mu))_a^dag
//
// where L = L_{2mu}(x) is the forward link (boundary phase folded in), P-
// and P+ the half-spinor projections of hops 2mu and 2mu+1
// (HopProjection: h_a = psi_a + C[a] psi_J[a]; the reconstruction's
// conj(C) makes the spin sum of the full projected spinor equal the sum
// over the two halves), and TA the traceless anti-Hermitian part. Data per
// tile: spinors a, b, as (A(x+mu)), bs (B(x+mu)) as [12][re|im][W], link
// and force as [9][re|im][W].

// WilsonForceGo is the portable force kernel for the W lanes of one tile.
// It spells out Go's complex arithmetic in reals, lane by lane, in the
// order the assembly twins (kernels_amd64) follow:
//
//	projection   h = s_a + C s_J:  +1: (r+r', i+i')  -1: (r-r', i-i')  +i: (r-i', i+r')  -i: (r+i', i-r')
//	outer        k_ij = p_0 + p_1,  p_a = h_i conj(g_j) = (hr gr + hi gi, hi gr - hr gi)
//	commutator   z_ij = (t_0 + t_1) + t_2,  t_k = u_ik k1_kj - k2_ik conj(u_jk)
//	             u k1 = (ur kr - ui ki, ur ki + ui kr),  k2 conj(u) = (k2r ur + k2i ui, k2i ur - k2r ui)
//	projection   tr = (((((z00 + z00) + z11) + z11) + z22) + z22) / 6   (imaginary parts)
//	             f_ii.im -= s (z_ii.im - tr),  f_ij -= s ((z_ij.re - z_ji.re) / 2, (z_ij.im + z_ji.im) / 2)
//
// with s = c/2, every product rounded on its own. The real parts of the diagonal stay: TA's are zero.
// These are the numbers Go's complex128 expressions give (the products by
// the zero parts of the phases and of the trace add signed zeros only).
func WilsonForceGo[F Real](f, link, a, b, as, bs []F, w, mu int, c float64) {
	var k1, k2, z forceMat
	forceOuter(&k1, bs, a, &HopProjection[2*mu], w)
	forceOuter(&k2, b, as, &HopProjection[2*mu+1], w)
	forceCommutator(&z, link, &k1, &k2, w)
	forceSubTA(f, &z, w, c/2)
}

// forceMat is a 3x3 complex matrix per lane: element e = 3i + j, real part
// in row 2e, imaginary part in row 2e+1.
type forceMat [18][MaxLanes]float64

// forceHalf is a projected half-spinor per lane: h[3a + col][re|im].
type forceHalf [6][2][MaxLanes]float64

// forceProject sets h to the projection p of the tile spinor s.
func forceProject[F Real](h *forceHalf, s []F, p *SpinProjection, w int) {
	for a := range 2 {
		for col := range 3 {
			sr, si := s[2*(3*a+col)*w:], s[(2*(3*a+col)+1)*w:]
			jr, ji := s[2*(3*p.J[a]+col)*w:], s[(2*(3*p.J[a]+col)+1)*w:]
			hr, hi := &h[3*a+col][0], &h[3*a+col][1]
			for l := range w {
				x, y, xj, yj := float64(sr[l]), float64(si[l]), float64(jr[l]), float64(ji[l])
				switch p.C[a] {
				case PlusOne:
					hr[l], hi[l] = x+xj, y+yj
				case MinusOne:
					hr[l], hi[l] = x-xj, y-yj
				case PlusI:
					hr[l], hi[l] = x-yj, y+xj
				default: // MinusI
					hr[l], hi[l] = x+yj, y-xj
				}
			}
		}
	}
}

// forceOuter sets k = sum_{a=0,1} P(u)_a P(v)_a^dag for tile spinors u and
// v and projection p.
func forceOuter[F Real](k *forceMat, u, v []F, p *SpinProjection, w int) {
	var hu, hv forceHalf
	forceProject(&hu, u, p, w)
	forceProject(&hv, v, p, w)
	for i := range 3 {
		for j := range 3 {
			kr, ki := &k[2*(3*i+j)], &k[2*(3*i+j)+1]
			for l := range w {
				// float64() rounds each product: no fused multiply-adds
				p0r := float64(hu[i][0][l]*hv[j][0][l]) + float64(hu[i][1][l]*hv[j][1][l])
				p0i := float64(hu[i][1][l]*hv[j][0][l]) - float64(hu[i][0][l]*hv[j][1][l])
				p1r := float64(hu[3+i][0][l]*hv[3+j][0][l]) + float64(hu[3+i][1][l]*hv[3+j][1][l])
				p1i := float64(hu[3+i][1][l]*hv[3+j][0][l]) - float64(hu[3+i][0][l]*hv[3+j][1][l])
				kr[l], ki[l] = p0r+p1r, p0i+p1i
			}
		}
	}
}

// forceCommutator sets z = u k1 - k2 u^dag for the tile link u.
func forceCommutator[F Real](z *forceMat, u []F, k1, k2 *forceMat, w int) {
	ur := func(e, l int) float64 { return float64(u[2*e*w+l]) }
	ui := func(e, l int) float64 { return float64(u[(2*e+1)*w+l]) }
	for i := range 3 {
		for j := range 3 {
			zr, zi := &z[2*(3*i+j)], &z[2*(3*i+j)+1]
			for l := range w {
				var sr, si float64
				for k := range 3 {
					xr, xi := ur(3*i+k, l), ui(3*i+k, l)
					yr, yi := k1[2*(3*k+j)][l], k1[2*(3*k+j)+1][l]
					vr, vi := k2[2*(3*i+k)][l], k2[2*(3*i+k)+1][l]
					cr, ci := ur(3*j+k, l), ui(3*j+k, l)
					tr := (float64(xr*yr) - float64(xi*yi)) - (float64(vr*cr) + float64(vi*ci))
					ti := (float64(xr*yi) + float64(xi*yr)) - (float64(vi*cr) - float64(vr*ci))
					if k == 0 {
						sr, si = tr, ti
					} else {
						sr, si = sr+tr, si+ti
					}
				}
				zr[l], zi[l] = sr, si
			}
		}
	}
}

// forceSubTA sets f -= s TA(z), TA(z) = (z - z^dag)/2 - Tr(z - z^dag)/6.
func forceSubTA[F Real](f []F, z *forceMat, w int, s float64) {
	im := func(e int) *[MaxLanes]float64 { return &z[2*e+1] }
	for l := range w {
		tr := (((((im(0)[l] + im(0)[l]) + im(4)[l]) + im(4)[l]) + im(8)[l]) + im(8)[l]) / 6
		for i := range 3 {
			e := 4 * i
			f[(2*e+1)*w+l] -= F(s * (im(e)[l] - tr))
		}
	}
	for i := range 3 {
		for j := range 3 {
			if i == j {
				continue
			}
			e, t := 3*i+j, 3*j+i
			fr, fi := f[2*e*w:], f[(2*e+1)*w:]
			for l := range w {
				fr[l] -= F(s * ((z[2*e][l] - z[2*t][l]) / 2))
				fi[l] -= F(s * ((z[2*e+1][l] + z[2*t+1][l]) / 2))
			}
		}
	}
}

// subTA sets f -= s TA(z) for lane l, TA(z) = (z - z^dag)/2 - Tr(z - z^dag)/6.
func subTA[F Real](f []F, z *[9]complex128, w, l int, s float64) {
	tr := (z[0] - conj(z[0]) + z[4] - conj(z[4]) + z[8] - conj(z[8])) / 6
	for i := range 3 {
		for j := range 3 {
			t := (z[3*i+j] - conj(z[3*j+i])) / 2
			if i == j {
				t -= tr
			}
			e := 3*i + j
			f[2*e*w+l] -= F(s * real(t))
			f[(2*e+1)*w+l] -= F(s * imag(t))
		}
	}
}

func conj(z complex128) complex128 { return complex(real(z), -imag(z)) }

// WilsonForce64 is the dispatched force kernel (the portable one until an
// instruction set replaces it).
var WilsonForce64 = WilsonForceGo[float64]

// installForceGo resets the force kernel to its portable version.
func installForceGo() {
	WilsonForce64 = WilsonForceGo[float64]
	StaggeredForce64 = StaggeredForceGo[float64]
}
