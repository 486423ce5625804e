package solver

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// solveFunc runs one solver on the test operator op (with its float32 twin
// for the mixed solvers).
type solveFunc func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error)

var solvers = []struct {
	name   string
	wilson bool // needs a general operator (else Hermitian positive definite)
	solve  solveFunc
}{
	{"cg", false, func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
		return CG(op, x, b, p)
	}},
	{"mixedcg", false, func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
		return MixedCG(op, op.to32(), x, b, p)
	}},
	{"cgnr", true, func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
		return CGNR(op, x, b, p)
	}},
	{"cgne", true, func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
		return CGNE(op, x, b, p)
	}},
	{"bicgstab", true, func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
		return BiCGStab(op, x, b, p)
	}},
	{"mixedbicgstab", true, func(op *hopOp[float64], x, b *layout.Field[float64], p Params) (Result, error) {
		return MixedBiCGStab(op, op.to32(), x, b, p)
	}},
}

// TestSolversReachTolerance runs every solver on the full-lattice and
// even-site test operators to relative residual 1e-10 and checks the
// residual independently. CG starts from a nonzero guess.
func TestSolversReachTolerance(t *testing.T) {
	const tol = 1e-10
	l := newLayout(t, comm.Local(), lat4, 2)
	for _, sv := range solvers {
		for _, tc := range allSpecs {
			if tc.sp.wilson != sv.wilson {
				continue
			}
			if testing.Short() && tc.sp.subset == layout.Even && (sv.name == "cgne" || sv.name == "cgnr") {
				continue // the normal equations on the even operator take ~10 s
			}
			t.Run(sv.name+"/"+tc.name, func(t *testing.T) {
				op := mustOp(t, l, tc.sp)
				b := gaussian(l, tc.sp.subset, 3)
				x := b.Like()
				if sv.name == "cg" {
					x = gaussian(l, tc.sp.subset, 4)
				}
				res, err := sv.solve(op, x, b, Params{Tol: tol, MaxIter: 5000})
				if err != nil {
					t.Fatal(err)
				}
				if !res.Converged || res.Residual > tol {
					t.Errorf("Converged %v, residual %.3g: want true and <= %g", res.Converged, res.Residual, tol)
				}
				if r := trueResidual[float64](t, op, x, b); r > tol || math.Abs(r-res.Residual) > 1e-3*tol {
					t.Errorf("recomputed residual %.4g, solver reports %.4g: want equal and <= %g", r, res.Residual, tol)
				}
				if res.Iterations < 20 || res.Applies < res.Iterations || res.Flops <= 0 || res.Seconds <= 0 {
					t.Errorf("implausible bookkeeping %+v", res)
				}
				if sv.name == "cgnr" || sv.name == "cgne" {
					want := normalResidual(t, op, x, b)
					if math.Abs(res.NormalResidual-want) > 1e-6*want {
						t.Errorf("normal-equation residual %.4g, recomputed %.4g: want equal", res.NormalResidual, want)
					}
				}
				t.Logf("%d iterations, %d restarts, %d applies, residual %.3g", res.Iterations, res.Restarts, res.Applies, res.Residual)
			})
		}
	}
}

// normalResidual is |A^dag (b - A x)| / |A^dag b|.
func normalResidual(t *testing.T, op Operator[float64], x, b *layout.Field[float64]) float64 {
	t.Helper()
	r, s, adb := b.Clone(), b.Like(), b.Like()
	if err := op.Apply(s, x); err != nil {
		t.Fatal(err)
	}
	layout.Axpy(-1, s, r)
	if err := op.ApplyDag(s, r); err != nil {
		t.Fatal(err)
	}
	if err := op.ApplyDag(adb, b); err != nil {
		t.Fatal(err)
	}
	n1, _ := layout.Norm2(s)
	n2, _ := layout.Norm2(adb)
	return math.Sqrt(n1 / n2)
}

// TestNotConverged gives every solver too few iterations: the error wraps
// ErrNotConverged and names the solver, Converged is false, and the
// reported residual is the true one.
func TestNotConverged(t *testing.T) {
	const tol = 1e-10
	l := newLayout(t, comm.Local(), lat4, 1)
	ops := map[bool]*hopOp[float64]{false: mustOp(t, l, hermFull), true: mustOp(t, l, wilsonFull)}
	for _, sv := range solvers {
		op := ops[sv.wilson]
		b := gaussian(l, layout.Full, 3)
		x := b.Like()
		res, err := sv.solve(op, x, b, Params{Tol: tol, MaxIter: 5})
		if !errors.Is(err, ErrNotConverged) {
			t.Errorf("%s: error %v, want one wrapping ErrNotConverged", sv.name, err)
			continue
		}
		if res.Converged || res.Iterations > 5 || res.Iterations == 0 {
			t.Errorf("%s: Converged %v after %d iterations: want false after 1..5", sv.name, res.Converged, res.Iterations)
		}
		if r := trueResidual[float64](t, op, x, b); math.Abs(r-res.Residual) > 1e-6*r || r < 1e3*tol {
			t.Errorf("%s: reported residual %.4g, recomputed %.4g", sv.name, res.Residual, r)
		}
		if !strings.Contains(strings.ReplaceAll(err.Error(), " ", ""), sv.name) || !strings.Contains(err.Error(), "1.0e-10") {
			t.Errorf("%s: error %q should name the solver and the requested tolerance", sv.name, err)
		}
	}
	// Multishift too.
	op := ops[false]
	b := gaussian(l, layout.Full, 3)
	xs := []*layout.Field[float64]{b.Like(), b.Like()}
	res, err := MultiShiftCG(op, []Shift{{Sigma: 0}, {Sigma: 0.5}}, xs, b, Params{Tol: tol, MaxIter: 5})
	if !errors.Is(err, ErrNotConverged) {
		t.Fatalf("multishift: error %v, want one wrapping ErrNotConverged", err)
	}
	for i, r := range res {
		if r.Converged {
			t.Errorf("multishift shift %d: Converged after 5 iterations", i)
		}
	}
}

// TestEdgeCases: a zero source gives x = 0 at once; invalid parameters,
// mismatched fields and an indefinite operator are reported as errors.
func TestEdgeCases(t *testing.T) {
	l := newLayout(t, comm.Local(), lat4, 1)
	op := mustOp(t, l, hermFull)
	b := op.NewField()
	x := gaussian(l, layout.Full, 1)
	res, err := CG(op, x, b, Params{Tol: 1e-10, MaxIter: 10})
	if err != nil || !res.Converged || res.Residual != 0 || res.Iterations != 0 {
		t.Errorf("zero source: %+v, %v: want converged at once", res, err)
	}
	if n, _ := layout.Norm2(x); n != 0 {
		t.Errorf("zero source: |x|^2 = %g, want 0", n)
	}
	b = gaussian(l, layout.Full, 2)
	for _, p := range []Params{{Tol: 0, MaxIter: 10}, {Tol: 1e-10, MaxIter: 0}, {Tol: 1e-10, MaxIter: 10, Delta: 2}} {
		if _, err := CG(op, b.Like(), b, p); err == nil || errors.Is(err, ErrNotConverged) {
			t.Errorf("params %+v: error %v, want a parameter error", p, err)
		}
	}
	even := layout.NewField[float64](l, nsc, layout.Even)
	if _, err := CG(op, even, b, Params{Tol: 1e-10, MaxIter: 10}); err == nil {
		t.Error("CG accepted an even-site x for a full-lattice operator")
	}
	if _, err := MultiShiftCG(op, []Shift{{Sigma: -1}}, []*layout.Field[float64]{b.Like()}, b, Params{Tol: 1e-10, MaxIter: 10}); err == nil {
		t.Error("MultiShiftCG accepted a negative shift")
	}
	if _, err := MultiShiftCG(op, []Shift{{Sigma: 0}, {Sigma: 1}}, []*layout.Field[float64]{b.Like()}, b, Params{Tol: 1e-10, MaxIter: 10}); err == nil {
		t.Error("MultiShiftCG accepted two shifts with one solution field")
	}
	if _, err := CG[float64](negated{op}, b.Like(), b, Params{Tol: 1e-10, MaxIter: 10}); !errors.Is(err, ErrBreakdown) {
		t.Errorf("CG on a negative definite operator: error %v, want ErrBreakdown", err)
	}
}

// negated is -A.
type negated struct{ op *hopOp[float64] }

func (n negated) Apply(dst, src *layout.Field[float64]) error {
	if err := n.op.Apply(dst, src); err != nil {
		return err
	}
	layout.Scale(-1, dst)
	return nil
}
func (n negated) NewField() *layout.Field[float64] { return n.op.NewField() }

// TestBiCGStabBreakdown: on the anti-Hermitian real operator
// A psi(x) = psi(x + t^) - psi(x - t^) and a real source, <r0, A r0> = 0
// exactly, so BiCGStab breaks down at the first step, again after the
// restart, and must say so.
func TestBiCGStabBreakdown(t *testing.T) {
	l := newLayout(t, comm.Local(), lat4, 2)
	op := antiHop{l: l}
	b := gaussian(l, layout.Full, 7)
	// Zero the imaginary parts: Data[((tile*NC + c)*2 + 1)*W + lane].
	for blk := 0; blk < len(b.Data); blk += 2 * l.W {
		clear(b.Data[blk+l.W : blk+2*l.W])
	}
	res, err := BiCGStab[float64](op, b.Like(), b, Params{Tol: 1e-10, MaxIter: 100})
	if !errors.Is(err, ErrBreakdown) {
		t.Fatalf("error %v, want ErrBreakdown", err)
	}
	if res.Restarts == 0 {
		t.Errorf("no restart before giving up: %+v", res)
	}
}

// antiHop is A psi(x) = psi(x + t^) - psi(x - t^), A^dag = -A.
type antiHop struct{ l *layout.Layout }

func (a antiHop) Apply(dst, src *layout.Field[float64]) error {
	tmp := src.Like()
	if err := layout.Shift(dst, src, 6); err != nil {
		return err
	}
	if err := layout.Shift(tmp, src, 7); err != nil {
		return err
	}
	layout.Axpy(-1, tmp, dst)
	return nil
}

func (a antiHop) ApplyDag(dst, src *layout.Field[float64]) error {
	if err := a.Apply(dst, src); err != nil {
		return err
	}
	layout.Scale(-1, dst)
	return nil
}

func (a antiHop) NewField() *layout.Field[float64] {
	return layout.NewField[float64](a.l, nsc, layout.Full)
}

// TestHistoryAndVerbose: History has one decreasing-overall entry per
// iteration ending at the iterated residual, and Verbose gets lines.
func TestHistoryAndVerbose(t *testing.T) {
	l := newLayout(t, comm.Local(), lat4, 1)
	op := mustOp(t, l, hermFull)
	b := gaussian(l, layout.Full, 3)
	var buf bytes.Buffer
	res, err := CG(op, b.Like(), b, Params{Tol: 1e-8, MaxIter: 1000, History: true, Verbose: &buf, LogEvery: 5})
	if err != nil {
		t.Fatal(err)
	}
	h := res.History
	if len(h) != res.Iterations || h[len(h)-1] > 1e-8 || h[0] < 1e-3 {
		t.Errorf("history of %d entries for %d iterations, from %.3g to %.3g", len(h), res.Iterations, h[0], h[len(h)-1])
	}
	if lines := strings.Count(buf.String(), "\n"); lines != res.Iterations/5+1 {
		t.Errorf("verbose output has %d lines, want %d:\n%s", lines, res.Iterations/5+1, buf.String())
	}
}
