package scaling

import (
	"fmt"
	"math"
	"slices"

	"github.com/goqcd/goqcd/layout"
)

// Row is one scaling point as the table shows it. Seconds are per solve
// (time to solution), the median over repeats with its spread; rates are
// from the median.
type Row struct {
	Ranks          int     `json:"ranks"`
	Threads        int     `json:"threads"`
	MPI            string  `json:"mpi"`
	Local          string  `json:"local"`
	Iterations     int     `json:"iterations"`
	Seconds        float64 `json:"seconds"`     // median time to solution
	SecondsMin     float64 `json:"seconds_min"` // fastest repeat
	SecondsMax     float64 `json:"seconds_max"` // slowest repeat
	SecondsMAD     float64 `json:"seconds_mad"` // median absolute deviation of the repeats
	SecondsPerIter float64 `json:"seconds_per_iter"`
	Gflops         float64 `json:"gflops"`          // total, all ranks
	GflopsPerRank  float64 `json:"gflops_per_rank"` // Gflops / Ranks
	SpeedUp        float64 `json:"speed_up"`        // Seconds of the baseline / Seconds
	Efficiency     float64 `json:"efficiency"`      // SpeedUp * baseline ranks / Ranks
	HaloBytesIter  float64 `json:"halo_bytes_per_iter"`
	CommFraction   float64 `json:"comm_fraction"` // comm_seconds / seconds
	Oversubscribed bool    `json:"oversubscribed"`
	// The model's numbers for this row, when a model is attached
	// (AttachModel); zero otherwise.
	ModelSecondsPerIter float64 `json:"model_seconds_per_iter,omitempty"`
	ModelEfficiency     float64 `json:"model_efficiency,omitempty"`
}

// Table is a strong-scaling study: one solve on one grid, measured on
// several rank counts. The baseline of the speed-up is the first row (the
// fewest ranks; on a tie, the fewest threads, then the process grid).
type Table struct {
	Grid       string  `json:"grid"`
	Solver     string  `json:"solver"`
	Prec       string  `json:"prec"`
	Tol        float64 `json:"tol"`
	Kernels    string  `json:"kernels"`
	Iterations int     `json:"iterations"`
	Checksum   string  `json:"checksum"`
	BaseRanks  int     `json:"baseline_ranks"`
	Model      string  `json:"model,omitempty"` // name of the attached model
	Rows       []Row   `json:"rows"`
}

// NewTable checks the points (Check) and builds their table. The points
// are not modified; they may come in any order.
func NewTable(points []Point) (*Table, error) {
	pts := slices.Clone(points)
	SortPoints(pts)
	if err := Check(pts); err != nil {
		return nil, err
	}
	ref := pts[0]
	t := &Table{Grid: ref.Grid, Solver: ref.Solver, Prec: ref.Prec, Tol: ref.Tol, Kernels: ref.Kernels,
		Iterations: ref.Iterations, Checksum: ref.Checksum, BaseRanks: ref.Ranks}
	for _, p := range pts {
		t.Rows = append(t.Rows, newRow(p))
	}
	base := t.Rows[0]
	for i := range t.Rows {
		r := &t.Rows[i]
		r.SpeedUp = base.Seconds / r.Seconds
		r.Efficiency = r.SpeedUp * float64(base.Ranks) / float64(r.Ranks)
	}
	return t, nil
}

func newRow(p Point) Row {
	r := Row{Ranks: p.Ranks, Threads: p.Threads, MPI: p.MPI, Local: p.Local, Iterations: p.Iterations,
		Seconds: p.Seconds, SecondsPerIter: p.SecondsPerIter, Gflops: p.Gflops,
		HaloBytesIter: p.HaloBytesIter, Oversubscribed: p.Oversubscribed}
	if r.Local == "" {
		g, _ := layout.ParseDims(p.Grid)
		m, _ := layout.ParseDims(p.MPI)
		var l [layout.Nd]int
		for mu := range l {
			l[mu] = g[mu] / m[mu]
		}
		r.Local = layout.FormatDims(l)
	}
	r.SecondsMin, r.SecondsMax = r.Seconds, r.Seconds
	if len(p.Repeats) > 0 {
		r.SecondsMin, r.SecondsMax = slices.Min(p.Repeats), slices.Max(p.Repeats)
		r.SecondsMAD = mad(p.Repeats)
	}
	if r.SecondsPerIter == 0 {
		r.SecondsPerIter = r.Seconds / float64(r.Iterations)
	}
	if r.Gflops == 0 && p.Flops > 0 {
		r.Gflops = p.Flops / r.Seconds / 1e9
	}
	r.GflopsPerRank = r.Gflops / float64(r.Ranks)
	r.CommFraction = p.CommSeconds / r.Seconds
	return r
}

// Median is the middle value of xs (the mean of the two middle ones for
// an even count); NaN for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// mad is the median absolute deviation from the median.
func mad(xs []float64) float64 {
	m := Median(xs)
	d := make([]float64, len(xs))
	for i, x := range xs {
		d[i] = math.Abs(x - m)
	}
	return Median(d)
}

// AttachModel fills the model columns: for each row, the model's time per
// iteration on the row's process grid, and the model's efficiency
// relative to the model's time on the baseline row. clover says whether
// the solve used the clover term.
func (t *Table) AttachModel(m *Model, clover bool) error {
	grid, err := layout.ParseDims(t.Grid)
	if err != nil {
		return err
	}
	var base Prediction
	for i := range t.Rows {
		r := &t.Rows[i]
		procs, err := layout.ParseDims(r.MPI)
		if err != nil {
			return fmt.Errorf("row with %d ranks: %w", r.Ranks, err)
		}
		pr, err := m.Predict(Problem{Grid: grid, Procs: procs, Prec: t.Prec, Clover: clover})
		if err != nil {
			return fmt.Errorf("model for %d ranks: %w", r.Ranks, err)
		}
		if i == 0 {
			base = pr
		}
		r.ModelSecondsPerIter = pr.SecondsPerIter
		r.ModelEfficiency = base.SecondsPerIter / pr.SecondsPerIter * float64(base.Ranks) / float64(pr.Ranks)
	}
	t.Model = m.Name
	return nil
}
