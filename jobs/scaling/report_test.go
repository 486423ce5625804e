package scaling

import (
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkPNG asserts that path is a PNG image of a plausible size.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err, "%s is not a valid PNG", path)
	b := img.Bounds()
	assert.Greater(t, b.Dx(), 100)
	assert.Greater(t, b.Dy(), 100)
}

func TestPlotTable(t *testing.T) {
	tab, err := NewTable(synthStudy())
	require.NoError(t, err)
	require.NoError(t, tab.AttachModel(simpleModel(), false))
	for _, r := range tab.Rows {
		assert.Greater(t, r.ModelSecondsPerIter, 0.0)
	}
	assert.Equal(t, 1.0, tab.Rows[0].ModelEfficiency)
	dir := t.TempDir()
	files, err := PlotTable(tab, dir)
	require.NoError(t, err)
	require.Equal(t, []string{filepath.Join(dir, TimePlot), filepath.Join(dir, EfficiencyPlot)}, files)
	for _, f := range files {
		checkPNG(t, f)
	}
}

func TestPlotPredictions(t *testing.T) {
	preds, err := fugakuModel(t).PredictTable(Problem{Grid: [4]int{64, 64, 64, 128}, Prec: "double"}, []int{1, 4, 16, 64, 256, 1024})
	require.NoError(t, err)
	dir := t.TempDir()
	files, err := PlotPredictions(preds, "64^3x128 on Fugaku", dir)
	require.NoError(t, err)
	for _, f := range files {
		checkPNG(t, f)
	}
}

func writePoint(t *testing.T, dir string, nodes int, p Point) {
	t.Helper()
	b, err := json.MarshalIndent(p, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("point-%d-%d.json", nodes, p.Ranks)), b, 0o644))
}

func TestCollectAndReport(t *testing.T) {
	dir := t.TempDir()
	_, err := Collect(dir)
	assert.ErrorContains(t, err, "no point-*.json files")
	_, err = Collect(filepath.Join(dir, "missing"))
	assert.ErrorContains(t, err, "run folder")

	for _, p := range synthStudy() {
		writePoint(t, dir, p.Ranks, p)
	}
	pts, err := Collect(dir)
	require.NoError(t, err)
	require.Len(t, pts, 4)
	for i, r := range []int{1, 2, 4, 8} {
		assert.Equal(t, r, pts[i].Ranks, "sorted by ranks")
	}

	tab, files, err := Report(dir, simpleModel(), false, false)
	require.NoError(t, err)
	assert.Equal(t, "simple", tab.Model)
	assert.Len(t, files, 5)
	for _, name := range []string{TableCSV, TableJSON, TableText, TimePlot, EfficiencyPlot} {
		fi, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err, name)
		assert.Greater(t, fi.Size(), int64(0), name)
	}
	txt, _ := os.ReadFile(filepath.Join(dir, TableText))
	assert.Contains(t, string(txt), "model t/iter")

	// A point whose solution differs makes the report fail, naming it.
	bad := synth("1.1.1.4", 4, 2.4)
	bad.Checksum = "dead"
	writePoint(t, dir, 2, bad)
	_, _, err = Report(dir, nil, false, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "checksum a1b2 vs dead")

	// An empty point file (a job that died) is named.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "point-16-16.json"), nil, 0o644))
	_, err = Collect(dir)
	assert.ErrorContains(t, err, "point-16-16.json is empty")
}

func TestReadPointRejects(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "point-1-1.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"layout":"x","comm":"y"}`), 0o644))
	_, err := ReadPoint(p)
	assert.ErrorContains(t, err, "not a goqcd bench cg --json point")

	pt := synth("1.1.1.2", 4, 1) // ranks 4 but mpi has 2
	b, _ := json.Marshal(pt)
	require.NoError(t, os.WriteFile(p, b, 0o644))
	_, err = ReadPoint(p)
	assert.ErrorContains(t, err, "ranks 4 is not the product of mpi 1.1.1.2")

	pt = synth("1.1.1.2", 2, 1)
	pt.Local = "16.16.16.16"
	assert.ErrorContains(t, pt.Validate(), "local")
	pt = synth("1.1.1.2", 2, 1)
	pt.Checksum = ""
	assert.ErrorContains(t, pt.Validate(), "checksum")
}

func TestPointJSONNames(t *testing.T) {
	// The schema `goqcd bench cg --json` must print.
	b, err := json.Marshal(synth("1.1.1.2", 2, 1))
	require.NoError(t, err)
	for _, k := range []string{"grid", "mpi", "ranks", "threads", "local", "prec", "solver", "kernels", "w",
		"oversubscribed", "iterations", "residual", "tol", "repeats", "seconds", "seconds_per_iter", "flops",
		"gflops", "halo_bytes_per_iter", "comm_seconds", "checksum", "solution_norm", "host", "date", "goqcd_version"} {
		assert.Contains(t, string(b), `"`+k+`":`)
	}
	assert.False(t, strings.Contains(string(b), `"model"`), "model is omitted when absent")
}
