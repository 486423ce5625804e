package kernels

// WilsonProjectFaceGo packs the projected half-spinors of hop d (see
// HopProjection) of the sites (tiles[r], lanes[k]) of the spinor field src
// into the halo buffer
//
//	buf[((r*6 + h)*2 + reim)*nk + k],  h = a*3 + colour,  nk = len(lanes),
//
// the order in which the receiving rank reads them (WilsonHop.Recv). The
// sender only projects: the receiver multiplies by its double-stored link,
// so that a boundary tile is one SU(3) multiplication over all W lanes.
// 12 flops per site.
func WilsonProjectFaceGo[F Real](buf, src []F, d int, tiles, lanes []int32, w int) {
	pr := &HopProjection[d]
	nk := len(lanes)
	for r, t := range tiles {
		s := src[int(t)*24*w : (int(t)+1)*24*w]
		out := buf[r*12*nk : (r+1)*12*nk]
		for k, lane := range lanes {
			l := int(lane)
			for a := range 2 {
				for c := range 3 {
					x := 2*(3*a+c)*w + l
					y := 2*(3*pr.J[a]+c)*w + l
					xr, xi, yr, yi := s[x], s[x+w], s[y], s[y+w]
					var hr, hi F
					switch pr.C[a] {
					case PlusOne:
						hr, hi = xr+yr, xi+yi
					case MinusOne:
						hr, hi = xr-yr, xi-yi
					case PlusI:
						hr, hi = xr-yi, xi+yr
					case MinusI:
						hr, hi = xr+yi, xi-yr
					}
					o := 2 * (3*a + c) * nk
					out[o+k] = hr
					out[o+nk+k] = hi
				}
			}
		}
	}
}
