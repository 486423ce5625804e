package kernels

import "sync/atomic"

//go:generate go run wilson_gen.go

// Wilson hopping-term kernels.
//
// These kernels see slices and index tables only; algorithms/dirac builds
// the tables from the layout and owns the conventions (gamma basis,
// normalisations), which are restated here as far as the kernels depend on
// them.
//
// # Data layout (W lanes per tile)
//
//	spinor   src/dst[((tile*12 + c)*2 + reim)*W + lane],  c = spin*3 + colour
//	links    links[(((tile*8 + d)*9 + e)*2 + reim)*W + lane], e = 3*i + j
//	         for the matrix L_d(x)_ij that multiplies the neighbour of hop d:
//	         L_{2mu}(x) = U_mu(x), L_{2mu+1}(x) = U_mu(x-mu)^dagger
//	         (double-stored links, boundary phases folded in)
//	halo     recv[d][((row*6 + h)*2 + reim)*nk + k], h = a*3 + colour, a = 0, 1:
//	         the projected half-spinor of the neighbour of lane HaloLanes[d][k]
//
// Tile indices in Dst, X, Links, Nbr, Cross and Halo count from the first
// tile of the output parity; Nbr holds tile indices into Src.
//
// # Spin projection (chiral DeGrand-Rossi basis)
//
// Hop d = 2mu (+mu) applies (1 - gamma_mu), d = 2mu+1 (-mu) applies
// (1 + gamma_mu). In the chiral basis gamma_mu has only off-diagonal 2x2
// blocks with one entry of modulus one per row, so (1 -/+ gamma_mu) psi is
// fixed by its upper two spin components
//
//	h_a = psi_a + C[a] psi_J[a]          (a = 0, 1; HopProjection[d])
//
// and after the colour multiplication u = L_d h the full four-spinor is
//
//	r_a = u_a,  r_J[a] = conj(C[a]) u_a.
//
// Flops per site and hop: 12 (project) + 132 (two SU(3) x colour vector)
// + 24 (reconstruct and accumulate); over 8 hops minus the first
// accumulation: 1320, the convention of DESIGN.md.
//
// # Dispatch
//
// WilsonHop64/32, WilsonProjectFace64/32 and CloverApply64/32 are the
// function variables an instruction set replaces (same signature,
// tested against the Go version); they hold the Go versions until then.
// Callers read them when they build an operator.
//
// # Files
//
//	wilson.go           types, tables, dispatch variables, WilsonHopGo
//	wilson_gen.go       generator (go:build ignore) of wilson_site_gen.go
//	wilson_site_gen.go  W = 1 site kernel, per-direction site functions, cloverBlock
//	wilson_gather.go    W > 1: the site functions lane by lane on gathered operands
//	wilson_lanes.go     W-lane vector reference kernel (the model for SIMD)
//	wilson_face.go      WilsonProjectFaceGo: halo packing
//	wilson_clover.go    CloverApplyGo: packed Hermitian 6x6 blocks

// Real is the precision of kernel data: float32 or float64.
type Real interface{ ~float32 | ~float64 }

// MaxLanes is the largest W the portable kernels accept.
const MaxLanes = 16

// Phase is a unit phase that multiplies a spinor component in the spin
// projection: one of +1, -1, +i, -i.
type Phase uint8

const (
	PlusOne Phase = iota
	MinusOne
	PlusI
	MinusI
)

// Conj is the complex conjugate phase.
func (p Phase) Conj() Phase {
	switch p {
	case PlusI:
		return MinusI
	case MinusI:
		return PlusI
	}
	return p
}

// Complex is the phase as a complex number.
func (p Phase) Complex() complex128 {
	return [...]complex128{1, -1, 1i, -1i}[p]
}

// SpinProjection describes (1 -/+ gamma_mu) for one hop direction: the
// upper components of the projected spinor are h_a = psi_a + C[a] psi_J[a].
type SpinProjection struct {
	J [2]int
	C [2]Phase
}

// HopProjection is the spin projection of each hop direction d in the
// chiral DeGrand-Rossi basis (see algorithms/dirac for the matrices):
// d = 2mu is (1 - gamma_mu), d = 2mu+1 is (1 + gamma_mu).
var HopProjection = [8]SpinProjection{
	{J: [2]int{3, 2}, C: [2]Phase{MinusI, MinusI}},     // +x: 1 - gamma_x
	{J: [2]int{3, 2}, C: [2]Phase{PlusI, PlusI}},       // -x: 1 + gamma_x
	{J: [2]int{3, 2}, C: [2]Phase{PlusOne, MinusOne}},  // +y: 1 - gamma_y
	{J: [2]int{3, 2}, C: [2]Phase{MinusOne, PlusOne}},  // -y: 1 + gamma_y
	{J: [2]int{2, 3}, C: [2]Phase{MinusI, PlusI}},      // +z: 1 - gamma_z
	{J: [2]int{2, 3}, C: [2]Phase{PlusI, MinusI}},      // -z: 1 + gamma_z
	{J: [2]int{2, 3}, C: [2]Phase{MinusOne, MinusOne}}, // +t: 1 - gamma_t
	{J: [2]int{2, 3}, C: [2]Phase{PlusOne, PlusOne}},   // -t: 1 + gamma_t
}

// WilsonHopFlops is the flop count per output site of the hopping term.
const WilsonHopFlops = 1320

// WilsonHop is the work of one hopping-term application on the sites of
// one parity:
//
//	Dst(x) = X(x) + A * sum_d R_d L_d(x) P_d Src(x + hop d)
//
// (X nil: Dst = A * sum ...), where P_d projects to the half-spinor and R_d
// reconstructs (HopProjection). X may alias Dst; Src must not overlap Dst.
// The kernels only read the struct.
type WilsonHop[F Real] struct {
	W   int
	Dst []F
	X   []F // nil, or the field added (may be Dst itself)
	A   F
	Src []F
	// Links holds L_d for every output tile: 18 rows of W numbers per hop,
	// Links[(((tile*8 + d)*9 + 3*i + j)*2 + reim)*W + lane], or with
	// Compact 13 rows per hop (wilson_compact.go).
	Links []F
	// Nbr[8*i+d] is the tile of Src that holds the neighbours of tile i
	// along hop d.
	Nbr []int32
	// Cross[i] has bit d set when hop d of tile i crosses the tile
	// boundary, so that lane l reads lane Perm[d][l] of the neighbour tile.
	Cross []uint8
	Perm  [8][]int32
	// Halo[8*i+d] is -1 when every lane of hop d of tile i is on this rank,
	// else the row of Recv[d] that holds the projected half-spinors of the
	// lanes HaloLanes[d] (which then replace what Src gives for them).
	Halo      []int32
	HaloLanes [8][]int32
	Recv      [8][]F
	// Compact: Links holds 13 rows per hop, the first two rows of each
	// link and its sign row (wilson_compact.go).
	Compact bool
	// Prep holds what a kernel set derived from the tables at its first
	// call (the assembly's lane masks and per-tile checks), for the calls
	// after it; it starts as the zero value. A kernel checks that Nbr,
	// Cross, Perm, Halo and HaloLanes are still the slices it derived it
	// from, so give a used WilsonHop new slices rather than changing their
	// contents. Dst, X, Src, Links and Recv may change freely.
	Prep atomic.Value
}

// WilsonHopGo is the portable hopping kernel: it computes the tiles listed
// in tiles (output-parity indices). W = 1 runs the generated site kernel
// (wilson_site_gen.go); other W run the same site functions lane by lane
// on gathered operands (wilson_gather.go). The lane-vector kernel
// (wilson_lanes.go), whose loops run over the W lanes as a SIMD register
// would, is the reference the tests hold both to.
func WilsonHopGo[F Real](h *WilsonHop[F], tiles []int32) {
	if h.W == 1 {
		wilsonHopSites(h, tiles)
		return
	}
	wilsonHopGather(h, tiles)
}

// WilsonHop64 and WilsonHop32 are the dispatched hopping kernels (the
// portable ones until an assembly set replaces them).
var (
	WilsonHop64 = WilsonHopGo[float64]
	WilsonHop32 = WilsonHopGo[float32]
)

// WilsonProjectFace64 and WilsonProjectFace32 are the dispatched face
// packing kernels (see WilsonProjectFaceGo).
var (
	WilsonProjectFace64 = WilsonProjectFaceGo[float64]
	WilsonProjectFace32 = WilsonProjectFaceGo[float32]
)

// CloverApply64 and CloverApply32 are the dispatched clover-block kernels
// (see CloverApplyGo).
var (
	CloverApply64 = CloverApplyGo[float64]
	CloverApply32 = CloverApplyGo[float32]
)

// installWilsonGo resets the Wilson kernels of the dispatch table to their
// portable versions (for the go set's installer).
func installWilsonGo() {
	WilsonHop64, WilsonHop32 = WilsonHopGo[float64], WilsonHopGo[float32]
	WilsonProjectFace64, WilsonProjectFace32 = WilsonProjectFaceGo[float64], WilsonProjectFaceGo[float32]
	CloverApply64, CloverApply32 = CloverApplyGo[float64], CloverApplyGo[float32]
}
