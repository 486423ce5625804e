package measure

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// LinkTrace is the average over all 4V links of (1/N) Re Tr U_mu(x); a
// unit field gives 1. It is not gauge invariant (it serves to check files
// and gauge fixing). Summed exactly: the same bit for bit on every process
// grid and W. Collective.
func LinkTrace(g *gauge.Field) (float64, error) {
	n, w := g.N, g.L.W
	size := n * n * 2 * w
	var acc layout.ExactSum
	for mu := range layout.Nd {
		d := g.U[mu].Data
		for base := 0; base < len(d); base += size {
			for lane := range w {
				s := 0.0
				for i := range n {
					s += d[base+2*(i*n+i)*w+lane]
				}
				acc.Add(s)
			}
		}
	}
	sum, err := g.L.GlobalSum(&acc)
	if err != nil {
		return 0, err
	}
	return sum[0] / (float64(layout.Nd*g.N) * float64(g.L.GlobalVolume)), nil
}
