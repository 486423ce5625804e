package gauge

import (
	"github.com/goqcd/goqcd/layout"
)

// Staple sets dst, on the sites of subset s, to the sum of the Wilson
// plaquette staples of the link U_mu:
//
//	A_mu(x) = sum_{nu != mu} [ U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag
//	                          + U_nu(x+mu-nu)^dag U_mu(x-nu)^dag U_nu(x-nu) ]
//
// so that sum over nu != mu of the plaquettes that contain U_mu(x) is
// Re Tr(U_mu(x) A_mu(x)). The sum runs over nu in increasing order, upper
// before lower staple, at every site: the result does not depend on the
// process grid or W. dst is a full-lattice matrix field; its other subset is
// left unspecified. Collective.
func (g *Field) Staple(dst *layout.Field[float64], mu int, s layout.Subset, ws *Workspace) error {
	if g.N == 3 {
		return g.staple3(dst, mu, s, ws)
	}
	n := g.N
	other := layout.Even
	if s == layout.Even {
		other = layout.Odd
	}
	if s == layout.Full {
		other = layout.Full
	}
	first := true
	for nu := range layout.Nd {
		if nu == mu {
			continue
		}
		// ws.a = U_nu(x+mu), ws.b = U_mu(x+nu)
		if err := ws.shift(ws.a, g.U[nu], layout.HopDir(mu, +1)); err != nil {
			return err
		}
		if err := ws.shift(ws.b, g.U[mu], layout.HopDir(nu, +1)); err != nil {
			return err
		}
		// upper: U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag
		MatMul3Add(n, dst, ws.a, ws.b, g.U[nu], Plain, Dag, Dag, s, !first)
		first = false
		// lower, built at x-nu and shifted: U_nu(y+mu)^dag U_mu(y)^dag U_nu(y), y = x-nu
		MatMul3Add(n, ws.c, ws.a, g.U[mu], g.U[nu], Dag, Dag, Plain, other, false)
		if err := ws.shift(ws.a, ws.c, layout.HopDir(nu, -1)); err != nil {
			return err
		}
		addSubset(dst, ws.a, s)
	}
	return nil
}

// addSubset sets dst += src on the sites of subset s.
func addSubset(dst, src *layout.Field[float64], s layout.Subset) {
	l := dst.Layout
	size := dst.NC * 2 * l.W
	lo, hi := subsetRange(l, s)
	d, a := dst.Data[lo*size:hi*size], src.Data[lo*size:hi*size]
	for i := range d {
		d[i] += a[i]
	}
}
