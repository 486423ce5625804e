package solver

import (
	"fmt"
	"math"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// shifted is A + sigma for the test operators.
type shifted struct {
	op    *hopOp[float64]
	sigma float64
}

func (s shifted) Apply(dst, src *layout.Field[float64]) error {
	if err := s.op.Apply(dst, src); err != nil {
		return err
	}
	layout.Axpy(complex(s.sigma, 0), src, dst)
	return nil
}

func (s shifted) NewField() *layout.Field[float64] { return s.op.NewField() }

// TestMultiShiftMatchesCG solves (A + sigma_i) x_i = b for unsorted shifts,
// one with its own looser tolerance, and compares with separate CG solves:
// both meet the tolerance, so |x_ms - x_cg| <= 2 tol |b| / lambda_min(A + sigma)
// with lambda_min >= m + sigma for the Hermitian test operators. The
// shifted systems take as many iterations as CG on each alone (the same
// Krylov sequence), larger shifts and looser tolerances fewer.
func TestMultiShiftMatchesCG(t *testing.T) {
	l := newLayout(t, comm.Local(), lat4, 2)
	for _, sp := range []opSpec{hermFull, hermEven} {
		t.Run(sp.subset.String(), func(t *testing.T) {
			op := mustOp(t, l, sp)
			b := gaussian(l, sp.subset, 3)
			bn, _ := layout.Norm2(b)
			shifts := []Shift{{Sigma: 0.5}, {Sigma: 0}, {Sigma: 2, Tol: 1e-6}, {Sigma: 0.05}}
			xs := make([]*layout.Field[float64], len(shifts))
			for i := range xs {
				xs[i] = gaussian(l, sp.subset, 9) // ignored: multishift starts from zero
			}
			p := Params{Tol: 1e-10, MaxIter: 1000}
			res, err := MultiShiftCG(op, shifts, xs, b, p)
			if err != nil {
				t.Fatal(err)
			}
			for i, sh := range shifts {
				tol := sh.Tol
				if tol == 0 {
					tol = p.Tol
				}
				x := b.Like()
				rcg, err := CG[float64](shifted{op, sh.Sigma}, x, b, Params{Tol: tol, MaxIter: 1000})
				if err != nil {
					t.Fatal(err)
				}
				if r := trueResidual[float64](t, shifted{op, sh.Sigma}, xs[i], b); r > tol || !res[i].Converged || math.Abs(r-res[i].Residual) > 1e-3*tol {
					t.Errorf("shift %g: residual %.3g (reported %.3g, converged %v), want <= %g", sh.Sigma, r, res[i].Residual, res[i].Converged, tol)
				}
				d := x.Clone()
				layout.Axpy(-1, xs[i], d)
				dn, _ := layout.Norm2(d)
				bound := 2 * tol / (sp.mass + sh.Sigma)
				if diff := math.Sqrt(dn / bn); diff > bound {
					t.Errorf("shift %g: |x_multishift - x_cg| / |b| = %.3g > %.3g", sh.Sigma, diff, bound)
				}
				if abs(res[i].Iterations-rcg.Iterations) > 2 {
					t.Errorf("shift %g: %d iterations, CG %d: want equal within 2", sh.Sigma, res[i].Iterations, rcg.Iterations)
				}
				t.Logf("shift %g: %d iterations (CG %d), residual %.3g", sh.Sigma, res[i].Iterations, rcg.Iterations, res[i].Residual)
			}
			if !(res[2].Iterations < res[0].Iterations && res[0].Iterations < res[3].Iterations && res[3].Iterations <= res[1].Iterations) {
				t.Errorf("iterations per shift %v: want fewer for larger shifts and looser tolerances",
					fmt.Sprint(res[0].Iterations, res[1].Iterations, res[2].Iterations, res[3].Iterations))
			}
		})
	}
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
