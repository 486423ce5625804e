package layout

import "github.com/goqcd/goqcd/kernels"

// Linear algebra on fields. Inputs may alias outputs element by element
// (y = a*x + y with x == y is fine). The reductions Dot and Norm2 sum each
// site in float64 in component order and add the sites exactly
// (ExactSum), so they are identical, bit for bit, on every process grid,
// SIMD width and thread count; they are collective.

// Copy sets dst = src.
func Copy[F Float](dst, src *Field[F]) { copy(dst.Data, src.Data) }

// Zero sets every component to zero.
func (f *Field[F]) Zero() { clear(f.Data) }

// Scale sets x = a*x for real a.
func Scale[F Float](a float64, x *Field[F]) {
	af := F(a)
	for i := range x.Data {
		x.Data[i] *= af
	}
}

// Axpy sets y = a*x + y for complex a (the kernels' dispatched Axpy: the
// same operations in the same order on every kernel set).
func Axpy[F Float](a complex128, x, y *Field[F]) {
	switch xd := any(x.Data).(type) {
	case []float64:
		kernels.Axpy64(real(a), imag(a), xd, any(y.Data).([]float64), x.Layout.W)
	case []float32:
		kernels.Axpy32(float32(real(a)), float32(imag(a)), xd, any(y.Data).([]float32), x.Layout.W)
	default:
		kernels.AxpyGo(F(real(a)), F(imag(a)), x.Data, y.Data, x.Layout.W)
	}
}

// Xpay sets y = x + a*y for complex a (the kernels' dispatched Xpay).
func Xpay[F Float](x *Field[F], a complex128, y *Field[F]) {
	switch xd := any(x.Data).(type) {
	case []float64:
		kernels.Xpay64(xd, real(a), imag(a), any(y.Data).([]float64), x.Layout.W)
	case []float32:
		kernels.Xpay32(xd, float32(real(a)), float32(imag(a)), any(y.Data).([]float32), x.Layout.W)
	default:
		kernels.XpayGo(x.Data, F(real(a)), F(imag(a)), y.Data, x.Layout.W)
	}
}

// maxLanes bounds W for the per-site partial sums of the reductions.
const maxLanes = 16

// Dot is the global inner product <x, y> = sum conj(x) y. Each site's
// components are first summed in float64 in component order (the same on
// every W), then the per-site values are added exactly: the result is
// identical on every process grid, W and thread count. Collective.
func Dot[F Float](x, y *Field[F]) (complex128, error) {
	var re, im ExactSum
	W, nc := x.Layout.W, x.NC
	xd, yd := x.Data, y.Data
	var pr, pi [maxLanes]float64
	for base := 0; base < len(xd); base += nc * 2 * W {
		clear(pr[:W])
		clear(pi[:W])
		for c := range nc {
			o := base + 2*c*W
			xr, xi := xd[o:o+W], xd[o+W:o+2*W]
			yr, yi := yd[o:o+W], yd[o+W:o+2*W]
			for k := range W {
				ar, ai := float64(xr[k]), float64(xi[k])
				br, bi := float64(yr[k]), float64(yi[k])
				// the conversions round each product, so no
				// architecture fuses them (Go spec): the same bits
				// on amd64 and arm64, and <x,x> exactly real
				pr[k] += float64(ar*br) + float64(ai*bi)
				pi[k] += float64(ar*bi) - float64(ai*br)
			}
		}
		for k := range W {
			re.Add(pr[k])
			im.Add(pi[k])
		}
	}
	s, err := x.Layout.GlobalSum(&re, &im)
	if err != nil {
		return 0, err
	}
	return complex(s[0], s[1]), nil
}

// Norm2 is the global squared norm sum |x|^2, summed per site in float64
// and across sites exactly (see Dot). Collective.
func Norm2[F Float](x *Field[F]) (float64, error) {
	var a ExactSum
	AddSiteNorms(x, &a)
	s, err := x.Layout.GlobalSum(&a)
	if err != nil {
		return 0, err
	}
	return s[0], nil
}

// AddSiteNorms adds, for every local site of x, its |x(site)|^2 (summed
// over the components in order, in float64) to acc.
func AddSiteNorms[F Float](x *Field[F], acc *ExactSum) {
	W, nc := x.Layout.W, x.NC
	d := x.Data
	var p [maxLanes]float64
	for base := 0; base < len(d); base += nc * 2 * W {
		clear(p[:W])
		for c := range nc {
			o := base + 2*c*W
			re, im := d[o:o+W], d[o+W:o+2*W]
			for k := range W {
				r, i := float64(re[k]), float64(im[k])
				p[k] += float64(r*r) + float64(i*i) // unfused, as in Dot
			}
		}
		for k := range W {
			acc.Add(p[k])
		}
	}
}
