package wilson

import (
	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/hmc"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// forceTerm adds to f the force of c Re(A^dag dH B) for full spinor fields
// a and b: F -= (c/2) TA(L K1 - K2 L^dag) (see doc.go). Collective (shifts).
func forceTerm(f *hmc.Algebra, links *dirac.Links[float64], a, b *layout.Field[float64], c float64) error {
	l := a.Layout
	as, bs := a.Like(), b.Like()
	for mu := range layout.Nd {
		fwd := layout.HopDir(mu, +1)
		if err := layout.Shift(as, a, fwd); err != nil {
			return err
		}
		if err := layout.Shift(bs, b, fwd); err != nil {
			return err
		}
		minus, plus := projector(mu, -1), projector(mu, +1)
		l.ParallelFor(l.NTiles, func(_, lo, hi int) {
			var link, k1, k2, z, t, ta sun.M3
			var pa, pb [4][3]complex128
			for tile := lo; tile < hi; tile++ {
				for lane := range l.W {
					for e := range 9 {
						link[e] = links.At(tile, 2*mu, e, lane)
					}
					// K1 = sum_s ((1-gamma) B(x+mu))_s A(x)_s^dag
					spinApply(&pb, &minus, bs, tile, lane)
					outer(&k1, &pb, a, tile, lane)
					// K2 = sum_s B(x)_s ((1+gamma) A(x+mu))_s^dag
					spinApply(&pa, &plus, as, tile, lane)
					outerRev(&k2, b, &pa, tile, lane)
					z.Mul(&link, &k1)
					t.MulDag(&k2, &link)
					z.Sub(&z, &t)
					ta.TracelessAntiHermitian(&z)
					for e := range 9 {
						f.F[mu].Set(tile, e, lane, f.F[mu].At(tile, e, lane)-complex(c/2, 0)*ta[e])
					}
				}
			}
		})
	}
	return nil
}

// projector returns 1 + s gamma_mu.
func projector(mu, s int) dirac.Spin {
	var p dirac.Spin
	for i := range 4 {
		for j := range 4 {
			p[i][j] = complex(float64(s), 0) * dirac.Gamma[mu][i][j]
		}
		p[i][i] += 1
	}
	return p
}

// spinApply sets out = P psi(tile, lane) (spin matrix times spinor).
func spinApply(out *[4][3]complex128, p *dirac.Spin, psi *layout.Field[float64], tile, lane int) {
	var in [4][3]complex128
	for s := range 4 {
		for c := range 3 {
			in[s][c] = psi.At(tile, s*3+c, lane)
		}
	}
	for s := range 4 {
		for c := range 3 {
			var v complex128
			for r := range 4 {
				if p[s][r] != 0 {
					v += p[s][r] * in[r][c]
				}
			}
			out[s][c] = v
		}
	}
}

// outer sets k = sum_s u_s a_s^dag with a read from the field.
func outer(k *sun.M3, u *[4][3]complex128, a *layout.Field[float64], tile, lane int) {
	*k = sun.M3{}
	for s := range 4 {
		for j := range 3 {
			aj := a.At(tile, s*3+j, lane)
			aj = complex(real(aj), -imag(aj))
			for i := range 3 {
				k[3*i+j] += u[s][i] * aj
			}
		}
	}
}

// outerRev sets k = sum_s b_s v_s^dag with b read from the field.
func outerRev(k *sun.M3, b *layout.Field[float64], v *[4][3]complex128, tile, lane int) {
	*k = sun.M3{}
	for s := range 4 {
		for i := range 3 {
			bi := b.At(tile, s*3+i, lane)
			for j := range 3 {
				k[3*i+j] += bi * complex(real(v[s][j]), -imag(v[s][j]))
			}
		}
	}
}
