package sun

import (
	"fmt"
	"math"
	"testing"
)

var expNorms = []float64{1e-6, 1e-4, 1e-2, 0.1, 0.5, 0.999, 1, 1.001, 2, 5, 10}

// expTol is the accepted error of a 3x3 exponential of Frobenius norm nrm:
// round-off grows with the norm (squaring in the references, and |Q|^2 in
// the Cayley-Hamilton form); measured errors are about 2e-15 below norm 3
// and 8e-15 at 10.
func expTol(nrm float64) float64 { return 1e-14 * math.Max(1, nrm/2) }

// taylorExpM3 is an independent reference: Taylor series to 30 terms after
// scaling x to norm <= 1/8, then squaring.
func taylorExpM3(x *M3) M3 {
	s := 0
	for n := x.Norm(); n > 0.125; n /= 2 {
		s++
	}
	var y M3
	y.ScaleReal(math.Ldexp(1, -s), x)
	sum, term := Identity3(), Identity3()
	for k := 1; k <= 30; k++ {
		term.Mul(&term, &y)
		term.ScaleReal(1/float64(k), &term)
		sum.Add(&sum, &term)
	}
	for ; s > 0; s-- {
		sum.Mul(&sum, &sum)
	}
	return sum
}

// Against V diag(exp(i theta)) V^dagger, including degenerate eigenvalues
// (c0 = +-c0max) and both signs of c0.
func TestExp3Exact(t *testing.T) {
	src := newSource(20)
	for _, nrm := range expNorms {
		var worst, worstU float64
		for n := 0; n < 200; n++ {
			x, e := exactExpPair(nrm, n%4 == 0, n%2 == 0, src)
			u := Exp3(&x)
			worst = math.Max(worst, diffM3(&u, &e))
			worstU = math.Max(worstU, unitarityError(&u))
		}
		checkLE(t, fmt.Sprintf("|Exp3 - exact| at norm %g", nrm), worst, expTol(nrm))
		checkLE(t, fmt.Sprintf("unitarity of Exp3 at norm %g", nrm), worstU, 1e-13)
	}
}

func TestExp3VsTaylor(t *testing.T) {
	src := newSource(21)
	for _, nrm := range expNorms {
		var wt, wm, winv float64
		for n := 0; n < 100; n++ {
			x := randomSU3Algebra(nrm, src)
			u := Exp3(&x)
			ref := taylorExpM3(&x)
			wt = math.Max(wt, diffM3(&u, &ref))
			xm := MatFromM3(&x)
			um := ExpAntiHermitian(&xm)
			wm = math.Max(wm, diffMatM3(&um, &u))
			// exp(X) exp(-X) = 1.
			var mx, p M3
			mx.ScaleReal(-1, &x)
			v := Exp3(&mx)
			p.Mul(&u, &v)
			one := Identity3()
			winv = math.Max(winv, diffM3(&p, &one))
		}
		checkLE(t, fmt.Sprintf("|Exp3 - Taylor| at norm %g", nrm), wt, expTol(nrm))
		checkLE(t, fmt.Sprintf("|Exp3 - ExpAntiHermitian| at norm %g", nrm), wm, expTol(nrm))
		checkLE(t, fmt.Sprintf("|exp(X)exp(-X) - 1| at norm %g", nrm), winv, expTol(nrm))
	}
}

func TestExp3Zero(t *testing.T) {
	var x M3
	u := Exp3(&x)
	if u != Identity3() {
		t.Errorf("Exp3(0) = %v, want the identity exactly", u)
	}
}

// The two evaluations of f0, f1, f2 must agree where Exp3 switches between
// them and on both sides of it, so the switch is invisible.
func TestExp3SeriesMatchesClosedForm(t *testing.T) {
	src := newSource(22)
	for _, nrm := range []float64{1e-3, 0.3, 0.9, 1, 1.1, 2} {
		for n := 0; n < 100; n++ {
			x := randomSU3Algebra(nrm, src)
			c1 := x.Norm2() / 2
			c0 := -imag(x.Det())
			a0, a1, a2 := exp3Series(c0, c1)
			b0, b1, b2 := exp3Closed(c0, c1)
			d := abs2(a0-b0) + abs2(a1-b1)*c1 + abs2(a2-b2)*c1*c1
			checkLE(t, fmt.Sprintf("series - closed form at norm %g", nrm), math.Sqrt(d), 1e-14)
		}
	}
}

// General N: against the exact exponential for N = 2, 4, 5, and for N = 2
// against the quaternion form exp(i t n.s) = cos t + i sin t n.s.
func TestExpAntiHermitianExact(t *testing.T) {
	src := newSource(23)
	for _, n := range []int{2, 4, 5} {
		for _, nrm := range expNorms {
			var worst, worstU float64
			for s := 0; s < 40; s++ {
				v := RandomSUN(n, src)
				th := make([]float64, n)
				var sum, ss float64
				for k := range th {
					th[k] = src.Gaussian()
					sum += th[k]
				}
				for k := range th {
					th[k] -= sum / float64(n)
					ss += th[k] * th[k]
				}
				d, de := NewMat(n), NewMat(n)
				for k := range th {
					tk := th[k] * nrm / math.Sqrt(ss)
					d.A[n*k+k] = complex(0, tk)
					sn, cs := math.Sincos(tk)
					de.A[n*k+k] = complex(cs, sn)
				}
				x, e := NewMat(n), NewMat(n)
				x.Mul(&v, &d)
				x.MulDag(&x, &v)
				x.TracelessAntiHermitian(&x)
				e.Mul(&v, &de)
				e.MulDag(&e, &v)
				u := ExpAntiHermitian(&x)
				worst = math.Max(worst, diffMat(&u, &e))
				worstU = math.Max(worstU, unitarityErrorMat(&u))
			}
			checkLE(t, fmt.Sprintf("N=%d |ExpAntiHermitian - exact| at norm %g", n, nrm), worst, expTol(nrm))
			checkLE(t, fmt.Sprintf("N=%d unitarity of ExpAntiHermitian at norm %g", n, nrm), worstU, 1e-13)
		}
	}
	for _, nrm := range expNorms {
		c := []float64{src.Gaussian(), src.Gaussian(), src.Gaussian()}
		l := math.Sqrt(c[0]*c[0] + c[1]*c[1] + c[2]*c[2])
		for k := range c {
			c[k] *= nrm / l
		}
		// X = i sum c_k s_k / 2 = i t n.s with t = nrm/2.
		x, err := AlgebraToMatrix(c)
		if err != nil {
			t.Fatal(err)
		}
		sn, cs := math.Sincos(nrm / 2)
		q := SU2{cs, sn * c[0] / nrm, sn * c[1] / nrm, sn * c[2] / nrm}
		want := MatFromSU2(q)
		u := ExpAntiHermitian(&x)
		checkLE(t, fmt.Sprintf("N=2 |ExpAntiHermitian - quaternion form| at norm %g", nrm), diffMat(&u, &want), expTol(nrm))
	}
}
