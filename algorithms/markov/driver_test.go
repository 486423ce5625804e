package markov

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func readHistory(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: bad line %q: %v", path, sc.Text(), err)
		}
		delete(r, "seconds")
		out = append(out, r)
	}
	return out
}

// runQuenched runs (or resumes) a quenched chain of total steps in dir.
func runQuenched(t *testing.T, c comm.Comm, procs [4]int, dir string, steps int, resume bool) {
	t.Helper()
	l, err := layout.New(c, [4]int{4, 4, 4, 4}, layout.Options{Procs: procs})
	if err != nil {
		t.Fatal(err)
	}
	u := &gauge.Quenched{Beta: 5.8, Overrelax: 2, Rand: rng.New(11, 0)}
	ws := gauge.NewWorkspace(l, 3)
	opt := Options{Steps: steps, MeasureEvery: 1, CheckpointEvery: 3, SaveEvery: 4, Dir: dir, Resume: resume,
		Header: Record{"run": "test"},
		Measure: func(g *gauge.Field) (Record, error) {
			p, err := g.Plaquette(ws)
			return Record{"plaquette": p.Average}, err
		}}
	var g *gauge.Field
	start := 0
	if resume {
		g, start, err = Resume(dir, l, u)
	} else {
		s := rng.New(1, 1)
		g, err = gauge.Hot(l, 3, &s)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := Run(g, u, start, opt); err != nil {
		t.Fatal(err)
	}
}

// TestResumeGivesSameHistory stops a run after 7 steps (its last
// checkpoint is at 6 ... or 7, the end), resumes to 10, and compares the
// history with an uninterrupted run on another process grid.
func TestResumeGivesSameHistory(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	runQuenched(t, comm.Local(), [4]int{1, 1, 1, 1}, a, 10, false)
	err := comm.RunInProc(2, func(c comm.Comm) error {
		runQuenched(t, c, [4]int{1, 1, 1, 2}, b, 7, false)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// simulate a kill after step 8 was written but before its checkpoint:
	// append a bogus line that resume must drop
	f, _ := os.OpenFile(filepath.Join(b, "history.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"step": 8, "kind": "quenched", "plaquette": 0.1}` + "\n" + `{"step": 9, "kind`)
	f.Close()
	runQuenched(t, comm.Local(), [4]int{1, 1, 1, 1}, b, 10, true)
	ha, hb := readHistory(t, filepath.Join(a, "history.jsonl")), readHistory(t, filepath.Join(b, "history.jsonl"))
	if len(ha) != 11 || !reflect.DeepEqual(ha, hb) {
		t.Fatalf("histories differ:\n%v\n%v", ha, hb)
	}
	for _, name := range []string{"conf.000004.ildg", "conf.000008.ildg", CheckpointName} {
		if _, err := os.Stat(filepath.Join(b, name)); err != nil {
			t.Errorf("missing %s: %v", name, err)
		}
	}
	ca, _ := os.ReadFile(filepath.Join(a, "conf.000008.ildg"))
	cb, _ := os.ReadFile(filepath.Join(b, "conf.000008.ildg"))
	if len(ca) == 0 || string(ca) != string(cb) {
		t.Error("configuration 8 differs between the uninterrupted and the resumed run")
	}
	// only the last checkpoint's configuration is kept
	if m, _ := filepath.Glob(filepath.Join(b, "checkpoint.*.ildg")); len(m) != 1 {
		t.Errorf("checkpoint configurations left: %v", m)
	}
}

func TestResumeWithoutCheckpointFails(t *testing.T) {
	l, _ := layout.New(comm.Local(), [4]int{4, 4, 4, 4}, layout.Options{})
	u := &gauge.Quenched{Beta: 5.8}
	if _, _, err := Resume(t.TempDir(), l, u); err == nil {
		t.Fatal("resume without a checkpoint succeeded")
	}
}
