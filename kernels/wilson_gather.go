package kernels

// wilsonHopGather is WilsonHopGo for W > 1: it runs the generated site
// functions of the W = 1 kernel lane by lane, gathering each lane's
// neighbour spinor (lane-permuted where the hop crosses the tile boundary,
// from the halo for halo lanes) and link into contiguous arrays first.
// Scalar Go gains nothing from the lane layout, and this keeps the
// per-site arithmetic of the fastest portable kernel (so that W > 1 gives
// the same bits as W = 1).
func wilsonHopGather[F Real](h *WilsonHop[F], tiles []int32) {
	w := h.W
	var acc, s [24]F
	var hh [12]F
	var u [18]F
	// haloK[d][l] is the index k of lane l in HaloLanes[d], or -1.
	var haloK [8][MaxLanes]int8
	for d := range 8 {
		for l := range w {
			haloK[d][l] = -1
		}
		for k, l := range h.HaloLanes[d] {
			haloK[d][l] = int8(k)
		}
	}
	size := 24 * w
	var lbuf []F
	if h.Compact {
		lbuf = make([]F, 144*w)
	}
	for _, t := range tiles {
		i := int(t)
		links := h.tileLinks(i, lbuf)
		for l := range w {
			for d := range 8 {
				link := links[d*18*w : (d+1)*18*w]
				for k := range u {
					u[k] = link[k*w+l]
				}
				if row := int(h.Halo[8*i+d]); row >= 0 && haloK[d][l] >= 0 {
					nk := len(h.HaloLanes[d])
					buf := h.Recv[d][row*12*nk : (row+1)*12*nk]
					for k := range hh {
						hh[k] = buf[k*nk+int(haloK[d][l])]
					}
					siteHopHalf(d, d == 0, &acc, &hh, &u)
					continue
				}
				sl := l
				if h.Cross[i]>>d&1 != 0 {
					sl = int(h.Perm[d][l])
				}
				n := int(h.Nbr[8*i+d])
				src := h.Src[size*n : size*(n+1)]
				for k := range s {
					s[k] = src[k*w+sl]
				}
				siteHopProj(d, d == 0, &acc, &s, &u)
			}
			dst := h.Dst[size*i : size*(i+1)]
			a := h.A
			if h.X == nil {
				for k, v := range acc {
					dst[k*w+l] = a * v
				}
				continue
			}
			x := h.X[size*i : size*(i+1)]
			for k, v := range acc {
				dst[k*w+l] = x[k*w+l] + F(a*v) // rounded product: no fusing
			}
		}
	}
}
