package kernels

// Per-site partial sums of the field reductions (layout.Dot, layout.Norm2):
// on data in the layout's order [tile][component][re|im][lane] (w lanes, nc
// complex components per site, len(x) a multiple of 2*nc*w), every site's
// components are summed in float64, in component order, with every product
// rounded on its own (no fused multiply-add), into one partial per site:
// part[t*w+k] for lane k of tile t. The exact addition of the partials
// (layout.ExactSum) stays in Go; these kernels only make the per-site sums,
// which assembly reproduces bit for bit. float32 data is converted to
// float64 before it is multiplied.

// SiteNormGo writes, for every site, |x(site)|^2 into part[t*w+k]:
//
//	part = 0;  for c: part = part + (float64(re*re) + float64(im*im))
//
// with re, im the components converted to float64. len(part) must be at
// least the number of sites, len(x)/(2*nc).
func SiteNormGo[F Real](part []float64, x []F, w, nc int) {
	n := len(x) / (2 * nc * w)
	for t := range n {
		p := part[t*w : t*w+w]
		clear(p)
		for c := range nc {
			o := (t*nc + c) * 2 * w
			xr, xi := x[o:o+w], x[o+w:o+2*w]
			for k := range w {
				r, i := float64(xr[k]), float64(xi[k])
				// the conversions round each product: no architecture
				// fuses them (Go spec)
				p[k] += float64(r*r) + float64(i*i)
			}
		}
	}
}

// SiteDotGo writes, for every site, the real and imaginary parts of
// <x(site), y(site)> = sum_c conj(x_c) y_c into pr[t*w+k] and pi[t*w+k]:
//
//	pr = pr + (float64(xr*yr) + float64(xi*yi))
//	pi = pi + (float64(xr*yi) - float64(xi*yr))
//
// from pr = pi = 0, component by component, in float64. len(y) >= len(x);
// pr and pi hold at least len(x)/(2*nc) numbers each.
func SiteDotGo[F Real](pr, pi []float64, x, y []F, w, nc int) {
	n := len(x) / (2 * nc * w)
	for t := range n {
		sr, si := pr[t*w:t*w+w], pi[t*w:t*w+w]
		clear(sr)
		clear(si)
		for c := range nc {
			o := (t*nc + c) * 2 * w
			xr, xi := x[o:o+w], x[o+w:o+2*w]
			yr, yi := y[o:o+w], y[o+w:o+2*w]
			for k := range w {
				ar, ai := float64(xr[k]), float64(xi[k])
				br, bi := float64(yr[k]), float64(yi[k])
				sr[k] += float64(ar*br) + float64(ai*bi)
				si[k] += float64(ar*bi) - float64(ai*br)
			}
		}
	}
}

// SiteNorm64/32 and SiteDot64/32 are the dispatched per-site reductions
// (the portable ones until an assembly set replaces them).
var (
	SiteNorm64 = SiteNormGo[float64]
	SiteNorm32 = SiteNormGo[float32]
	SiteDot64  = SiteDotGo[float64]
	SiteDot32  = SiteDotGo[float32]
)

// installReduceGo resets the per-site reductions and the CG update
// (cgupdate.go) to their portable versions (installGo calls it).
func installReduceGo() {
	SiteNorm64, SiteNorm32 = SiteNormGo[float64], SiteNormGo[float32]
	SiteDot64, SiteDot32 = SiteDotGo[float64], SiteDotGo[float32]
	CGUpdate64, CGUpdate32 = CGUpdateGo[float64], CGUpdateGo[float32]
}
