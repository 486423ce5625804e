//go:build amd64 && !noasm

package kernels_amd64

import "unsafe"

// hopPrep is what wilsonHop derives from the tables of a WilsonHop at its
// first call with a kernel, kept in WilsonHop.Prep for the calls after it:
// strong scaling runs many short calls (a 4^4 local lattice is 16 tiles of
// W = 16), where redoing the lane tables and the per-tile checks each time
// cost as much as a tenth of the hopping term.
type hopPrep struct {
	key    prepKey
	permOK uint8
	perm   [8][16]int32 // the frame's permutation indices
	halo   haloSetup
	// kinds[i] is tile i's kind provided every Nbr entry is below the
	// call's nSrc and every halo row inside its Recv: the call checks that
	// once with maxNbr and maxRow, and classifies tile by tile otherwise.
	kinds  []tileKind
	maxNbr uint32   // the largest Nbr entry (as uint32: a negative one is huge)
	maxRow [8]int32 // the largest Halo row of hop d, -1 if none
}

// prepKey identifies the tables a hopPrep was derived from.
type prepKey struct {
	k                kernelID
	w                int
	nbr, halo, cross sliceID
	perm, haloLanes  [8]sliceID
}

type sliceID struct {
	p unsafe.Pointer
	n int
}

func idOf[T any](s []T) sliceID { return sliceID{unsafe.Pointer(unsafe.SliceData(s)), len(s)} }

func keyOf[F float32 | float64](k kernelID, h *WilsonHop[F]) prepKey {
	key := prepKey{k: k, w: h.W, nbr: idOf(h.Nbr), halo: idOf(h.Halo), cross: idOf(h.Cross)}
	for d := range 8 {
		key.perm[d], key.haloLanes[d] = idOf(h.Perm[d]), idOf(h.HaloLanes[d])
	}
	return key
}

// prepFor returns the hopPrep of h for kernel k, derived now if h has none
// for these tables (concurrent first calls may each derive it; the last
// one stored stays).
func prepFor[F float32 | float64](k kernelID, h *WilsonHop[F]) *hopPrep {
	key := keyOf(k, h)
	if p, ok := h.Prep.Load().(*hopPrep); ok && p.key == key {
		return p
	}
	p := newPrep(key, h)
	h.Prep.Store(p)
	return p
}

func newPrep[F float32 | float64](key prepKey, h *WilsonHop[F]) *hopPrep {
	w := h.W
	p := &hopPrep{key: key}
	for d, pd := range h.Perm {
		if !isPerm(pd, w) {
			continue
		}
		p.permOK |= 1 << d
		for l, pl := range pd[:w] {
			if key.k.bits == 64 {
				p.perm[d][2*l], p.perm[d][2*l+1] = 2*pl, 2*pl+1
			} else {
				p.perm[d][l] = pl
			}
		}
	}
	if key.k.shape != shapeAVX2X { // the kernels that read halo rows (_gen: haloRows)
		p.halo = planHaloRows(h.HaloLanes, w, key.k.bits/8)
	}
	n := min(len(h.Nbr)/8, len(h.Halo)/8, len(h.Cross))
	p.kinds = make([]tileKind, n)
	p.maxRow = [8]int32{-1, -1, -1, -1, -1, -1, -1, -1}
	for i := range n {
		if h.Cross[i]&^p.permOK != 0 {
			p.kinds[i] = tileBad
		}
		for d := range 8 {
			p.maxNbr = max(p.maxNbr, uint32(h.Nbr[8*i+d]))
			row := h.Halo[8*i+d]
			if row < 0 {
				continue
			}
			p.maxRow[d] = max(p.maxRow[d], row)
			if p.halo.mode>>d&1 == 0 && p.kinds[i] == tilePlain {
				p.kinds[i] = tileHalo
			}
		}
	}
	return p
}
