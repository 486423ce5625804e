package sun

import (
	"math/cmplx"
	"testing"
)

const roundoff = 1e-14 // for O(1) matrix entries and a handful of operations

func TestM3Products(t *testing.T) {
	src := newSource(1)
	for n := 0; n < 100; n++ {
		a, b := gaussM3(src), gaussM3(src)
		var ad, bd M3
		ad.Dagger(&a)
		bd.Dagger(&b)
		ref := naiveMul(&a, &b)
		var c M3
		c.Mul(&a, &b)
		checkLE(t, "|Mul - naive|", diffM3(&c, &ref), roundoff)
		ref = naiveMul(&a, &bd)
		c.MulDag(&a, &b)
		checkLE(t, "|MulDag - a b^+|", diffM3(&c, &ref), roundoff)
		ref = naiveMul(&ad, &b)
		c.DagMul(&a, &b)
		checkLE(t, "|DagMul - a^+ b|", diffM3(&c, &ref), roundoff)
		ref = naiveMul(&ad, &bd)
		c.DagDag(&a, &b)
		checkLE(t, "|DagDag - a^+ b^+|", diffM3(&c, &ref), roundoff)
	}
}

// Every product must give the same result when the receiver is an argument.
func TestM3ProductsAlias(t *testing.T) {
	src := newSource(2)
	a, b := gaussM3(src), gaussM3(src)
	ops := map[string]func(c, x, y *M3){
		"Mul": (*M3).Mul, "MulDag": (*M3).MulDag, "DagMul": (*M3).DagMul, "DagDag": (*M3).DagDag,
		"Add": (*M3).Add, "Sub": (*M3).Sub,
	}
	for name, op := range ops {
		var want M3
		op(&want, &a, &b)
		c := a
		op(&c, &c, &b)
		checkLE(t, name+" with c=a", diffM3(&c, &want), 0)
		c = b
		op(&c, &a, &c)
		checkLE(t, name+" with c=b", diffM3(&c, &want), 0)
	}
	var want, c M3
	naa := naiveMul(&a, &a)
	c = a
	c.Mul(&c, &c)
	checkLE(t, "Mul with c=a=b", diffM3(&c, &naa), roundoff)
	want.Dagger(&a)
	c = a
	c.Dagger(&c)
	checkLE(t, "Dagger in place", diffM3(&c, &want), 0)
}

func TestM3TraceDet(t *testing.T) {
	src := newSource(3)
	for n := 0; n < 50; n++ {
		a, b := gaussM3(src), gaussM3(src)
		m := MatFromM3(&a)
		if d := cmplx.Abs(a.Det() - m.Det()); d > roundoff*10 {
			t.Errorf("M3.Det %v vs LU %v", a.Det(), m.Det())
		}
		var ab M3
		ab.Mul(&a, &b)
		if d := cmplx.Abs(ab.Det() - a.Det()*b.Det()); d > 1e-12*cmplx.Abs(ab.Det())+1e-13 {
			t.Errorf("det(ab) - det a det b = %.3g", d)
		}
		if a.Trace() != a[0]+a[4]+a[8] || a.ReTrace() != real(a.Trace()) {
			t.Errorf("trace mismatch")
		}
	}
}

func TestTracelessAntiHermitian(t *testing.T) {
	src := newSource(4)
	for n := 0; n < 50; n++ {
		a := gaussM3(src)
		var x, xd, s M3
		x.TracelessAntiHermitian(&a)
		xd.Dagger(&x)
		s.Add(&x, &xd)
		checkLE(t, "|X + X^+|", s.Norm(), 0)
		checkLE(t, "|Tr X|", cmplx.Abs(x.Trace()), 1e-15)
		// Definition: (a - a^+)/2 - Tr(a - a^+)/6.
		var ad, want M3
		ad.Dagger(&a)
		want.Sub(&a, &ad)
		tr := want.Trace() / 6
		want.ScaleReal(0.5, &want)
		want[0] -= tr
		want[4] -= tr
		want[8] -= tr
		checkLE(t, "|T(a) - definition|", diffM3(&x, &want), roundoff)
		// Idempotent, and alias-safe.
		y := x
		y.TracelessAntiHermitian(&y)
		checkLE(t, "|T(T(a)) - T(a)|", diffM3(&y, &x), roundoff)
	}
}

func TestReunitarize(t *testing.T) {
	src := newSource(5)
	for n := 0; n < 200; n++ {
		a := gaussM3(src)
		a.Reunitarize()
		checkLE(t, "unitarity of Reunitarize(gauss)", unitarityError(&a), 1e-13)
		// An SU(3) matrix is left unchanged to round-off.
		b := a
		b.Reunitarize()
		checkLE(t, "|Reunitarize(U) - U|", diffM3(&a, &b), roundoff)
		// A slightly drifted link comes back to SU(3) and stays close.
		c := a
		for i := range c {
			c[i] += complex(1e-8*src.Gaussian(), 1e-8*src.Gaussian())
		}
		var p M3
		p.ProjectSU3(&c)
		checkLE(t, "unitarity after drift", unitarityError(&p), 1e-13)
		checkLE(t, "|projection - U| after 1e-8 drift", diffM3(&p, &a), 1e-7)
	}
}

func TestReconstructThirdRow(t *testing.T) {
	src := newSource(6)
	for n := 0; n < 50; n++ {
		u := RandomSU3(src)
		v := u
		v[6], v[7], v[8] = 0, 0, 0
		v.ReconstructThirdRow()
		checkLE(t, "|reconstructed - U|", diffM3(&u, &v), roundoff)
	}
}

func TestM3NoAllocs(t *testing.T) {
	src := newSource(7)
	a, b := gaussM3(src), gaussM3(src)
	x := randomSU3Algebra(1, src)
	var c M3
	cases := map[string]func(){
		"Mul":          func() { c.Mul(&a, &b) },
		"MulDag":       func() { c.MulDag(&a, &b) },
		"DagMul":       func() { c.DagMul(&a, &b) },
		"Exp3":         func() { c = Exp3(&x) },
		"Reunitarize":  func() { c = a; c.Reunitarize() },
		"TAH":          func() { c.TracelessAntiHermitian(&a) },
		"RandomSU3":    func() { c = RandomSU3(src) },
		"HeatbathSU2":  func() { _ = HeatbathSU2(3, src) },
		"ExtractSU2":   func() { c.MulSU2Left(a.ExtractSU2(0, 2), 0, 2) },
		"MaxTraceProj": func() { c.ProjectSU3MaxTrace(&a, 1e-12, 50) },
	}
	for name, f := range cases {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times per call, want 0", name, n)
		}
	}
}
