package sun

import (
	"math"
	"testing"
)

func randomQuaternion(src Source) SU2 {
	return SU2{src.Gaussian(), src.Gaussian(), src.Gaussian(), src.Gaussian()}
}

// mul2 multiplies row-major 2x2 complex matrices.
func mul2(a, b [4]complex128) [4]complex128 {
	return [4]complex128{
		a[0]*b[0] + a[1]*b[2], a[0]*b[1] + a[1]*b[3],
		a[2]*b[0] + a[3]*b[2], a[2]*b[1] + a[3]*b[3],
	}
}

func diff2(a, b [4]complex128) float64 {
	var s float64
	for i := range a {
		s += abs2(a[i] - b[i])
	}
	return math.Sqrt(s)
}

func TestSU2MatrixForm(t *testing.T) {
	// The convention of doc.go: a0 + i(a1 s1 + a2 s2 + a3 s3).
	for k, want := range [4][4]complex128{
		{1, 0, 0, 1},    // 1
		{0, 1i, 1i, 0},  // i s1
		{0, 1, -1, 0},   // i s2
		{1i, 0, 0, -1i}, // i s3
	} {
		var e SU2
		e[k] = 1
		if got := e.Matrix(); got != want {
			t.Errorf("basis quaternion %d as matrix = %v, want %v", k, got, want)
		}
	}
	src := newSource(70)
	for n := 0; n < 100; n++ {
		a, b := randomQuaternion(src), randomQuaternion(src)
		ab := a.Mul(b).Matrix()
		checkLE(t, "|Matrix(a b) - Matrix(a) Matrix(b)|", diff2(ab, mul2(a.Matrix(), b.Matrix())), 1e-14)
		m := a.Matrix()
		d := a.Dagger().Matrix()
		dm := [4]complex128{conj(m[0]), conj(m[2]), conj(m[1]), conj(m[3])}
		checkLE(t, "|Matrix(a^+) - Matrix(a)^+|", diff2(d, dm), 0)
		det := real(m[0]*m[3] - m[1]*m[2])
		checkLE(t, "|Det - det Matrix|", math.Abs(a.Det()-det), 1e-13)
		checkLE(t, "|SU2FromMatrix(Matrix(a)) - a|", a.Sub(SU2FromMatrix(m)).Norm(), 1e-15)
		u := a.Normalize()
		checkLE(t, "|u u^+ - 1|", u.Mul(u.Dagger()).Sub(SU2Identity()).Norm(), 1e-15)
		checkLE(t, "|Re Tr - 2 a0|", math.Abs(a.ReTrace()-real(m[0]+m[3])), 1e-15)
	}
}

// SU2FromMatrix is the projection for which Re Tr(u w) = Re Tr(u k).
func TestSU2FromMatrixProjection(t *testing.T) {
	src := newSource(71)
	for n := 0; n < 100; n++ {
		var w [4]complex128
		for i := range w {
			w[i] = complex(src.Gaussian(), src.Gaussian())
		}
		k := SU2FromMatrix(w)
		for m := 0; m < 5; m++ {
			u := RandomSU2(src)
			um := u.Matrix()
			p := mul2(um, w)
			checkLE(t, "|Re Tr(u w) - Re Tr(u k)|", math.Abs(real(p[0]+p[3])-u.Mul(k).ReTrace()), 1e-14)
		}
	}
}

// embedMat returns E(u) for subgroup (i, j) of SU(n).
func embedMat(n int, u SU2, i, j int) Mat {
	e := IdentityN(n)
	w := u.Matrix()
	e.A[n*i+i], e.A[n*i+j], e.A[n*j+i], e.A[n*j+j] = w[0], w[1], w[2], w[3]
	return e
}

func TestSubgroupEmbedding(t *testing.T) {
	src := newSource(72)
	if got := SubgroupPairs(3); len(got) != 3 || got[0] != SU3Subgroups[0] || got[1] != SU3Subgroups[1] || got[2] != SU3Subgroups[2] {
		t.Errorf("SubgroupPairs(3) = %v, want %v", got, SU3Subgroups)
	}
	if got := len(SubgroupPairs(5)); got != 10 {
		t.Errorf("len(SubgroupPairs(5)) = %d, want 10", got)
	}
	for _, n := range []int{2, 3, 4, 5} {
		for _, p := range SubgroupPairs(n) {
			i, j := p[0], p[1]
			for s := 0; s < 10; s++ {
				u := RandomSU2(src)
				m := gaussMat(n, src)
				e := embedMat(n, u, i, j)
				want, got := NewMat(n), m.Clone()
				want.Mul(&e, &m)
				got.MulSU2Left(u, i, j)
				checkLE(t, "|MulSU2Left - E(u) m|", diffMat(&got, &want), 1e-14)
				want.Mul(&m, &e)
				got = m.Clone()
				got.MulSU2Right(u, i, j)
				checkLE(t, "|MulSU2Right - m E(u)|", diffMat(&got, &want), 1e-14)

				// Extract of an embedded element gives it back.
				if got := e.ExtractSU2(i, j); got.Sub(u).Norm() > 1e-15 {
					t.Errorf("ExtractSU2(E(u)) = %v, want %v", got, u)
				}
				// Re Tr(E(v) m) - Re Tr(v k) is the same for every v.
				k := m.ExtractSU2(i, j)
				var c0 float64
				for r := 0; r < 4; r++ {
					v := RandomSU2(src)
					ev := embedMat(n, v, i, j)
					p := NewMat(n)
					p.Mul(&ev, &m)
					c := p.ReTrace() - v.Mul(k).ReTrace()
					if r == 0 {
						c0 = c
					}
					checkLE(t, "Re Tr(E(v) m) - Re Tr(v k) varies with v by", math.Abs(c-c0), 1e-13)
				}

				// M3 twins.
				if n == 3 {
					m3 := m.M3()
					k3 := m3.ExtractSU2(i, j)
					checkLE(t, "|M3.ExtractSU2 - Mat.ExtractSU2|", k3.Sub(k).Norm(), 0)
					l, r := m3, m3
					l.MulSU2Left(u, i, j)
					r.MulSU2Right(u, i, j)
					ml, mr := m.Clone(), m.Clone()
					ml.MulSU2Left(u, i, j)
					mr.MulSU2Right(u, i, j)
					checkLE(t, "|M3.MulSU2Left - Mat.MulSU2Left|", diffMatM3(&ml, &l), 0)
					checkLE(t, "|M3.MulSU2Right - Mat.MulSU2Right|", diffMatM3(&mr, &r), 0)
				}
			}
		}
	}
}

func TestMaxTraceAndOverrelaxSU2(t *testing.T) {
	src := newSource(73)
	for n := 0; n < 200; n++ {
		k := randomQuaternion(src)
		a := MaxTraceSU2(k)
		best := a.Mul(k).ReTrace()
		checkLE(t, "|max Re Tr(a k) - 2|k||", math.Abs(best-2*k.Norm()), 1e-14)
		v := RandomSU2(src)
		if got := v.Mul(k).ReTrace(); got > best+1e-14 {
			t.Errorf("random SU(2) beats MaxTraceSU2: %g > %g", got, best)
		}
		o := OverrelaxSU2(k)
		checkLE(t, "|det overrelaxation - 1|", math.Abs(o.Det()-1), 4e-15)
		checkLE(t, "|Re Tr(o k) - Re Tr(k)| (action kept)", math.Abs(o.Mul(k).ReTrace()-k.ReTrace()), 1e-13)
		// Applying it twice to the updated k returns to the start.
		k2 := o.Mul(k)
		o2 := OverrelaxSU2(k2)
		checkLE(t, "|o2 o - 1| (overrelaxation is an involution)", o2.Mul(o).Sub(SU2Identity()).Norm(), 1e-13)
	}
	if MaxTraceSU2(SU2{}) != SU2Identity() || OverrelaxSU2(SU2{}) != SU2Identity() {
		t.Errorf("k = 0 must give the identity")
	}
}
