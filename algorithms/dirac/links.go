package dirac

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/kernels"
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
//
// Compact, when not nil, holds the same links in the compact form of
// kernels/wilson_compact.go (rows 0 and 1 of L_d and a sign row per hop, 13
// rows instead of 18), which the hopping term then reads instead of Data:
// a quarter fewer bytes per site for a kernel bound by reading them. NewLinks
// stores them when the kernel set reads them in precision F
// (kernels.CompactLinks64/32), every boundary phase is +1 or -1, and the
// rebuilt third rows agree with the stored ones to CompactTolerance (float64)
// or CompactTolerance32 (float32: the stored rows are roundings of the
// float64 ones), i.e. the links are SU(3) to round-off; otherwise the
// kernels read Data.
type Links[F layout.Float] struct {
	L       *layout.Layout
	BC      [layout.Nd]Boundary
	Data    []F
	Compact []F
}

// CompactTolerance is the largest difference between a rebuilt and a stored
// element of a third link row for which NewLinks uses compact links.
const CompactTolerance = 1e-13

// CompactTolerance32 is CompactTolerance for float32 links.
const CompactTolerance32 = 1e-5

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
		for tile := range l.NTiles {
			for lane := range w {
				g := l.GlobalCoords(tile, lane)
				fw, bw := hopPhase(l, bc, g, 2*mu), hopPhase(l, bc, g, 2*mu+1)
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
	lk.Compact = compactLinks(lk)
	return lk, nil
}

// compactLinks returns the compact form of lk's links, or nil when they
// must stay full (see Links).
func compactLinks[F layout.Float](lk *Links[F]) []F {
	var z F
	tol := CompactTolerance
	switch any(z).(type) {
	case float64:
		if !kernels.CompactLinks64() {
			return nil
		}
	case float32:
		if !kernels.CompactLinks32() {
			return nil
		}
		tol = CompactTolerance32
	default:
		return nil
	}
	for _, b := range lk.BC {
		if imag(b.Phase()) != 0 {
			return nil
		}
	}
	l, w := lk.L, lk.L.W
	const rows = kernels.CompactLinkRows
	c := make([]F, l.NTiles*layout.NHops*rows*w)
	full := make([]F, 18*w)
	coords := make([][layout.Nd]int, w)
	for tile := range l.NTiles {
		for lane := range w {
			coords[lane] = l.GlobalCoords(tile, lane)
		}
		for d := range layout.NHops {
			u := lk.Data[(tile*layout.NHops+d)*18*w : (tile*layout.NHops+d+1)*18*w]
			k := c[(tile*layout.NHops+d)*rows*w : (tile*layout.NHops+d+1)*rows*w]
			copy(k[:12*w], u[:12*w])
			for lane, g := range coords {
				k[12*w+lane] = F(real(hopPhase(l, lk.BC, g, d))) // +-1: the phases are real here
			}
			kernels.ExpandLink(full, k, w)
			for e := 12 * w; e < 18*w; e++ {
				if math.Abs(float64(full[e]-u[e])) > tol {
					return nil
				}
			}
		}
	}
	return c
}

// hopPhase is the boundary phase folded into L_d at the site with global
// coordinates g: the phase of direction mu = d/2 on a forward hop from the
// last slice, its conjugate on a backward hop from the first, else 1.
func hopPhase(l *layout.Layout, bc [layout.Nd]Boundary, g [layout.Nd]int, d int) complex128 {
	mu := d / 2
	if d%2 == 0 && g[mu] == l.Global[mu]-1 {
		return bc[mu].Phase()
	}
	if d%2 == 1 && g[mu] == 0 {
		return conj(bc[mu].Phase())
	}
	return 1
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

// hopLinks returns what the hopping kernels read for the tiles of parity p:
// the compact links when there are any, else the full ones.
func (lk *Links[F]) hopLinks(p int) []F {
	if lk.Compact == nil {
		return lk.parity(p)
	}
	n := lk.L.NTiles / 2 * layout.NHops * kernels.CompactLinkRows * lk.L.W
	return lk.Compact[p*n : (p+1)*n]
}

func conj(z complex128) complex128 { return complex(real(z), -imag(z)) }
