package sun

import "math"

// SU2 is a real quaternion a0 1 + i (a1 s1 + a2 s2 + a3 s3), s_k the Pauli
// matrices, as a 2x2 complex matrix:
//
//	[ a0 + i a3    a2 + i a1 ]
//	[ -a2 + i a1   a0 - i a3 ]
//
// It lies in SU(2) when a0^2+a1^2+a2^2+a3^2 = 1; unnormalised quaternions
// (sums of SU(2) matrices, as returned by ExtractSU2) are k times an SU(2)
// element with k = sqrt(Det).
type SU2 [4]float64

// SU2Identity returns the unit quaternion 1.
func SU2Identity() SU2 { return SU2{1, 0, 0, 0} }

// Mul returns a b. With a = a0 + i a.s, b = b0 + i b.s and
// (a.s)(b.s) = a.b + i (a x b).s the product is
// (a0 b0 - a.b) + i (a0 b + b0 a - a x b).s.
func (a SU2) Mul(b SU2) SU2 {
	return SU2{
		a[0]*b[0] - a[1]*b[1] - a[2]*b[2] - a[3]*b[3],
		a[0]*b[1] + b[0]*a[1] - (a[2]*b[3] - a[3]*b[2]),
		a[0]*b[2] + b[0]*a[2] - (a[3]*b[1] - a[1]*b[3]),
		a[0]*b[3] + b[0]*a[3] - (a[1]*b[2] - a[2]*b[1]),
	}
}

// Dagger returns a^dagger = a0 - i a.s.
func (a SU2) Dagger() SU2 { return SU2{a[0], -a[1], -a[2], -a[3]} }

// Det returns det a = a0^2 + a1^2 + a2^2 + a3^2.
func (a SU2) Det() float64 { return a[0]*a[0] + a[1]*a[1] + a[2]*a[2] + a[3]*a[3] }

// Norm returns sqrt(det a), the factor k with a = k * (element of SU(2)).
func (a SU2) Norm() float64 { return math.Sqrt(a.Det()) }

// Normalize returns a / Norm(a), an element of SU(2). The zero quaternion is
// returned unchanged.
func (a SU2) Normalize() SU2 {
	n := a.Norm()
	if n == 0 {
		return a
	}
	s := 1 / n
	return SU2{s * a[0], s * a[1], s * a[2], s * a[3]}
}

// Add returns a + b.
func (a SU2) Add(b SU2) SU2 { return SU2{a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]} }

// Sub returns a - b.
func (a SU2) Sub(b SU2) SU2 { return SU2{a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]} }

// Scale returns s a.
func (a SU2) Scale(s float64) SU2 { return SU2{s * a[0], s * a[1], s * a[2], s * a[3]} }

// ReTrace returns Re Tr a = 2 a0 (the trace of a real quaternion is real).
func (a SU2) ReTrace() float64 { return 2 * a[0] }

// Matrix returns a as a row-major 2x2 complex matrix.
func (a SU2) Matrix() [4]complex128 {
	return [4]complex128{
		complex(a[0], a[3]), complex(a[2], a[1]),
		complex(-a[2], a[1]), complex(a[0], -a[3]),
	}
}

// SU2FromMatrix returns the quaternion part of a row-major 2x2 complex matrix
// w: the orthogonal projection, in the inner product Re Tr(A^dagger B), onto
// the real span of 1, i s1, i s2, i s3. It is exact for w = Matrix(a), and
// Re Tr(u w) = Re Tr(u k) for every SU(2) element u, which is all that a
// heatbath or an overrelaxation step needs of w.
func SU2FromMatrix(w [4]complex128) SU2 {
	return SU2{
		(real(w[0]) + real(w[3])) / 2,
		(imag(w[1]) + imag(w[2])) / 2,
		(real(w[1]) - real(w[2])) / 2,
		(imag(w[0]) - imag(w[3])) / 2,
	}
}
