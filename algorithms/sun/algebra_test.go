package sun

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"
)

func TestGeneratorNormalisation(t *testing.T) {
	for _, n := range []int{2, 3, 4, 5} {
		g := Generators(n)
		if len(g) != n*n-1 {
			t.Fatalf("N=%d: %d generators, want %d", n, len(g), n*n-1)
		}
		p := NewMat(n)
		for a := range g {
			h := NewMat(n)
			h.Dagger(&g[a])
			checkLE(t, fmt.Sprintf("N=%d |T^%d - T^%d^+|", n, a, a), diffMat(&h, &g[a]), 0)
			checkLE(t, fmt.Sprintf("N=%d |Tr T^%d|", n, a), cmplx.Abs(g[a].Trace()), 1e-15)
			for b := range g {
				p.Mul(&g[a], &g[b])
				want := 0.0
				if a == b {
					want = 0.5
				}
				checkLE(t, fmt.Sprintf("N=%d |Tr(T^%d T^%d) - delta/2|", n, a, b), cmplx.Abs(p.Trace()-complex(want, 0)), 1e-15)
			}
		}
	}
}

// N = 2 gives the Pauli matrices / 2 and N = 3 the Gell-Mann matrices / 2.
func TestGeneratorsArePauliAndGellMann(t *testing.T) {
	r3 := 1 / math.Sqrt(3)
	gellMann := [8]M3{
		{0, 1, 0, 1, 0, 0, 0, 0, 0},
		{0, -1i, 0, 1i, 0, 0, 0, 0, 0},
		{1, 0, 0, 0, -1, 0, 0, 0, 0},
		{0, 0, 1, 0, 0, 0, 1, 0, 0},
		{0, 0, -1i, 0, 0, 0, 1i, 0, 0},
		{0, 0, 0, 0, 0, 1, 0, 1, 0},
		{0, 0, 0, 0, 0, -1i, 0, 1i, 0},
		{complex(r3, 0), 0, 0, 0, complex(r3, 0), 0, 0, 0, complex(-2*r3, 0)},
	}
	g := Generators(3)
	for a := range gellMann {
		var half M3
		half.ScaleReal(0.5, &gellMann[a])
		checkLE(t, fmt.Sprintf("|T^%d - lambda_%d/2|", a, a+1), diffMatM3(&g[a], &half), 1e-15)
	}
	pauli := [3][4]complex128{{0, 1, 1, 0}, {0, -1i, 1i, 0}, {1, 0, 0, -1}}
	g = Generators(2)
	for a := range pauli {
		for i := range pauli[a] {
			if g[a].A[i] != pauli[a][i]/2 {
				t.Errorf("T^%d of su(2) = %v, want sigma_%d/2", a, g[a].A, a+1)
				break
			}
		}
	}
}

func TestAlgebraRoundTrip(t *testing.T) {
	src := newSource(100)
	for _, n := range []int{2, 3, 4, 6} {
		g := Generators(n)
		for s := 0; s < 20; s++ {
			c := make([]float64, n*n-1)
			var sum2 float64
			for a := range c {
				c[a] = src.Gaussian()
				sum2 += c[a] * c[a]
			}
			x, err := AlgebraToMatrix(c)
			if err != nil {
				t.Fatal(err)
			}
			// X = i sum_a c_a T^a from the explicit generators.
			want := NewMat(n)
			for a := range g {
				for k := range want.A {
					want.A[k] += complex(0, c[a]) * g[a].A[k]
				}
			}
			checkLE(t, fmt.Sprintf("N=%d |AlgebraToMatrix - i c.T|", n), diffMat(&x, &want), 1e-15)
			// -Tr X^2 = sum c^2 / 2.
			x2 := NewMat(n)
			x2.Mul(&x, &x)
			checkLE(t, "|-Tr X^2 - |c|^2/2|", cmplx.Abs(-x2.Trace()-complex(sum2/2, 0)), 1e-13)
			back := MatrixToAlgebra(&x)
			for a := range c {
				checkLE(t, fmt.Sprintf("N=%d |MatrixToAlgebra(AlgebraToMatrix(c)) - c|", n), math.Abs(back[a]-c[a]), 1e-15)
			}
			// On a general matrix it gives the coefficients of the projection.
			m := gaussMat(n, src)
			p := NewMat(n)
			p.TracelessAntiHermitian(&m)
			cm, cp := MatrixToAlgebra(&m), MatrixToAlgebra(&p)
			for a := range cm {
				checkLE(t, "|MatrixToAlgebra(m) - MatrixToAlgebra(T(m))|", math.Abs(cm[a]-cp[a]), 1e-14)
			}
			xp, _ := AlgebraToMatrix(cp)
			checkLE(t, "|AlgebraToMatrix(MatrixToAlgebra(m)) - T(m)|", diffMat(&xp, &p), 1e-14)

			if n == 3 {
				var c8 [8]float64
				copy(c8[:], c)
				x3 := AlgebraToM3(&c8)
				checkLE(t, "|AlgebraToM3 - AlgebraToMatrix|", diffMatM3(&x, &x3), 1e-15)
				m3 := m.M3()
				b8 := M3ToAlgebra(&m3)
				for a := range b8 {
					checkLE(t, "|M3ToAlgebra - MatrixToAlgebra|", math.Abs(b8[a]-cm[a]), 1e-15)
				}
			}
		}
	}
}

func TestAlgebraToMatrixBadLength(t *testing.T) {
	for _, l := range []int{0, 1, 2, 4, 7, 9} {
		if _, err := AlgebraToMatrix(make([]float64, l)); err == nil {
			t.Errorf("AlgebraToMatrix with %d coefficients: no error", l)
		}
	}
}
