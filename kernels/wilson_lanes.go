package kernels

// The lane-vector hopping kernel for any W <= MaxLanes: every step works on
// rows of W numbers (one component of the W sites of a tile), as a SIMD
// register of W lanes would. It is the reference for the assembly kernels
// and the portable path for W > 1.

// wilsonHopLanes is WilsonHopGo for W > 1 (it also runs W = 1).
func wilsonHopLanes[F Real](h *WilsonHop[F], tiles []int32) {
	w := h.W
	var perm [24 * MaxLanes]F // neighbour tile with permuted lanes
	var hs, uh [12 * MaxLanes]F
	var acc [24 * MaxLanes]F
	size := 24 * w
	var lbuf []F
	if h.Compact {
		lbuf = make([]F, 144*w)
	}
	for _, t := range tiles {
		i := int(t)
		links := h.tileLinks(i, lbuf)
		for d := range 8 {
			n := int(h.Nbr[8*i+d])
			s := h.Src[size*n : size*(n+1)]
			if h.Cross[i]>>d&1 != 0 {
				permuteLanes(perm[:size], s, h.Perm[d], w)
				s = perm[:size]
			}
			pr := &HopProjection[d]
			projectLanes(hs[:12*w], s, pr, w)
			if row := h.Halo[8*i+d]; row >= 0 {
				insertHalo(hs[:12*w], h.Recv[d], int(row), h.HaloLanes[d], w)
			}
			u := links[d*18*w : (d+1)*18*w]
			mulHalfLanes(uh[:12*w], u, hs[:12*w], w)
			reconstructLanes(acc[:size], uh[:12*w], pr, w, d == 0)
		}
		dst := h.Dst[size*i : size*(i+1)]
		a := h.A
		if h.X == nil {
			for k, v := range acc[:size] {
				dst[k] = a * v
			}
			continue
		}
		x := h.X[size*i : size*(i+1)]
		for k, v := range acc[:size] {
			dst[k] = x[k] + F(a*v)
		}
	}
}

// permuteLanes copies the 24 rows of a spinor tile with lane l of out taken
// from lane p[l] of in.
func permuteLanes[F Real](out, in []F, p []int32, w int) {
	for j := range 24 {
		o, s := out[j*w:(j+1)*w], in[j*w:(j+1)*w]
		for l, pl := range p[:w] {
			o[l] = s[pl]
		}
	}
}

// projectLanes sets the half-spinor rows h (6 complex components a*3 +
// colour) to psi_a + C[a] psi_J[a].
func projectLanes[F Real](h, s []F, pr *SpinProjection, w int) {
	for a := range 2 {
		for c := range 3 {
			o := 2 * (3*a + c) * w
			x := 2 * (3*a + c) * w
			y := 2 * (3*pr.J[a] + c) * w
			hr, hi := h[o:o+w], h[o+w:o+2*w]
			xr, xi := s[x:x+w], s[x+w:x+2*w]
			yr, yi := s[y:y+w], s[y+w:y+2*w]
			switch pr.C[a] {
			case PlusOne:
				for l := range hr {
					hr[l], hi[l] = xr[l]+yr[l], xi[l]+yi[l]
				}
			case MinusOne:
				for l := range hr {
					hr[l], hi[l] = xr[l]-yr[l], xi[l]-yi[l]
				}
			case PlusI:
				for l := range hr {
					hr[l], hi[l] = xr[l]-yi[l], xi[l]+yr[l]
				}
			case MinusI:
				for l := range hr {
					hr[l], hi[l] = xr[l]+yi[l], xi[l]-yr[l]
				}
			}
		}
	}
}

// insertHalo overwrites the halo lanes of the half-spinor rows h with row
// `row` of the received buffer.
func insertHalo[F Real](h, recv []F, row int, lanes []int32, w int) {
	nk := len(lanes)
	buf := recv[row*12*nk : (row+1)*12*nk]
	for j := range 12 {
		b := buf[j*nk : (j+1)*nk]
		o := h[j*w : (j+1)*w]
		for k, l := range lanes {
			o[l] = b[k]
		}
	}
}

// mulHalfLanes sets out = U h for the two colour vectors of a half-spinor,
// lane by lane (U rows ((3i+j)*2 + reim)*W).
func mulHalfLanes[F Real](out, u, h []F, w int) {
	for a := range 2 {
		for i := range 3 {
			or := out[2*(3*a+i)*w : (2*(3*a+i)+1)*w]
			oi := out[(2*(3*a+i)+1)*w : (2*(3*a+i)+2)*w]
			for l := range or {
				or[l], oi[l] = 0, 0
			}
			for j := range 3 {
				ur, ui := u[2*(3*i+j)*w:(2*(3*i+j)+1)*w], u[(2*(3*i+j)+1)*w:(2*(3*i+j)+2)*w]
				xr, xi := h[2*(3*a+j)*w:(2*(3*a+j)+1)*w], h[(2*(3*a+j)+1)*w:(2*(3*a+j)+2)*w]
				for l := range or {
					or[l] += ur[l]*xr[l] - ui[l]*xi[l]
					oi[l] += ur[l]*xi[l] + ui[l]*xr[l]
				}
			}
		}
	}
}

// reconstructLanes adds (or with set, stores) the four-spinor of the
// projected, multiplied half-spinor u: r_a = u_a, r_J[a] = conj(C[a]) u_a.
func reconstructLanes[F Real](acc, u []F, pr *SpinProjection, w int, set bool) {
	for a := range 2 {
		for c := range 3 {
			x := 2 * (3*a + c) * w
			y := 2 * (3*pr.J[a] + c) * w
			ur, ui := u[x:x+w], u[x+w:x+2*w]
			ar, ai := acc[x:x+w], acc[x+w:x+2*w]
			br, bi := acc[y:y+w], acc[y+w:y+2*w]
			if set {
				copy(ar, ur)
				copy(ai, ui)
				clear(br)
				clear(bi)
			} else {
				for l := range ar {
					ar[l] += ur[l]
					ai[l] += ui[l]
				}
			}
			switch pr.C[a].Conj() {
			case PlusOne:
				for l := range br {
					br[l] += ur[l]
					bi[l] += ui[l]
				}
			case MinusOne:
				for l := range br {
					br[l] -= ur[l]
					bi[l] -= ui[l]
				}
			case PlusI:
				for l := range br {
					br[l] -= ui[l]
					bi[l] += ur[l]
				}
			case MinusI:
				for l := range br {
					br[l] += ui[l]
					bi[l] -= ur[l]
				}
			}
		}
	}
}
