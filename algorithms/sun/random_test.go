package sun

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"
)

// meanErr returns the sample mean of xs and its standard error.
func meanErr(xs []float64) (mean, err float64) {
	n := float64(len(xs))
	var s, s2 float64
	for _, x := range xs {
		s += x
	}
	mean = s / n
	for _, x := range xs {
		s2 += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(s2 / (n - 1) / n)
}

// checkMean fails unless the sample mean of xs is within 5 standard errors
// of want (the standard error floored at 1e-12 for exact samples).
func checkMean(t *testing.T, what string, xs []float64, want float64) {
	t.Helper()
	m, e := meanErr(xs)
	if !(math.Abs(m-want) <= 5*math.Max(e, 1e-12)) {
		t.Errorf("%s: mean %.6g +- %.2g, want %.6g (off by %.1f sigma)", what, m, e, want, math.Abs(m-want)/e)
	}
}

func TestRandomUnitarity(t *testing.T) {
	src := newSource(30)
	for n := 0; n < 1000; n++ {
		u := RandomSU3(src)
		checkLE(t, "unitarity of RandomSU3", unitarityError(&u), 1e-13)
		q := RandomSU2(src)
		checkLE(t, "|det RandomSU2 - 1|", math.Abs(q.Det()-1), 1e-15)
	}
	for _, n := range []int{2, 3, 4, 5, 6} {
		for s := 0; s < 200; s++ {
			u := RandomSUN(n, src)
			checkLE(t, fmt.Sprintf("unitarity of RandomSUN(%d)", n), unitarityErrorMat(&u), 1e-13)
		}
	}
}

// RandomSU3 and RandomSU2 are documented to equal RandomSUN draw for draw.
func TestRandomSpecialisationsMatchGeneral(t *testing.T) {
	s1, s2 := newSource(31), newSource(31)
	for n := 0; n < 100; n++ {
		u := RandomSU3(s1)
		m := RandomSUN(3, s2)
		checkLE(t, "|RandomSU3 - RandomSUN(3)|", diffMatM3(&m, &u), 1e-14)
		q := RandomSU2(s1)
		m = RandomSUN(2, s2)
		w := MatFromSU2(q)
		checkLE(t, "|RandomSU2 - RandomSUN(2)|", diffMat(&m, &w), 1e-14)
	}
}

// Haar moments of t = Tr U over SU(N): <t^k> = 0 for 0 < k < N,
// <t^N> = 1 (the epsilon-tensor invariant; 0 over U(N), so this tests the
// determinant fix), <|t|^2> = 1, <|t|^4> = 2.
func TestHaarMoments(t *testing.T) {
	samples := 100000
	if testing.Short() {
		samples = 20000
	}
	for _, n := range []int{2, 3, 4} {
		src := newSource(32 + uint64(n))
		re, im := make([]float64, samples), make([]float64, samples)
		a2, a4 := make([]float64, samples), make([]float64, samples)
		pn, pni := make([]float64, samples), make([]float64, samples)
		for s := 0; s < samples; s++ {
			var tr complex128
			if n == 3 {
				u := RandomSU3(src)
				tr = u.Trace()
			} else {
				u := RandomSUN(n, src)
				tr = u.Trace()
			}
			re[s], im[s] = real(tr), imag(tr)
			a := abs2(tr)
			a2[s], a4[s] = a, a*a
			p := cmplx.Pow(tr, complex(float64(n), 0))
			pn[s], pni[s] = real(p), imag(p)
		}
		name := fmt.Sprintf("SU(%d) Haar", n)
		checkMean(t, name+" Re Tr U", re, 0)
		checkMean(t, name+" Im Tr U", im, 0)
		checkMean(t, name+" |Tr U|^2", a2, 1)
		checkMean(t, name+" |Tr U|^4", a4, 2)
		checkMean(t, name+" Re (Tr U)^N", pn, 1)
		checkMean(t, name+" Im (Tr U)^N", pni, 0)
	}
}
