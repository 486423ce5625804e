package sun

import (
	"math"
	"math/cmplx"
	"testing"
)

// For N = 3 every Mat operation equals its M3 twin.
func TestMatMatchesM3(t *testing.T) {
	src := newSource(80)
	for n := 0; n < 100; n++ {
		a3, b3 := gaussM3(src), gaussM3(src)
		a, b := MatFromM3(&a3), MatFromM3(&b3)
		c := NewMat(3)
		var c3 M3

		type op struct {
			name string
			m    func()
			m3   func()
			tol  float64
		}
		ops := []op{
			{"Mul", func() { c.Mul(&a, &b) }, func() { c3.Mul(&a3, &b3) }, roundoff},
			{"MulDag", func() { c.MulDag(&a, &b) }, func() { c3.MulDag(&a3, &b3) }, roundoff},
			{"DagMul", func() { c.DagMul(&a, &b) }, func() { c3.DagMul(&a3, &b3) }, roundoff},
			{"DagDag", func() { c.DagDag(&a, &b) }, func() { c3.DagDag(&a3, &b3) }, roundoff},
			{"Add", func() { c.Add(&a, &b) }, func() { c3.Add(&a3, &b3) }, 0},
			{"Sub", func() { c.Sub(&a, &b) }, func() { c3.Sub(&a3, &b3) }, 0},
			{"Scale", func() { c.Scale(2-1i, &a) }, func() { c3.Scale(2-1i, &a3) }, 0},
			{"Dagger", func() { c.Dagger(&a) }, func() { c3.Dagger(&a3) }, 0},
			{"TracelessAntiHermitian", func() { c.TracelessAntiHermitian(&a) }, func() { c3.TracelessAntiHermitian(&a3) }, roundoff},
			{"Reunitarize", func() { c.Copy(&a); c.Reunitarize() }, func() { c3 = a3; c3.Reunitarize() }, 1e-13},
		}
		for _, o := range ops {
			o.m()
			o.m3()
			checkLE(t, "|Mat."+o.name+" - M3."+o.name+"|", diffMatM3(&c, &c3), o.tol)
		}
		if d := cmplx.Abs(a.Det() - a3.Det()); d > 1e-13 {
			t.Errorf("|Mat.Det - M3.Det| = %.3g", d)
		}
		if a.Trace() != a3.Trace() || a.ReTrace() != a3.ReTrace() {
			t.Errorf("Mat trace %v differs from M3 trace %v", a.Trace(), a3.Trace())
		}
		checkLE(t, "|Mat.Norm - M3.Norm|", math.Abs(a.Norm()-a3.Norm()), 1e-14)
	}
}

// For N = 2 Mat agrees with the quaternion algebra.
func TestMatMatchesSU2(t *testing.T) {
	src := newSource(81)
	for n := 0; n < 100; n++ {
		p, q := randomQuaternion(src), randomQuaternion(src)
		a, b := MatFromSU2(p), MatFromSU2(q)
		c := NewMat(2)
		c.Mul(&a, &b)
		want := MatFromSU2(p.Mul(q))
		checkLE(t, "|Mat.Mul - SU2.Mul|", diffMat(&c, &want), 1e-14)
		c.Dagger(&a)
		want = MatFromSU2(p.Dagger())
		checkLE(t, "|Mat.Dagger - SU2.Dagger|", diffMat(&c, &want), 0)
		if d := cmplx.Abs(a.Det() - complex(p.Det(), 0)); d > 1e-13 {
			t.Errorf("|Mat.Det - SU2.Det| = %.3g", d)
		}
		checkLE(t, "|ExtractSU2(0,1) - quaternion|", a.ExtractSU2(0, 1).Sub(p).Norm(), 1e-15)
		// Reunitarize of a quaternion matrix is its normalisation.
		c.Copy(&a)
		c.Reunitarize()
		want = MatFromSU2(p.Normalize())
		checkLE(t, "|Mat.Reunitarize - SU2.Normalize|", diffMat(&c, &want), 1e-14)
	}
}

func TestMatGeneralN(t *testing.T) {
	src := newSource(82)
	for _, n := range []int{2, 4, 5, 7, 9} {
		for s := 0; s < 20; s++ {
			a, b := gaussMat(n, src), gaussMat(n, src)
			ab := NewMat(n)
			ab.Mul(&a, &b)
			d := ab.Det() - a.Det()*b.Det()
			if cmplx.Abs(d) > 1e-11*cmplx.Abs(ab.Det()) {
				t.Errorf("N=%d det(ab) - det a det b = %.3g", n, cmplx.Abs(d))
			}
			// Products with daggers against Dagger + Mul, and aliasing.
			ad, bd := NewMat(n), NewMat(n)
			ad.Dagger(&a)
			bd.Dagger(&b)
			want, got := NewMat(n), NewMat(n)
			want.Mul(&a, &bd)
			got.MulDag(&a, &b)
			checkLE(t, "|MulDag - a b^+|", diffMat(&got, &want), 1e-13)
			want.Mul(&ad, &b)
			got.DagMul(&a, &b)
			checkLE(t, "|DagMul - a^+ b|", diffMat(&got, &want), 1e-13)
			want.Mul(&ad, &bd)
			got.DagDag(&a, &b)
			checkLE(t, "|DagDag - a^+ b^+|", diffMat(&got, &want), 1e-13)
			got = a.Clone()
			got.Mul(&got, &b)
			ab.Mul(&a, &b)
			checkLE(t, "|Mul with c=a - a b|", diffMat(&got, &ab), 0)
			got = a.Clone()
			got.Dagger(&got)
			checkLE(t, "|Dagger in place - a^+|", diffMat(&got, &ad), 0)

			r := a.Clone()
			r.Reunitarize()
			checkLE(t, "unitarity of Mat.Reunitarize", unitarityErrorMat(&r), 1e-13)
			x := NewMat(n)
			x.TracelessAntiHermitian(&a)
			xd := NewMat(n)
			xd.Dagger(&x)
			xd.Add(&xd, &x)
			checkLE(t, "|X + X^+| of TracelessAntiHermitian", xd.Norm(), 0)
			checkLE(t, "|Tr| of TracelessAntiHermitian", cmplx.Abs(x.Trace()), 1e-14)
		}
	}
}

func TestMatSizeMismatchPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("Mul of 3x3 into 2x2 did not panic")
		}
	}()
	a, c := NewMat(3), NewMat(2)
	c.Mul(&a, &a)
}
