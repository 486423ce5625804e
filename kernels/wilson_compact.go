package kernels

// Compact links: an SU(3) link is fixed by its first two rows, the third
// being conj(row0 x row1). Storing 12 of the 18 reals cuts the bytes the
// hopping term reads per site by a quarter (its links are two thirds of
// them), and the kernels are bound by those reads. The boundary phase folded
// into a link (+-1: periodic or antiperiodic) would be lost by the
// reconstruction (conj((p r0) x (p r1)) = r2 for p = +-1, not p r2), so each
// hop also stores a sign row s (the phase of each lane):
//
//	Links[((tile*8 + d)*13 + r)*W + lane],  r = 2*(3*i + j) + reim for rows i = 0, 1,
//	                                        r = 12 the sign s (+1 or -1)
//
// and the third row is rebuilt, in this operation order (which the
// assembly repeats; (j, k, l) cyclic, products rounded, no fusing):
//
//	re = (((r0k.re r1l.re - r0k.im r1l.im) - r0l.re r1k.re) + r0l.im r1k.im) * s
//	im = (((r0l.re r1k.im + r0l.im r1k.re) - r0k.re r1l.im) - r0k.im r1l.re) * s
//
// Only links that are SU(3) to round-off may be stored so (algorithms/dirac
// checks the rebuilt row against the stored one before it chooses compact
// links).

// CompactLinkRows is the number of rows (of W numbers) per hop of a compact
// link: rows 0 and 1 of L_d and the sign row.
const CompactLinkRows = 13

// CompactLinks64 reports whether the float64 hopping kernel of the selected
// set reads compact links itself: the portable kernels and every assembly
// set (amd64 and arm64) do; a set that would leave compact links to the
// portable kernel would clear it, so that operators keep full links.
func CompactLinks64() bool { return compactLinks64 }

// compactLinks64 is set by the installers.
var compactLinks64 = true

// linkRows is the number of link rows per hop of h.
func (h *WilsonHop[F]) linkRows() int {
	if h.Compact {
		return CompactLinkRows
	}
	return 18
}

// tileLinks returns the 8*18*W link rows of tile i in the full layout: a
// view of h.Links, or with h.Compact the links expanded into buf (at least
// 144*W long).
func (h *WilsonHop[F]) tileLinks(i int, buf []F) []F {
	w := h.W
	if !h.Compact {
		return h.Links[144*w*i : 144*w*(i+1)]
	}
	c := h.Links[8*CompactLinkRows*w*i : 8*CompactLinkRows*w*(i+1)]
	u := buf[:144*w]
	for d := range 8 {
		ExpandLink(u[18*w*d:18*w*(d+1)], c[CompactLinkRows*w*d:CompactLinkRows*w*(d+1)], w)
	}
	return u
}

// ExpandLink writes the 18 rows of one link (W lanes) from its 13 compact
// rows c, rebuilding the third row in the order of the file comment.
func ExpandLink[F Real](u, c []F, w int) {
	copy(u[:12*w], c[:12*w])
	s := c[12*w : 13*w]
	row := func(i, j, ri int) []F { o := (2*(3*i+j) + ri) * w; return c[o : o+w] }
	for j := range 3 {
		k, l := (j+1)%3, (j+2)%3
		r0kr, r0ki, r0lr, r0li := row(0, k, 0), row(0, k, 1), row(0, l, 0), row(0, l, 1)
		r1kr, r1ki, r1lr, r1li := row(1, k, 0), row(1, k, 1), row(1, l, 0), row(1, l, 1)
		re := u[(12+2*j)*w : (13+2*j)*w]
		im := u[(13+2*j)*w : (14+2*j)*w]
		for x := range w {
			o := F(r1lr[x] * r0kr[x])
			o -= F(r1li[x] * r0ki[x])
			o -= F(r1kr[x] * r0lr[x])
			o += F(r1ki[x] * r0li[x])
			re[x] = o * s[x]
			m := F(r1ki[x] * r0lr[x])
			m += F(r1kr[x] * r0li[x])
			m -= F(r1li[x] * r0kr[x])
			m -= F(r1lr[x] * r0ki[x])
			im[x] = m * s[x]
		}
	}
}
