package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/jobs/scaling"
)

func TestParseCounts(t *testing.T) {
	good := map[string][]int{
		"1":               {1},
		"1,2,4":           {1, 2, 4},
		"1,2,...,16":      {1, 2, 4, 8, 16},
		"1,2,4,...,1024":  {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024},
		"2,4,...,10":      {2, 4, 6, 8, 10},
		"1,3,...,27,30":   {1, 3, 9, 27, 30},
		" 1, 2 ,...,4":    {1, 2, 4},
		"3,6,...,12,...,": nil,
	}
	for s, want := range good {
		got, err := parseCounts("nodes", s)
		if want == nil {
			if err == nil {
				t.Errorf("parseCounts(%q) = %v, want an error", s, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("parseCounts(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "0", "1,x", "2,1", "1,1", "...,4", "1,2,...", "1,3,...,8", "1,2,...,1", "1,...,4"} {
		if got, err := parseCounts("ranks", s); err == nil {
			t.Errorf("parseCounts(%q) = %v, want an error", s, got)
		} else if !strings.Contains(err.Error(), "--ranks") {
			t.Errorf("parseCounts(%q): %v does not name the flag", s, err)
		}
	}
}

// A local in-process scaling run writes consistent points and a table;
// tampering with one point's checksum makes --collect fail, naming the
// rank counts.
func TestScalingInProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	out := wantCode(t, 0, []string{"scaling", "--inprocess", "--grid", "4.4.4.4", "--ranks", "1,2", "--repeats", "1", "--out", dir})
	for _, f := range []string{"strong scaling: grid 4.4.4.4", "speed-up", "model: generic-slurm, fitted to the 1-rank point"} {
		if !strings.Contains(out, f) {
			t.Errorf("scaling output lacks %q:\n%s", f, out)
		}
	}
	for _, f := range []string{"point-1-1.json", "point-1-2.json", scaling.TableCSV, scaling.TableJSON, scaling.TableText, scaling.TimePlot, scaling.EfficiencyPlot} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, scaling.TableJSON))
	if err != nil {
		t.Fatal(err)
	}
	var tab scaling.Table
	if err := json.Unmarshal(b, &tab); err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 2 || tab.Rows[0].Ranks != 1 || tab.Rows[1].Ranks != 2 || tab.Rows[1].MPI != "1.1.1.2" ||
		tab.Rows[0].Iterations != tab.Rows[1].Iterations || tab.Model == "" || !(tab.Rows[1].ModelSecondsPerIter > 0) {
		t.Errorf("table = %+v", tab)
	}
	// The fitted model reproduces the baseline it was fitted to.
	if r := tab.Rows[0]; r.ModelSecondsPerIter/r.SecondsPerIter > 1.001 || r.ModelSecondsPerIter/r.SecondsPerIter < 0.999 {
		t.Errorf("fitted model: %g s per iteration at 1 rank, measured %g", r.ModelSecondsPerIter, r.SecondsPerIter)
	}

	// --collect on a copy reproduces the table; a tampered checksum fails it.
	cp := filepath.Join(t.TempDir(), "copy")
	if err := os.MkdirAll(cp, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"point-1-1.json", "point-1-2.json"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cp, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out = wantCode(t, 0, []string{"scaling", "--collect", cp})
	if !strings.Contains(out, "strong scaling: grid 4.4.4.4") || strings.Contains(out, "model") {
		t.Errorf("--collect without --model:\n%s", out)
	}
	wantCode(t, 0, []string{"scaling", "--collect", cp, "--model", "generic-slurm", "--fit", "--set", "reduce_a_us=2"})
	p2 := filepath.Join(cp, "point-1-2.json")
	data, _ := os.ReadFile(p2)
	var pt scaling.Point
	if err := json.Unmarshal(data, &pt); err != nil {
		t.Fatal(err)
	}
	pt.Checksum = strings.Repeat("0", 32)
	data, _ = json.Marshal(pt)
	if err := os.WriteFile(p2, data, 0o644); err != nil {
		t.Fatal(err)
	}
	wantCode(t, 1, []string{"scaling", "--collect", cp}, "differs between 1 and 2 ranks", "checksum")

	wantCode(t, 2, []string{"scaling", "--collect", cp, "--fit"}, "--fit")
	wantCode(t, 2, []string{"scaling", "--collect", filepath.Join(cp, "nowhere")}, "not a folder")
	wantCode(t, 2, []string{"scaling", "--collect", cp, "--model", "nowhere"}, "unknown machine")
	wantCode(t, 2, []string{"scaling", "--collect", cp, "--model", "fugaku", "--set", "hop_efficency=0.2"}, "hop_efficency=0.2")
}

// Every point is checked before anything runs: a lattice that a rank
// count cannot split is bad input naming the rank count and the extent.
func TestScalingBadSplit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{"--grid", "6.6.6.6", "--ranks", "1,2"}, []string{"2 ranks", "6.6.6.6"}},
		{[]string{"--grid", "4.4.4.6", "--ranks", "1,2", "--mpi-per-point", "1.1.1.1,1.1.1.2"}, []string{"2 ranks", "local extent 3", "direction t"}},
		{[]string{"--grid", "4.4.4.4", "--ranks", "1,2", "--mpi-per-point", "1.1.1.1"}, []string{"--mpi-per-point", "2 rank counts"}},
		{[]string{"--grid", "4.4.4.4", "--ranks", "1,4", "--mpi-per-point", "1.1.1.1,1.1.1.2"}, []string{"1.1.1.2", "4 ranks"}},
		{[]string{"--grid", "4.4.4.4", "--ranks", "1", "--threads", "1000"}, []string{"1000 threads", "--oversubscribe-ok"}},
		{[]string{"--grid", "4.4.4.4", "--ranks", "1,x"}, []string{"--ranks"}},
		{[]string{"--grid", "4.4.4.4"}, []string{"needs a mode"}},
		{[]string{"--ranks", "1,2"}, []string{"--grid"}},
		{[]string{"--grid", "4.4.4.4", "--ranks", "1", "--nodes", "1"}, []string{"give one of them"}},
	}
	for _, c := range cases {
		wantCode(t, 2, append([]string{"scaling", "--inprocess", "--out", dir}, c.args...), c.wants...)
		if _, err := os.Stat(dir); err == nil {
			t.Fatalf("%v: the output folder exists: something ran before the check", c.args)
		}
	}
}

func TestScalingPredict(t *testing.T) {
	out := wantCode(t, 0, []string{"scaling", "--model", "fugaku", "--grid", "32.32.32.64", "--nodes", "1,2,...,8", "--json"})
	var p predictOutput
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	if p.Model != "fugaku" || len(p.Predictions) != 4 || p.Parameters["hop_efficiency"] == nil || p.RanksPerNode < 1 {
		t.Fatalf("prediction = %+v", p)
	}
	for i, pr := range p.Predictions {
		if pr.Nodes != 1<<i || pr.Ranks != pr.Nodes*p.RanksPerNode || !(pr.SecondsPerIter > 0) {
			t.Errorf("prediction %d = %+v", i, pr)
		}
		if i > 0 && !(pr.SecondsPerIter < p.Predictions[i-1].SecondsPerIter) {
			t.Errorf("more nodes are not faster: %g then %g", p.Predictions[i-1].SecondsPerIter, pr.SecondsPerIter)
		}
	}
	// Doubling the hopping-term efficiency halves the hopping-term time.
	out = wantCode(t, 0, []string{"scaling", "--model", "fugaku", "--grid", "32.32.32.64", "--nodes", "1", "--json",
		"--set", "hop_efficiency=0.2", "--ranks-per-node", "2"})
	var q predictOutput
	if err := json.Unmarshal([]byte(out), &q); err != nil {
		t.Fatal(err)
	}
	base := wantCode(t, 0, []string{"scaling", "--model", "fugaku", "--grid", "32.32.32.64", "--nodes", "1", "--json", "--ranks-per-node", "2"})
	var r predictOutput
	if err := json.Unmarshal([]byte(base), &r); err != nil {
		t.Fatal(err)
	}
	if q.RanksPerNode != 2 || q.Predictions[0].Ranks != 2 {
		t.Errorf("--ranks-per-node 2: %+v", q.Predictions[0])
	}
	if ratio := r.Predictions[0].HopSeconds / q.Predictions[0].HopSeconds; ratio < 1.999 || ratio > 2.001 {
		t.Errorf("hop_efficiency 0.1 -> 0.2 changed the hop time by %g, want 2", ratio)
	}
	plots := filepath.Join(t.TempDir(), "new")
	out = wantCode(t, 0, []string{"scaling", "--model", "fugaku", "--grid", "32.32.32.64", "--nodes", "1,2", "--plot", plots})
	for _, f := range []string{"nodes", "t/iter", "[model]", "hop_efficiency", scaling.TimePlot} {
		if !strings.Contains(out, f) {
			t.Errorf("prediction table lacks %q:\n%s", f, out)
		}
	}
	if _, err := os.Stat(filepath.Join(plots, scaling.EfficiencyPlot)); err != nil {
		t.Error(err)
	}
	wantCode(t, 2, []string{"scaling", "--model", "fugaku", "--grid", "6.6.6.6", "--nodes", "1,2"}, "6.6.6.6")
	wantCode(t, 2, []string{"scaling", "--grid", "8.8.8.8", "--nodes", "1,2"}, "--model")
	wantCode(t, 2, []string{"scaling", "--model", "fugaku", "--grid", "8.8.8.8", "--nodes", "1,2", "--set", "nonsense"}, "key=value")
}
