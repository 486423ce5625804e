package kernels

import (
	"sync"
	"unsafe"
)

// The hopping term on a per-tile SIMD kernel. A tile kernel computes one
// output tile from eight neighbour tiles whose lanes already line up with
// the output's; this driver supplies them, pointing into Src for hops
// within the tile and gathering into scratch tiles the hops that cross the
// tile boundary (lanes permuted) or take halo lanes. An assembly set may
// run every tile through it; arm64 runs only the tiles that take halo
// lanes here and the others with a tile-list kernel that permutes lanes in
// registers (install_arm64.go). Either way boundaries, permutations and
// halos are decided in Go, shared by every instruction set.

// wilsonTileKernel computes one output tile of width W (the kernel's
// fixed lane count):
//
//	dst = x + a * sum_d R_d L_d P_d src[d]    (x empty: dst = a * sum ...)
//
// with src[d] the lane-aligned neighbour tile of hop d (24 rows of W),
// links the tile's 8*18 link rows and acc scratch of 24 rows; a kernel
// that reads compact links (wilsonHopByCompactTile) takes the tile's
// 8*CompactLinkRows rows and 30 rows of acc (where it rebuilds each
// link's third row). x may be dst. Halo lanes arrive as full spinors
// whose projection is the received half-spinor: psi_a = h_a,
// psi_J[a] = 0 (see insertHaloSpinor).
type wilsonTileKernel[F Real] func(dst, x, acc []F, src *[8][]F, links []F, a F)

// hopScratch is the per-call working memory of wilsonHopByTile.
type hopScratch[F Real] struct {
	acc   [30 * MaxLanes]F // the accumulator; 6 more rows for compact tile kernels
	nbr   [8][24 * MaxLanes]F
	links [144 * MaxLanes]F // a tile's compact links, expanded
	src   [8][]F
}

// hopScratchPools recycle scratch between calls (one per concurrent
// caller), one pool per element size so that mixed-precision solvers do
// not trade one precision's scratch for the other's.
var hopScratchPools [2]sync.Pool

func hopScratchPool[F Real]() *sync.Pool {
	var z F
	if unsafe.Sizeof(z) == 4 {
		return &hopScratchPools[1]
	}
	return &hopScratchPools[0]
}

// wilsonHopByTile is WilsonHopGo with the per-tile kernel tile, which must
// process h.W lanes and read full links (compact ones are expanded for
// it).
func wilsonHopByTile[F Real](h *WilsonHop[F], tiles []int32, tile wilsonTileKernel[F]) {
	hopByTile(h, tiles, tile, false)
}

// wilsonHopByCompactTile is wilsonHopByTile for h.Compact with a tile
// kernel that reads compact links itself.
func wilsonHopByCompactTile[F Real](h *WilsonHop[F], tiles []int32, tile wilsonTileKernel[F]) {
	hopByTile(h, tiles, tile, true)
}

// hopByTile runs tile on every tile of the list; compactTile: tile reads
// compact links (h.Compact must be set).
func hopByTile[F Real](h *WilsonHop[F], tiles []int32, tile wilsonTileKernel[F], compactTile bool) {
	pool := hopScratchPool[F]()
	sc, ok := pool.Get().(*hopScratch[F])
	if !ok {
		sc = new(hopScratch[F])
	}
	w := h.W
	size := 24 * w
	for _, t := range tiles {
		i := int(t)
		for d := range 8 {
			n := int(h.Nbr[8*i+d])
			s := h.Src[size*n : size*(n+1)]
			cross := h.Cross[i]>>d&1 != 0
			row := h.Halo[8*i+d]
			if cross || row >= 0 {
				p := sc.nbr[d][:size]
				if cross {
					permuteLanes(p, s, h.Perm[d], w)
				} else {
					copy(p, s)
				}
				if row >= 0 {
					insertHaloSpinor(p, h.Recv[d], int(row), h.HaloLanes[d], &HopProjection[d], w)
				}
				s = p
			}
			sc.src[d] = s
		}
		var x []F
		if h.X != nil {
			x = h.X[size*i : size*(i+1)]
		}
		acc, links := sc.acc[:size], []F(nil)
		if compactTile {
			nl := 8 * CompactLinkRows * w
			acc, links = sc.acc[:30*w], h.Links[nl*i:nl*(i+1)]
		} else {
			links = h.tileLinks(i, sc.links[:])
		}
		tile(h.Dst[size*i:size*(i+1)], x, acc, &sc.src, links, h.A)
	}
	sc.src = [8][]F{} // hold no field in the pool
	pool.Put(sc)
}

// insertHaloSpinor writes, into the halo lanes of the spinor tile s, a
// spinor whose projection by pr is row `row` of the received half-spinors:
// psi_a = h_a and psi_J[a] = 0, so that psi_a + C[a] psi_J[a] = h_a
// exactly.
func insertHaloSpinor[F Real](s, recv []F, row int, lanes []int32, pr *SpinProjection, w int) {
	nk := len(lanes)
	buf := recv[row*12*nk : (row+1)*12*nk]
	for a := range 2 {
		for c := range 3 {
			x := 2 * (3*a + c)
			y := 2 * (3*pr.J[a] + c)
			for k, l := range lanes {
				s[x*w+int(l)] = buf[x*nk+k]
				s[(x+1)*w+int(l)] = buf[(x+1)*nk+k]
				s[y*w+int(l)] = 0
				s[(y+1)*w+int(l)] = 0
			}
		}
	}
}
