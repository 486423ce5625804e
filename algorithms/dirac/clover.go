package dirac

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// cloverReals is the number of reals per site of a packed clover field:
// two Hermitian 6x6 blocks of kernels.CloverBlockReals.
const cloverReals = 2 * kernels.CloverBlockReals

// cloverTerm is A = 1 + c_SW kappa (i/2) sum_mu,nu sigma_mu,nu F_mu,nu per
// site, stored as two packed Hermitian 6x6 blocks (chirality blocks:
// spins {0,1} and {2,3}, block index 3*spin' + colour), and its inverse:
//
//	a[((tile*2 + b)*36 + e)*W + lane]   (e: kernels.CloverPacked)
//
// full lattice, even tiles first. Both are computed in float64 and stored
// in F; the log determinants are per parity, global.
type cloverTerm[F layout.Float] struct {
	l      *layout.Layout
	a, inv []F
	logDet [2]float64
	detErr [2]error
	kern   func(dst, src, clov []F, w, lo, hi int)
}

// newCloverTerm builds the clover term of u. Collective.
func newCloverTerm[F layout.Float](u *gauge.Field, kappa, csw float64) (*cloverTerm[F], error) {
	l := u.L
	w := l.W
	a64, err := cloverBlocks(u, kappa*csw)
	if err != nil {
		return nil, err
	}
	c := &cloverTerm[F]{l: l, a: make([]F, len(a64)), inv: make([]F, len(a64)), kern: cloverKernel[F]()}
	for i, v := range a64 {
		c.a[i] = F(v)
	}
	var sums [2]layout.ExactSum
	var bad [2]int
	var m [6][6]complex128
	for tile := range l.NTiles {
		p := l.TileParity(tile)
		for lane := range w {
			logDet := 0.0
			for b := range 2 {
				base := (tile*2 + b) * kernels.CloverBlockReals * w
				unpack(a64[base:], w, lane, &m)
				inv, det, ok := invert6(&m)
				if !ok || real(det) <= 0 {
					bad[p]++
				} else {
					logDet += math.Log(real(det))
				}
				for i := range 6 {
					for j := range i {
						inv[i][j] = (inv[i][j] + conj(inv[j][i])) / 2 // exactly Hermitian
					}
				}
				pack(c.inv[base:], w, lane, &inv)
			}
			sums[p].Add(logDet)
		}
	}
	for p := range 2 {
		s, err := l.GlobalSum(&sums[p])
		if err != nil {
			return nil, fmt.Errorf("dirac: clover log det: %w", err)
		}
		c.logDet[p] = s[0]
		nbad := []float64{float64(bad[p])}
		if err := l.Comm.AllreduceSum64(nbad); err != nil {
			return nil, fmt.Errorf("dirac: clover log det: %w", err)
		}
		if nbad[0] > 0 {
			c.detErr[p] = fmt.Errorf("dirac: clover term has %d sites of parity %d with a non-positive 6x6 block determinant: log det undefined (reduce c_SW kappa or smooth the gauge field)", int(nbad[0]), p)
		}
	}
	return c, nil
}

// cloverBlocks computes the packed blocks of A = 1 + ck i sum_{mu<nu}
// sigma_mu,nu F_mu,nu (ck = c_SW kappa) in float64. Collective.
func cloverBlocks(u *gauge.Field, ck float64) ([]float64, error) {
	l := u.L
	w := l.W
	out := make([]float64, l.NTiles*cloverReals*w)
	for tile := range l.NTiles {
		for b := range 2 {
			for i := range 6 {
				for lane := range w {
					out[((tile*2+b)*kernels.CloverBlockReals+i)*w+lane] = 1
				}
			}
		}
	}
	if ck == 0 {
		return out, nil
	}
	ws := gauge.NewWorkspace(l, 3)
	var tmp [5]*layout.Field[float64]
	for i := range tmp {
		tmp[i] = gauge.NewMatField(l, 3)
	}
	q := gauge.NewMatField(l, 3)
	var qm [9]complex128
	for mu := range layout.Nd {
		for nu := mu + 1; nu < layout.Nd; nu++ {
			if err := cloverLeaves(u, mu, nu, ws, &tmp, q); err != nil {
				return nil, err
			}
			sigma := Sigma(mu, nu)
			for tile := range l.NTiles {
				for lane := range w {
					for e := range 9 {
						qm[e] = q.At(tile, e, lane)
					}
					f := fieldStrength(&qm)
					for b := range 2 {
						base := (tile*2 + b) * kernels.CloverBlockReals * w
						// element (3s+a, 3t+c) of block b gets
						// ck i sigma[2b+s][2b+t] F[a][c]; only i >= j is stored.
						for i := range 6 {
							s, a := i/3, i%3
							for j := range i + 1 {
								t, c := j/3, j%3
								v := complex(0, ck) * sigma[2*b+s][2*b+t] * f[3*a+c]
								if i == j {
									out[base+i*w+lane] += real(v)
									continue
								}
								e := kernels.CloverPacked(i, j)
								out[base+e*w+lane] += real(v)
								out[base+(e+1)*w+lane] += imag(v)
							}
						}
					}
				}
			}
		}
	}
	return out, nil
}

// unpack reads the packed Hermitian block at lane of blk into m.
func unpack(blk []float64, w, lane int, m *[6][6]complex128) {
	for i := range 6 {
		m[i][i] = complex(blk[i*w+lane], 0)
		for j := range i {
			e := kernels.CloverPacked(i, j)
			v := complex(blk[e*w+lane], blk[(e+1)*w+lane])
			m[i][j], m[j][i] = v, conj(v)
		}
	}
}

// pack stores the lower triangle of the Hermitian m into a packed block.
func pack[F layout.Float](blk []F, w, lane int, m *[6][6]complex128) {
	for i := range 6 {
		blk[i*w+lane] = F(real(m[i][i]))
		for j := range i {
			e := kernels.CloverPacked(i, j)
			blk[e*w+lane] = F(real(m[i][j]))
			blk[(e+1)*w+lane] = F(imag(m[i][j]))
		}
	}
}

// cloverKernel picks the dispatched clover kernel of precision F.
func cloverKernel[F layout.Float]() func(dst, src, clov []F, w, lo, hi int) {
	if k, ok := any(kernels.CloverApply64).(func(dst, src, clov []F, w, lo, hi int)); ok {
		return k
	}
	if k, ok := any(kernels.CloverApply32).(func(dst, src, clov []F, w, lo, hi int)); ok {
		return k
	}
	return kernels.CloverApplyGo[F]
}

// mul sets dst = C src for the packed blocks c (A or its inverse) of the
// tiles that dst and src hold: full fields use all of c, parity fields
// the half of their parity (selected by the caller). dst may be src.
func (c *cloverTerm[F]) mul(dst, src, blocks []F) {
	w := c.l.W
	n := len(src) / (SpinorNC * 2 * w)
	if c.l.Threads() <= 1 {
		c.kern(dst, src, blocks, w, 0, n)
		return
	}
	c.l.ParallelFor(n, func(_, lo, hi int) { c.kern(dst, src, blocks, w, lo, hi) })
}

// parity returns the blocks of the tiles of parity p.
func parityBlocks[F layout.Float](blocks []F, p int) []F {
	n := len(blocks) / 2
	return blocks[p*n : (p+1)*n]
}

// subsetBlocks returns the blocks of the tiles of a field's subset.
func subsetBlocks[F layout.Float](blocks []F, s layout.Subset) []F {
	switch s {
	case layout.Even:
		return parityBlocks(blocks, 0)
	case layout.Odd:
		return parityBlocks(blocks, 1)
	}
	return blocks
}
