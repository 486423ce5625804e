package sun

import (
	"fmt"
	"math"
)

// Mat is an N x N complex matrix stored row-major: element (i, j) is A[N*i+j],
// len(A) = N*N. It is the general-N counterpart of M3 (and of SU2 for N = 2);
// for N = 2, 3 every operation agrees with the specialised one.
//
// As for M3, methods write their result into the receiver, which must already
// have the right N (NewMat). Receivers may alias arguments; products then
// use a temporary. Mismatched sizes are programming errors and panic, as in
// gonum/mat, since these are per-site kernels.
type Mat struct {
	N int
	A []complex128
}

// NewMat returns the n x n zero matrix.
func NewMat(n int) Mat { return Mat{N: n, A: make([]complex128, n*n)} }

// IdentityN returns the n x n unit matrix.
func IdentityN(n int) Mat {
	m := NewMat(n)
	for i := 0; i < n; i++ {
		m.A[n*i+i] = 1
	}
	return m
}

// Clone returns a deep copy of m.
func (m *Mat) Clone() Mat {
	return Mat{N: m.N, A: append([]complex128(nil), m.A...)}
}

// Copy sets c = a.
func (c *Mat) Copy(a *Mat) {
	sameSize(c, a)
	copy(c.A, a.A)
}

// MatFromM3 returns m as a 3 x 3 Mat.
func MatFromM3(m *M3) Mat { return Mat{N: 3, A: append([]complex128(nil), m[:]...)} }

// M3 returns m as an M3; m.N must be 3.
func (m *Mat) M3() M3 {
	if m.N != 3 {
		panic(fmt.Sprintf("sun: Mat.M3 on a %dx%d matrix; it needs N = 3", m.N, m.N))
	}
	var r M3
	copy(r[:], m.A)
	return r
}

// MatFromSU2 returns the quaternion a as a 2 x 2 Mat.
func MatFromSU2(a SU2) Mat {
	w := a.Matrix()
	return Mat{N: 2, A: w[:]}
}

// Add sets c = a + b.
func (c *Mat) Add(a, b *Mat) {
	sameSize(c, a, b)
	for i := range c.A {
		c.A[i] = a.A[i] + b.A[i]
	}
}

// Sub sets c = a - b.
func (c *Mat) Sub(a, b *Mat) {
	sameSize(c, a, b)
	for i := range c.A {
		c.A[i] = a.A[i] - b.A[i]
	}
}

// Scale sets c = s a.
func (c *Mat) Scale(s complex128, a *Mat) {
	sameSize(c, a)
	for i := range c.A {
		c.A[i] = s * a.A[i]
	}
}

// Dagger sets c = a^dagger.
func (c *Mat) Dagger(a *Mat) {
	sameSize(c, a)
	n := a.N
	if aliased(c, a) {
		for i := 0; i < n; i++ {
			c.A[n*i+i] = conj(c.A[n*i+i])
			for j := i + 1; j < n; j++ {
				c.A[n*i+j], c.A[n*j+i] = conj(c.A[n*j+i]), conj(c.A[n*i+j])
			}
		}
		return
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			c.A[n*i+j] = conj(a.A[n*j+i])
		}
	}
}

// Trace returns Tr m.
func (m *Mat) Trace() complex128 {
	var t complex128
	for i := 0; i < m.N; i++ {
		t += m.A[m.N*i+i]
	}
	return t
}

// ReTrace returns Re Tr m.
func (m *Mat) ReTrace() float64 { return real(m.Trace()) }

// Norm returns the Frobenius norm of m.
func (m *Mat) Norm() float64 {
	var s float64
	for _, z := range m.A {
		s += abs2(z)
	}
	return math.Sqrt(s)
}

// sameSize panics unless every matrix is N x N with len(A) = N*N for the
// first one's N.
func sameSize(ms ...*Mat) {
	n := ms[0].N
	for _, m := range ms {
		if m.N != n || len(m.A) != n*n {
			panic(fmt.Sprintf("sun: matrix sizes differ or are inconsistent (N=%d len=%d, want N=%d len=%d); "+
				"create outputs with NewMat(n)", m.N, len(m.A), n, n*n))
		}
	}
}

// aliased reports whether a and b share their backing array start.
func aliased(a, b *Mat) bool {
	return len(a.A) > 0 && len(b.A) > 0 && &a.A[0] == &b.A[0]
}
