package sun

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// testSource is the deterministic Source of the tests: math/rand/v2's PCG
// with a fixed seed.
type testSource struct{ r *rand.Rand }

func newSource(seed uint64) *testSource {
	return &testSource{rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

func (s *testSource) Float64() float64  { return s.r.Float64() }
func (s *testSource) Gaussian() float64 { return s.r.NormFloat64() }

// gaussM3 returns a matrix of independent complex Gaussians.
func gaussM3(src Source) M3 {
	var m M3
	for i := range m {
		m[i] = complex(src.Gaussian(), src.Gaussian())
	}
	return m
}

// gaussMat returns an n x n matrix of independent complex Gaussians.
func gaussMat(n int, src Source) Mat {
	m := NewMat(n)
	for i := range m.A {
		m.A[i] = complex(src.Gaussian(), src.Gaussian())
	}
	return m
}

// randomSU3Algebra returns a random traceless anti-Hermitian matrix with
// Frobenius norm exactly nrm.
func randomSU3Algebra(nrm float64, src Source) M3 {
	g := gaussM3(src)
	var x M3
	x.TracelessAntiHermitian(&g)
	x.ScaleReal(nrm/x.Norm(), &x)
	return x
}

// unitarityError returns max(|u u^dagger - 1|_F, |det u - 1|).
func unitarityError(u *M3) float64 {
	var p, one M3
	p.MulDag(u, u)
	one = Identity3()
	p.Sub(&p, &one)
	return math.Max(p.Norm(), cmplx.Abs(u.Det()-1))
}

// unitarityErrorMat is unitarityError for a Mat.
func unitarityErrorMat(u *Mat) float64 {
	p := NewMat(u.N)
	p.MulDag(u, u)
	one := IdentityN(u.N)
	p.Sub(&p, &one)
	return math.Max(p.Norm(), cmplx.Abs(u.Det()-1))
}

// diffM3 returns |a - b|_F.
func diffM3(a, b *M3) float64 {
	var d M3
	d.Sub(a, b)
	return d.Norm()
}

// diffMat returns |a - b|_F.
func diffMat(a, b *Mat) float64 {
	d := NewMat(a.N)
	d.Sub(a, b)
	return d.Norm()
}

// diffMatM3 returns |a - b|_F for a 3 x 3 Mat a.
func diffMatM3(a *Mat, b *M3) float64 {
	m := a.M3()
	return diffM3(&m, b)
}

// naiveMul is the textbook triple loop, the reference for the unrolled code.
func naiveMul(a, b *M3) M3 {
	var c M3
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				c[3*i+j] += a[3*i+k] * b[3*k+j]
			}
		}
	}
	return c
}

func checkLE(t *testing.T, what string, got, tol float64) {
	t.Helper()
	if !(got <= tol) { // also catches NaN
		t.Errorf("%s = %.3g, want <= %.3g", what, got, tol)
	}
}
