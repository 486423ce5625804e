package solver

import (
	"fmt"
	"math/cmplx"
	"sync"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// decompCase is one solve run on every process grid and W.
type decompCase struct {
	name  string
	sp    opSpec
	solve func(op *hopOp[float64], b *layout.Field[float64]) ([]*layout.Field[float64], []Result, error)
}

func single(f func(op *hopOp[float64], x, b *layout.Field[float64]) (Result, error)) func(*hopOp[float64], *layout.Field[float64]) ([]*layout.Field[float64], []Result, error) {
	return func(op *hopOp[float64], b *layout.Field[float64]) ([]*layout.Field[float64], []Result, error) {
		x := b.Like()
		r, err := f(op, x, b)
		return []*layout.Field[float64]{x}, []Result{r}, err
	}
}

var decompParams = Params{Tol: 1e-10, MaxIter: 2000}

var decompCases = []decompCase{
	{"cg", hermEven, single(func(op *hopOp[float64], x, b *layout.Field[float64]) (Result, error) {
		return CG(op, x, b, decompParams)
	})},
	{"bicgstab", wilsonFull, single(func(op *hopOp[float64], x, b *layout.Field[float64]) (Result, error) {
		return BiCGStab(op, x, b, decompParams)
	})},
	{"mixedcg", hermFull, single(func(op *hopOp[float64], x, b *layout.Field[float64]) (Result, error) {
		return MixedCG(op, op.to32(), x, b, decompParams)
	})},
	{"multishift", hermFull, func(op *hopOp[float64], b *layout.Field[float64]) ([]*layout.Field[float64], []Result, error) {
		xs := []*layout.Field[float64]{b.Like(), b.Like(), b.Like()}
		r, err := MultiShiftCG(op, []Shift{{Sigma: 0}, {Sigma: 0.1}, {Sigma: 1}}, xs, b, decompParams)
		return xs, r, err
	}},
}

// TestDecompositionIndependence runs the solvers on 1, 2 and 4 in-process
// ranks, W = 1, 2, 4 and 1 to 3 threads per rank: the exact reductions make
// the iteration sequence identical, so iterations, residuals and solutions
// must agree with the single-rank W = 1 run (solutions to 1e-12 relative,
// in fact bit for bit). Under -short four of the combinations run.
func TestDecompositionIndependence(t *testing.T) {
	type grid struct{ ranks, w, threads int }
	grids := []grid{{1, 1, 1}, {1, 2, 1}, {1, 4, 1}, {2, 1, 1}, {2, 2, 1}, {2, 4, 1}, {4, 1, 1}, {4, 2, 1}, {4, 4, 1},
		{1, 1, 2}, {1, 4, 3}, {2, 2, 2}}
	if testing.Short() {
		grids = []grid{{1, 1, 1}, {2, 4, 1}, {4, 2, 1}, {1, 1, 3}}
	}
	for _, dc := range decompCases {
		t.Run(dc.name, func(t *testing.T) {
			var ref []*globalVector
			var refRes []Result
			for _, g := range grids {
				var mu sync.Mutex
				var got []*globalVector
				var res []Result
				err := comm.RunInProc(g.ranks, func(c comm.Comm) error {
					l, err := layout.New(c, lat4, layout.Options{W: g.w, Threads: g.threads})
					if err != nil {
						return err
					}
					op, err := buildOp(l, dc.sp)
					if err != nil {
						return err
					}
					xs, r, err := dc.solve(op, gaussian(l, dc.sp.subset, 3))
					if err != nil {
						return fmt.Errorf("rank %d: %w", c.Rank(), err)
					}
					mu.Lock()
					if got == nil {
						got = make([]*globalVector, len(xs))
						for i := range got {
							got[i] = &globalVector{}
						}
						res = r
					}
					mu.Unlock()
					for i, x := range xs {
						got[i].add(x)
					}
					return nil
				})
				if err != nil {
					t.Fatalf("%d ranks, W=%d, %d threads: %v", g.ranks, g.w, g.threads, err)
				}
				if ref == nil {
					ref, refRes = got, res
					continue
				}
				for i := range got {
					if res[i].Iterations != refRes[i].Iterations || res[i].Residual != refRes[i].Residual {
						t.Errorf("%d ranks, W=%d, %d threads, solution %d: %d iterations, residual %.17g; single rank W=1: %d, %.17g",
							g.ranks, g.w, g.threads, i, res[i].Iterations, res[i].Residual, refRes[i].Iterations, refRes[i].Residual)
					}
					var dd, nn float64
					for k, v := range got[i].v {
						d := cmplx.Abs(v - ref[i].v[k])
						dd += d * d
						nn += cmplx.Abs(ref[i].v[k]) * cmplx.Abs(ref[i].v[k])
					}
					if dd > 1e-24*nn {
						t.Errorf("%d ranks, W=%d, %d threads, solution %d: |x - x_ref|^2 / |x_ref|^2 = %.3g > 1e-24", g.ranks, g.w, g.threads, i, dd/nn)
					}
				}
			}
		})
	}
}
