package staggered

import (
	"fmt"
	"math/cmplx"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// FlopsPerSite is the flop count of the hopping term D per output site.
const FlopsPerSite = 570

// Operator is the naive staggered operator M = m + D on one gauge field, in
// precision F. fwd[mu] holds (1/2) eta_mu(x) U_mu(x) times the boundary
// phase; bwd[mu] holds fwd[mu](x-mu)^dag, stored at x so that the backward hop
// needs no link halo.
type Operator[F layout.Float] struct {
	L       *layout.Layout
	Mass    float64
	fwd     [layout.Nd]*layout.Field[F]
	bwd     [layout.Nd]*layout.Field[F]
	halo    *layout.Halo[F]
	nb      [][]F            // neighbour scratch of each ParallelFor chunk
	tmp     *layout.Field[F] // full-lattice scratch for even-odd products
	scratch *layout.Field[F]
}

// Phase returns the boundary phase of each direction: +1 periodic, -1
// antiperiodic.
type Boundary [layout.Nd]complex128

// Antiperiodic is the usual fermion boundary: periodic in space,
// antiperiodic in time.
var Antiperiodic = Boundary{1, 1, 1, -1}

// New builds the operator for gauge field g (SU(3)). Collective.
func New[F layout.Float](g *gauge.Field, mass float64, bc Boundary) (*Operator[F], error) {
	if g.N != 3 {
		return nil, fmt.Errorf("staggered: needs SU(3), the field is SU(%d)", g.N)
	}
	for mu, p := range bc {
		if cmplx.Abs(p) < 0.999999 || cmplx.Abs(p) > 1.000001 {
			return nil, fmt.Errorf("staggered: boundary phase %v in direction %s is not of modulus 1", p, layout.DirName[mu])
		}
	}
	l := g.L
	op := &Operator[F]{L: l, Mass: mass, halo: layout.NewHalo[F](l, 3), nb: make([][]F, max(1, l.Threads())),
		tmp: layout.NewField[F](l, 3, layout.Full)}
	ws := gauge.NewWorkspace(l, 3)
	v := gauge.NewMatField(l, 3)
	shifted := gauge.NewMatField(l, 3)
	for mu := range layout.Nd {
		layout.Copy(v, g.U[mu])
		v.ForEachSite(func(tile, lane int, x [layout.Nd]int) {
			ph := complex(0.5*eta(mu, x), 0)
			if x[mu] == l.Global[mu]-1 {
				ph *= bc[mu]
			}
			for c := range 9 {
				v.Set(tile, c, lane, ph*v.At(tile, c, lane))
			}
		})
		op.fwd[mu] = layout.NewField[F](l, 9, layout.Full)
		if err := layout.Convert(op.fwd[mu], v); err != nil {
			return nil, err
		}
		if err := ws.Shift(shifted, v, layout.HopDir(mu, -1)); err != nil {
			return nil, err
		}
		// store the adjoint
		shifted.ForEachSite(func(tile, lane int, _ [layout.Nd]int) {
			var m [9]complex128
			for c := range 9 {
				m[c] = shifted.At(tile, c, lane)
			}
			for i := range 3 {
				for j := range 3 {
					v.Set(tile, i*3+j, lane, cmplx.Conj(m[j*3+i]))
				}
			}
		})
		op.bwd[mu] = layout.NewField[F](l, 9, layout.Full)
		if err := layout.Convert(op.bwd[mu], v); err != nil {
			return nil, err
		}
	}
	return op, nil
}

// eta is the staggered phase of direction mu at global coordinate x.
func eta(mu int, x [layout.Nd]int) float64 {
	s := 0
	for nu := range mu {
		s += x[nu]
	}
	if s%2 == 0 {
		return 1
	}
	return -1
}

// NewField returns a zero full-lattice colour-vector field.
func (op *Operator[F]) NewField() *layout.Field[F] { return layout.NewField[F](op.L, 3, layout.Full) }

// Hop sets dst = D src on the sites of subset out (Full, Even or Odd);
// src and dst are full-lattice fields, dst's other sites are left as they
// are. Collective (halo exchange of src).
func (op *Operator[F]) Hop(dst, src *layout.Field[F], out layout.Subset) error {
	l := op.L
	if src.Subset != layout.Full || dst.Subset != layout.Full || src.NC != 3 || dst.NC != 3 {
		return fmt.Errorf("staggered: Hop needs full-lattice colour-vector fields")
	}
	if err := op.halo.Start(src); err != nil {
		return err
	}
	if err := op.halo.Wait(); err != nil {
		return err
	}
	w := l.W
	lo := l.FirstTile(out)
	n := l.SubsetTiles(out)
	size := 6 * w
	matVec := matVecKernel[F]()
	l.ParallelFor(n, func(chunk, i0, i1 int) {
		if op.nb[chunk] == nil {
			op.nb[chunk] = make([]F, size)
		}
		nbBuf := op.nb[chunk]
		for tile := lo + i0; tile < lo+i1; tile++ {
			d := dst.Data[tile*size : (tile+1)*size]
			clear(d)
			for mu := range layout.Nd {
				for s, links := range [2]*layout.Field[F]{op.fwd[mu], op.bwd[mu]} {
					dir := layout.HopDir(mu, 1-2*s)
					nb := op.halo.NeighbourData(dir, tile, nbBuf)
					u := links.Data[tile*18*w : (tile+1)*18*w]
					sign := F(1)
					if s == 1 {
						sign = -1
					}
					if w == 1 {
						kernels.SU3MulAddVecW1((*[6]F)(d), (*[18]F)(u), (*[6]F)(nb), sign, false)
					} else {
						matVec(d, u, nb, w, sign)
					}
				}
			}
		}
	})
	return nil
}

// matVecKernel is the dispatched colour matrix-vector kernel of precision
// F (kernels.MatVecAdd64/32; the portable one for a type only based on
// float32 or float64).
func matVecKernel[F layout.Float]() func(dst, u, v []F, w int, s F) {
	if k, ok := any(kernels.MatVecAdd64).(func(dst, u, v []F, w int, s F)); ok {
		return k
	}
	if k, ok := any(kernels.MatVecAdd32).(func(dst, u, v []F, w int, s F)); ok {
		return k
	}
	return func(dst, u, v []F, w int, s F) { kernels.SU3MulAddVec(dst, u, v, w, s, false) }
}

// Apply sets dst = M src = m src + D src on full-lattice fields.
func (op *Operator[F]) Apply(dst, src *layout.Field[F]) error {
	if err := op.Hop(dst, src, layout.Full); err != nil {
		return err
	}
	layout.Axpy(complex(op.Mass, 0), src, dst)
	return nil
}

// ApplyDag sets dst = M^dag src = m src - D src.
func (op *Operator[F]) ApplyDag(dst, src *layout.Field[F]) error {
	if err := op.Hop(dst, src, layout.Full); err != nil {
		return err
	}
	layout.Scale(-1, dst)
	layout.Axpy(complex(op.Mass, 0), src, dst)
	return nil
}

// Flops is the cost of one Apply on this rank: the hopping term and the
// mass term (8 flop per complex number).
func (op *Operator[F]) Flops() float64 {
	return float64(op.L.Volume) * (FlopsPerSite + 3*4)
}

// EvenNormal is (M^dag M)_ee = m^2 - D_eo D_oe on even-site fields: Hermitian
// and positive definite, for CG.
type EvenNormal[F layout.Float] struct{ Op *Operator[F] }

// NewField returns a zero even-site colour-vector field.
func (n EvenNormal[F]) NewField() *layout.Field[F] {
	return layout.NewField[F](n.Op.L, 3, layout.Even)
}

// Apply sets dst = (m^2 - D_eo D_oe) src for even-site fields.
func (n EvenNormal[F]) Apply(dst, src *layout.Field[F]) error {
	op := n.Op
	full := op.tmp
	half := len(src.Data)
	copy(full.Data[:half], src.Data)
	clear(full.Data[half:])
	out := op.scratchField()
	if err := op.Hop(out, full, layout.Odd); err != nil { // out_o = D_oe src
		return err
	}
	copy(full.Data[half:], out.Data[half:])
	clear(full.Data[:half])
	if err := op.Hop(out, full, layout.Even); err != nil { // out_e = D_eo D_oe src
		return err
	}
	m2 := F(op.Mass * op.Mass)
	for i := range dst.Data {
		dst.Data[i] = m2*src.Data[i] - out.Data[i]
	}
	return nil
}

// ApplyDag equals Apply (the operator is Hermitian).
func (n EvenNormal[F]) ApplyDag(dst, src *layout.Field[F]) error { return n.Apply(dst, src) }

// Flops is the cost of one Apply on this rank: two half-lattice hopping
// terms and the combination (4 flop per real number of the even half).
func (n EvenNormal[F]) Flops() float64 {
	return float64(n.Op.L.Volume) * (FlopsPerSite + 3*2)
}

// scratchField returns the operator's second full-lattice scratch field.
func (op *Operator[F]) scratchField() *layout.Field[F] {
	if op.scratch == nil {
		op.scratch = op.NewField()
	}
	return op.scratch
}
