package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/BurntSushi/toml"

	"github.com/goqcd/goqcd/jobs"
	"github.com/goqcd/goqcd/jobs/scaling"
	"github.com/goqcd/goqcd/layout"
)

// predictOutput is what goqcd scaling --model ... --nodes ... --json prints.
type predictOutput struct {
	Model        string               `json:"model"`
	Grid         string               `json:"grid"`
	Prec         string               `json:"prec"`
	Clover       bool                 `json:"clover"`
	RanksPerNode int                  `json:"ranks_per_node"`
	Parameters   map[string]any       `json:"parameters"` // the [model] section, by TOML key
	Predictions  []scaling.Prediction `json:"predictions"`
}

// runPredict is goqcd scaling --model NAME --grid G --nodes ...: the
// model's time per CG iteration on each node count, with the process
// grids goqcd jobs would choose (jobs.ProcsChooser), and its parameters.
func (f *scalingFlags) runPredict(x *cli) error {
	if f.model == "" || f.model == "none" {
		return inputf("--nodes predicts with a model: give --model NAME or a machine file path (known machines: %s)", orNone(jobs.Machines()))
	}
	if f.fit {
		return inputf("--fit needs measured points: use it with --collect")
	}
	if f.grid == "" {
		return inputf("--grid: missing: give the global lattice as X.Y.Z.T")
	}
	grid, err := layout.ParseDims(f.grid)
	if err != nil {
		return inputf("--grid: %v", err)
	}
	nodes, err := parseCounts("nodes", f.nodes)
	if err != nil {
		return asInput(err)
	}
	if err := f.cg.resolve(f.fs); err != nil {
		return err
	}
	m, err := f.loadModel(f.model)
	if err != nil {
		return err
	}
	if f.rpn < 0 {
		return inputf("--ranks-per-node %d: must be positive", f.rpn)
	}
	if f.rpn > 0 {
		m.RanksPerNode = f.rpn
	}
	clover := f.clover || f.cg.csw != 0
	prec := f.cg.pointPrec()
	p := scaling.Problem{Grid: grid, Prec: prec, Clover: clover, ProcsFor: jobs.ProcsChooser(grid, m.RanksPerNode)}
	preds, err := m.PredictTable(p, nodes)
	if err != nil {
		return inputf("model %s, grid %s: %v", m.Name, f.grid, err)
	}
	params, err := modelParameters(m)
	if err != nil {
		return err
	}
	w := x.out()
	action := "Wilson"
	if clover {
		action = "Wilson-clover"
	}
	title := fmt.Sprintf("model %s: CG on the even-odd %s normal operator, grid %s, %s precision, %d ranks per node",
		m.Name, action, f.grid, prec, m.RanksPerNode)
	if f.plotDir != "" {
		if err := os.MkdirAll(f.plotDir, 0o755); err != nil {
			return err
		}
		files, err := scaling.PlotPredictions(preds, title, f.plotDir)
		if err != nil {
			return err
		}
		defer func() {
			if !f.asJSON {
				fmt.Fprintf(w, "\nwritten:\n")
				for _, p := range files {
					fmt.Fprintf(w, "  %s\n", p)
				}
			}
		}()
	}
	if f.asJSON {
		return writeJSON(w, predictOutput{Model: m.Name, Grid: f.grid, Prec: prec, Clover: clover,
			RanksPerNode: m.RanksPerNode, Parameters: params, Predictions: preds})
	}
	if err := scaling.WritePredictions(w, title, preds); err != nil {
		return err
	}
	fmt.Fprintf(w, "\ntimes in microseconds per CG iteration (4 hopping terms); TF/s total; the formulas are in jobs/scaling/doc.go\n\nparameters (--set key=value changes one):\n")
	return writeModelTOML(w, m)
}

// writeModelTOML writes the model's parameters as the [model] section of
// a machine file.
func writeModelTOML(w io.Writer, m *scaling.Model) error {
	return toml.NewEncoder(w).Encode(struct {
		M *scaling.Model `toml:"model"`
	}{m})
}

// modelParameters is the model's [model] section as a map by TOML key.
func modelParameters(m *scaling.Model) (map[string]any, error) {
	var buf bytes.Buffer
	if err := writeModelTOML(&buf, m); err != nil {
		return nil, err
	}
	var doc struct {
		M map[string]any `toml:"model"`
	}
	if _, err := toml.Decode(buf.String(), &doc); err != nil {
		return nil, err
	}
	return doc.M, nil
}
