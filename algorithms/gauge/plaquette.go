package gauge

import (
	"github.com/goqcd/goqcd/layout"
)

// Plaquettes holds the plaquette averages, each (1/N) Re Tr U_mu,nu(x)
// averaged over sites: per plane (mu < nu, indexed by PlaneIndex), over the
// 6 planes, over the 3 spatial planes (mu, nu < 3), and over the 3 temporal
// planes (nu = 3).
type Plaquettes struct {
	Plane    [6]float64
	Average  float64
	Spatial  float64
	Temporal float64
}

// Planes lists the (mu, nu), mu < nu, in PlaneIndex order.
var Planes = [6][2]int{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}

// Plaquette measures the plaquettes
//
//	U_mu,nu(x) = U_mu(x) U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag
//
// summed exactly, so the result is the same bit for bit on every process
// grid and W. Collective.
func (g *Field) Plaquette(ws *Workspace) (Plaquettes, error) {
	var acc [6]layout.ExactSum
	for p, mn := range Planes {
		if err := g.planeTrace(mn[0], mn[1], ws, &acc[p]); err != nil {
			return Plaquettes{}, err
		}
	}
	ptr := make([]*layout.ExactSum, 6)
	for i := range acc {
		ptr[i] = &acc[i]
	}
	sums, err := g.L.GlobalSum(ptr...)
	if err != nil {
		return Plaquettes{}, err
	}
	var r Plaquettes
	norm := float64(g.N) * float64(g.L.GlobalVolume)
	for p, s := range sums {
		r.Plane[p] = s / norm
		if Planes[p][1] == 3 {
			r.Temporal += s
		} else {
			r.Spatial += s
		}
	}
	r.Average = (r.Spatial + r.Temporal) / (6 * norm)
	r.Spatial /= 3 * norm
	r.Temporal /= 3 * norm
	return r, nil
}

// planeTrace adds Re Tr U_mu,nu(x) of every local site to acc.
func (g *Field) planeTrace(mu, nu int, ws *Workspace, acc *layout.ExactSum) error {
	n := g.N
	if err := ws.shift(ws.a, g.U[nu], layout.HopDir(mu, +1)); err != nil {
		return err
	}
	if err := ws.shift(ws.b, g.U[mu], layout.HopDir(nu, +1)); err != nil {
		return err
	}
	MatMul(n, ws.c, g.U[mu], ws.a, Plain, Plain, layout.Full)
	MatMul(n, ws.a, ws.c, ws.b, Plain, Dag, layout.Full)
	reTraceDagSum(n, ws.a, g.U[nu], acc)
	return nil
}

// reTraceDagSum adds Re Tr(a b^dag) = sum_ij Re(a_ij conj(b_ij)) of every site
// to acc.
func reTraceDagSum(n int, a, b *layout.Field[float64], acc *layout.ExactSum) {
	w := a.Layout.W
	size := n * n * 2 * w
	for base := 0; base < len(a.Data); base += size {
		for lane := range w {
			s := 0.0
			for c := range n * n {
				i := base + 2*c*w + lane
				s += a.Data[i]*b.Data[i] + a.Data[i+w]*b.Data[i+w]
			}
			acc.Add(s)
		}
	}
}

// ReTraceSum adds Re Tr(a b^dag) of every local site of the matrix fields a
// and b to acc (exactly; combine ranks with Layout.GlobalSum).
func ReTraceSum(n int, a, b *layout.Field[float64], acc *layout.ExactSum) {
	reTraceDagSum(n, a, b, acc)
}
