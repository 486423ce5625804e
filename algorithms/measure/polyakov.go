package measure

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// Polyakov returns, for each direction mu, the Polyakov loop
//
//	P_mu = < (1/N) Tr prod_{k=0}^{L_mu-1} U_mu(x + k mu) >,
//
// the ordered product of the L_mu = Global[mu] links of the straight line
// that winds once around the lattice, averaged over the orthogonal
// 3-volume. A cold field gives 1 in every direction. The product is built
// by L_mu-1 shift-and-multiply steps, P <- U_mu(x) P(x+mu), on every site
// at once, so each site holds the loop that starts there; the average is
// taken over all sites (every line is counted L_mu times, with the same
// trace up to round-off). The traces are summed exactly: the result is the
// same bit for bit on every process grid and W. P_mu is gauge invariant;
// under a centre transformation in direction mu it picks up a phase.
// Collective.
func Polyakov(g *gauge.Field, ws *gauge.Workspace) ([layout.Nd]complex128, error) {
	var out [layout.Nd]complex128
	n := g.N
	p, next, tmp := newMat(g), newMat(g), newMat(g)
	var acc [2 * layout.Nd]layout.ExactSum
	for mu := range layout.Nd {
		layout.Copy(p, g.U[mu])
		for k := 1; k < g.L.Global[mu]; k++ {
			if err := ws.Shift(tmp, p, layout.HopDir(mu, +1)); err != nil {
				return out, err
			}
			gauge.MatMul(n, next, g.U[mu], tmp, gauge.Plain, gauge.Plain, layout.Full)
			p, next = next, p
		}
		traceSum(n, p, &acc[2*mu], &acc[2*mu+1])
	}
	ptr := make([]*layout.ExactSum, len(acc))
	for i := range acc {
		ptr[i] = &acc[i]
	}
	sums, err := g.L.GlobalSum(ptr...)
	if err != nil {
		return out, err
	}
	norm := float64(n) * float64(g.L.GlobalVolume)
	for mu := range layout.Nd {
		out[mu] = complex(sums[2*mu]/norm, sums[2*mu+1]/norm)
	}
	return out, nil
}

// traceSum adds Re Tr and Im Tr of the matrix at every local site to re
// and im.
func traceSum(n int, f *layout.Field[float64], re, im *layout.ExactSum) {
	w := f.Layout.W
	size := n * n * 2 * w
	for base := 0; base < len(f.Data); base += size {
		for lane := range w {
			sr, si := 0.0, 0.0
			for i := range n {
				c := base + 2*(i*n+i)*w + lane
				sr += f.Data[c]
				si += f.Data[c+w]
			}
			re.Add(sr)
			im.Add(si)
		}
	}
}
