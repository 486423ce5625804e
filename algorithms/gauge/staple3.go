package gauge

import (
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// staple3 is Staple for SU(3), reading neighbours in place through the
// halos instead of shifting whole fields: for each nu it exchanges the
// faces of U_nu (hop +mu) and U_mu (hop +nu), builds the lower staples on
// the other parity, starts their exchange (hop -nu), computes the upper
// staples while it is in flight, and adds the lower ones. The arithmetic
// per site is that of the generic Staple; the products run tile by tile
// in kernels.SU3Mul64 (the bits of sun.M3's products).
func (g *Field) staple3(dst *layout.Field[float64], mu int, s layout.Subset, ws *Workspace) error {
	l := g.L
	w := l.W
	other := oppositeSubset(s)
	lo, hi := subsetRange(l, s)
	olo, ohi := subsetRange(l, other)
	const size = 18
	first := true
	for nu := range layout.Nd {
		if nu == mu {
			continue
		}
		up, back := layout.HopDir(mu, +1), layout.HopDir(nu, +1)
		if err := ws.halo.StartHop(g.U[nu], up); err != nil {
			return err
		}
		if err := ws.hb.StartHop(g.U[mu], back); err != nil {
			return err
		}
		if err := ws.halo.Wait(); err != nil {
			return err
		}
		if err := ws.hb.Wait(); err != nil {
			return err
		}
		// lower staple at y = x - nu: U_nu(y+mu)^dag U_mu(y)^dag U_nu(y)
		l.ParallelFor(ohi-olo, func(_, i0, i1 int) {
			scratch, t := make([]float64, size*w), make([]float64, size*w)
			for tile := olo + i0; tile < olo+i1; tile++ {
				na := ws.halo.NeighbourData(up, tile, scratch)[:size*w]
				base, end := tile*size*w, (tile+1)*size*w
				mulTile3(t, na, g.U[mu].Data[base:end], w, true, true, false)
				mulTile3(ws.c.Data[base:end], t, g.U[nu].Data[base:end], w, false, false, false)
			}
		})
		if err := ws.hc.StartHop(ws.c, layout.HopDir(nu, -1)); err != nil {
			return err
		}
		// upper staple: U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag
		add := !first
		first = false
		l.ParallelFor(hi-lo, func(_, i0, i1 int) {
			sa, sb, t := make([]float64, size*w), make([]float64, size*w), make([]float64, size*w)
			for tile := lo + i0; tile < lo+i1; tile++ {
				na := ws.halo.NeighbourData(up, tile, sa)[:size*w]
				nb := ws.hb.NeighbourData(back, tile, sb)[:size*w]
				base, end := tile*size*w, (tile+1)*size*w
				mulTile3(t, na, nb, w, false, true, false)
				mulTile3(dst.Data[base:end], t, g.U[nu].Data[base:end], w, false, true, add)
			}
		})
		if err := ws.hc.Wait(); err != nil {
			return err
		}
		down := layout.HopDir(nu, -1)
		l.ParallelFor(hi-lo, func(_, i0, i1 int) {
			sc := make([]float64, size*w)
			for tile := lo + i0; tile < lo+i1; tile++ {
				nc := ws.hc.NeighbourData(down, tile, sc)
				d := dst.Data[tile*size*w : (tile+1)*size*w]
				for i := range d {
					d[i] += nc[i]
				}
			}
		})
	}
	return nil
}

func oppositeSubset(s layout.Subset) layout.Subset {
	switch s {
	case layout.Even:
		return layout.Odd
	case layout.Odd:
		return layout.Even
	}
	return layout.Full
}

// mulTile3 is dst (=|+=) op(a) op(b) on whole tiles: the site-by-site
// sun.M3 products at W = 1, the dispatched kernel otherwise (same bits).
func mulTile3(dst, a, b []float64, w int, opA, opB, add bool) {
	if w == 1 {
		mulTiles3Sites(1, dst, a, b, Op(opA), Op(opB), add, 0, len(a)/18)
		return
	}
	kernels.SU3Mul64(dst, a, b, w, opA, opB, add)
}
