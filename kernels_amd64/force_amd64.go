//go:build amd64 && !noasm

package kernels_amd64

// WilsonForce64 is kernels.WilsonForceGo (the Wilson-fermion HMC force of
// one tile of direction mu: f -= (c/2) TA(L K1 - K2 L^dag); the same bits)
// with the kernels of isa. It returns false, having done nothing, when isa
// has no kernel for w, mu is not a direction or an operand is shorter than
// a tile (f and link 18 w numbers, the spinors 24 w).
func WilsonForce64(isa ISA, f, link, a, b, as, bs []float64, w, mu int, c float64) bool {
	s := shape16(isa, w, 64)
	if s == noKernel || mu < 0 || mu > 3 || len(f) < 18*w || len(link) < 18*w ||
		len(a) < 24*w || len(b) < 24*w || len(as) < 24*w || len(bs) < 24*w {
		return false
	}
	callWilsonForce64(s, mu, &f[0], &link[0], &a[0], &b[0], &as[0], &bs[0], c/2)
	return true
}
