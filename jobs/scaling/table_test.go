package scaling

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// synth returns a consistent point of a 16^4 study on the given process
// grid, taking secs seconds per solve (repeats spread around it).
func synth(mpi string, ranks int, secs float64) Point {
	return Point{Grid: "16.16.16.16", MPI: mpi, Ranks: ranks, Threads: 1, Prec: "double", Solver: "cg",
		Kernels: "go", W: 1, Iterations: 100, Residual: 9e-11, Tol: 1e-10,
		Repeats: []float64{secs * 1.02, secs, secs * 0.99}, Seconds: secs, SecondsPerIter: secs / 100,
		Flops: 1e11, Gflops: 1e11 / secs / 1e9, HaloBytesIter: float64(ranks) * 1000, CommSeconds: 0.1 * secs,
		Checksum: "a1b2", SolutionNorm: 1.5, Host: "test", Date: "2025-01-01T00:00:00Z", Version: "test"}
}

func synthStudy() []Point {
	// Given out of order: NewTable sorts by ranks.
	return []Point{synth("1.1.2.2", 4, 2.5), synth("1.1.1.1", 1, 8), synth("1.1.1.8", 8, 1.6), synth("1.1.1.2", 2, 4.2)}
}

func TestTableSpeedUpAndEfficiency(t *testing.T) {
	tab, err := NewTable(synthStudy())
	require.NoError(t, err)
	require.Len(t, tab.Rows, 4)
	assert.Equal(t, 1, tab.BaseRanks)
	want := []struct {
		ranks    int
		secs     float64
		speedUp  float64
		eff      float64
		perRank  float64
		localStr string
	}{
		{1, 8, 1, 1, 1e11 / 8 / 1e9, "16.16.16.16"},
		{2, 4.2, 8 / 4.2, 8 / 4.2 / 2, 1e11 / 4.2 / 1e9 / 2, "16.16.16.8"},
		{4, 2.5, 8 / 2.5, 8 / 2.5 / 4, 1e11 / 2.5 / 1e9 / 4, "16.16.8.8"},
		{8, 1.6, 5, 5.0 / 8, 1e11 / 1.6 / 1e9 / 8, "16.16.16.2"},
	}
	for i, w := range want {
		r := tab.Rows[i]
		assert.Equal(t, w.ranks, r.Ranks)
		assert.Equal(t, w.localStr, r.Local, "local extents computed from grid/mpi")
		assert.InDelta(t, w.secs, r.Seconds, 1e-12)
		assert.InDelta(t, w.speedUp, r.SpeedUp, 1e-12, "speed-up at %d ranks", w.ranks)
		assert.InDelta(t, w.eff, r.Efficiency, 1e-12, "efficiency at %d ranks", w.ranks)
		assert.InDelta(t, w.perRank, r.GflopsPerRank, 1e-9)
		assert.InDelta(t, 0.99*w.secs, r.SecondsMin, 1e-12)
		assert.InDelta(t, 1.02*w.secs, r.SecondsMax, 1e-12)
		assert.InDelta(t, 0.01*w.secs, r.SecondsMAD, 1e-12, "MAD of {1.02, 1, 0.99} x t is 0.01 t")
		assert.InDelta(t, 0.1, r.CommFraction, 1e-12)
		assert.InDelta(t, w.secs/100, r.SecondsPerIter, 1e-15)
	}
}

func TestMedian(t *testing.T) {
	assert.Equal(t, 2.0, Median([]float64{3, 1, 2}))
	assert.Equal(t, 2.5, Median([]float64{4, 1, 3, 2}))
	assert.True(t, math.IsNaN(Median(nil)))
}

func TestCheckCatchesChecksum(t *testing.T) {
	pts := synthStudy()
	pts[0].Checksum = "c3d4" // the 4-rank point
	_, err := NewTable(pts)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the solution differs between 1 and 4 ranks: checksum a1b2 vs c3d4")
	var me *MismatchError
	require.True(t, errors.As(err, &me))
	assert.Equal(t, "checksum", me.Field)
	assert.Equal(t, "1 rank", me.A)
	assert.Equal(t, "4 ranks", me.B)
}

func TestCheckCatchesIterations(t *testing.T) {
	pts := synthStudy()
	pts[2].Iterations = 101 // the 8-rank point
	err := Check(pts)
	require.Error(t, err)
	// Check compares with the first point it is given; NewTable sorts first.
	SortPoints(pts)
	err = Check(pts)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the iteration count differs between 1 and 8 ranks: 100 vs 101")
}

func TestCheckNamesEveryMismatch(t *testing.T) {
	pts := synthStudy()
	pts[1].Grid = "8.8.8.8"                     // 1 rank is the reference: every other point differs in grid
	pts[3].Checksum = "ffff"                    // 2 ranks
	pts[0].Residual = 5e-10                     // 4 ranks: above tol and a factor > 2 off
	pts[2].Prec = "single"                      // 8 ranks
	pts = append(pts, synth("1.1.2.1", 2, 4.0)) // a second 2-rank point: labels name the grid
	SortPoints(pts)
	err := Check(pts)
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "grid 8.8.8.8 on 1 rank vs 16.16.16.16 on 2 ranks (mpi 1.1.1.2, 1 threads)")
	assert.Contains(t, msg, "checksum")
	assert.Contains(t, msg, "the solve on 4 ranks did not converge: residual 5e-10 above tol 1e-10")
	assert.Contains(t, msg, "prec")
}

func TestCheckAcceptsConsistent(t *testing.T) {
	pts := synthStudy()
	SortPoints(pts)
	assert.NoError(t, Check(pts))
	assert.Error(t, Check(nil))
}

func TestCSVRoundTrip(t *testing.T) {
	tab, err := NewTable(synthStudy())
	require.NoError(t, err)
	tab.Rows[2].Oversubscribed = true
	var buf bytes.Buffer
	require.NoError(t, tab.WriteCSV(&buf))
	assert.True(t, strings.HasPrefix(buf.String(), "ranks,threads,mpi,local,iterations,seconds,"))
	rows, err := ReadCSV(&buf)
	require.NoError(t, err)
	assert.Equal(t, tab.Rows, rows, "CSV must round-trip every float exactly")

	_, err = ReadCSV(strings.NewReader("a,b\n1,2\n"))
	assert.ErrorContains(t, err, "header")
	_, err = ReadCSV(strings.NewReader(strings.Join(csvHeader, ",") + "\nx" + strings.Repeat(",0", len(csvHeader)-1) + "\n"))
	assert.ErrorContains(t, err, "line 2")
}

func TestJSONRoundTripAtomic(t *testing.T) {
	tab, err := NewTable(synthStudy())
	require.NoError(t, err)
	dir := t.TempDir()
	p := filepath.Join(dir, "t.json")
	require.NoError(t, tab.SaveJSON(p))
	require.NoError(t, tab.SaveJSON(p)) // replacing works
	f, err := os.Open(p)
	require.NoError(t, err)
	defer f.Close()
	back, err := ReadTableJSON(f)
	require.NoError(t, err)
	assert.Equal(t, tab, back)
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, ents, 1, "no temporary files left behind")

	require.NoError(t, tab.SaveCSV(filepath.Join(dir, "t.csv")))
	// A failing writer leaves the old file in place and no temporary.
	err = WriteFileAtomic(p, 0o644, func(io.Writer) error { return errors.New("boom") })
	assert.ErrorContains(t, err, "boom")
	data, _ := os.ReadFile(p)
	assert.Contains(t, string(data), `"grid": "16.16.16.16"`)
	ents, _ = os.ReadDir(dir)
	assert.Len(t, ents, 2)
}

func TestWriteText(t *testing.T) {
	tab, err := NewTable(synthStudy())
	require.NoError(t, err)
	tab.Rows[3].Oversubscribed = true
	var buf bytes.Buffer
	require.NoError(t, tab.WriteText(&buf))
	out := buf.String()
	assert.Contains(t, out, "grid 16.16.16.16")
	assert.Contains(t, out, "62.5%", "efficiency at 8 ranks")
	assert.Contains(t, out, "8*", "oversubscribed rows are marked")
	assert.Equal(t, 1+1+4+1, strings.Count(out, "\n"), "title, header, 4 rows, footnote")
}
