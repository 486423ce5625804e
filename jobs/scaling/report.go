package scaling

import (
	"path/filepath"
)

// Files that Report writes into a run folder.
const (
	TableCSV  = "scaling.csv"
	TableJSON = "scaling.json"
	TableText = "scaling.txt"
)

// Report is what `goqcd scaling --collect RUNDIR` does: it reads the
// points of a run folder (Collect), checks and tabulates them (NewTable,
// which fails loudly when the solves differ), attaches the model when m
// is not nil (fitted to the measured points first when fit is true), and
// writes TableCSV, TableJSON, TableText, TimePlot and EfficiencyPlot into
// the folder, each atomically. It returns the table and the paths
// written. clover says whether the benchmark solved with the clover term.
func Report(dir string, m *Model, fit, clover bool) (*Table, []string, error) {
	pts, err := Collect(dir)
	if err != nil {
		return nil, nil, err
	}
	t, err := NewTable(pts)
	if err != nil {
		return nil, nil, err
	}
	if m != nil {
		if fit {
			if err := m.Fit(pts, clover); err != nil {
				return t, nil, err
			}
		}
		if err := t.AttachModel(m, clover); err != nil {
			return t, nil, err
		}
	}
	var files []string
	for _, f := range []struct {
		name string
		save func(string) error
	}{
		{TableCSV, t.SaveCSV},
		{TableJSON, t.SaveJSON},
		{TableText, func(p string) error { return WriteFileAtomic(p, 0o644, t.WriteText) }},
	} {
		p := filepath.Join(dir, f.name)
		if err := f.save(p); err != nil {
			return t, files, err
		}
		files = append(files, p)
	}
	plots, err := PlotTable(t, dir)
	files = append(files, plots...)
	return t, files, err
}
