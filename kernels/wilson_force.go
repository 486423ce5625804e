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
func WilsonForceGo[F Real](f, link, a, b, as, bs []F, w, mu int, c float64) {
	pm, pp := HopProjection[2*mu], HopProjection[2*mu+1]
	for l := range w {
		var k1, k2 [9]complex128
		outerHalf(&k1, bs, a, &pm, w, l)
		outerHalf(&k2, b, as, &pp, w, l)
		var u [9]complex128
		for e := range 9 {
			u[e] = complex(float64(link[2*e*w+l]), float64(link[(2*e+1)*w+l]))
		}
		// z = u k1 - k2 u^dag
		var z [9]complex128
		for i := range 3 {
			for j := range 3 {
				var s complex128
				for k := range 3 {
					uk := u[3*j+k]
					s += u[3*i+k]*k1[3*k+j] - k2[3*i+k]*complex(real(uk), -imag(uk))
				}
				z[3*i+j] = s
			}
		}
		subTA(f, &z, w, l, c/2)
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

// outerHalf sets k = sum_{a=0,1} P(u)_a P(v)_a^dag for lane l of tile
// spinors u and v and projection p.
func outerHalf[F Real](k *[9]complex128, u, v []F, p *SpinProjection, w, l int) {
	var hu, hv [2][3]complex128
	for a := range 2 {
		ph := p.C[a].Complex()
		for col := range 3 {
			ua := forceSpinorAt(u, a*3+col, w, l)
			uj := forceSpinorAt(u, p.J[a]*3+col, w, l)
			va := forceSpinorAt(v, a*3+col, w, l)
			vj := forceSpinorAt(v, p.J[a]*3+col, w, l)
			hu[a][col] = ua + ph*uj
			hv[a][col] = va + ph*vj
		}
	}
	*k = [9]complex128{}
	for a := range 2 {
		for i := range 3 {
			for j := range 3 {
				k[3*i+j] += hu[a][i] * conj(hv[a][j])
			}
		}
	}
}

func forceSpinorAt[F Real](s []F, c, w, l int) complex128 {
	return complex(float64(s[2*c*w+l]), float64(s[(2*c+1)*w+l]))
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
