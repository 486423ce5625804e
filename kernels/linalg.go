package kernels

// Element-wise linear algebra on complex fields in the layout's order
// [block][re|im][lane] (W lanes, len(x) = len(y) a multiple of 2W): the
// operations of layout.Axpy and layout.Xpay, written on slices so that an
// instruction set can replace them. Of the reductions (Dot, Norm2) only the
// per-site partial sums are kernels (reduce.go); their exact addition stays
// in package layout. x may be y (element by element).

// AxpyGo sets y = a*x + y for a = ar + i ai:
//
//	yr = yr + (ar*xr - ai*xi),  yi = yi + (ar*xi + ai*xr)
//
// (the operation order of layout.Axpy, which the assembly keeps).
func AxpyGo[F Real](ar, ai F, x, y []F, w int) {
	for b := 0; b < len(x); b += 2 * w {
		xr, xi := x[b:b+w], x[b+w:b+2*w]
		yr, yi := y[b:b+w], y[b+w:b+2*w]
		for k := range w {
			r, i := xr[k], xi[k]
			yr[k] += F(ar*r) - F(ai*i) // rounded products: no fusing
			yi[k] += F(ar*i) + F(ai*r)
		}
	}
}

// XpayGo sets y = x + a*y for a = ar + i ai:
//
//	yr = (xr + ar*yr) - ai*yi,  yi = (xi + ar*yi) + ai*yr
//
// (the operation order of layout.Xpay).
func XpayGo[F Real](x []F, ar, ai F, y []F, w int) {
	for b := 0; b < len(x); b += 2 * w {
		xr, xi := x[b:b+w], x[b+w:b+2*w]
		yr, yi := y[b:b+w], y[b+w:b+2*w]
		for k := range w {
			r, i := yr[k], yi[k]
			yr[k] = xr[k] + F(ar*r) - F(ai*i) // rounded products: no fusing
			yi[k] = xi[k] + F(ar*i) + F(ai*r)
		}
	}
}

// Axpy64/32 and Xpay64/32 are the dispatched element-wise kernels (the
// portable ones until an assembly set replaces them).
var (
	Axpy64 = AxpyGo[float64]
	Axpy32 = AxpyGo[float32]
	Xpay64 = XpayGo[float64]
	Xpay32 = XpayGo[float32]
)

// installLinalgGo resets the element-wise kernels to their portable
// versions (installGo calls it).
func installLinalgGo() {
	Axpy64, Axpy32 = AxpyGo[float64], AxpyGo[float32]
	Xpay64, Xpay32 = XpayGo[float64], XpayGo[float32]
}
