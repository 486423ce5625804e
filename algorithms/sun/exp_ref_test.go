package sun

import "math"

// exactExpPair returns X = V diag(i theta) V^dagger with Frobenius norm nrm
// and its exact exponential V diag(exp(i theta)) V^dagger, V Haar-random.
// degenerate makes two eigenvalues equal (theta = (t, t, -2t) up to sign),
// the edge c0 = +-c0max of the Morningstar-Peardon formulae; flip negates
// theta, which flips the sign of c0.
func exactExpPair(nrm float64, degenerate, flip bool, src Source) (x, e M3) {
	var th [3]float64
	if degenerate {
		th = [3]float64{1, 1, -2}
	} else {
		a, b := src.Gaussian(), src.Gaussian()
		th = [3]float64{a, b, -a - b}
	}
	s := nrm / math.Sqrt(th[0]*th[0]+th[1]*th[1]+th[2]*th[2])
	if flip {
		s = -s
	}
	v := RandomSU3(src)
	var d, de M3
	for k := 0; k < 3; k++ {
		t := s * th[k]
		d[4*k] = complex(0, t)
		sn, cs := math.Sincos(t)
		de[4*k] = complex(cs, sn)
	}
	x.Mul(&v, &d)
	x.MulDag(&x, &v)
	e.Mul(&v, &de)
	e.MulDag(&e, &v)
	// Make x exactly anti-Hermitian and traceless.
	x.TracelessAntiHermitian(&x)
	return x, e
}
