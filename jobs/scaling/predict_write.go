package scaling

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// WritePredictions writes a table of predictions for a terminal: per node
// count the process grid, local volume, time per iteration and its parts
// (microseconds), GFlop/s, speed-up and efficiency.
func WritePredictions(w io.Writer, title string, preds []Prediction) error {
	bw := bufio.NewWriter(w)
	if title != "" {
		fmt.Fprintln(bw, title)
	}
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "nodes\tranks\tmpi\tlocal\tnode block\tt/iter us\thop us\tcomm us\texposed us\tlinalg us\tloops us\treduce us\tTF/s\tGF/s/node\tspeed-up\teff\t")
	us := func(s float64) string { return fmt.Sprintf("%.1f", s*1e6) }
	for _, p := range preds {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.1f\t%.1f\t%.1f%%\t\n",
			p.Nodes, p.Ranks, p.MPI, p.Local, p.NodeBlock, us(p.SecondsPerIter), us(p.HopSeconds), us(p.CommSeconds),
			us(p.ExposedCommSeconds), us(p.LinalgSeconds), us(p.OverheadSeconds), us(p.ReduceSeconds),
			p.Gflops/1e3, p.GflopsPerNode, p.SpeedUp, 100*p.Efficiency)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// WritePredictionsJSON writes predictions as an indented JSON array.
func WritePredictionsJSON(w io.Writer, preds []Prediction) error {
	b, err := json.MarshalIndent(preds, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
