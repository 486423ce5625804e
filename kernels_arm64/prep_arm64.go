package kernels_arm64

import (
	"slices"
	"sync/atomic"
	"unsafe"
)

// The tile-list kernels read a table at and below their perm argument
// (sveTable, neonTable). Nearly all of it follows from Perm and HaloLanes
// alone, which stay the same from one call on a kernels.WilsonHop to the
// next: a listPrep holds it, derived at the first call with a kernel and
// kept in Hop.Prep (kernels.WilsonHop.Prep) for the calls after it, which
// then neither zero nor refill a table (strong scaling runs many short
// calls, each stopping at several halo tiles).
//
// Only the halo words (the first sveHaloWords words) depend on Recv: the
// mode and row counts on its lengths, and the row bases on its addresses,
// which change between calls where the halo arrives in shared memory (two
// generations of buffers, used in turn). A listPrep's table is never
// written once it is stored, so that calls running at the same time on one
// WilsonHop (ParallelFor, with other tiles) may all read it:
//
//   - a call whose Recv is the one the listPrep was derived with (pointer
//     and length of every hop's rows the kernel reads) passes the cached
//     table itself;
//   - a call with another Recv uses the listPrep's variant for that Recv
//     (alt): a copy of the table with the halo words rewritten, derived at
//     the first such call and kept, so that the two generations of a
//     shared halo each have their table and no call copies one. A third
//     Recv replaces the variant.
//
// The listPrep is derived again, and replaces the one in Hop.Prep, when
// the kernel or one of the Perm or HaloLanes slices changes (a new slice,
// or the same memory with another length). Concurrent first calls may each
// derive one; the last stored stays. The bounds that depend on Dst, X,
// Src, Links, Nbr, Cross, Halo and on Recv's lengths are checked on every
// call (hopExtent, checkStop and the assembly's own checks against nout,
// nsrc and the row counts).

// sveTable is what the SVE list kernels read at their perm argument and
// below it (_gen/wilson.go haloRows): sveHaloWords words of halo mode,
// receive bases, row strides and row counts, then 32 vector rows: the
// eight lane permutations, and per hop the TBL indices that move halo
// number k to lane HaloLanes[d][k], the halo lanes and the first nk lanes
// (masks). A row holds at most MaxLanes float64 lanes.
type sveTable [sveHaloWords + 32*MaxLanes]uint64

// sveHaloWords is the halo part of a table, below the vector rows.
const sveHaloWords = 25

// neonTable is sveTable for the NEON list kernels: the halo words, then
// 24 rows of 16 bytes: the eight permutations, and per hop the byte TBL
// indices that move halo number k to lane HaloLanes[d][k] and the halo
// lanes (a byte mask).
type neonTable [sveHaloWords + 24*2]uint64

// listPrep is a table derived for kernel key.k from the tables in key,
// and what the calls need to know about it.
type listPrep struct {
	key prepKey
	// lanes is laneMode: the hops whose halo rows the kernel can expand
	// (bit d; bit 8+d: every lane in order). Their index and mask rows are
	// filled whatever Recv a call brings; the kernel reads them only for
	// the hops of the call's mode.
	lanes uint64
	// recv identifies the Recv rows that the halo words of tab describe
	// (hops in lanes only; the pointers also keep those rows alive while
	// tab holds their addresses), mode and rows are HaloMode's for them.
	recv [8]sliceID
	mode uint64
	rows [8]int
	tab  []uint64 // a neonTable or sveTable: len(neonTable{}) or len(sveTable{}) words
	// alt is the variant of this listPrep for another Recv (see the top
	// of this file); its own alt is unused.
	alt atomic.Pointer[listPrep]
}

// prepKey identifies what a listPrep was derived from.
type prepKey struct {
	k               listKind
	w               int
	perm, haloLanes [8]sliceID
}

// sliceID identifies a slice by its first element and length.
type sliceID struct {
	p unsafe.Pointer
	n int
}

func idOf[T any](s []T) sliceID { return sliceID{unsafe.Pointer(unsafe.SliceData(s)), len(s)} }

func keyOf[F Float](k listKind, w int, h *Hop[F]) prepKey {
	key := prepKey{k: k, w: w}
	for d := range 8 {
		if h.Perm != nil {
			key.perm[d] = idOf(h.Perm[d])
		}
		if h.HaloLanes != nil {
			key.haloLanes[d] = idOf(h.HaloLanes[d])
		}
	}
	return key
}

// recvIDs identifies the Recv rows of the hops in lanes.
func recvIDs[F Float](h *Hop[F], lanes uint64) (ids [8]sliceID) {
	if h.Recv == nil {
		return ids
	}
	for d := range 8 {
		if lanes>>d&1 != 0 {
			ids[d] = idOf(h.Recv[d])
		}
	}
	return ids
}

// prepFor returns the listPrep of h for kernel k of w lanes: the one in
// h.Prep if it was derived from h's Perm and HaloLanes for k, else a new
// one, stored in h.Prep (when h has one) for the calls after this one.
func prepFor[F Float](k listKind, w int, h *Hop[F]) *listPrep {
	key := keyOf(k, w, h)
	if h.Prep == nil {
		return newPrep(key, h)
	}
	if p, ok := h.Prep.Load().(*listPrep); ok && p.key == key {
		return p
	}
	p := newPrep(key, h)
	h.Prep.Store(p)
	return p
}

// newPrep derives the table of kernel key.k for h, its halo words for h's
// Recv. It panics on a lane permutation that is not one.
func newPrep[F Float](key prepKey, h *Hop[F]) *listPrep {
	k, w := key.k, key.w
	checkPerm(w, h.Perm)
	p := &listPrep{key: key}
	if h.HaloLanes != nil {
		p.lanes = laneMode[F](h.HaloLanes, w, k.neon())
	}
	switch k {
	case neon64, neon32:
		var z F
		p.tab = make([]uint64, len(neonTable{}))
		neonRows(p.tab[sveHaloWords:], h.Perm, h.HaloLanes, p.lanes, w, int(unsafe.Sizeof(z)))
	case sve64:
		p.tab = make([]uint64, len(sveTable{}))
		sveRows[uint64](p.tab[sveHaloWords:], h.Perm, h.HaloLanes, p.lanes, w)
	default:
		p.tab = make([]uint64, len(sveTable{}))
		sveRows[uint32](p.tab[sveHaloWords:], h.Perm, h.HaloLanes, p.lanes, w)
	}
	p.recv = recvIDs(h, p.lanes)
	p.mode, p.rows = recvMode(p.lanes, h.HaloLanes, h.Recv)
	haloWords(p.tab[:sveHaloWords], h, p.mode, p.rows)
	return p
}

// forRecv returns the listPrep whose halo words describe h's Recv: p
// itself, its variant, or a new variant, which it keeps in p.alt.
func forRecv[F Float](p *listPrep, h *Hop[F]) *listPrep {
	ids := recvIDs(h, p.lanes)
	if p.recv == ids {
		return p
	}
	if a := p.alt.Load(); a != nil && a.recv == ids {
		return a
	}
	v := &listPrep{key: p.key, lanes: p.lanes, recv: ids, tab: slices.Clone(p.tab)}
	v.mode, v.rows = recvMode(p.lanes, h.HaloLanes, h.Recv)
	haloWords(v.tab[:sveHaloWords], h, v.mode, v.rows)
	p.alt.Store(v)
	return v
}

// haloWords writes the halo words of a table: the mode, then per hop the
// base of Recv[d], the bytes of a row of nk numbers and the rows, all
// zero for a hop outside the mode (a variant holds another Recv's).
func haloWords[F Float](w []uint64, h *Hop[F], mode uint64, n [8]int) {
	var z F
	w[0] = mode
	for d := range 8 {
		var base, stride, rows uint64
		if mode>>d&1 != 0 {
			base = uint64(uintptr(unsafe.Pointer(&h.Recv[d][0])))
			stride = uint64(len(h.HaloLanes[d])) * uint64(unsafe.Sizeof(z))
			rows = uint64(n[d])
		}
		w[1+d], w[9+d], w[17+d] = base, stride, rows
	}
}

// neonRows writes the vector rows of a neonTable (words, zero) for w lanes
// of size bytes: the permutations, and for the hops in lanes (laneMode)
// the byte TBL indices that move halo number k to lane HaloLanes[d][k]
// (0xff elsewhere: TBL gives 0 there, and BIT keeps the projection) and
// the lane masks.
func neonRows(words []uint64, perm, halo *[8][]int32, lanes uint64, w, size int) {
	rows := unsafe.Slice((*uint8)(unsafe.Pointer(&words[0])), 24*16)
	permIndexBytes(rows, perm, w, size)
	for d := range 8 {
		if lanes>>d&1 == 0 {
			continue
		}
		idx, mask := rows[16*(8+d):16*(9+d)], rows[16*(16+d):16*(17+d)]
		for b := range idx {
			idx[b] = 0xff
		}
		for k, l := range halo[d] {
			for b := range size {
				idx[size*int(l)+b] = uint8(size*k + b)
				mask[size*int(l)+b] = 0xff
			}
		}
	}
}

// sveRows writes the vector rows of an sveTable (words, zero) for w lanes
// of elements I (the size of the field's numbers): the permutations, and
// for the hops in lanes (laneMode) the TBL indices, the halo lanes and the
// first nk lanes.
func sveRows[I uint32 | uint64](words []uint64, perm, halo *[8][]int32, lanes uint64, w int) {
	rows := unsafe.Slice((*I)(unsafe.Pointer(&words[0])), 32*w)
	permIndexLanes(rows, perm, w)
	for d := range 8 {
		if lanes>>d&1 == 0 {
			continue
		}
		for k, l := range halo[d] {
			rows[(8+d)*w+int(l)] = I(k)
			rows[(16+d)*w+int(l)] = 1
			rows[(24+d)*w+k] = 1
		}
	}
}
