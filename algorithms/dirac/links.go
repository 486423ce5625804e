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

	scratch *linkScratch // Rebuild's, after its first call
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
	if err := lk.build(u, gauge.NewMatField(l, 3), gauge.NewWorkspace(l, 3), siteCoords(l)); err != nil {
		return nil, err
	}
	return lk, nil
}

// Rebuild sets the links from a new gauge field on the same layout, in
// place: what HMC does at every evaluation of a fermion force or action.
// The first call allocates a scratch field that later calls reuse; the
// compact links keep their memory while the field stays SU(3) to
// round-off. Collective.
func (lk *Links[F]) Rebuild(u *gauge.Field) error {
	if u.N != 3 {
		return fmt.Errorf("dirac: Wilson fermions need an SU(3) gauge field, got SU(%d)", u.N)
	}
	if u.L != lk.L {
		return fmt.Errorf("dirac: rebuilding links from a gauge field on another layout (make a new operator for it)")
	}
	if lk.scratch == nil {
		lk.scratch = &linkScratch{back: gauge.NewMatField(lk.L, 3), ws: gauge.NewWorkspace(lk.L, 3), coords: siteCoords(lk.L)}
	}
	return lk.build(u, lk.scratch.back, lk.scratch.ws, lk.scratch.coords)
}

// linkScratch is what Rebuild keeps between calls.
type linkScratch struct {
	back   *layout.Field[float64]
	ws     *gauge.Workspace
	coords [][layout.Nd]int
}

// build fills Data and Compact from u, with back a matrix field for the
// shifted links, ws a workspace and coords from siteCoords.
func (lk *Links[F]) build(u *gauge.Field, back *layout.Field[float64], ws *gauge.Workspace, coords [][layout.Nd]int) error {
	l := lk.L
	for mu := range layout.Nd {
		if err := ws.Shift(back, u.U[mu], layout.HopDir(mu, -1)); err != nil {
			return fmt.Errorf("dirac: shifting the links of direction %s: %w", layout.DirName[mu], err)
		}
		l.ParallelFor(l.NTiles, func(_, lo, hi int) {
			for tile := lo; tile < hi; tile++ {
				lk.setTile(tile, mu, u.U[mu].Data, back.Data, coords)
			}
		})
	}
	lk.Compact = compactLinks(lk, coords, lk.Compact)
	return nil
}

// siteCoords returns the global coordinates of every site, at
// tile*W + lane.
func siteCoords(l *layout.Layout) [][layout.Nd]int {
	c := make([][layout.Nd]int, l.NTiles*l.W)
	for tile := range l.NTiles {
		for lane := range l.W {
			c[tile*l.W+lane] = l.GlobalCoords(tile, lane)
		}
	}
	return c
}

// setTile sets the links of direction mu at the sites of one tile: L_{2mu}
// from the tile of fw (the field U_mu) and L_{2mu+1} from that of bw (U_mu
// shifted by one site backwards). The complex products are written out as
// Go's complex multiplication computes them, real part ac - bd, imaginary
// part ad + bc.
func (lk *Links[F]) setTile(tile, mu int, fw, bw []float64, coords [][layout.Nd]int) {
	w := lk.L.W
	var pf, pb [2][kernels.MaxLanes]float64 // phases: real, imaginary rows
	for lane := range w {
		g := coords[tile*w+lane]
		f, b := hopPhase(lk.L, lk.BC, g, 2*mu), hopPhase(lk.L, lk.BC, g, 2*mu+1)
		pf[0][lane], pf[1][lane] = real(f), imag(f)
		pb[0][lane], pb[1][lane] = real(b), imag(b)
	}
	ut, bt := fw[tile*18*w:(tile+1)*18*w], bw[tile*18*w:(tile+1)*18*w]
	lf := lk.Data[(tile*layout.NHops+2*mu)*18*w : (tile*layout.NHops+2*mu+1)*18*w]
	lb := lk.Data[(tile*layout.NHops+2*mu+1)*18*w : (tile*layout.NHops+2*mu+2)*18*w]
	for i := range 3 {
		for j := range 3 {
			e, t := 3*i+j, 3*j+i
			ur, ui := ut[2*e*w:(2*e+1)*w], ut[(2*e+1)*w:(2*e+2)*w]
			br, bi := bt[2*t*w:(2*t+1)*w], bt[(2*t+1)*w:(2*t+2)*w]
			fr, fi := lf[2*e*w:(2*e+1)*w], lf[(2*e+1)*w:(2*e+2)*w]
			cr, ci := lb[2*e*w:(2*e+1)*w], lb[(2*e+1)*w:(2*e+2)*w]
			for lane := range w {
				a, b := pf[0][lane], pf[1][lane]
				fr[lane] = F(a*ur[lane] - b*ui[lane])
				fi[lane] = F(a*ui[lane] + b*ur[lane])
				// conj(phase) is folded into hopPhase; here phase * conj(U)
				a, b = pb[0][lane], pb[1][lane]
				x, y := br[lane], -bi[lane]
				cr[lane] = F(a*x - b*y)
				ci[lane] = F(a*y + b*x)
			}
		}
	}
}

// compactLinks returns the compact form of lk's links, or nil when they
// must stay full (see Links). It writes into buf when that has the length.
func compactLinks[F layout.Float](lk *Links[F], coords [][layout.Nd]int, buf []F) []F {
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
	c := buf
	if len(c) != l.NTiles*layout.NHops*rows*w {
		c = make([]F, l.NTiles*layout.NHops*rows*w)
	}
	full := make([]F, 18*w)
	for tile := range l.NTiles {
		for d := range layout.NHops {
			u := lk.Data[(tile*layout.NHops+d)*18*w : (tile*layout.NHops+d+1)*18*w]
			k := c[(tile*layout.NHops+d)*rows*w : (tile*layout.NHops+d+1)*rows*w]
			copy(k[:12*w], u[:12*w])
			for lane, g := range coords[tile*w : (tile+1)*w] {
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
