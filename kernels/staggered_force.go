package kernels

// The staggered-fermion HMC force on the tiled layout: for the W lanes of
// one tile, with colour vectors a, b ([3][re|im][W]) and the link v
// ([9][re|im][W], phases and the factor 1/2 folded in),
//
//	Z = v a b^dag       (even tiles)
//	Z = a b^dag v^dag   (odd tiles)
//	F -= s TA(Z)
//
// with TA the traceless anti-Hermitian part; f is [9][re|im][W].

// StaggeredForceGo is the portable staggered force kernel for one tile.
func StaggeredForceGo[F Real](f, v, a, b []F, w int, even bool, s float64) {
	for l := range w {
		var u, o [9]complex128
		for e := range 9 {
			u[e] = complex(float64(v[2*e*w+l]), float64(v[(2*e+1)*w+l]))
		}
		for i := range 3 {
			ai := complex(float64(a[2*i*w+l]), float64(a[(2*i+1)*w+l]))
			for j := range 3 {
				bj := complex(float64(b[2*j*w+l]), -float64(b[(2*j+1)*w+l]))
				o[3*i+j] = ai * bj
			}
		}
		var z [9]complex128
		for i := range 3 {
			for j := range 3 {
				var t complex128
				for k := range 3 {
					if even {
						t += u[3*i+k] * o[3*k+j]
					} else {
						t += o[3*i+k] * conj(u[3*j+k])
					}
				}
				z[3*i+j] = t
			}
		}
		subTA(f, &z, w, l, s)
	}
}

// StaggeredForce64 is the dispatched staggered force kernel.
var StaggeredForce64 = StaggeredForceGo[float64]
