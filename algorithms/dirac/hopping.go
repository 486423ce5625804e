package dirac

import (
	"fmt"
	"unsafe"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// progressParts is the number of parts of the interior tiles between which
// an MPI hopping term lets the halo exchange progress (comm.Progress).
const progressParts = 4

// hopTag is the first message tag of the hopping term's halo exchange; the
// tag of output parity p and hop d is hopTag + 8p + d (distinct from the
// layout's own halo tags 0..7).
const hopTag = 64

// hopping applies the hopping term with the halo exchange overlapped with
// the interior: pack and post the faces of every split direction, compute
// the tiles that need no halo, wait, compute the boundary tiles. It owns
// the exchange buffers, so one hopping serves one application at a time.
type hopping[F layout.Float] struct {
	l     *layout.Layout
	t     *hopTables
	links *Links[F]
	n     [2][layout.NHops]int // values of the face of hop d for output parity p (0: not exchanged)
	send  [2][layout.NHops][]F // faces sent in messages
	recv  [2][layout.NHops][]F // receive buffers, when not in shared memory
	args  [2]kernels.WilsonHop[F]
	reqs  []comm.Request
	hop   func(*kernels.WilsonHop[F], []int32)
	face  func(buf, src []F, d int, tiles, lanes []int32, w int)

	// With node-shared halo memory (layout.SharedHalo), the receive
	// buffers of each exchange are the next generation of this rank's
	// region, at offset recvOff[p][d] in it; a face for a neighbour on the
	// node (sendShared[d]) is packed straight into the neighbour's region,
	// and flag 8p+d of the neighbour's region says that it is complete.
	shared                 *layout.SharedHalo
	recvOff                [2][layout.NHops]int
	sendShared, recvShared [layout.NHops]bool
}

func newHopping[F layout.Float](lk *Links[F]) (*hopping[F], error) {
	l := lk.L
	t, err := newHopTables(l)
	if err != nil {
		return nil, err
	}
	h := &hopping[F]{l: l, t: t, links: lk}
	h.hop, h.face = hopKernels[F]()
	bytes := 0 // per generation of the shared halo, sized for float64 so that both precisions fit
	for p := range 2 {
		for d := range layout.NHops {
			if n := t.rows[p][d] * 12 * len(t.haloLanes[d]); n > 0 {
				h.n[p][d] = n
				h.recvOff[p][d] = bytes
				bytes += (8*n + 63) &^ 63
			}
		}
	}
	if bytes > 0 {
		if h.shared, err = l.SharedHalo(bytes); err != nil {
			return nil, fmt.Errorf("dirac: hopping term: %w", err)
		}
	}
	if h.shared != nil {
		for d := range layout.NHops {
			h.sendShared[d] = h.shared.Shared.Peer(l.NeighbourRank(d^1)) != nil
			h.recvShared[d] = h.shared.Shared.Peer(l.NeighbourRank(d)) != nil
		}
	}
	for p := range 2 {
		for d, n := range h.n[p] {
			if n > 0 && !h.sendShared[d] {
				h.send[p][d] = make([]F, n)
			}
			if n > 0 && h.shared == nil {
				h.recv[p][d] = make([]F, n)
			}
		}
		h.args[p] = kernels.WilsonHop[F]{
			W: l.W, Links: lk.hopLinks(p), Compact: lk.Compact != nil, Nbr: t.nbr[p], Cross: t.cross[p], Perm: t.perm,
			Halo: t.halo[p], HaloLanes: t.haloLanes, Recv: h.recv[p],
		}
	}
	return h, nil
}

// linksChanged points the kernel arguments at the links again, after
// Links.Rebuild (the compact links may have come or gone).
func (h *hopping[F]) linksChanged() {
	for p := range 2 {
		h.args[p].Links = h.links.hopLinks(p)
		h.args[p].Compact = h.links.Compact != nil
	}
}

// sharedSlice is the n values of precision F at byte offset off of the
// shared region b.
func sharedSlice[F layout.Float](b []byte, off, n int) []F {
	var z F
	if off+n*int(unsafe.Sizeof(z)) > len(b) {
		panic(fmt.Sprintf("dirac: shared halo buffer [%d, +%d values) outside a region of %d bytes", off, n, len(b)))
	}
	return unsafe.Slice((*F)(unsafe.Pointer(&b[off])), n)
}

// hopKernels picks the dispatched kernels of precision F (the portable
// generic ones for a type that is only based on float32 or float64).
func hopKernels[F layout.Float]() (func(*kernels.WilsonHop[F], []int32), func([]F, []F, int, []int32, []int32, int)) {
	hop, okH := any(kernels.WilsonHop64).(func(*kernels.WilsonHop[F], []int32))
	face, okF := any(kernels.WilsonProjectFace64).(func([]F, []F, int, []int32, []int32, int))
	if okH && okF {
		return hop, face
	}
	hop, okH = any(kernels.WilsonHop32).(func(*kernels.WilsonHop[F], []int32))
	face, okF = any(kernels.WilsonProjectFace32).(func([]F, []F, int, []int32, []int32, int))
	if okH && okF {
		return hop, face
	}
	return kernels.WilsonHopGo[F], kernels.WilsonProjectFaceGo[F]
}

// run sets, for each output parity p in ps, dst[p] = x[p] + a H_{p,1-p}
// src[1-p], where dst[p], x[p] hold the tiles of parity p and src[q] those
// of parity q; x[p] may be nil (dst = a H src) or dst[p] itself. src must
// not overlap dst. Collective among neighbours.
func (h *hopping[F]) run(ps []int, dst, x, src *[2][]F, a F) error {
	l, t := h.l, h.t
	h.reqs = h.reqs[:0]
	var gen int    // byte offset of this exchange's generation in the shared regions
	var seq uint64 // the exchange's sequence number: the value of its flags
	if h.shared != nil {
		gen, seq = h.shared.Next()
		local := h.shared.Shared.Local()
		for _, p := range ps {
			for d := range layout.NHops {
				if n := h.n[p][d]; n > 0 {
					h.args[p].Recv[d] = sharedSlice[F](local, gen+h.recvOff[p][d], n)
				}
			}
		}
	}
	faceMsgs := 0 // faces that travel in MPI messages
	// Post every receive before packing: a send that finds its receive
	// posted is copied once, straight into the buffer (in-process ranks;
	// MPI too can then skip its unexpected-message copy).
	for _, p := range ps {
		for d := range layout.NHops {
			if h.n[p][d] == 0 || h.recvShared[d] {
				continue
			}
			tag := hopTag + layout.NHops*p + d
			h.reqs = append(h.reqs, irecv(l.Comm, h.args[p].Recv[d], l.NeighbourRank(d), tag))
			faceMsgs++
		}
	}
	for _, p := range ps {
		for d := range layout.NHops {
			if h.n[p][d] == 0 {
				continue
			}
			if h.sendShared[d] {
				to := l.NeighbourRank(d ^ 1)
				h.face(sharedSlice[F](h.shared.Shared.Peer(to), gen+h.recvOff[p][d], h.n[p][d]), src[1-p], d, t.send[p][d], t.sendLanes[d], l.W)
				h.shared.Shared.SetFlag(to, h.shared.Flag(layout.NHops*p+d), seq)
				continue
			}
			h.face(h.send[p][d], src[1-p], d, t.send[p][d], t.sendLanes[d], l.W)
			tag := hopTag + layout.NHops*p + d
			h.reqs = append(h.reqs, isend(l.Comm, h.send[p][d], l.NeighbourRank(d^1), tag))
			faceMsgs++
		}
	}
	// MPI moves the faces (above its eager limit) only while this rank is
	// inside MPI: let it progress between parts of the interior (in
	// process too, where Progress does nothing, so the tests run this path).
	// Faces in shared memory need no progress.
	progress := faceMsgs > 0
	for _, p := range ps {
		args := &h.args[p]
		args.Dst, args.X, args.Src, args.A = dst[p], x[p], src[1-p], a
		in := t.interior[p]
		if !progress {
			h.tiles(args, in)
			continue
		}
		for k := range progressParts {
			h.tiles(args, in[k*len(in)/progressParts:(k+1)*len(in)/progressParts])
			l.Comm.Progress()
		}
	}
	err := comm.WaitAll(h.reqs...)
	h.reqs = h.reqs[:0]
	if err != nil {
		return fmt.Errorf("dirac: hopping term halo exchange: %w", err)
	}
	if h.shared != nil {
		for _, p := range ps {
			for d := range layout.NHops {
				if h.n[p][d] > 0 && h.recvShared[d] {
					if err := h.shared.Shared.WaitFlag(h.shared.Flag(layout.NHops*p+d), seq, l.NeighbourRank(d)); err != nil {
						return fmt.Errorf("dirac: hopping term halo exchange, hop %d: %w", d, err)
					}
				}
			}
		}
	}
	for _, p := range ps {
		h.tiles(&h.args[p], t.boundary[p])
	}
	for _, p := range ps {
		h.args[p].Dst, h.args[p].X, h.args[p].Src = nil, nil, nil
	}
	return nil
}

// tiles runs the kernel on a tile list, split over the layout's threads.
func (h *hopping[F]) tiles(args *kernels.WilsonHop[F], tiles []int32) {
	if len(tiles) == 0 {
		return
	}
	if h.l.Threads() <= 1 {
		h.hop(args, tiles)
		return
	}
	h.l.ParallelFor(len(tiles), func(_, lo, hi int) { h.hop(args, tiles[lo:hi]) })
}

func isend[F layout.Float](c comm.Comm, buf []F, dest, tag int) comm.Request {
	switch b := any(buf).(type) {
	case []float64:
		return c.Isend64(b, dest, tag)
	case []float32:
		return c.Isend32(b, dest, tag)
	}
	panic("dirac: halo buffers must be []float32 or []float64")
}

func irecv[F layout.Float](c comm.Comm, buf []F, src, tag int) comm.Request {
	switch b := any(buf).(type) {
	case []float64:
		return c.Irecv64(b, src, tag)
	case []float32:
		return c.Irecv32(b, src, tag)
	}
	panic("dirac: halo buffers must be []float32 or []float64")
}
