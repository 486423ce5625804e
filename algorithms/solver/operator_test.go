package solver

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// The four test operators (see buildOp): Hermitian positive definite and
// Wilson-like, on the full lattice and on even sites. The comments give
// lower bounds of their condition numbers (power and inverse iteration,
// checked by TestConditionNumbers).
var (
	hermFull   = opSpec{subset: layout.Full, mass: 0.02, eps: 0.05, seed: 11}                // cond > 50
	hermEven   = opSpec{subset: layout.Even, mass: 0.1, eps: 0.3, seed: 12}                  // cond > 150
	wilsonFull = opSpec{wilson: true, subset: layout.Full, kappa: 0.15, eps: 0.3, seed: 13}  // cond > 120
	wilsonEven = opSpec{wilson: true, subset: layout.Even, kappa: 0.153, eps: 0.3, seed: 14} // cond > 150
)

var allSpecs = []struct {
	name string
	sp   opSpec
}{{"herm/full", hermFull}, {"herm/even", hermEven}, {"wilson/full", wilsonFull}, {"wilson/even", wilsonEven}}

// TestOperatorAdjoint checks <x, A y> = <A^dag x, y> for every test
// operator, and A^dag = A and <x, A x> > 0 for the Hermitian ones, on
// W = 1 and W = 4.
func TestOperatorAdjoint(t *testing.T) {
	for _, w := range []int{1, 4} {
		l := newLayout(t, comm.Local(), lat4, w)
		for _, tc := range allSpecs {
			op := mustOp(t, l, tc.sp)
			x, y := gaussian(l, tc.sp.subset, 1), gaussian(l, tc.sp.subset, 2)
			ay, adx := x.Like(), x.Like()
			if err := op.Apply(ay, y); err != nil {
				t.Fatal(err)
			}
			if err := op.ApplyDag(adx, x); err != nil {
				t.Fatal(err)
			}
			lhs, _ := layout.Dot(x, ay)
			rhs, _ := layout.Dot(adx, y)
			if d := cmplx.Abs(lhs-rhs) / cmplx.Abs(lhs); d > 1e-13 {
				t.Errorf("W=%d %s: <x, A y> = %v, <A^dag x, y> = %v: relative difference %.2g > 1e-13", w, tc.name, lhs, rhs, d)
			}
			ax := x.Like()
			if err := op.Apply(ax, x); err != nil {
				t.Fatal(err)
			}
			if d := relDiff(t, ax, adx); tc.sp.wilson && d < 0.1 {
				t.Errorf("W=%d %s: |A x - A^dag x| / |A^dag x| = %.2g: the Wilson-like operator should be far from Hermitian", w, tc.name, d)
			} else if !tc.sp.wilson && d > 1e-14 {
				t.Errorf("W=%d %s: |A x - A^dag x| / |A^dag x| = %.2g > 1e-14: not Hermitian", w, tc.name, d)
			}
			if !tc.sp.wilson {
				xax, _ := layout.Dot(x, ax)
				if real(xax) <= 0 || math.Abs(imag(xax)) > 1e-12*real(xax) {
					t.Errorf("W=%d %s: <x, A x> = %v: want real and positive", w, tc.name, xax)
				}
			}
		}
	}
}

// TestOperatorHops checks that the test operators couple neighbours (so
// solvers meet halos): A applied to a point source at the origin is
// nonzero at the neighbour x = (0,0,0,1) (Full) or (0,0,1,1) (Even), and
// zero at a site out of reach.
func TestOperatorHops(t *testing.T) {
	l := newLayout(t, comm.Local(), lat4, 2)
	for _, tc := range allSpecs {
		op := mustOp(t, l, tc.sp)
		src, dst := op.NewField(), op.NewField()
		tile, lane := l.TileLane([4]int{0, 0, 0, 0})
		src.Set(tile, 0, lane, 1)
		if err := op.Apply(dst, src); err != nil {
			t.Fatal(err)
		}
		near, far := [4]int{0, 0, 0, 1}, [4]int{2, 2, 0, 1}
		if tc.sp.subset == layout.Even {
			near, far = [4]int{0, 0, 1, 1}, [4]int{2, 2, 1, 1}
		}
		norm := func(g [4]int) float64 {
			tile, lane := l.TileLane(g)
			var s float64
			for c := range nsc {
				v := dst.At(tile, c, lane)
				s += real(v)*real(v) + imag(v)*imag(v)
			}
			return s
		}
		if norm(near) == 0 {
			t.Errorf("%s: A on a point source is zero at neighbour %v: no hopping term", tc.name, near)
		}
		if norm(far) != 0 {
			t.Errorf("%s: A on a point source reaches %v, out of range", tc.name, far)
		}
	}
}

// TestConditionNumbers checks that the test operators are as ill
// conditioned as the comments above say, so that the solver tests mean
// something: sigma_max from 30 power iterations on A^dag A (a lower
// bound) over sigma_min from 2 inverse iterations on A^dag A (an upper bound) is a lower bound of the condition number.
func TestConditionNumbers(t *testing.T) {
	if testing.Short() {
		t.Skip("condition number estimates take ~10 s; skipped under -short")
	}
	l := newLayout(t, comm.Local(), lat4, 1)
	want := map[string]float64{"herm/full": 50, "herm/even": 150, "wilson/full": 120, "wilson/even": 150}
	for _, tc := range allSpecs {
		op := mustOp(t, l, tc.sp)
		b := gaussian(l, tc.sp.subset, 5)
		sMax := sigmaMax(t, op, b.Clone(), 30)
		sMin := sigmaMin(t, op, b.Clone(), 2)
		t.Logf("%s: sigma in [%.3g, %.3g], condition number >= %.3g", tc.name, sMin, sMax, sMax/sMin)
		if c := sMax / sMin; c < want[tc.name] {
			t.Errorf("%s: condition number >= %.3g, want >= %g", tc.name, c, want[tc.name])
		}
	}
}

// sigmaMax is a lower bound of the largest singular value: power iteration
// on A^dag A from v.
func sigmaMax(t *testing.T, op Operator[float64], v *layout.Field[float64], n int) float64 {
	t.Helper()
	w, u := v.Like(), v.Like()
	var lam float64
	for range n {
		nv, _ := layout.Norm2(v)
		layout.Scale(1/math.Sqrt(nv), v)
		if err := op.Apply(w, v); err != nil {
			t.Fatal(err)
		}
		if err := op.ApplyDag(u, w); err != nil {
			t.Fatal(err)
		}
		d, _ := layout.Dot(v, u)
		lam = real(d)
		v, u = u, v
	}
	return math.Sqrt(lam)
}

// sigmaMin is an upper bound of the smallest singular value: inverse
// iteration on A^dag A, x = A^-1 A^-dag v by two BiCGStab solves (to 1e-6)
// from |v| = 1, so that A^dag A x = v and
// sigma_min^2 = lambda_min(A^dag A) <= <x, A^dag A x> / |x|^2 = <x, v> / |x|^2.
func sigmaMin(t *testing.T, op Operator[float64], v *layout.Field[float64], n int) float64 {
	t.Helper()
	var lam float64
	for range n {
		nv, _ := layout.Norm2(v)
		layout.Scale(1/math.Sqrt(nv), v)
		y, x := v.Like(), v.Like()
		if _, err := BiCGStab[float64](adjoint[float64]{op}, y, v, Params{Tol: 1e-6, MaxIter: 10000}); err != nil {
			t.Fatal(err)
		}
		if _, err := BiCGStab(op, x, y, Params{Tol: 1e-6, MaxIter: 10000}); err != nil {
			t.Fatal(err)
		}
		xv, _ := layout.Dot(x, v)
		xx, _ := layout.Norm2(x)
		lam = real(xv) / xx
		v = x
	}
	return math.Sqrt(lam)
}

// adjoint is A^dag.
type adjoint[F layout.Float] struct{ op Operator[F] }

func (a adjoint[F]) Apply(dst, src *layout.Field[F]) error    { return a.op.ApplyDag(dst, src) }
func (a adjoint[F]) ApplyDag(dst, src *layout.Field[F]) error { return a.op.Apply(dst, src) }
func (a adjoint[F]) NewField() *layout.Field[F]               { return a.op.NewField() }

// TestNormal checks Normal(A) x = A^dag (A x) and its flop count.
func TestNormal(t *testing.T) {
	l := newLayout(t, comm.Local(), lat4, 2)
	op := mustOp(t, l, wilsonFull)
	x := gaussian(l, layout.Full, 1)
	ax, want, got := x.Like(), x.Like(), x.Like()
	if err := op.Apply(ax, x); err != nil {
		t.Fatal(err)
	}
	if err := op.ApplyDag(want, ax); err != nil {
		t.Fatal(err)
	}
	n := Normal(op)
	if err := n.Apply(got, x); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(t, got, want); d != 0 {
		t.Errorf("Normal(A) x differs from A^dag A x by %.3g", d)
	}
	if f := n.(FlopCounter).Flops(); f != 2*op.Flops() {
		t.Errorf("Normal flops %g, want %g", f, 2*op.Flops())
	}
}
