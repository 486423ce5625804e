package scaling

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Plot files written by PlotTable and PlotPredictions into a folder.
const (
	TimePlot       = "time.png"
	EfficiencyPlot = "efficiency.png"
)

// series is one curve of a plot: points (with optional error bars) or a
// line (dashed or solid).
type series struct {
	name   string
	xs, ys []float64
	lo, hi []float64 // error-bar ends below and above ys; nil for none
	line   bool
	dashed bool
	colour color.Color
}

var (
	measuredColour = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	idealColour    = color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	modelColour    = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
)

// PlotTable writes two PNG files into dir: TimePlot, the time to solution
// against the rank count (log-log) with the measured medians and their
// min/max spread, the ideal line (baseline time x baseline ranks / ranks)
// and the model line when a model is attached; EfficiencyPlot, the
// parallel efficiency against the rank count with the ideal 1 and the
// model. It returns the paths written (atomically).
func PlotTable(t *Table, dir string) ([]string, error) {
	n := len(t.Rows)
	if n == 0 {
		return nil, fmt.Errorf("empty table: nothing to plot")
	}
	x := make([]float64, n)
	med, lo, hi := make([]float64, n), make([]float64, n), make([]float64, n)
	ideal, eff, one := make([]float64, n), make([]float64, n), make([]float64, n)
	var mt, me []float64
	b := t.Rows[0]
	for i, r := range t.Rows {
		x[i] = float64(r.Ranks)
		med[i], lo[i], hi[i] = r.Seconds, r.Seconds-r.SecondsMin, r.SecondsMax-r.Seconds
		ideal[i] = b.Seconds * float64(b.Ranks) / float64(r.Ranks)
		eff[i], one[i] = r.Efficiency, 1
		if t.Model != "" {
			mt = append(mt, r.ModelSecondsPerIter*float64(r.Iterations))
			me = append(me, r.ModelEfficiency)
		}
	}
	title := fmt.Sprintf("%s %s, grid %s, %d iterations", t.Solver, t.Prec, t.Grid, t.Iterations)
	ts := []series{
		{name: "ideal", xs: x, ys: ideal, line: true, dashed: true, colour: idealColour},
		{name: "measured (median, min-max)", xs: x, ys: med, lo: lo, hi: hi, colour: measuredColour},
	}
	es := []series{
		{name: "ideal", xs: x, ys: one, line: true, dashed: true, colour: idealColour},
		{name: "measured", xs: x, ys: eff, colour: measuredColour},
	}
	if mt != nil {
		name := "model (" + t.Model + ")"
		ts = append(ts, series{name: name, xs: x, ys: mt, line: true, colour: modelColour})
		es = append(es, series{name: name, xs: x, ys: me, line: true, colour: modelColour})
	}
	return savePair(dir, "ranks", title, "time to solution (s)", ts, es)
}

// PlotPredictions writes TimePlot (time per iteration against nodes, with
// the ideal line) and EfficiencyPlot for a prediction table, into dir.
func PlotPredictions(preds []Prediction, title, dir string) ([]string, error) {
	n := len(preds)
	if n == 0 {
		return nil, fmt.Errorf("no predictions: nothing to plot")
	}
	x, t, ideal, eff, one := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, p := range preds {
		x[i] = float64(p.Nodes)
		t[i] = p.SecondsPerIter
		ideal[i] = preds[0].SecondsPerIter * float64(preds[0].Ranks) / float64(p.Ranks)
		eff[i], one[i] = p.Efficiency, 1
	}
	ts := []series{
		{name: "ideal", xs: x, ys: ideal, line: true, dashed: true, colour: idealColour},
		{name: "model", xs: x, ys: t, line: true, colour: modelColour},
	}
	es := []series{
		{name: "ideal", xs: x, ys: one, line: true, dashed: true, colour: idealColour},
		{name: "model", xs: x, ys: eff, line: true, colour: modelColour},
	}
	return savePair(dir, "nodes", title, "time per iteration (s)", ts, es)
}

func savePair(dir, xlabel, title, tlabel string, ts, es []series) ([]string, error) {
	tp := filepath.Join(dir, TimePlot)
	if err := savePlot(tp, title, xlabel, tlabel, true, ts); err != nil {
		return nil, err
	}
	ep := filepath.Join(dir, EfficiencyPlot)
	if err := savePlot(ep, title, xlabel, "parallel efficiency", false, es); err != nil {
		return nil, err
	}
	return []string{tp, ep}, nil
}

// savePlot draws the series with a log2 x axis (ticks at the data's x)
// and writes a PNG atomically.
func savePlot(path, title, xlabel, ylabel string, logY bool, ss []series) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.X.Scale = plot.LogScale{}
	// Curves fall to the right: the time plot's top right and the
	// efficiency plot's bottom left are free for the legend.
	p.Legend.Top = logY
	p.Legend.Left = !logY
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(6), vg.Points(6)
	if logY {
		p.Legend.YOffs = -vg.Points(6)
	} else {
		p.Legend.XOffs = vg.Points(6)
	}
	var ticks []plot.Tick
	seen := map[float64]bool{}
	for _, s := range ss {
		for _, v := range s.xs {
			if !seen[v] {
				seen[v] = true
				ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
			}
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.TickerFunc(logTicks)
	} else {
		p.Y.Min = 0
		p.Y.Max = 1.1
	}
	for _, s := range ss {
		xys := make(plotter.XYs, len(s.xs))
		for i := range s.xs {
			if !(s.ys[i] > 0) && logY {
				return fmt.Errorf("%s: %s has a non-positive value %g at x = %g", path, s.name, s.ys[i], s.xs[i])
			}
			xys[i] = plotter.XY{X: s.xs[i], Y: s.ys[i]}
		}
		if s.line {
			l, err := plotter.NewLine(xys)
			if err != nil {
				return err
			}
			l.Color = s.colour
			l.Width = vg.Points(1.5)
			if s.dashed {
				l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
			}
			p.Add(l)
			p.Legend.Add(s.name, l)
			continue
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: s.colour, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
		p.Add(sc)
		p.Legend.Add(s.name, sc)
		if s.lo != nil {
			errs := make(plotter.YErrors, len(s.xs))
			for i := range errs {
				errs[i].Low, errs[i].High = s.lo[i], s.hi[i]
			}
			eb, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{xys, errs})
			if err != nil {
				return err
			}
			eb.Color = s.colour
			p.Add(eb)
		}
	}
	wt, err := p.WriterTo(6*vg.Inch, 4*vg.Inch, "png")
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, 0o644, func(w io.Writer) error {
		_, err := wt.WriteTo(w)
		return err
	})
}

// logTicks labels 1, 2 and 5 times powers of ten, with unlabelled minor
// ticks at the other integers, so that a range of less than a decade
// still has labels.
func logTicks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi >= lo) {
		return nil
	}
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		base := math.Pow(10, e)
		for k := 1; k < 10; k++ {
			v := float64(k) * base
			if v < lo*0.999 || v > hi*1.001 {
				continue
			}
			t := plot.Tick{Value: v}
			if k == 1 || k == 2 || k == 5 {
				t.Label = strconv.FormatFloat(v, 'g', 3, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}
