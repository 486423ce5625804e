package layout

import (
	"fmt"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/kernels"
)

// Halo holds the face buffers of a full-lattice field for the hops that
// leave the rank, and exchanges them without blocking: Start gathers the
// faces and posts the sends and receives of every split direction, Wait
// completes them. Between the two, the caller computes the interior. The
// buffers are allocated once and reused; a Halo serves one exchange at a
// time.
type Halo[F Float] struct {
	l     *Layout
	nc    int
	send  [NHops][]F
	recv  [NHops][]F
	reqs  []comm.Request
	src   *Field[F]
	dirty bool
}

// NewHalo allocates the halo buffers for fields of nc components.
func NewHalo[F Float](l *Layout, nc int) *Halo[F] {
	h := &Halo[F]{l: l, nc: nc}
	for d := range NHops {
		if l.Split(d) {
			n := l.FaceSites(d) * nc * 2
			h.send[d] = make([]F, n)
			h.recv[d] = make([]F, n)
		}
	}
	return h
}

// Recv is the received face of hop d, ordered [f][component][re|im][k] (see
// BoundaryTiles, HaloLanes); nil when the hop stays on the rank.
func (h *Halo[F]) Recv(d int) []F { return h.recv[d] }

// Start gathers the faces of src (a full-lattice field) that the neighbour
// ranks need and posts the non-blocking sends and receives. Every rank
// must call it (it is collective among neighbours).
func (h *Halo[F]) Start(src *Field[F]) error { return h.start(src, 1<<NHops-1) }

// StartHop is Start for the single hop direction d.
func (h *Halo[F]) StartHop(src *Field[F], d int) error { return h.start(src, 1<<d) }

func (h *Halo[F]) start(src *Field[F], mask int) error {
	l := h.l
	if src.Layout != l || src.NC != h.nc || src.Subset != Full {
		return fmt.Errorf("halo: field has %d components on %s sites, halo expects %d on full", src.NC, src.Subset, h.nc)
	}
	if h.dirty {
		return fmt.Errorf("halo: Start called twice without Wait")
	}
	h.src, h.dirty = src, true
	h.reqs = h.reqs[:0]
	// The neighbour across hop d sends what this rank needs; this rank
	// sends its opposite face to the rank on the other side. The receives
	// go first, so that sends find them posted and are copied only once.
	for d := range NHops {
		if l.Split(d) && mask&(1<<d) != 0 {
			h.reqs = append(h.reqs, irecv(l.Comm, h.recv[d], l.NeighbourRank(d), d))
		}
	}
	for d := range NHops {
		if !l.Split(d) || mask&(1<<d) == 0 {
			continue
		}
		GatherFace(l, d, src, h.send[d])
		h.reqs = append(h.reqs, isend(l.Comm, h.send[d], l.NeighbourRank(d^1), d))
	}
	return nil
}

// Wait completes the exchange started by Start.
func (h *Halo[F]) Wait() error {
	err := comm.WaitAll(h.reqs...)
	h.reqs = h.reqs[:0]
	h.dirty = false
	return err
}

// GatherFace packs the sites of src that the neighbour rank needs for hop d
// into buf, ordered [f][component][re|im][k].
func GatherFace[F Float](l *Layout, d int, src *Field[F], buf []F) {
	fm := &l.face[d]
	nk := len(fm.sendLanes)
	W, nc := l.W, src.NC
	for f, tile := range fm.sendTiles {
		in := src.Data[int(tile)*nc*2*W:]
		out := buf[f*nc*2*nk:]
		for j := range nc * 2 {
			for k, lane := range fm.sendLanes {
				out[j*nk+k] = in[j*W+lane]
			}
		}
	}
}

// Neighbour writes into out (nc*2*W numbers, ordered [component][re|im][lane])
// the values of src at the hop-d neighbours of the W sites of tile. When the
// hop leaves the rank the halo must have completed (Start, Wait).
func (h *Halo[F]) Neighbour(d, tile int, out []F) {
	l := h.l
	src := h.src
	W, nc := l.W, h.nc
	n := int(l.hop[d][tile])
	in := src.Data[n*nc*2*W : (n+1)*nc*2*W]
	fm := &l.face[d]
	f := int(fm.faceOf[tile])
	if f < 0 {
		copy(out, in)
		return
	}
	permuteRows(out[:nc*2*W], in, l.lanePerm[d])
	if !l.Split(d) {
		return
	}
	nk := len(fm.recvLanes)
	buf := h.recv[d][f*nc*2*nk:]
	for j := range nc * 2 {
		for k, lane := range fm.recvLanes {
			out[j*W+lane] = buf[j*nk+k]
		}
	}
}

// Shift sets dst(x) = src(x + mu^) for a forward hop direction d = 2*mu and
// dst(x) = src(x - mu^) for d = 2*mu+1, exchanging the halo where the hop
// leaves the rank. Both fields are full-lattice fields of the same shape
// and must not alias. Collective among neighbours.
func Shift[F Float](dst, src *Field[F], d int) error {
	if err := dst.SameShape(src); err != nil {
		return fmt.Errorf("shift: %w", err)
	}
	return NewHalo[F](src.Layout, src.NC).Shift(dst, src, d)
}

// Shift is the package function Shift using the buffers of h.
func (h *Halo[F]) Shift(dst, src *Field[F], d int) error {
	if err := dst.SameShape(src); err != nil {
		return fmt.Errorf("shift: %w", err)
	}
	l := src.Layout
	if err := h.StartHop(src, d); err != nil {
		return err
	}
	if err := h.Wait(); err != nil {
		return fmt.Errorf("shift: halo exchange: %w", err)
	}
	size := src.NC * 2 * l.W
	l.ParallelFor(l.NTiles, func(_, lo, hi int) {
		for tile := lo; tile < hi; tile++ {
			h.Neighbour(d, tile, dst.Data[tile*size:(tile+1)*size])
		}
	})
	return nil
}

func isend[F Float](c comm.Comm, buf []F, dest, tag int) comm.Request {
	switch b := any(buf).(type) {
	case []float64:
		return c.Isend64(b, dest, tag)
	case []float32:
		return c.Isend32(b, dest, tag)
	}
	panic("layout: unsupported float type")
}

func irecv[F Float](c comm.Comm, buf []F, src, tag int) comm.Request {
	switch b := any(buf).(type) {
	case []float64:
		return c.Irecv64(b, src, tag)
	case []float32:
		return c.Irecv32(b, src, tag)
	}
	panic("layout: unsupported float type")
}

// NeighbourData returns the values of src at the hop-d neighbours of the W
// sites of tile, ordered [component][re|im][lane]: a subslice of the field
// itself when the neighbours are the same lanes of one tile (interior
// tiles, and every tile when mu is neither split into lanes nor over
// ranks), otherwise scratch filled by Neighbour. The halo must have
// completed (Start or StartHop for d, then Wait). Read only.
func (h *Halo[F]) NeighbourData(d, tile int, scratch []F) []F {
	l := h.l
	if l.face[d].faceOf[tile] < 0 || (l.Lanes[d/2] == 1 && !l.Split(d)) {
		size := h.nc * 2 * l.W
		n := int(l.hop[d][tile])
		return h.src.Data[n*size : (n+1)*size]
	}
	h.Neighbour(d, tile, scratch)
	return scratch
}

// permuteRows is the dispatched kernels.PermuteRows64/32 for the precision
// of F (assembly where the kernel set has it).
func permuteRows[F Float](out, in []F, p *kernels.LanePerm) {
	switch o := any(out).(type) {
	case []float64:
		kernels.PermuteRows64(o, any(in).([]float64), p)
	case []float32:
		kernels.PermuteRows32(o, any(in).([]float32), p)
	default:
		kernels.PermuteRowsGo(out, in, p)
	}
}
