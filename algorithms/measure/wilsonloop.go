package measure

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// WilsonLoop is the average over sites of (1/N) Re Tr W_mu,nu(r, t; x), the
// r x t rectangular loop with r links along mu and t along nu,
//
//	W(x) = L_mu^r(x) L_nu^t(x + r mu) L_mu^r(x + t nu)^dag L_nu^t(x)^dag,
//	L_mu^r(x) = U_mu(x) U_mu(x+mu) ... U_mu(x+(r-1)mu).
//
// The 1 x 1 loop of mu < nu is the plaquette of gauge.Plaquette in that
// plane, bit for bit (same products in the same order). Loops as long as
// the lattice (r = Global[mu]) wind around it and are still gauge
// invariant. Summed exactly: the same bit for bit on every process grid
// and W. Collective.
func WilsonLoop(g *gauge.Field, ws *gauge.Workspace, mu, nu, r, t int) (float64, error) {
	if err := checkLoop(g, mu, nu, r, t); err != nil {
		return 0, err
	}
	acc := newSums(r, t)
	want := func(i, j int) bool { return i == r && j == t }
	if err := rectangles(g, ws, mu, nu, r, t, want, acc); err != nil {
		return 0, err
	}
	s, err := g.L.GlobalSum(&acc[r-1][t-1])
	if err != nil {
		return 0, err
	}
	return s[0] / (float64(g.N) * float64(g.L.GlobalVolume)), nil
}

// WilsonTable holds Wilson loop averages W(r, t), r = 1..RMax spatial
// links and t = 1..TMax temporal links, each (1/N) Re Tr averaged over
// sites and over the three spatial directions mu = x, y, z with nu = t.
type WilsonTable struct {
	RMax, TMax int
	W          [][]float64 // W[r-1][t-1]
}

// At is W(r, t).
func (w WilsonTable) At(r, t int) float64 { return w.W[r-1][t-1] }

// WilsonLoops measures the spatial-temporal Wilson loops W(r, t) for
// 1 <= r <= rmax, 1 <= t <= tmax (see WilsonLoop and WilsonTable), as
// usually quoted for the static potential, V(r) = -lim log(W(r,t+1)/W(r,t)).
// W(1, 1) is the temporal plaquette. Collective.
func WilsonLoops(g *gauge.Field, ws *gauge.Workspace, rmax, tmax int) (WilsonTable, error) {
	for mu := range 3 {
		if err := checkLoop(g, mu, 3, rmax, tmax); err != nil {
			return WilsonTable{}, err
		}
	}
	acc := newSums(rmax, tmax)
	all := func(int, int) bool { return true }
	for mu := range 3 {
		if err := rectangles(g, ws, mu, 3, rmax, tmax, all, acc); err != nil {
			return WilsonTable{}, err
		}
	}
	var ptr []*layout.ExactSum
	for i := range acc {
		for j := range acc[i] {
			ptr = append(ptr, &acc[i][j])
		}
	}
	sums, err := g.L.GlobalSum(ptr...)
	if err != nil {
		return WilsonTable{}, err
	}
	norm := 3 * float64(g.N) * float64(g.L.GlobalVolume)
	tab := WilsonTable{RMax: rmax, TMax: tmax, W: make([][]float64, rmax)}
	for i := range rmax {
		tab.W[i] = make([]float64, tmax)
		for j := range tmax {
			tab.W[i][j] = sums[i*tmax+j] / norm
		}
	}
	return tab, nil
}

func checkLoop(g *gauge.Field, mu, nu, r, t int) error {
	if mu < 0 || mu >= layout.Nd || nu < 0 || nu >= layout.Nd || mu == nu {
		return fmt.Errorf("wilson loop: directions (%d, %d) must be two different directions in 0..3", mu, nu)
	}
	if r < 1 || r > g.L.Global[mu] || t < 1 || t > g.L.Global[nu] {
		return fmt.Errorf("wilson loop: size %d x %d must lie within 1..%d along %s and 1..%d along %s",
			r, t, g.L.Global[mu], layout.DirName[mu], g.L.Global[nu], layout.DirName[nu])
	}
	return nil
}

func newSums(r, t int) [][]layout.ExactSum {
	acc := make([][]layout.ExactSum, r)
	for i := range acc {
		acc[i] = make([]layout.ExactSum, t)
	}
	return acc
}

// rectangles adds Re Tr W_mu,nu(r, t; x) over the local sites to
// acc[r-1][t-1] for every 1 <= r <= rmax, 1 <= t <= tmax with want(r, t).
// The loop is built as
//
//	Y(x) = L_mu^r(x) R_t(x) Z_t(x)^dag,   Re Tr W = Re Tr(Y L_nu^t(x)^dag),
//
// with R_t(x) = L_nu^t(x + r mu) and Z_t(x) = L_mu^r(x + t nu), each grown
// by one shift per step:
//
//	L_mu^r  = U_mu        * shift_{+mu}(L_mu^{r-1})
//	D_r     = shift_{+mu}(D_{r-1}),  D_0 = U_nu,  so D_r(x) = U_nu(x + r mu)
//	R_t     = D_r         * shift_{+nu}(R_{t-1}),  R_1 = D_r
//	L_nu^t  = U_nu        * shift_{+nu}(L_nu^{t-1})
//	Z_t     = shift_{+nu}(Z_{t-1}),  Z_0 = L_mu^r
func rectangles(g *gauge.Field, ws *gauge.Workspace, mu, nu, rmax, tmax int, want func(r, t int) bool, acc [][]layout.ExactSum) error {
	n := g.N
	full := layout.Full
	plain, dag := gauge.Plain, gauge.Dag
	fwdMu, fwdNu := layout.HopDir(mu, +1), layout.HopDir(nu, +1)
	lmu, d, rt, lnu, z := newMat(g), newMat(g), newMat(g), newMat(g), newMat(g)
	tmp, x := newMat(g), newMat(g)
	layout.Copy(lmu, g.U[mu])
	layout.Copy(d, g.U[nu])
	for r := 1; r <= rmax; r++ {
		if r > 1 {
			if err := ws.Shift(tmp, lmu, fwdMu); err != nil {
				return err
			}
			gauge.MatMul(n, lmu, g.U[mu], tmp, plain, plain, full)
		}
		if err := ws.Shift(tmp, d, fwdMu); err != nil {
			return err
		}
		d, tmp = tmp, d
		layout.Copy(z, lmu)
		for t := 1; t <= tmax; t++ {
			if t == 1 {
				layout.Copy(rt, d)
				layout.Copy(lnu, g.U[nu])
			} else {
				if err := ws.Shift(tmp, rt, fwdNu); err != nil {
					return err
				}
				gauge.MatMul(n, rt, d, tmp, plain, plain, full)
				if err := ws.Shift(tmp, lnu, fwdNu); err != nil {
					return err
				}
				gauge.MatMul(n, lnu, g.U[nu], tmp, plain, plain, full)
			}
			if err := ws.Shift(tmp, z, fwdNu); err != nil {
				return err
			}
			z, tmp = tmp, z
			if !want(r, t) {
				continue
			}
			gauge.MatMul(n, x, lmu, rt, plain, plain, full)
			gauge.MatMul(n, tmp, x, z, plain, dag, full)
			gauge.ReTraceSum(n, tmp, lnu, &acc[r-1][t-1])
		}
	}
	return nil
}
