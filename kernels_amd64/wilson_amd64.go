//go:build amd64 && !noasm

package kernels_amd64

import (
	"sync"
	"unsafe"
)

// WilsonHop64 computes, with the kernels of isa, the tiles of the list of
// kernels.WilsonHop (same semantics as kernels.WilsonHopGo, the same bits)
// and returns how many of the leading tiles it computed: 0 when isa has no
// kernel for h.W on this CPU; fewer than len(tiles) when a tile's tables
// point outside the slices, so that the caller finishes with the portable
// kernel (which then reports the bad index as it would have).
func WilsonHop64(isa ISA, h *WilsonHop[float64], tiles []int32) int {
	return wilsonHop(kernelID{hopShape(isa, h.W, 64), 64, h.Compact}, h, tiles)
}

// WilsonHop32 is WilsonHop64 in single precision.
func WilsonHop32(isa ISA, h *WilsonHop[float32], tiles []int32) int {
	return wilsonHop(kernelID{hopShape(isa, h.W, 32), 32, h.Compact}, h, tiles)
}

// chunkTiles bounds the tiles of one assembly call, so that the goroutine
// reaches a preemption point every few hundred microseconds.
const chunkTiles = 256

// maxLanes is the widest W of any kernel (float32 in Z registers).
const maxLanes = 16

// halfScratch holds the projected half-spinors of the halo hops of one
// tile. It comes from a pool, so that calls without halo tiles (most of
// them; many are short when the local lattice is small) do not clear it.
type halfScratch[F float32 | float64] [8][12 * maxLanes]F

var (
	halfPool64 = sync.Pool{New: func() any { return new(halfScratch[float64]) }}
	halfPool32 = sync.Pool{New: func() any { return new(halfScratch[float32]) }}
)

func getHalf[F float32 | float64]() *halfScratch[F] {
	var x F
	if _, ok := any(x).(float64); ok {
		return halfPool64.Get().(*halfScratch[F])
	}
	return halfPool32.Get().(*halfScratch[F])
}

func putHalf[F float32 | float64](hs *halfScratch[F]) {
	var x F
	if _, ok := any(x).(float64); ok {
		halfPool64.Put(hs)
		return
	}
	halfPool32.Put(hs)
}

// hopCheck holds what the tile scan checks against.
type hopCheck struct {
	nOut, nSrc int
	permOK     uint8 // bit d: Perm[d] is a permutation of the W lanes
	// haloMode bit d: the list kernel reads hop d's received rows itself
	// (frame haloMode); rows[d] of them are in Recv[d].
	haloMode uint8
	rows     [8]int
}

func wilsonHop[F float32 | float64](k kernelID, h *WilsonHop[F], tiles []int32) int {
	if k.shape == noKernel || len(tiles) == 0 {
		return 0
	}
	w := h.W
	c := hopCheck{
		nOut: min(len(h.Dst)/(24*w), len(h.Links)/(8*linkRows(h.Compact)*w), len(h.Nbr)/8, len(h.Halo)/8, len(h.Cross)),
		nSrc: len(h.Src) / (24 * w),
	}
	if h.X != nil {
		c.nOut = min(c.nOut, len(h.X)/(24*w))
	}
	if c.nOut == 0 || c.nSrc == 0 {
		return 0
	}
	var f hopFrame
	f.dst = unsafe.Pointer(unsafe.SliceData(h.Dst))
	if h.X != nil {
		f.x = unsafe.Pointer(unsafe.SliceData(h.X))
	}
	f.src = unsafe.Pointer(unsafe.SliceData(h.Src))
	f.links = unsafe.Pointer(unsafe.SliceData(h.Links))
	f.nbr = unsafe.Pointer(unsafe.SliceData(h.Nbr))
	f.cross = unsafe.Pointer(unsafe.SliceData(h.Cross))
	f.a64, f.a32 = float64(h.A), float32(h.A)
	p := prepFor(k, h)
	c.permOK, f.perm = p.permOK, p.perm
	if p.halo.mode != 0 {
		haloRows(&f, &c, h, &p.halo, k.shape == shapeAVX2Y)
	}
	// The per-tile kinds of p hold when no Nbr entry or halo row points
	// outside this call's slices; otherwise check tile by tile.
	fast := p.maxNbr < uint32(c.nSrc)
	for d, r := range p.maxRow {
		inList := p.halo.mode>>d&1 != 0 // (the kinds send other hops' halo tiles to fillHalf)
		if inList && r >= 0 && (c.haloMode>>d&1 == 0 || int(r) >= c.rows[d]) {
			fast = false
		}
	}
	var hs *halfScratch[F] // projected half-spinors of halo hops, when there are any
	var plan haloPlan      // the halo lanes, worked out as halo tiles need them
	var proj projKernel[F] // the spin projection of runs of lanes
	var projLanes int
	defer func() {
		if hs != nil {
			putHalf(hs)
		}
	}()
	done := 0
	for done < len(tiles) {
		n := 0
		kind := tilePlain
		for done+n < len(tiles) && n < chunkTiles {
			i := tiles[done+n]
			switch {
			case !fast:
				kind = classify(&c, h, i)
			case uint32(i) >= uint32(c.nOut):
				kind = tileBad
			default:
				kind = p.kinds[i]
			}
			if kind != tilePlain {
				break
			}
			n++
		}
		if n > 0 {
			f.tiles = unsafe.Pointer(&tiles[done])
			f.n = n
			callHop(k, &f)
			done += n
			continue
		}
		if kind == tileBad {
			return done
		}
		if hs == nil {
			hs = getHalf[F]()
			plan.permOK = c.permOK
			proj, projLanes = projKernelFor[F](k.shape.isa())
		}
		mask, ok := fillHalf(hs, &f.half, &plan, h, int(tiles[done]), proj, projLanes)
		if !ok {
			return done
		}
		f.halfMask = mask
		f.tiles = unsafe.Pointer(&tiles[done])
		f.n = 1
		callHop(k, &f)
		f.halfMask = 0
		f.half = [8]unsafe.Pointer{}
		done++
	}
	return done
}

// haloSetup is how the list kernels that read halo rows (the 32-register
// ones and AVX2 in Y registers; frame.go) find the received rows of each
// hop: for a hop whose halo lanes are distinct lanes in ascending order
// (as the layout lists them), a masked expand (or load, permute and blend)
// per row puts them in place. Other hops keep to fillHalf.
type haloSetup struct {
	mode, direct                 uint8 // bit d: hop d in the list; its rows hold every lane in order
	nk                           [8]int
	haloK                        [8]uint64
	rowBytes, rowStride          [8]int64
	haloLoad, haloIdx, haloBlend [8][8]int32 // for the AVX2 kernels (frame.go)
}

func planHaloRows(lanes [8][]int32, w, size int) haloSetup {
	var s haloSetup
	for d, ln := range lanes {
		nk := len(ln)
		if nk == 0 || nk > w {
			continue
		}
		mask, ok := ascendingMask(ln, w)
		if !ok {
			continue
		}
		s.mode |= 1 << d
		if nk == w {
			s.direct |= 1 << d // lanes 0..W-1: the row is the half-spinor
		}
		s.nk[d] = nk
		s.haloK[d] = mask
		s.rowBytes[d] = int64(12 * nk * size)
		s.rowStride[d] = int64(nk * size)
		// The AVX2 tables (a Y register of W lanes), in dwords: a float64
		// lane is two.
		if w*size > 32 {
			continue
		}
		dw := size / 4
		for k, l := range ln {
			for e := range dw {
				s.haloLoad[d][dw*k+e] = -1
				s.haloIdx[d][dw*int(l)+e] = int32(dw*k + e)
				s.haloBlend[d][dw*int(l)+e] = -1
			}
		}
	}
	return s
}

// ascendingMask returns the mask of lanes when they are distinct lanes of
// [0, w) in ascending order, as the layout lists halo and face lanes.
func ascendingMask(lanes []int32, w int) (mask uint64, ok bool) {
	for k, l := range lanes {
		if uint32(l) >= uint32(w) || (k > 0 && l <= lanes[k-1]) {
			return 0, false
		}
		mask |= 1 << l
	}
	return mask, true
}

// haloRows puts s into the frame for this call's receive buffers (with the
// AVX2 tables when avx2): a hop whose Recv holds no whole row stays out of
// the list.
func haloRows[F float32 | float64](f *hopFrame, c *hopCheck, h *WilsonHop[F], s *haloSetup, avx2 bool) {
	f.haloTab = unsafe.Pointer(unsafe.SliceData(h.Halo))
	f.haloK, f.rowBytes, f.rowStride = s.haloK, s.rowBytes, s.rowStride
	if avx2 {
		f.haloLoad, f.haloIdx, f.haloBlend = s.haloLoad, s.haloIdx, s.haloBlend
	}
	for d := range 8 {
		if s.mode>>d&1 == 0 {
			continue
		}
		c.rows[d] = len(h.Recv[d]) / (12 * s.nk[d])
		if c.rows[d] == 0 {
			continue
		}
		c.haloMode |= 1 << d
		f.haloMode |= 1<<d | uint64(s.direct>>d&1)<<(8+d)
		f.recv[d] = unsafe.Pointer(unsafe.SliceData(h.Recv[d]))
	}
}

// isPerm reports whether p holds a permutation of 0..w-1 in its first w
// entries.
func isPerm(p []int32, w int) bool {
	if len(p) < w {
		return false
	}
	var seen uint32
	for _, l := range p[:w] {
		if uint32(l) >= uint32(w) || seen>>l&1 != 0 {
			return false
		}
		seen |= 1 << l
	}
	return true
}

type tileKind uint8

const (
	tilePlain tileKind = iota // every hop from Src: the assembly runs it in a list
	tileHalo                  // some hop takes halo lanes: run alone with half-spinors
	tileBad                   // a table points outside the slices: leave it to Go
)

// classify checks tile i's tables and says how the tile runs.
func classify[F float32 | float64](c *hopCheck, h *WilsonHop[F], i int32) tileKind {
	if uint32(i) >= uint32(c.nOut) {
		return tileBad
	}
	cross := h.Cross[i]
	if cross&^c.permOK != 0 {
		return tileBad
	}
	nb := (*[8]int32)(h.Nbr[8*i : 8*i+8])
	ha := (*[8]int32)(h.Halo[8*i : 8*i+8])
	kind := tilePlain
	for d := range 8 {
		if uint32(nb[d]) >= uint32(c.nSrc) {
			return tileBad
		}
		if ha[d] >= 0 && (c.haloMode>>d&1 == 0 || int(ha[d]) >= c.rows[d]) {
			kind = tileHalo
		}
	}
	return kind
}

// linkRows is the number of link rows per hop: 18, or 13 for compact links
// (kernels/wilson_compact.go).
func linkRows(compact bool) int {
	if compact {
		return 13
	}
	return 18
}
