package dirac

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// Links is the gauge field in the form the hopping kernels read, in
// precision F: for every site x and hop direction d the matrix that
// multiplies the neighbour of hop d,
//
//	L_{2mu}(x)   = phase U_mu(x)              (forward, x -> x + mu)
//	L_{2mu+1}(x) = conj(phase) U_mu(x-mu)^dag (backward, x -> x - mu)
//
// where phase is the boundary phase of direction mu on hops that cross
// the global boundary and 1 elsewhere. Storing the backward link at x
// ("double storage") makes the backward hop need no link halo. Layout:
//
//	Data[(((tile*8 + d)*9 + 3*i + j)*2 + reim)*W + lane]
//
// for element (i, j), tile on the full lattice (even tiles first, so the
// links of one parity are one contiguous half).
type Links[F layout.Float] struct {
	L    *layout.Layout
	BC   [layout.Nd]Boundary
	Data []F
}

// linkReals is the number of reals per site in Links.Data.
const linkReals = layout.NHops * 18

// NewLinks builds the double-stored links of an SU(3) gauge field with the
// given boundary conditions. Collective (one Shift per direction).
func NewLinks[F layout.Float](u *gauge.Field, bc [layout.Nd]Boundary) (*Links[F], error) {
	if u.N != 3 {
		return nil, fmt.Errorf("dirac: Wilson fermions need an SU(3) gauge field, got SU(%d)", u.N)
	}
	l := u.L
	lk := &Links[F]{L: l, BC: bc, Data: make([]F, l.NTiles*linkReals*l.W)}
	back := gauge.NewMatField(l, 3)
	ws := gauge.NewWorkspace(l, 3)
	w := l.W
	for mu := range layout.Nd {
		if err := ws.Shift(back, u.U[mu], layout.HopDir(mu, -1)); err != nil {
			return nil, fmt.Errorf("dirac: shifting the links of direction %s: %w", layout.DirName[mu], err)
		}
		phase := bc[mu].Phase()
		for tile := range l.NTiles {
			for lane := range w {
				g := l.GlobalCoords(tile, lane)
				fw, bw := complex128(1), complex128(1)
				if g[mu] == l.Global[mu]-1 {
					fw = phase
				}
				if g[mu] == 0 {
					bw = conj(phase)
				}
				for i := range 3 {
					for j := range 3 {
						f := fw * u.U[mu].At(tile, 3*i+j, lane)
						b := bw * conj(back.At(tile, 3*j+i, lane))
						lk.set(tile, 2*mu, 3*i+j, lane, f)
						lk.set(tile, 2*mu+1, 3*i+j, lane, b)
					}
				}
			}
		}
	}
	return lk, nil
}

func (lk *Links[F]) index(tile, d, e, lane int) int {
	return (((tile*layout.NHops+d)*9+e)*2)*lk.L.W + lane
}

func (lk *Links[F]) set(tile, d, e, lane int, v complex128) {
	i := lk.index(tile, d, e, lane)
	lk.Data[i] = F(real(v))
	lk.Data[i+lk.L.W] = F(imag(v))
}

// At is the element e = 3*i + j of L_d at (tile, lane).
func (lk *Links[F]) At(tile, d, e, lane int) complex128 {
	i := lk.index(tile, d, e, lane)
	return complex(float64(lk.Data[i]), float64(lk.Data[i+lk.L.W]))
}

// parity returns the links of the tiles of parity p.
func (lk *Links[F]) parity(p int) []F {
	n := lk.L.NTiles / 2 * linkReals * lk.L.W
	return lk.Data[p*n : (p+1)*n]
}

func conj(z complex128) complex128 { return complex(real(z), -imag(z)) }
