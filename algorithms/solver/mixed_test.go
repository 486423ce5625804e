package solver

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// TestFloat32StallsMixedConverges: CG and BiCGStab in float32 alone do not
// get below ~1e-7 (the float64 residual of their solution stays above
// 1e-8 however long they run), while the mixed-precision solvers reach
// 1e-10 in float64 in not many more iterations than the float64 solvers.
func TestFloat32StallsMixedConverges(t *testing.T) {
	const tol = 1e-10
	l := newLayout(t, comm.Local(), lat4, 2)
	cases := []struct {
		name  string
		sp    opSpec
		f32   func(op *hopOp[float32], x, b *layout.Field[float32], p Params) (Result, error)
		f64   func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error)
		mixed func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error)
	}{
		{"cg", hermFull,
			func(op *hopOp[float32], x, b *layout.Field[float32], p Params) (Result, error) {
				return CG(op, x, b, p)
			},
			func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
				return CG(op, x, b, p)
			},
			func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
				return MixedCG(op, op.to32(), x, b, p)
			}},
		{"bicgstab", wilsonFull,
			func(op *hopOp[float32], x, b *layout.Field[float32], p Params) (Result, error) {
				return BiCGStab(op, x, b, p)
			},
			func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
				return BiCGStab(op, x, b, p)
			},
			func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
				return MixedBiCGStab(op, op.to32(), x, b, p)
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			op := mustOp(t, l, tc.sp)
			b := gaussian(l, tc.sp.subset, 3)
			x := b.Like()
			r64, err := tc.f64(op, x, b, Params{Tol: tol, MaxIter: 1000})
			if err != nil {
				t.Fatal(err)
			}

			// float32 alone, given twice the iterations float64 needs.
			b32 := layout.NewField[float32](l, nsc, tc.sp.subset)
			if err := layout.Convert(b32, b); err != nil {
				t.Fatal(err)
			}
			x32 := b32.Like()
			r32, err := tc.f32(op.to32(), x32, b32, Params{Tol: tol, MaxIter: 2 * r64.Iterations})
			if !errors.Is(err, ErrNotConverged) || r32.Converged {
				t.Fatalf("float32 %s: error %v, converged %v: want ErrNotConverged", tc.name, err, r32.Converged)
			}
			if err := layout.Convert(x, x32); err != nil {
				t.Fatal(err)
			}
			if r := trueResidual[float64](t, op, x, b); r < 1e-8 || r > 1e-4 {
				t.Errorf("float32 %s: float64 residual of its solution %.3g, want in [1e-8, 1e-4] (stalled at float32 precision)", tc.name, r)
			}

			x.Zero()
			rm, err := tc.mixed(op, x, b, Params{Tol: tol, MaxIter: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if r := trueResidual[float64](t, op, x, b); r > tol || !rm.Converged {
				t.Errorf("mixed %s: residual %.3g, converged %v: want <= %g", tc.name, r, rm.Converged, tol)
			}
			if rm.Iterations > 2*r64.Iterations {
				t.Errorf("mixed %s: %d iterations, float64 alone %d: want at most twice", tc.name, rm.Iterations, r64.Iterations)
			}
			t.Logf("float64 %d iterations; float32 residual %.3g after %d; mixed %d iterations, %d corrections",
				r64.Iterations, r32.Residual, r32.Iterations, rm.Iterations, rm.Restarts)
		})
	}
}

// TestMixedBiCGStabFallsBack: with a float32 twin that is not the same
// operator (here -A), the first correction makes the residual worse; it is
// undone and the solve finishes in float64.
func TestMixedBiCGStabFallsBack(t *testing.T) {
	l := newLayout(t, comm.Local(), lat4, 1)
	op := mustOp(t, l, wilsonFull)
	b := gaussian(l, layout.Full, 3)
	x := b.Like()
	var log bytes.Buffer
	res, err := MixedBiCGStab(op, negated32{op.to32()}, x, b, Params{Tol: 1e-10, MaxIter: 1000, Verbose: &log})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "continuing in float64") {
		t.Errorf("no fallback to float64 in the log:\n%s", log.String())
	}
	if r := trueResidual[float64](t, op, x, b); r > 1e-10 || res.Restarts < 1 {
		t.Errorf("residual %.3g after %d corrections: want <= 1e-10 after at least one", r, res.Restarts)
	}
}

// negated32 is -A for a float32 operator.
type negated32 struct{ op *hopOp[float32] }

func (n negated32) Apply(dst, src *layout.Field[float32]) error {
	if err := n.op.Apply(dst, src); err != nil {
		return err
	}
	layout.Scale(-1, dst)
	return nil
}

func (n negated32) ApplyDag(dst, src *layout.Field[float32]) error {
	if err := n.op.ApplyDag(dst, src); err != nil {
		return err
	}
	layout.Scale(-1, dst)
	return nil
}

func (n negated32) NewField() *layout.Field[float32] { return n.op.NewField() }
