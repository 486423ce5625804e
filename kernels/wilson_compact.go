package kernels

import (
	"math"
	"unsafe"
)

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
// assembly repeats; (j, k, l) cyclic):
//
//	re = (((r0k.re r1l.re - r0k.im r1l.im) - r0l.re r1k.re) + r0l.im r1k.im) * s
//	im = (((r0l.re r1k.im + r0l.im r1k.re) - r0k.re r1l.im) - r0k.im r1l.re) * s
//
// with the second to fourth products fused into their sums, in both
// precisions (as the rows are; math.FMA in float64, see fma.go for
// float32).
//
// Only links that are SU(3) to round-off may be stored so (algorithms/dirac
// checks the rebuilt row against the stored one before it chooses compact
// links).

// CompactLinkRows is the number of rows (of W numbers) per hop of a compact
// link: rows 0 and 1 of L_d and the sign row.
const CompactLinkRows = 13

// CompactLinks64 and CompactLinks32 report whether the float64 and float32
// hopping kernels of the selected set read compact links themselves (the
// portable kernels and the amd64 and arm64 sets do in both precisions); a
// set that would leave compact links to the portable kernel clears them,
// so that operators keep full links there.
func CompactLinks64() bool { return compactLinks64 }

// CompactLinks32: see CompactLinks64.
func CompactLinks32() bool { return compactLinks32 }

// compactLinks64 and compactLinks32 are set by the installers.
var compactLinks64, compactLinks32 = true, true

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
	if w == 1 {
		expandSite((*[18]F)(u[:18]), (*[CompactLinkRows]F)(c[:CompactLinkRows]))
		return
	}
	copy(u[:12*w], c[:12*w])
	s := c[12*w : 13*w]
	for j := range 3 {
		k, l := (j+1)%3, (j+2)%3
		r0kr, r0ki := c[2*k*w:(2*k+1)*w], c[(2*k+1)*w:(2*k+2)*w]
		r0lr, r0li := c[2*l*w:(2*l+1)*w], c[(2*l+1)*w:(2*l+2)*w]
		r1kr, r1ki := c[(6+2*k)*w:(7+2*k)*w], c[(7+2*k)*w:(8+2*k)*w]
		r1lr, r1li := c[(6+2*l)*w:(7+2*l)*w], c[(7+2*l)*w:(8+2*l)*w]
		re := u[(12+2*j)*w : (13+2*j)*w]
		im := u[(13+2*j)*w : (14+2*j)*w]
		for x := range re {
			re[x], im[x] = rebuild(r0kr[x], r0ki[x], r0lr[x], r0li[x], r1kr[x], r1ki[x], r1lr[x], r1li[x], s[x])
		}
	}
}

// expandSite is ExpandLink for W = 1.
func expandSite[F Real](u *[18]F, c *[CompactLinkRows]F) {
	copy(u[:12], c[:12])
	s := c[12]
	u[12], u[13] = rebuild(c[2], c[3], c[4], c[5], c[8], c[9], c[10], c[11], s)
	u[14], u[15] = rebuild(c[4], c[5], c[0], c[1], c[10], c[11], c[6], c[7], s)
	u[16], u[17] = rebuild(c[0], c[1], c[2], c[3], c[6], c[7], c[8], c[9], s)
}

// rebuild returns element j of the third row, s * conj(r0k r1l - r0l r1k)
// ((j, k, l) cyclic), in the order of the file comment: the first product
// rounded, the other three fused into the sum (math.FMA in float64, fma32
// in float32), as the assembly does (VFNMADD231 / VFMADD231).
func rebuild[F Real](r0kr, r0ki, r0lr, r0li, r1kr, r1ki, r1lr, r1li, s F) (re, im F) {
	if unsafe.Sizeof(s) == 4 {
		return rebuild32[F](float32(r0kr), float32(r0ki), float32(r0lr), float32(r0li),
			float32(r1kr), float32(r1ki), float32(r1lr), float32(r1li), float32(s))
	}
	a, b, c, d := float64(r0kr), float64(r0ki), float64(r0lr), float64(r0li)
	e, f, g, h := float64(r1kr), float64(r1ki), float64(r1lr), float64(r1li)
	o := g * a
	o = math.FMA(-h, b, o)
	o = math.FMA(-e, c, o)
	o = math.FMA(f, d, o)
	m := f * c
	m = math.FMA(e, d, m)
	m = math.FMA(-h, a, m)
	m = math.FMA(-g, b, m)
	return F(o * float64(s)), F(m * float64(s))
}

// rebuild32 is rebuild in float32: the first product rounded, the other
// three fused into the sum (VFNMADD231PS / VFMADD231PS in the assembly).
func rebuild32[F Real](r0kr, r0ki, r0lr, r0li, r1kr, r1ki, r1lr, r1li, s float32) (re, im F) {
	o := r1lr * r0kr
	o = fma32(-r1li, r0ki, o)
	o = fma32(-r1kr, r0lr, o)
	o = fma32(r1ki, r0li, o)
	m := r1ki * r0lr
	m = fma32(r1kr, r0li, m)
	m = fma32(-r1li, r0kr, m)
	m = fma32(-r1lr, r0ki, m)
	return F(o * s), F(m * s)
}
