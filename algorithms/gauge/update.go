package gauge

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// The quenched updates sweep the links by direction mu = 0..3 and, for each,
// by parity (even, then odd). Links of one direction and parity do not
// share staples, so they are updated independently, on any process grid:
// the staples are computed once per (mu, parity) with halo exchanges. Each
// link gets Cabibbo-Marinari updates over the SU(2) subgroups
// sun.SubgroupPairs(N), in order. The Wilson action is
//
//	S = beta * sum_{x, mu<nu} (1 - Re Tr U_mu,nu(x) / N),
//
// so a link with staple sum A has weight exp((beta/N) Re Tr(U A)).

// HeatbathSweep updates every link once by Cabibbo-Marinari heatbath
// (Kennedy-Pendleton with Creutz fallback for each SU(2) subgroup). The
// random numbers of the site x in half-sweep h are drawn from
// s.Site(GlobalIndex(x)) at one epoch of the stream, which advances by 8
// epochs per sweep: the resulting field is the same on every process grid
// and W. Collective.
func (g *Field) HeatbathSweep(beta float64, s *rng.Stream, ws *Workspace) error {
	if beta < 0 {
		return fmt.Errorf("heatbath: beta = %g must not be negative", beta)
	}
	return g.sweep(ws, func(mu int, sub layout.Subset) {
		epoch := *s
		s.Advance()
		g.updateLinks(mu, sub, ws.staple, func(site uint64, link, staple []complex128, m3 *sun.M3, st3 *sun.M3) {
			gen := epoch.Site(site)
			if m3 != nil {
				heatbathM3(m3, st3, beta, &gen)
			} else {
				heatbathMat(g.N, link, staple, beta, &gen)
			}
		})
	})
}

// OverrelaxSweep updates every link once by microcanonical overrelaxation
// in each SU(2) subgroup; the Wilson action is unchanged up to round-off.
// Collective.
func (g *Field) OverrelaxSweep(ws *Workspace) error {
	return g.sweep(ws, func(mu int, sub layout.Subset) {
		g.updateLinks(mu, sub, ws.staple, func(_ uint64, link, staple []complex128, m3 *sun.M3, st3 *sun.M3) {
			if m3 != nil {
				overrelaxM3(m3, st3)
			} else {
				overrelaxMat(g.N, link, staple)
			}
		})
	})
}

// sweep runs update for every (mu, parity) after computing its staples.
func (g *Field) sweep(ws *Workspace, update func(mu int, sub layout.Subset)) error {
	if ws.n != g.N {
		return fmt.Errorf("workspace is for SU(%d), field is SU(%d)", ws.n, g.N)
	}
	for mu := range layout.Nd {
		for _, sub := range []layout.Subset{layout.Even, layout.Odd} {
			if err := g.Staple(ws.staple, mu, sub, ws); err != nil {
				return err
			}
			update(mu, sub)
		}
	}
	return nil
}

// linkUpdate changes one link given its staple; for SU(3) the matrices come
// as M3 (m3, st3 non-nil), otherwise as N*N slices.
type linkUpdate func(site uint64, link, staple []complex128, m3, st3 *sun.M3)

// updateLinks applies up to every link U_mu on subset sub, in parallel over
// tiles.
func (g *Field) updateLinks(mu int, sub layout.Subset, staple *layout.Field[float64], up linkUpdate) {
	l := g.L
	lo, hi := subsetRange(l, sub)
	l.ParallelFor(hi-lo, func(_, i0, i1 int) {
		link := make([]complex128, g.N*g.N)
		st := make([]complex128, g.N*g.N)
		var m3, st3 sun.M3
		for tile := lo + i0; tile < lo+i1; tile++ {
			for lane := range l.W {
				site := uint64(l.GlobalIndex(l.GlobalCoords(tile, lane)))
				if g.N == 3 {
					loadM3(g.U[mu], tile, lane, &m3)
					loadM3(staple, tile, lane, &st3)
					up(site, nil, nil, &m3, &st3)
					storeM3(g.U[mu], tile, lane, &m3)
				} else {
					LoadMatrix(g.U[mu], g.N, tile, lane, link)
					LoadMatrix(staple, g.N, tile, lane, st)
					up(site, link, st, nil, nil)
					StoreMatrix(g.U[mu], g.N, tile, lane, link)
				}
			}
		}
	})
}

// heatbathM3 updates u with staple a: for each subgroup, k = block of u a,
// draw x with weight sqrt(1-x0^2) exp(2 beta |k| x0 / 3), and u <- (x k^dag/|k|) u.
func heatbathM3(u, a *sun.M3, beta float64, src sun.Source) {
	var w sun.M3
	w.Mul(u, a)
	for _, p := range sun.SU3Subgroups {
		k := w.ExtractSU2(p[0], p[1])
		nk := k.Norm()
		if nk == 0 {
			continue // no information: leave the link (measure zero)
		}
		x := sun.HeatbathSU2(2*beta*nk/3, src)
		v := x.Mul(k.Dagger().Scale(1 / nk))
		u.MulSU2Left(v, p[0], p[1])
		w.MulSU2Left(v, p[0], p[1])
	}
}

func heatbathMat(n int, link, staple []complex128, beta float64, src sun.Source) {
	u := sun.Mat{N: n, A: link}
	a := sun.Mat{N: n, A: staple}
	w := sun.NewMat(n)
	w.Mul(&u, &a)
	for _, p := range sun.SubgroupPairs(n) {
		k := w.ExtractSU2(p[0], p[1])
		nk := k.Norm()
		if nk == 0 {
			continue
		}
		x := sun.HeatbathSU2(2*beta*nk/float64(n), src)
		v := x.Mul(k.Dagger().Scale(1 / nk))
		u.MulSU2Left(v, p[0], p[1])
		w.MulSU2Left(v, p[0], p[1])
	}
}

// overrelaxM3 reflects u in each subgroup: u <- (k^dag/|k|)^2 u keeps
// Re Tr(u a).
func overrelaxM3(u, a *sun.M3) {
	var w sun.M3
	w.Mul(u, a)
	for _, p := range sun.SU3Subgroups {
		k := w.ExtractSU2(p[0], p[1])
		nk := k.Norm()
		if nk == 0 {
			continue
		}
		kd := k.Dagger().Scale(1 / nk)
		v := kd.Mul(kd)
		u.MulSU2Left(v, p[0], p[1])
		w.MulSU2Left(v, p[0], p[1])
	}
}

func overrelaxMat(n int, link, staple []complex128) {
	u := sun.Mat{N: n, A: link}
	a := sun.Mat{N: n, A: staple}
	w := sun.NewMat(n)
	w.Mul(&u, &a)
	for _, p := range sun.SubgroupPairs(n) {
		k := w.ExtractSU2(p[0], p[1])
		nk := k.Norm()
		if nk == 0 {
			continue
		}
		kd := k.Dagger().Scale(1 / nk)
		v := kd.Mul(kd)
		u.MulSU2Left(v, p[0], p[1])
		w.MulSU2Left(v, p[0], p[1])
	}
}

// Reunitarize projects every link back onto SU(N) (against the slow drift
// of round-off over many updates).
func (g *Field) Reunitarize() {
	m := sun.NewMat(g.N)
	var m3 sun.M3
	for mu := range layout.Nd {
		for tile := range g.L.NTiles {
			for lane := range g.L.W {
				if g.N == 3 {
					loadM3(g.U[mu], tile, lane, &m3)
					m3.Reunitarize()
					storeM3(g.U[mu], tile, lane, &m3)
					continue
				}
				g.Load(mu, tile, lane, m.A)
				m.Reunitarize()
				g.Store(mu, tile, lane, m.A)
			}
		}
	}
}
