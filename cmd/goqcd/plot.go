package main

import (
	"bytes"
	"fmt"
	"image/color"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/goqcd/goqcd/algorithms/confio"
)

// plotPlaquette draws the plaquette history as a PNG at path (written
// atomically): the measurements against the sweep, and the mean over the
// sweeps from `from` on as a dashed line over that range.
func plotPlaquette(path string, s plaquetteSeries, title string, from int, mean float64) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "sweep"
	p.Y.Label.Text = "plaquette (1/N) Re Tr"
	p.X.Tick.Marker = plainTicks{}
	pts := make(plotter.XYs, len(s.Steps))
	for i := range s.Steps {
		pts[i].X, pts[i].Y = float64(s.Steps[i]), s.Plaq[i]
	}
	line, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	line.Color = color.RGBA{B: 180, A: 255}
	p.Add(line, plotter.NewGrid())
	p.Legend.Add("plaquette", line)
	if from > 0 {
		avg, err := plotter.NewLine(plotter.XYs{{X: float64(from), Y: mean}, {X: pts[len(pts)-1].X, Y: mean}})
		if err != nil {
			return err
		}
		avg.Color = color.RGBA{R: 200, A: 255}
		avg.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		avg.Width = vg.Points(1.5)
		p.Add(avg)
		p.Legend.Add(fmt.Sprintf("mean from sweep %d: %.6f", from, mean), avg)
	}
	p.Legend.Top = false
	p.Legend.Left = false
	wt, err := p.WriterTo(8*vg.Inch, 4.5*vg.Inch, "png")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return err
	}
	return confio.WriteFileAtomic(path, buf.Bytes())
}

// plainTicks are gonum's default ticks labelled with the shortest
// representation of their value (sweep 100, not 100.00).
type plainTicks struct{}

func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'g', -1, 64)
		}
	}
	return ts
}
