package layout

import "github.com/goqcd/goqcd/kernels"

// Linear algebra on fields. Inputs may alias outputs element by element
// (y = a*x + y with x == y is fine). The reductions Dot, Norm2 and Sum add
// exactly (ExactSum) and are therefore identical, bit for bit, on every
// process grid, SIMD width and thread count; they are collective.

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

// Dot is the global inner product <x, y> = sum conj(x) y. Collective.
func Dot[F Float](x, y *Field[F]) (complex128, error) {
	var re, im ExactSum
	W := x.Layout.W
	xd, yd := x.Data, y.Data
	for b := 0; b < len(xd); b += 2 * W {
		for k := range W {
			xr, xi := float64(xd[b+k]), float64(xd[b+W+k])
			yr, yi := float64(yd[b+k]), float64(yd[b+W+k])
			re.Add(xr * yr)
			re.Add(xi * yi)
			im.Add(xr * yi)
			im.Add(-xi * yr)
		}
	}
	s, err := x.Layout.GlobalSum(&re, &im)
	if err != nil {
		return 0, err
	}
	return complex(s[0], s[1]), nil
}

// Norm2 is the global squared norm sum |x|^2. Collective.
func Norm2[F Float](x *Field[F]) (float64, error) {
	var a ExactSum
	for _, v := range x.Data {
		f := float64(v)
		a.Add(f * f)
	}
	s, err := x.Layout.GlobalSum(&a)
	if err != nil {
		return 0, err
	}
	return s[0], nil
}
