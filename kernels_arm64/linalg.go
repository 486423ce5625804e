package kernels_arm64

import "fmt"

// checkLinalg panics unless x holds whole blocks of 2w reals and y at
// least as many; it returns the number of blocks.
func checkLinalg[F Float](w int, x, y []F) int {
	if w < 1 || len(x)%(2*w) != 0 || len(y) < len(x) {
		panic(fmt.Sprintf("kernels_arm64: element-wise kernel of %d lanes on x of %d and y of %d reals: "+
			"x must hold whole blocks of %d and y at least as many", w, len(x), len(y), 2*w))
	}
	return len(x) / (2 * w)
}

// axpyGo is the Go twin of the axpy kernels (AxpyNEON64 ...): on the
// blocks [re row | im row] of w lanes of x and y, y = a*x + y,
//
//	yr = yr + (ar*xr - ai*xi),  yi = yi + (ar*xi + ai*xr).
//
// x may be y.
func axpyGo[F Float](w int, ar, ai F, x, y []F) {
	n := checkLinalg(w, x, y)
	for b := range n {
		o := 2 * w * b
		for l := range w {
			xr, xi := x[o+l], x[o+w+l]
			y[o+l] += ar*xr - ai*xi
			y[o+w+l] += ar*xi + ai*xr
		}
	}
}

// xpayGo is the Go twin of the xpay kernels (XpayNEON64 ...): y = x + a*y,
//
//	yr = xr + ar*yr - ai*yi,  yi = xi + ar*yi + ai*yr.
//
// x may be y.
func xpayGo[F Float](w int, x []F, ar, ai F, y []F) {
	n := checkLinalg(w, x, y)
	for b := range n {
		o := 2 * w * b
		for l := range w {
			yr, yi := y[o+l], y[o+w+l]
			y[o+l] = x[o+l] + ar*yr - ai*yi
			y[o+w+l] = x[o+w+l] + ar*yi + ai*yr
		}
	}
}
