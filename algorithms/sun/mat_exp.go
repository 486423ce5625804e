package sun

import "math"

// ExpAntiHermitian returns exp(x) for an N x N matrix x (meant to be
// traceless anti-Hermitian, though any x works) by a Taylor series with
// scaling and squaring: x is divided by 2^s so that its Frobenius norm
// (an upper bound on the spectral norm) is at most 1/2, the series is summed
// until a term's norm drops below 1e-18, and the result is squared s times.
// The error is about 2^s round-off, below 1e-14 for |x| up to 10.
func ExpAntiHermitian(x *Mat) Mat {
	n := x.N
	nrm := x.Norm()
	s := 0
	if nrm > 0.5 {
		s = int(math.Ceil(math.Log2(nrm / 0.5)))
	}
	y := NewMat(n)
	y.Scale(complex(math.Ldexp(1, -s), 0), x)

	sum := IdentityN(n)
	term := IdentityN(n)
	tmp := NewMat(n)
	for k := 1; k < 60; k++ {
		mulInto(&tmp, &term, &y, false, false)
		inv := complex(1/float64(k), 0)
		for i := range term.A {
			term.A[i] = tmp.A[i] * inv
			sum.A[i] += term.A[i]
		}
		if term.Norm() < 1e-18 {
			break
		}
	}
	for ; s > 0; s-- {
		mulInto(&tmp, &sum, &sum, false, false)
		sum, tmp = tmp, sum
	}
	return sum
}
