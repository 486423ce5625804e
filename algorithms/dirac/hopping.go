package dirac

import (
	"fmt"

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
	send  [2][layout.NHops][]F
	recv  [2][layout.NHops][]F
	args  [2]kernels.WilsonHop[F]
	reqs  []comm.Request
	hop   func(*kernels.WilsonHop[F], []int32)
	face  func(buf, src []F, d int, tiles, lanes []int32, w int)
}

func newHopping[F layout.Float](lk *Links[F]) (*hopping[F], error) {
	l := lk.L
	t, err := newHopTables(l)
	if err != nil {
		return nil, err
	}
	h := &hopping[F]{l: l, t: t, links: lk}
	h.hop, h.face = hopKernels[F]()
	for p := range 2 {
		for d := range layout.NHops {
			n := t.rows[p][d] * 12 * len(t.haloLanes[d])
			if n > 0 {
				h.send[p][d] = make([]F, n)
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
	// Post every receive before packing: a send that finds its receive
	// posted is copied once, straight into the buffer (in-process ranks;
	// MPI too can then skip its unexpected-message copy).
	for _, p := range ps {
		for d := range layout.NHops {
			if h.recv[p][d] != nil {
				tag := hopTag + layout.NHops*p + d
				h.reqs = append(h.reqs, irecv(l.Comm, h.recv[p][d], l.NeighbourRank(d), tag))
			}
		}
	}
	for _, p := range ps {
		for d := range layout.NHops {
			if h.send[p][d] == nil {
				continue
			}
			h.face(h.send[p][d], src[1-p], d, t.send[p][d], t.sendLanes[d], l.W)
			tag := hopTag + layout.NHops*p + d
			h.reqs = append(h.reqs, isend(l.Comm, h.send[p][d], l.NeighbourRank(d^1), tag))
		}
	}
	// MPI moves the faces (above its eager limit) only while this rank is
	// inside MPI: let it progress between parts of the interior (in
	// process too, where Progress does nothing, so the tests run this path).
	progress := len(h.reqs) > 0
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
