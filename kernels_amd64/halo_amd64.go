//go:build amd64 && !noasm

package kernels_amd64

import "unsafe"

// Phases of the spin projection, numbered as kernels.Phase.
const (
	plusOne = iota
	minusOne
	plusI
	minusI
)

// projection repeats kernels.HopProjection (TestProjectionTable compares
// them): hop d projects to h_a = psi_a + c[a] psi_j[a].
var projection = [8]struct {
	j [2]int
	c [2]uint8
}{
	{[2]int{3, 2}, [2]uint8{minusI, minusI}},
	{[2]int{3, 2}, [2]uint8{plusI, plusI}},
	{[2]int{3, 2}, [2]uint8{plusOne, minusOne}},
	{[2]int{3, 2}, [2]uint8{minusOne, plusOne}},
	{[2]int{2, 3}, [2]uint8{minusI, plusI}},
	{[2]int{2, 3}, [2]uint8{plusI, minusI}},
	{[2]int{2, 3}, [2]uint8{minusOne, minusOne}},
	{[2]int{2, 3}, [2]uint8{plusOne, plusOne}},
}

// haloPlan is what fillHalf needs to know about the halo lanes of each hop,
// worked out at the first tile of a call that needs it (the lane lists are
// the same for every tile).
type haloPlan struct {
	permOK uint8 // bit d: Perm[d] is a permutation of the W lanes
	known  uint8 // bit d: hop d is worked out
	ok     [8]bool
	// direct: the halo lanes are 0..W-1 in order, so the received row is
	// the tile's half-spinor as it stands and the kernel reads it in place.
	direct [8]bool
	// own[d][:nOwn[d]] are the lanes of a boundary tile that hop d takes
	// from Src (the lanes not in the halo list), ownPerm[d] the source lanes
	// of those when the hop crosses the tile (Perm[d] applied).
	nOwn    [8]int
	own     [8][maxLanes]int32
	ownPerm [8][maxLanes]int32
	// The first lane of the halo lanes, of own and of ownPerm when they
	// are runs of consecutive lanes (then moved as rows), else -1.
	haloRun, ownRun, ownPermRun [8]int
}

// planHop works out hop d of p from the lane tables of h: ok[d] says
// whether the halo lanes are at most W lanes in [0, W); Perm[d]
// is read only where permOK has bit d.
func planHop[F float32 | float64](p *haloPlan, h *WilsonHop[F], d int) {
	p.known |= 1 << d
	w := h.W
	lanes := h.HaloLanes[d]
	if len(lanes) > w {
		return
	}
	var in uint32 // bit l: lane l is a halo lane
	for _, l := range lanes {
		if uint32(l) >= uint32(w) {
			return
		}
		in |= 1 << l
	}
	p.ok[d] = true
	p.direct[d] = len(lanes) == w
	for k, l := range lanes {
		if int(l) != k {
			p.direct[d] = false
		}
	}
	n := 0
	for l := range w {
		if in>>l&1 != 0 {
			continue
		}
		p.own[d][n] = int32(l)
		p.ownPerm[d][n] = int32(l)
		if p.permOK>>d&1 != 0 {
			p.ownPerm[d][n] = h.Perm[d][l]
		}
		n++
	}
	p.nOwn[d] = n
	p.haloRun[d] = laneRun(lanes)
	p.ownRun[d] = laneRun(p.own[d][:n])
	p.ownPermRun[d] = laneRun(p.ownPerm[d][:n])
}

// laneRun returns l0 when lanes are l0, l0+1, ..., l0+len-1, else -1.
func laneRun(lanes []int32) int {
	if len(lanes) == 0 {
		return -1
	}
	l0 := lanes[0]
	for k, l := range lanes {
		if l != l0+int32(k) {
			return -1
		}
	}
	return int(l0)
}

// fillHalf prepares the hops of tile i that take halo lanes: half[d] gets
// the projected half-spinor of hop d, rows ((a*3 + colour)*2 + reim)*W,
// with the halo lanes taken from the received row and the other lanes
// projected from the (lane-permuted, where the hop crosses) neighbour tile,
// as kernels' lane reference does. When the halo takes every lane in
// order, half[d] points at the received row itself; otherwise the
// half-spinor is built in hs[d]. It returns the mask of those hops, or
// false when a halo table points outside its slices. Runs of lanes go
// through the kernel proj (nil: none) when they are at most projLanes wide. The arithmetic is the
// assembly's (one add or subtract per number), so the bits are the same.
func fillHalf[F float32 | float64](hs *halfScratch[F], half *[8]unsafe.Pointer, p *haloPlan, h *WilsonHop[F], i int,
	proj projKernel[F], projLanes int) (uint64, bool) {
	w := h.W
	var mask uint64
	halo := (*[8]int32)(h.Halo[8*i : 8*i+8])
	for d := range 8 {
		row := int(halo[d])
		if row < 0 {
			continue
		}
		if p.known>>d&1 == 0 {
			planHop(p, h, d)
		}
		if !p.ok[d] {
			return 0, false
		}
		nk := len(h.HaloLanes[d])
		buf := h.Recv[d]
		if row > len(buf)/(12*max(nk, 1)) || (row+1)*12*nk > len(buf) {
			return 0, false
		}
		b := buf[row*12*nk : (row+1)*12*nk]
		mask |= 1 << d
		if p.direct[d] {
			half[d] = unsafe.Pointer(unsafe.SliceData(b))
			continue
		}
		out := hs[d][:12*w]
		if n := p.nOwn[d]; n > 0 {
			src, srcRun := p.own[d][:n], p.ownRun[d]
			if h.Cross[i]>>d&1 != 0 {
				src, srcRun = p.ownPerm[d][:n], p.ownPermRun[d]
			}
			nb := int(h.Nbr[8*i+d])
			s := h.Src[nb*24*w : (nb+1)*24*w]
			switch dst := p.ownRun[d]; {
			case dst >= 0 && srcRun >= 0 && proj != nil && n <= projLanes:
				pr := &projection[d]
				proj(&out[dst], &s[srcRun], &s[6*pr.j[0]*w+srcRun], &s[6*w+srcRun], &s[6*pr.j[1]*w+srcRun], w, w, n, projOps[d])
			case dst >= 0 && srcRun >= 0:
				projectRun(out, s, d, dst, srcRun, n, w)
			default:
				projectHalf(out, s, d, p.own[d][:n], src, w)
			}
		}
		scatterHalo(out, b, h.HaloLanes[d], p.haloRun[d], w)
		half[d] = unsafe.Pointer(&hs[d][0])
	}
	return mask, true
}

// scatterHalo writes the received half-spinor rows b (12 rows of
// len(lanes)) into lanes of the 12 rows of W of out; run >= 0 says that
// the lanes are run, run+1, ...
func scatterHalo[F float32 | float64](out, b []F, lanes []int32, run, w int) {
	nk := len(lanes)
	if run >= 0 {
		for j := range 12 {
			copy(out[j*w+run:j*w+run+nk], b[j*nk:(j+1)*nk])
		}
		return
	}
	for j := range 12 {
		o, r := out[j*w:(j+1)*w], b[j*nk:(j+1)*nk]
		r = r[:len(lanes)]
		for k, l := range lanes {
			o[l] = r[k]
		}
	}
}

// projectHalf sets lane dst[j] of out to the half-spinor h_a = psi_a +
// c[a] psi_j[a] of hop d of lane src[j] of the spinor tile s, for each j.
// The phase is resolved outside the lane loops.
func projectHalf[F float32 | float64](out, s []F, d int, dst, src []int32, w int) {
	pr := &projection[d]
	for a := range 2 {
		x := s[6*a*w : 6*(a+1)*w]
		y := s[6*pr.j[a]*w : 6*(pr.j[a]+1)*w]
		o := out[6*a*w : 6*(a+1)*w]
		for col := range 3 {
			re, im := 2*col*w, (2*col+1)*w
			or, oi := o[re:re+w], o[im:im+w]
			xr, xi := x[re:re+w], x[im:im+w]
			yr, yi := y[re:re+w], y[im:im+w]
			switch pr.c[a] {
			case plusOne:
				addLanes(or, xr, yr, dst, src)
				addLanes(oi, xi, yi, dst, src)
			case minusOne:
				subLanes(or, xr, yr, dst, src)
				subLanes(oi, xi, yi, dst, src)
			case plusI:
				subLanes(or, xr, yi, dst, src)
				addLanes(oi, xi, yr, dst, src)
			case minusI:
				addLanes(or, xr, yi, dst, src)
				subLanes(oi, xi, yr, dst, src)
			}
		}
	}
}

// projectRun is projectHalf for the n consecutive lanes dst, dst+1, ...
// taken from src, src+1, ...: rows of n.
func projectRun[F float32 | float64](out, s []F, d, dst, src, n, w int) {
	pr := &projection[d]
	for a := range 2 {
		x := s[6*a*w : 6*(a+1)*w]
		y := s[6*pr.j[a]*w : 6*(pr.j[a]+1)*w]
		o := out[6*a*w : 6*(a+1)*w]
		for col := range 3 {
			re, im := 2*col*w, (2*col+1)*w
			or, oi := o[re+dst:re+dst+n], o[im+dst:im+dst+n]
			xr, xi := x[re+src:re+src+n], x[im+src:im+src+n]
			yr, yi := y[re+src:re+src+n], y[im+src:im+src+n]
			switch pr.c[a] {
			case plusOne:
				addRow(or, xr, yr)
				addRow(oi, xi, yi)
			case minusOne:
				subRow(or, xr, yr)
				subRow(oi, xi, yi)
			case plusI:
				subRow(or, xr, yi)
				addRow(oi, xi, yr)
			case minusI:
				addRow(or, xr, yi)
				subRow(oi, xi, yr)
			}
		}
	}
}

// addRow sets o[k] = x[k] + y[k]; x and y are at least as long as o.
func addRow[F float32 | float64](o, x, y []F) {
	x, y = x[:len(o)], y[:len(o)]
	for k := range o {
		o[k] = x[k] + y[k]
	}
}

// subRow sets o[k] = x[k] - y[k]; x and y are at least as long as o.
func subRow[F float32 | float64](o, x, y []F) {
	x, y = x[:len(o)], y[:len(o)]
	for k := range o {
		o[k] = x[k] - y[k]
	}
}

// addLanes sets o[dst[j]] = x[src[j]] + y[src[j]].
func addLanes[F float32 | float64](o, x, y []F, dst, src []int32) {
	src = src[:len(dst)]
	for j, l := range dst {
		sl := src[j]
		o[l] = x[sl] + y[sl]
	}
}

// subLanes sets o[dst[j]] = x[src[j]] - y[src[j]].
func subLanes[F float32 | float64](o, x, y []F, dst, src []int32) {
	src = src[:len(dst)]
	for j, l := range dst {
		sl := src[j]
		o[l] = x[sl] - y[sl]
	}
}
