package gauge

import (
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// staple3 is Staple for SU(3), reading neighbours in place through the
// halos instead of shifting whole fields: for each nu it exchanges the
// faces of U_nu (hop +mu) and U_mu (hop +nu), builds the lower staples on
// the other parity, starts their exchange (hop -nu), computes the upper
// staples while it is in flight, and adds the lower ones. The arithmetic
// per site is that of the generic Staple.
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
			scratch := make([]float64, size*w)
			var a, b, c, t, z sun.M3
			for tile := olo + i0; tile < olo+i1; tile++ {
				na := ws.halo.NeighbourData(up, tile, scratch)
				base := tile * size * w
				for lane := range w {
					loadM3Data(na[lane:], w, &a)
					loadM3Data(g.U[mu].Data[base+lane:], w, &b)
					loadM3Data(g.U[nu].Data[base+lane:], w, &c)
					t.DagDag(&a, &b)
					z.Mul(&t, &c)
					storeM3Data(ws.c.Data[base+lane:], w, &z, false)
				}
			}
		})
		if err := ws.hc.StartHop(ws.c, layout.HopDir(nu, -1)); err != nil {
			return err
		}
		// upper staple: U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag
		add := !first
		first = false
		l.ParallelFor(hi-lo, func(_, i0, i1 int) {
			sa, sb := make([]float64, size*w), make([]float64, size*w)
			var a, b, c, t, z sun.M3
			for tile := lo + i0; tile < lo+i1; tile++ {
				na := ws.halo.NeighbourData(up, tile, sa)
				nb := ws.hb.NeighbourData(back, tile, sb)
				base := tile * size * w
				for lane := range w {
					loadM3Data(na[lane:], w, &a)
					loadM3Data(nb[lane:], w, &b)
					loadM3Data(g.U[nu].Data[base+lane:], w, &c)
					t.MulDag(&a, &b)
					z.MulDag(&t, &c)
					storeM3Data(dst.Data[base+lane:], w, &z, add)
				}
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
