package solver

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/layout"
)

// The test operators act on 12-component (spin x colour, c = 3*spin +
// colour) fields through 12x12 complex matrices stored as full-lattice
// fields of 144 components, c = 12*i + j for element (i, j):
//
//	Full subset:  (A psi)(x) = D(x) psi(x) + sum_d H_d(x) psi(x + d^)
//	Even subset:  A = D_ee + sign * (K K)_ee,  (K psi)(x) = sum_d H_d(x) psi(x + d^)
//
// with hop directions d = 2 mu (+mu) and 2 mu + 1 (-mu) as in layout. The
// adjoint is D^dag psi(x) + sum_d H_d(x - d^)^dag psi(x - d^), built from a
// site-local multiplication followed by a backward shift, which is a
// different code path from Apply, so <x, A y> = <A^dag x, y> tests both.
type hopOp[F layout.Float] struct {
	l      *layout.Layout
	subset layout.Subset
	sign   F
	diag   *layout.Field[F]
	hop    [2 * layout.Nd]*layout.Field[F]
	halo   *layout.Halo[F]
	t      [5]*layout.Field[F] // full-lattice spinor temporaries
}

const (
	nsc = 12        // spin x colour components
	nm  = nsc * nsc // matrix components
)

func newHopOp[F layout.Float](l *layout.Layout, subset layout.Subset, sign F, diag *layout.Field[F], hop [2 * layout.Nd]*layout.Field[F]) *hopOp[F] {
	o := &hopOp[F]{l: l, subset: subset, sign: sign, diag: diag, hop: hop, halo: layout.NewHalo[F](l, nsc)}
	for i := range o.t {
		o.t[i] = layout.NewField[F](l, nsc, layout.Full)
	}
	return o
}

func (o *hopOp[F]) NewField() *layout.Field[F] { return layout.NewField[F](o.l, nsc, o.subset) }

// Flops counts the 12x12 complex matrix-vector products (8*144 flops each).
func (o *hopOp[F]) Flops() float64 {
	perMat := 8.0 * nm
	if o.subset == layout.Full {
		return float64(o.l.Volume) * 9 * perMat
	}
	return float64(o.l.Volume)*16*perMat + float64(o.l.Volume/2)*perMat
}

func (o *hopOp[F]) Apply(dst, src *layout.Field[F]) error    { return o.apply(dst, src, false) }
func (o *hopOp[F]) ApplyDag(dst, src *layout.Field[F]) error { return o.apply(dst, src, true) }

func (o *hopOp[F]) apply(dst, src *layout.Field[F], dag bool) error {
	if err := dst.SameShape(src); err != nil {
		return err
	}
	if dst.Subset != o.subset || dst.NC != nsc {
		return fmt.Errorf("test operator acts on %s fields of %d components", o.subset, nsc)
	}
	if o.subset == layout.Full {
		dst.Zero()
		mulAdd(dst, o.diag, src, dag)
		return o.hopping(dst, src, dag)
	}
	// Even: embed, hop twice, restrict.
	in, mid, out := o.t[0], o.t[1], o.t[2]
	in.Zero()
	copy(in.Data, src.Data)
	mid.Zero()
	if err := o.hopping(mid, in, dag); err != nil {
		return err
	}
	out.Zero()
	if err := o.hopping(out, mid, dag); err != nil {
		return err
	}
	dst.Zero()
	mulAdd(dst, o.diag, src, dag)
	n := len(dst.Data)
	for i := range n {
		dst.Data[i] += o.sign * out.Data[i]
	}
	return nil
}

// hopping adds K src (or K^dag src) to dst, full-lattice fields.
func (o *hopOp[F]) hopping(dst, src *layout.Field[F], dag bool) error {
	tmp, tmp2 := o.t[3], o.t[4]
	for d := range 2 * layout.Nd {
		if !dag {
			if err := o.halo.Shift(tmp, src, d); err != nil {
				return err
			}
			mulAdd(dst, o.hop[d], tmp, false)
			continue
		}
		tmp.Zero()
		mulAdd(tmp, o.hop[d], src, true)
		if err := o.halo.Shift(tmp2, tmp, d^1); err != nil {
			return err
		}
		for i, v := range tmp2.Data {
			dst.Data[i] += v
		}
	}
	return nil
}

// mulAdd sets dst(x) += M(x) v(x), or M(x)^dag v(x), on the sites of dst
// (v has dst's subset, m is a full-lattice matrix field). Each site sums
// over j in order into a local accumulator, then adds it to dst: the same
// operations for every W, hence the same bits.
func mulAdd[F layout.Float](dst, m, v *layout.Field[F], dag bool) {
	W := dst.Layout.W
	off := dst.Layout.FirstTile(dst.Subset)
	// Element (i, j) has real part at 2*(nsc*i + j)*W + lane, imaginary W later.
	istride, jstride := 2*nsc*W, 2*W
	var s F = 1
	if dag {
		istride, jstride, s = 2*W, 2*nsc*W, -1
	}
	for t := range dst.Tiles() {
		mt := m.Data[(t+off)*nm*2*W : (t+off+1)*nm*2*W]
		vt := v.Data[t*nsc*2*W : (t+1)*nsc*2*W]
		dt := dst.Data[t*nsc*2*W : (t+1)*nsc*2*W]
		for k := range W {
			for i := range nsc {
				var sr, si F
				row := mt[i*istride+k:]
				for j := range nsc {
					a, b := row[j*jstride], s*row[j*jstride+W]
					vr, vi := vt[2*j*W+k], vt[(2*j+1)*W+k]
					sr += a*vr - b*vi
					si += a*vi + b*vr
				}
				dt[2*i*W+k] += sr
				dt[(2*i+1)*W+k] += si
			}
		}
	}
}

// to32 is the float32 twin (matrices rounded to float32).
func (o *hopOp[F]) to32() *hopOp[float32] {
	conv := func(f *layout.Field[F]) *layout.Field[float32] {
		g := layout.NewField[float32](f.Layout, f.NC, f.Subset)
		if err := layout.Convert(g, f); err != nil {
			panic(err)
		}
		return g
	}
	var hop [2 * layout.Nd]*layout.Field[float32]
	for d := range hop {
		hop[d] = conv(o.hop[d])
	}
	return newHopOp(o.l, o.subset, float32(o.sign), conv(o.diag), hop)
}

// ---- building the test operators ----

type mat [nsc][nsc]complex128

// opSpec describes a test operator.
type opSpec struct {
	wilson bool          // Wilson-like 1 - kappa K (else Hermitian positive definite)
	subset layout.Subset // Full or Even
	mass   float64       // Hermitian: the lower bound m of the spectrum
	kappa  float64       // Wilson: hopping parameter
	eps    float64       // disorder of the links (0: free field, large: random)
	seed   uint64
}

// Hermitian, Full:  A = m + S(x) + sum_mu nabla_mu^dag nabla_mu, with
// nabla_mu psi(x) = U_mu(x) psi(x+mu) - psi(x), U_mu(x) random 12x12
// unitary near 1 and S(x) = 0.1 G^dag G site-local positive semi-definite:
// D = m + 8 + S, H_{+mu} = -U_mu(x), H_{-mu} = -U_mu(x-mu)^dag. Hermitian
// positive definite with lambda_min >= m.
//
// Hermitian, Even:  A = m + S + (K K)_ee with K the Hermitian hopping
// above, so (K K)_ee = K_oe^dag K_oe >= 0 and lambda_min >= m.
//
// Wilson, Full:  A = 1 - kappa sum_mu [(1 - gamma_mu) U_mu(x) T_+mu +
// (1 + gamma_mu) U_mu(x-mu)^dag T_-mu] with U_mu random SU(3)-like 3x3
// unitary matrices acting on colour, Euclidean chiral gamma matrices.
// Wilson, Even:  A = 1 - kappa^2 (K K)_ee, its even-odd Schur complement.
func buildOp(l *layout.Layout, sp opSpec) (*hopOp[float64], error) {
	stream := rng.New(sp.seed, 1)
	fwd := make([]*layout.Field[float64], layout.Nd) // link matrices as 12x12
	diag := layout.NewField[float64](l, nm, layout.Full)
	for mu := range layout.Nd {
		fwd[mu] = layout.NewField[float64](l, nm, layout.Full)
	}
	var err error
	diag.ForEachSite(func(tile, lane int, g [layout.Nd]int) {
		site := stream.Site(uint64(l.GlobalIndex(g)))
		for mu := range layout.Nd {
			var u mat
			if sp.wilson {
				u = kronSpin(randomUnitary(&site, 3, sp.eps))
			} else {
				u = randomUnitary(&site, nsc, sp.eps)
			}
			setMat(fwd[mu], tile, lane, u)
		}
		var d mat
		if sp.wilson {
			d = scalarMat(1)
		} else {
			var gm mat
			for i := range nsc {
				for j := range nsc {
					gm[i][j] = complex(site.Gaussian(), site.Gaussian()) / complex(math.Sqrt(2*nsc), 0)
				}
			}
			d = addMat(scalarMat(sp.mass), scaleMat(0.1, mulMat(dagMat(gm), gm)))
			if sp.subset == layout.Full {
				d = addMat(d, scalarMat(8))
			}
		}
		setMat(diag, tile, lane, d)
	})
	var hop [2 * layout.Nd]*layout.Field[float64]
	for mu := range layout.Nd {
		back := layout.NewField[float64](l, nm, layout.Full)
		if err = layout.Shift(back, fwd[mu], 2*mu+1); err != nil { // back(x) = U(x - mu)
			return nil, err
		}
		hop[2*mu] = layout.NewField[float64](l, nm, layout.Full)
		hop[2*mu+1] = layout.NewField[float64](l, nm, layout.Full)
		coef := complex(-1, 0)
		pf, pb := scalarMat(1), scalarMat(1)
		if sp.wilson {
			coef = complex(sp.kappa, 0)
			if sp.subset == layout.Full {
				coef = -coef
			}
			g := kronSpinColourOne(gamma[mu])
			pf, pb = addMat(scalarMat(1), scaleMat(-1, g)), addMat(scalarMat(1), g)
		}
		diag.ForEachSite(func(tile, lane int, _ [layout.Nd]int) {
			setMat(hop[2*mu], tile, lane, scaleMatC(coef, mulMat(pf, getMat(fwd[mu], tile, lane))))
			setMat(hop[2*mu+1], tile, lane, scaleMatC(coef, mulMat(pb, dagMat(getMat(back, tile, lane)))))
		})
	}
	sign := 1.0
	if sp.wilson {
		sign = -1
	}
	return newHopOp(l, sp.subset, sign, diag, hop), nil
}

// randomUnitary returns an n x n unitary matrix (in the top-left corner):
// Gram-Schmidt of 1 + eps G, G complex Gaussian.
func randomUnitary(site *rng.Site, n int, eps float64) mat {
	var a mat
	for i := range n {
		for j := range n {
			a[i][j] = complex(eps*site.Gaussian(), eps*site.Gaussian())
			if i == j {
				a[i][j]++
			}
		}
	}
	// Orthonormalise the rows.
	for i := range n {
		for k := range i {
			var p complex128
			for j := range n {
				p += cmplx.Conj(a[k][j]) * a[i][j]
			}
			for j := range n {
				a[i][j] -= p * a[k][j]
			}
		}
		var nn float64
		for j := range n {
			nn += real(a[i][j])*real(a[i][j]) + imag(a[i][j])*imag(a[i][j])
		}
		s := complex(1/math.Sqrt(nn), 0)
		for j := range n {
			a[i][j] *= s
		}
	}
	return a
}

// Euclidean gamma matrices, chiral basis: gamma_k = [[0, -i sigma_k],
// [i sigma_k, 0]], gamma_4 = [[0, 1], [1, 0]]; Hermitian, square to 1.
var gamma = func() [layout.Nd][4][4]complex128 {
	sigma := [3][2][2]complex128{
		{{0, 1}, {1, 0}},
		{{0, -1i}, {1i, 0}},
		{{1, 0}, {0, -1}},
	}
	var g [layout.Nd][4][4]complex128
	for k := range 3 {
		for i := range 2 {
			for j := range 2 {
				g[k][i][2+j] = -1i * sigma[k][i][j]
				g[k][2+i][j] = 1i * sigma[k][i][j]
			}
		}
	}
	for i := range 2 {
		g[3][i][2+i], g[3][2+i][i] = 1, 1
	}
	return g
}()

// kronSpin is 1_spin (x) u for a 3x3 colour matrix u (c = 3*spin + colour).
func kronSpin(u mat) mat {
	var m mat
	for s := range 4 {
		for a := range 3 {
			for b := range 3 {
				m[3*s+a][3*s+b] = u[a][b]
			}
		}
	}
	return m
}

// kronSpinColourOne is g (x) 1_colour for a 4x4 spin matrix g.
func kronSpinColourOne(g [4][4]complex128) mat {
	var m mat
	for s := range 4 {
		for t := range 4 {
			for a := range 3 {
				m[3*s+a][3*t+a] = g[s][t]
			}
		}
	}
	return m
}

func scalarMat(v float64) mat {
	var m mat
	for i := range nsc {
		m[i][i] = complex(v, 0)
	}
	return m
}

func addMat(a, b mat) mat {
	for i := range nsc {
		for j := range nsc {
			a[i][j] += b[i][j]
		}
	}
	return a
}

func scaleMat(s float64, a mat) mat { return scaleMatC(complex(s, 0), a) }

func scaleMatC(s complex128, a mat) mat {
	for i := range nsc {
		for j := range nsc {
			a[i][j] *= s
		}
	}
	return a
}

func mulMat(a, b mat) mat {
	var c mat
	for i := range nsc {
		for k := range nsc {
			for j := range nsc {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}

func dagMat(a mat) mat {
	var c mat
	for i := range nsc {
		for j := range nsc {
			c[i][j] = cmplx.Conj(a[j][i])
		}
	}
	return c
}

func setMat(f *layout.Field[float64], tile, lane int, m mat) {
	for i := range nsc {
		for j := range nsc {
			f.Set(tile, i*nsc+j, lane, m[i][j])
		}
	}
}

func getMat(f *layout.Field[float64], tile, lane int) mat {
	var m mat
	for i := range nsc {
		for j := range nsc {
			m[i][j] = f.At(tile, i*nsc+j, lane)
		}
	}
	return m
}
