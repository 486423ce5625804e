//go:build amd64 && !noasm

package kernels_amd64

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

// fillHalf prepares the hops of tile i that take halo lanes: hs[d] gets
// the projected half-spinor of hop d, rows ((a*3 + colour)*2 + reim)*W,
// from the (lane-permuted, where the hop crosses) neighbour tile, with the
// halo lanes overwritten by the received row, as kernels' lane reference
// does. It returns the mask of those hops, or false when a halo table
// points outside its slices. The arithmetic is the assembly's (one add or
// subtract per number), so the bits are the same.
func fillHalf[F float32 | float64](hs *halfScratch[F], h *WilsonHop[F], i int) (uint64, bool) {
	w := h.W
	var mask uint64
	for d := range 8 {
		row := int(h.Halo[8*i+d])
		if row < 0 {
			continue
		}
		lanes := h.HaloLanes[d]
		nk := len(lanes)
		buf := h.Recv[d]
		if nk > w || row > len(buf)/(12*max(nk, 1)) || (row+1)*12*nk > len(buf) {
			return 0, false
		}
		for _, l := range lanes {
			if uint32(l) >= uint32(w) {
				return 0, false
			}
		}
		n := int(h.Nbr[8*i+d])
		var perm []int32
		if h.Cross[i]>>d&1 != 0 {
			perm = h.Perm[d][:w]
		}
		out := hs[d][:12*w]
		projectHalf(out, h.Src[n*24*w:(n+1)*24*w], d, perm, w)
		b := buf[row*12*nk : (row+1)*12*nk]
		for j := range 12 {
			o := out[j*w : (j+1)*w]
			for k, l := range lanes {
				o[l] = b[j*nk+k]
			}
		}
		mask |= 1 << d
	}
	return mask, true
}

// projectHalf sets out to the half-spinor h_a = psi_a + c[a] psi_j[a] of
// hop d of the spinor tile s, lane l taken from lane perm[l] of s (perm nil:
// from lane l).
func projectHalf[F float32 | float64](out, s []F, d int, perm []int32, w int) {
	pr := &projection[d]
	for a := range 2 {
		for col := range 3 {
			o := 2 * (3*a + col) * w
			x := 2 * (3*a + col) * w
			y := 2 * (3*pr.j[a] + col) * w
			for l := range w {
				sl := l
				if perm != nil {
					sl = int(perm[l])
				}
				xr, xi, yr, yi := s[x+sl], s[x+w+sl], s[y+sl], s[y+w+sl]
				var hr, hi F
				switch pr.c[a] {
				case plusOne:
					hr, hi = xr+yr, xi+yi
				case minusOne:
					hr, hi = xr-yr, xi-yi
				case plusI:
					hr, hi = xr-yi, xi+yr
				case minusI:
					hr, hi = xr+yi, xi-yr
				}
				out[o+l], out[o+w+l] = hr, hi
			}
		}
	}
}
