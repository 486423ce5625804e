package sun

import (
	"fmt"
	"testing"
)

// At the maximum of Re Tr(U V^dagger) the derivative along every su(3)
// direction vanishes: TracelessAntiHermitian(U V^dagger) = 0. It is a
// maximum: no nearby or random SU(3) matrix does better.
func TestProjectSU3MaxTrace(t *testing.T) {
	src := newSource(90)
	for n := 0; n < 200; n++ {
		var v M3
		switch n % 3 {
		case 0: // a generic matrix
			v = gaussM3(src)
		case 1: // a smeared-link-like sum: SU(3) plus small staples
			v = RandomSU3(src)
			g := gaussM3(src)
			v.AddScaled(0.3, &g)
		case 2: // a positive multiple of an SU(3) matrix projects to itself
			v = RandomSU3(src)
		}
		var u M3
		iters := u.ProjectSU3MaxTrace(&v, 1e-13, 500)
		if iters >= 500 {
			t.Errorf("case %d: no convergence in 500 sweeps", n%3)
		}
		checkLE(t, "unitarity of ProjectSU3MaxTrace", unitarityError(&u), 1e-13)
		var w, g M3
		w.MulDag(&u, &v)
		g.TracelessAntiHermitian(&w)
		checkLE(t, fmt.Sprintf("case %d |T(U V^+)| at the maximum", n%3), g.Norm(), 1e-11)
		best := w.ReTrace()
		for k := 0; k < 5; k++ {
			x := randomSU3Algebra(1e-3, src)
			e := Exp3(&x)
			var up, wp M3
			up.Mul(&e, &u)
			wp.MulDag(&up, &v)
			if wp.ReTrace() > best+1e-13 {
				t.Errorf("a nearby SU(3) matrix beats the max-trace projection: %.15g > %.15g", wp.ReTrace(), best)
			}
		}
		if n%3 == 2 {
			checkLE(t, "|projection of an SU(3) matrix - itself|", diffM3(&u, &v), 1e-12)
		}
		// Mat twin.
		vm := MatFromM3(&v)
		um := NewMat(3)
		um.ProjectSUNMaxTrace(&vm, 1e-13, 500)
		checkLE(t, "|Mat.ProjectSUNMaxTrace - M3.ProjectSU3MaxTrace|", diffMatM3(&um, &u), 1e-11)
		// Alias-safe.
		a := v
		a.ProjectSU3MaxTrace(&a, 1e-13, 500)
		checkLE(t, "|aliased ProjectSU3MaxTrace - unaliased|", diffM3(&a, &u), 0)
	}
}

func TestProjectSUNMaxTraceGeneralN(t *testing.T) {
	src := newSource(91)
	for _, n := range []int{2, 4, 5} {
		for s := 0; s < 20; s++ {
			v := gaussMat(n, src)
			u := NewMat(n)
			if it := u.ProjectSUNMaxTrace(&v, 1e-13, 2000); it >= 2000 {
				t.Errorf("N=%d: no convergence in 2000 sweeps", n)
			}
			checkLE(t, "unitarity of ProjectSUNMaxTrace", unitarityErrorMat(&u), 1e-13)
			w, g := NewMat(n), NewMat(n)
			w.MulDag(&u, &v)
			g.TracelessAntiHermitian(&w)
			checkLE(t, fmt.Sprintf("N=%d |T(U V^+)| at the maximum", n), g.Norm(), 1e-11)
			for k := 0; k < 5; k++ {
				r := RandomSUN(n, src)
				rv := NewMat(n)
				rv.MulDag(&r, &v)
				if rv.ReTrace() > w.ReTrace()+1e-13 {
					t.Errorf("N=%d: random SU(N) beats the max-trace projection", n)
				}
			}
		}
	}
}
