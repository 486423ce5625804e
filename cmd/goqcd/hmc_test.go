package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hmcJob writes an HMC job file of a tiny Wilson Nf=2 run into dir.
func hmcJob(t *testing.T, dir string, trajectories int) string {
	t.Helper()
	text := `[lattice]
grid = "4.4.4.4"
[run]
kind = "hmc"
seed = 3
output = "` + filepath.Join(dir, "out") + `"
[hmc]
beta = 5.6
fermions = "wilson"
kappa = 0.13
tau = 0.3
integrator = "omelyan"
steps = [3, 2]
trajectories = ` + itoa(trajectories) + `
no_metropolis = 2
start = "hot"
checkpoint_every = 2
`
	p := filepath.Join(dir, "hmc.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// historyOf reads a run's history without the timing fields.
func historyOf(t *testing.T, dir string) []map[string]any {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "out", "history.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := readRecords(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		for k := range r {
			if strings.Contains(k, "seconds") {
				delete(r, k)
			}
		}
	}
	return recs
}

// TestHMCResumeAfterKill runs an uninterrupted HMC stream, and the same
// stream in a child process killed with SIGKILL after its first checkpoint,
// then resumed; the histories must be equal.
func TestHMCResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 and resume: a few seconds of HMC; skipped with -short (TestHMCResume covers resume)")
	}
	a, b := t.TempDir(), t.TempDir()
	if code, _, errOut := goqcd(t, "run", hmcJob(t, a, 6)); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, errOut)
	}
	job := hmcJob(t, b, 6)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childMainEnv+"=run "+job)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// wait for the checkpoint after trajectory 2, and for trajectory 3 to
	// be on its way, then kill
	ckpt := filepath.Join(b, "out", "checkpoint.json")
	deadline := time.Now().Add(120 * time.Second)
	for {
		if data, err := os.ReadFile(ckpt); err == nil && strings.Contains(string(data), `"step": 2`) {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no checkpoint within 120 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if code, _, errOut := goqcd(t, "run", "--resume", job); code != 0 {
		t.Fatalf("resumed run: exit %d: %s", code, errOut)
	}
	ha, hb := historyOf(t, a), historyOf(t, b)
	if !reflect.DeepEqual(ha, hb) {
		t.Fatalf("histories differ:\nuninterrupted %v\nresumed       %v", ha, hb)
	}
}

// TestHMCResume stops a stream after 3 trajectories (2 ranks) and resumes
// it to 5 (1 rank): same history as 5 uninterrupted trajectories.
func TestHMCResume(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if code, _, errOut := goqcd(t, "run", hmcJob(t, a, 5)); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if code, _, errOut := goqcd(t, "run", "--ranks", "2", hmcJob(t, b, 3)); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if code, _, errOut := goqcd(t, "run", "--resume", hmcJob(t, b, 5)); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ha, hb := historyOf(t, a), historyOf(t, b)
	if len(ha) != 6 || !reflect.DeepEqual(ha, hb) {
		t.Fatalf("histories differ:\n%v\n%v", ha, hb)
	}
	for _, r := range ha[1:] {
		if _, ok := r["dH"]; !ok {
			t.Errorf("record without dH: %v", r)
		}
	}
}

func TestHMCJobErrors(t *testing.T) {
	dir := t.TempDir()
	bad := func(extra, want string) {
		t.Helper()
		text := "[lattice]\ngrid = \"4.4.4.4\"\n[run]\nkind = \"hmc\"\noutput = \"" + dir + "\"\n[hmc]\n" + extra
		p := filepath.Join(dir, "bad.toml")
		os.WriteFile(p, []byte(text), 0o644)
		wantCode(t, 2, []string{"run", p}, want)
	}
	bad("beta = -1\n", "beta")
	bad("beta = 6\nkappa = 0.3\n", "kappa")
	bad("beta = 6\nkappa = 0.1\nsteps = [1, 2, 3]\n", "steps")
	bad("beta = 6\nfermions = \"domainwall\"\n", "fermions")
	bad("beta = 6\nkappa = 0.1\nhasenbusch_kappa = 0.2\n", "hasenbusch_kappa")
	bad("beta = 6\nkappa = 0.1\nintegrator = \"euler\"\n", "integrator")
	bad("beta = 6\nkappa = 0.1\nstart = \"warm\"\n", "start")
	bad("beta = 6\nkappa = 0.1\nstepz = 3\n", "stepz")
}
