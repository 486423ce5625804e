package scaling

import (
	"fmt"
	"slices"

	"github.com/goqcd/goqcd/layout"
)

// Fit sets the model's per-rank kernel rates from a measurement: the
// point with the fewest ranks (ideally one rank). Its compute time per
// iteration, the measured time less the measured halo waits
// (comm_seconds) and the model's reductions and loop overheads, fixes one
// factor k by which both the hopping-term rate (of the point's precision)
// and the linear-algebra bandwidth are scaled so that the model's compute
// time equals the measured one. The rates so fixed are those of the
// point's thread count. An oversubscribed point cannot be fitted to.
func (m *Model) Fit(points []Point, clover bool) error {
	if len(points) == 0 {
		return errNoFitPoint
	}
	pts := slices.Clone(points)
	SortPoints(pts)
	p := pts[0]
	if p.Oversubscribed {
		return fmt.Errorf("the point on %s is oversubscribed: its rates are not those of a rank with cores of its own", rankWord(p.Ranks))
	}
	grid, err := layout.ParseDims(p.Grid)
	if err != nil {
		return err
	}
	procs, err := layout.ParseDims(p.MPI)
	if err != nil {
		return err
	}
	perIter := p.SecondsPerIter
	if perIter == 0 {
		perIter = p.Seconds / float64(p.Iterations)
	}
	pr, err := m.Predict(Problem{Grid: grid, Procs: procs, Prec: p.Prec, Clover: clover})
	if err != nil {
		return err
	}
	measured := perIter - p.CommSeconds/float64(p.Iterations) - pr.ReduceSeconds - pr.OverheadSeconds
	if !(measured > 0) {
		return fmt.Errorf("the point on %s leaves no compute time (%.3g s per iteration, of which %.3g s halo waits): cannot fit",
			rankWord(p.Ranks), perIter, p.CommSeconds/float64(p.Iterations))
	}
	k := (pr.HopSeconds + pr.LinalgSeconds) / measured
	hop := m.HopRate(p.Prec) * k
	lin := m.LinalgRate() * k
	if p.Prec == "single" {
		m.HopGflopsRankSingle = hop
	} else {
		m.HopGflopsRankDouble = hop
	}
	m.LinalgGBsRank = lin
	return nil
}
