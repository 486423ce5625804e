package kernels

// CGUpdateGo is the update of a conjugate-gradient iteration with a real
// step a, in one pass over the data ([tile][component][re|im][lane], w
// lanes, nc components per site, as reduce.go), and the per-site partials
// of the new |r|^2:
//
//	x = x + F(a*p),  r = r - F(a*q)            (in F, each product rounded)
//	part[t*w+k] = sum_c float64(rr*rr) + float64(ri*ri)   (as SiteNormGo)
//
// for the new r converted to float64. The update is the one of
// layout.Axpy(complex(a, 0), p, x) and layout.Axpy(complex(-a, 0), q, r)
// (equal to the bit but for the sign of a zero result, and infinities in
// the imaginary parts, which the complex form turns into NaN), and part that
// of SiteNormGo(part, r) afterwards. len(r), len(p), len(q) >= len(x);
// part holds at least len(x)/(2*nc) numbers. p may be x and q may be r;
// x must not overlap r.
func CGUpdateGo[F Real](a F, x, r, p, q []F, part []float64, w, nc int) {
	n := len(x) / (2 * nc * w)
	for t := range n {
		s := part[t*w : t*w+w]
		clear(s)
		for c := range nc {
			o := (t*nc + c) * 2 * w
			xr, xi := x[o:o+w], x[o+w:o+2*w]
			rr, ri := r[o:o+w], r[o+w:o+2*w]
			pr, pi := p[o:o+w], p[o+w:o+2*w]
			qr, qi := q[o:o+w], q[o+w:o+2*w]
			for k := range w {
				// the conversions keep a*p and a*q rounded: no
				// architecture fuses them into the sums (Go spec)
				xr[k] = xr[k] + F(a*pr[k])
				xi[k] = xi[k] + F(a*pi[k])
				vr := rr[k] - F(a*qr[k])
				vi := ri[k] - F(a*qi[k])
				rr[k], ri[k] = vr, vi
				fr, fi := float64(vr), float64(vi)
				s[k] += float64(fr*fr) + float64(fi*fi)
			}
		}
	}
}

// CGUpdate64/32 are the dispatched CG updates (the portable ones until an
// assembly set replaces them).
var (
	CGUpdate64 = CGUpdateGo[float64]
	CGUpdate32 = CGUpdateGo[float32]
)
