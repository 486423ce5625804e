package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// quenchedJob is a small quenched job; SWEEPS and OUTPUT are replaced.
const quenchedJob = `[lattice]
grid = "4.4.4.4"

[run]
kind = "quenched"
seed = 3
output = "OUTPUT"

[quenched]
beta = 5.8
start = "hot"
sweeps = SWEEPS
overrelax = 2
measure_every = 1
wilson_every = 2
wilson_size = 2
clover_every = 2
save_every = 3
checkpoint_every = 2
`

// quenchedJobFile writes the job with the given sweeps and output
// directory into dir.
func quenchedJobFile(t *testing.T, dir, out, sweeps string, edits ...string) string {
	t.Helper()
	text := strings.NewReplacer("SWEEPS", sweeps, "OUTPUT", out).Replace(quenchedJob)
	for i := 0; i+1 < len(edits); i += 2 {
		text = strings.Replace(text, edits[i], edits[i+1], 1)
	}
	p := filepath.Join(dir, "job.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// historyLines reads a JSON-lines history without the timing fields.
func historyLines(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %q: %v", path, sc.Text(), err)
		}
		delete(r, "seconds")
		out = append(out, r)
	}
	return out
}

// TestQuenchedResume: 3 sweeps on 2 ranks, then --resume to 7 (on 1 rank),
// gives the history and the configurations of 7 uninterrupted sweeps on 2
// ranks; the end of the run writes a PNG plot and a summary.
func TestQuenchedResume(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	os.MkdirAll(a, 0o755)
	os.MkdirAll(b, 0o755)
	out := wantCode(t, 0, []string{"run", quenchedJobFile(t, a, filepath.Join(a, "out"), "7"), "--ranks", "2"})
	for _, f := range []string{"quenched 7/7", "plaquette=", "steps/s", "ETA", "summary: SU(3) quenched, beta 5.8, 4.4.4.4",
		"sweeps 4..7", "naive", "binned", "plaquette.png"} {
		if !strings.Contains(out, f) {
			t.Errorf("run output lacks %q:\n%s", f, out)
		}
	}
	job := quenchedJobFile(t, b, filepath.Join(b, "out"), "3")
	wantCode(t, 0, []string{"run", job, "--ranks", "2"})
	job = quenchedJobFile(t, b, filepath.Join(b, "out"), "7")
	out = wantCode(t, 0, []string{"run", job, "--resume"})
	if !strings.Contains(out, "after sweep 3") || strings.Contains(out, "quenched 3/7") || !strings.Contains(out, "quenched 4/7") {
		t.Errorf("resumed run output:\n%s", out)
	}
	ha := historyLines(t, filepath.Join(a, "out", "history.jsonl"))
	hb := historyLines(t, filepath.Join(b, "out", "history.jsonl"))
	if len(ha) != 8 || !reflect.DeepEqual(ha, hb) {
		t.Fatalf("histories differ:\nuninterrupted %v\nresumed       %v", ha, hb)
	}
	if ha[0]["run"] != "quenched" || ha[0]["beta"] != 5.8 {
		t.Errorf("header %v", ha[0])
	}
	for _, r := range ha[1:] {
		step := int(r["step"].(float64))
		p, ok := r["plaquette"].(float64)
		if !ok || p <= 0 || p >= 1 || r["link_trace"] == nil || len(r["polyakov"].([]any)) != 4 {
			t.Errorf("step %d: measurements %v", step, r)
		}
		_, hasW := r["wilson_loops"]
		_, hasQ := r["q"]
		if hasW != (step%2 == 0) || hasQ != (step%2 == 0) {
			t.Errorf("step %d: Wilson loops %v, Q %v; want them every 2 sweeps", step, hasW, hasQ)
		}
		if hasW {
			w := r["wilson_loops"].([]any)
			if w11 := w[0].([]any)[0].(float64); math.Abs(w11-r["plaquette_temporal"].(float64)) > 1e-14 {
				t.Errorf("step %d: W(1,1) = %v, temporal plaquette %v", step, w11, r["plaquette_temporal"])
			}
		}
	}
	for _, name := range []string{"conf.000003.ildg", "conf.000006.ildg"} {
		ca, err1 := os.ReadFile(filepath.Join(a, "out", name))
		cb, err2 := os.ReadFile(filepath.Join(b, "out", name))
		if err1 != nil || err2 != nil || !bytes.Equal(ca, cb) {
			t.Errorf("%s differs between the runs (%v, %v)", name, err1, err2)
		}
	}
	png, err := os.ReadFile(filepath.Join(b, "out", plotName))
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("%s is not a PNG file (%v)", plotName, err)
	}
	var sum runSummary
	sb, err := os.ReadFile(filepath.Join(b, "out", summaryName))
	if err != nil || json.Unmarshal(sb, &sum) != nil {
		t.Fatalf("summary: %v\n%s", err, sb)
	}
	if sum.Measurements != 7 || sum.LastSweep != 7 || sum.FromSweep != 4 || sum.Plaquette.N != 4 {
		t.Errorf("summary %+v", sum)
	}
	var mean float64
	for _, r := range ha[4:] {
		mean += r["plaquette"].(float64) / 4
	}
	if d := sum.Plaquette.Mean - mean; d > 1e-15 || d < -1e-15 {
		t.Errorf("summary mean %v, history gives %v", sum.Plaquette.Mean, mean)
	}

	// Resuming with another beta, or where there is no run, is refused.
	job = quenchedJobFile(t, b, filepath.Join(b, "out"), "9", "beta = 5.8", "beta = 5.9")
	wantCode(t, 2, []string{"run", job, "--resume"}, "beta = 5.9", "5.8")
	job = quenchedJobFile(t, b, filepath.Join(b, "out"), "2")
	wantCode(t, 2, []string{"run", job, "--resume"}, "quenched.sweeps = 2", "7 sweeps")
	job = quenchedJobFile(t, b, filepath.Join(root, "empty"), "2")
	wantCode(t, 2, []string{"run", job, "--resume"}, "--resume", "empty")
}

// TestQuenchedSU2: groups other than SU(3) run without checkpoints; the
// plaquette of a cold start stays below 1 and the history is complete.
func TestQuenchedSU2(t *testing.T) {
	dir := t.TempDir()
	job := quenchedJobFile(t, dir, filepath.Join(dir, "out"), "3", "beta = 5.8", "group = 2\nbeta = 2.3", `start = "hot"`, `start = "cold"`,
		"save_every = 3", "save_every = 0")
	out := wantCode(t, 0, []string{"run", job, "--ranks", "2"})
	if !strings.Contains(out, "quenched 3/3") || !strings.Contains(out, "SU(2) quenched") {
		t.Errorf("output:\n%s", out)
	}
	h := historyLines(t, filepath.Join(dir, "out", "history.jsonl"))
	if len(h) != 4 || h[0]["group"] != 2.0 {
		t.Fatalf("history %v", h)
	}
	for _, r := range h[1:] {
		if p := r["plaquette"].(float64); !(p > 0.3 && p < 1) {
			t.Errorf("SU(2) beta 2.3 plaquette %v after a cold start", p)
		}
	}
	wantCode(t, 2, []string{"run", job, "--resume"}, "SU(2)", "cannot be resumed")
}

// TestQuenchedStartFile starts from a configuration file saved by another
// run, and refuses one of another lattice.
func TestQuenchedStartFile(t *testing.T) {
	dir := t.TempDir()
	wantCode(t, 0, []string{"run", quenchedJobFile(t, dir, filepath.Join(dir, "a"), "3", "save_every = 3", "save_every = 1"), "--ranks", "2"})
	conf := filepath.Join(dir, "a", "conf.000001.ildg")
	job := quenchedJobFile(t, dir, filepath.Join(dir, "b"), "2", `start = "hot"`, `start = "file:`+conf+`"`, "seed = 3", "seed = 4")
	wantCode(t, 0, []string{"run", job})
	h := historyLines(t, filepath.Join(dir, "b", "history.jsonl"))
	if len(h) != 3 || h[0]["start"] != "file:"+conf {
		t.Errorf("history from a file start: %v", h)
	}
	// a file of another lattice is refused
	job = quenchedJobFile(t, dir, filepath.Join(dir, "c"), "2", `grid = "4.4.4.4"`, `grid = "4.4.4.8"`, `start = "hot"`, `start = "file:`+conf+`"`)
	wantCode(t, 2, []string{"run", job}, "conf.000001.ildg", "[4 4 4 8]")
}

// TestQuenchedBadKeys: each bad value of [quenched] is bad input naming
// the file, line and key.
func TestQuenchedBadKeys(t *testing.T) {
	cases := []struct {
		from, to string
		wants    []string
		more     []string // further edits
	}{
		{"beta = 5.8", "beta = 0.0", []string{"job.toml:10:", "quenched.beta", "missing"}, nil},
		{"beta = 5.8", "beta = -1.0", []string{"job.toml:10:", "quenched.beta = -1", "positive"}, nil},
		{"beta = 5.8", "beta = \"six\"", []string{"job.toml:10:", "quenched.beta", "wrong type"}, nil},
		{"beta = 5.8", "beta = 5.8\ngroup = 1", []string{"job.toml:11:", "quenched.group = 1", "2 to 16"}, nil},
		{"beta = 5.8", "beta = 5.8\nbeat = 6.0", []string{"job.toml:11:", "quenched.beat: unknown key", "beta", "sweeps"}, nil},
		{`start = "hot"`, `start = "warm"`, []string{"job.toml:11:", `quenched.start = "warm"`, "cold", "file:PATH"}, nil},
		{`start = "hot"`, `start = "file:/nonexistent/conf"`, []string{"job.toml:11:", "quenched.start", "no such file"}, nil},
		{"sweeps = 4", "sweeps = 0", []string{"job.toml:12:", "quenched.sweeps", "missing"}, nil},
		{"sweeps = 4", "sweeps = -5", []string{"job.toml:12:", "quenched.sweeps = -5", "out of range"}, nil},
		{"overrelax = 2", "overrelax = -1", []string{"job.toml:13:", "quenched.overrelax = -1"}, nil},
		{"measure_every = 1", "measure_every = -2", []string{"job.toml:14:", "quenched.measure_every = -2"}, nil},
		{"measure_every = 1", "measure_every = 3", []string{"job.toml:15:", "quenched.wilson_every = 2", "multiple of measure_every = 3"}, nil},
		{"clover_every = 2", "clover_every = 5", []string{"job.toml:17:", "quenched.clover_every = 5", "multiple of measure_every = 2"},
			[]string{"measure_every = 1", "measure_every = 2"}},
		{"wilson_size = 2", "wilson_size = 0", []string{"job.toml:16:", "quenched.wilson_size = 0"}, nil},
		{"wilson_size = 2", "wilson_size = 3", []string{"job.toml:16:", "quenched.wilson_size = 3", "half the lattice extent 4"}, nil},
		{"save_every = 3", "save_every = 3\nsave_format = \"png\"", []string{"job.toml:19:", `quenched.save_format = "png"`, `"ildg"`}, nil},
		{"checkpoint_every = 2", "checkpoint_every = -1", []string{"job.toml:19:", "quenched.checkpoint_every = -1"}, nil},
		{"checkpoint_every = 2", "checkpoint_every = 2\nreunitarise_every = -3", []string{"job.toml:20:", "quenched.reunitarise_every = -3"}, nil},
		{"beta = 5.8", "beta = 5.8\ngroup = 2", []string{"job.toml:19:", "quenched.save_every = 3", "SU(2)"}, nil},
	}
	for _, c := range cases {
		dir := t.TempDir()
		job := quenchedJobFile(t, dir, filepath.Join(dir, "out"), "4", append([]string{c.from, c.to}, c.more...)...)
		wantCode(t, 2, []string{"run", job}, c.wants...)
	}
}

// TestQuenchedExample: the shipped example job is valid.
func TestQuenchedExample(t *testing.T) {
	out := wantCode(t, 0, []string{"run", "--check", "../../jobs/examples/quenched.toml"})
	for _, f := range []string{"[quenched]", "beta = 6.0", "group = 3"} {
		if !strings.Contains(out, f) {
			t.Errorf("echo lacks %q:\n%s", f, out)
		}
	}
}

// TestBinnedMean on AR(1) series x_t = rho x_{t-1} + sqrt(1-rho^2) e_t of
// unit variance, whose integrated autocorrelation time is
// (1+rho)/(2(1-rho)) = 4.5 for rho = 0.8: the naive error is 1/sqrt(N),
// and binning recovers tau_int. One estimate from 16 bins has a
// statistical error near 36%; the mean of 8 series (fixed seeds) about 13%.
func TestBinnedMean(t *testing.T) {
	const n, rho, series = 1 << 14, 0.8, 8
	r := rand.New(rand.NewPCG(1, 2))
	tau := 0.0
	for range series {
		x := make([]float64, n)
		v := r.NormFloat64()
		for i := range x {
			v = rho*v + math.Sqrt(1-rho*rho)*r.NormFloat64()
			x[i] = v
		}
		m := binnedMean(x)
		if m.N != n || m.BinSize != n/minBins {
			t.Fatalf("%+v: want bins of %d", m, n/minBins)
		}
		if d := m.Naive*math.Sqrt(n) - 1; math.Abs(d) > 0.05 {
			t.Errorf("naive error %v, want about %v", m.Naive, 1/math.Sqrt(n))
		}
		if math.Abs(m.Mean) > 4*m.Binned {
			t.Errorf("mean %v is %v binned errors from 0", m.Mean, m.Mean/m.Binned)
		}
		tau += m.TauInt / series
	}
	if tau < 3.5 || tau > 5.5 {
		t.Errorf("mean tau_int %v, want about 4.5", tau)
	}
	if one := binnedMean([]float64{0.5}); one.Mean != 0.5 || one.Naive != 0 || one.Binned != 0 {
		t.Errorf("one sample: %+v", one)
	}
	if few := binnedMean([]float64{1, 2, 3}); few.BinSize != 1 || few.Binned != few.Naive || math.Abs(few.Naive-math.Sqrt(1.0/3)) > 1e-15 {
		t.Errorf("three samples: %+v", few)
	}
}
