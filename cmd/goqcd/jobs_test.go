package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/jobs"
)

// parseJobs reads every job script of a rendered study back with
// jobs.ParseScript and checks each launch against the directives.
func parseJobs(t *testing.T, dir, scheduler string, threads int) []jobs.Launch {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "job-*.sh"))
	if len(names) == 0 {
		t.Fatalf("no job scripts in %s", dir)
	}
	var all []jobs.Launch
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		d, err := jobs.ParseScript(string(b))
		if err != nil {
			t.Fatalf("%s: jobs.ParseScript: %v", n, err)
		}
		if d.Scheduler != scheduler || len(d.Launches) == 0 {
			t.Errorf("%s: scheduler %q, %d launches", n, d.Scheduler, len(d.Launches))
		}
		for _, l := range d.Launches {
			procs := l.MPI[0] * l.MPI[1] * l.MPI[2] * l.MPI[3]
			if l.NP != procs || l.NP != l.Nodes*d.RanksPerNode || l.Threads != threads || l.Grid != "32.32.32.64" {
				t.Errorf("%s: launch %q: np %d, mpi %v, nodes %d x %d ranks per node, threads %d", n, l.Line, l.NP, l.MPI, l.Nodes, d.RanksPerNode, l.Threads)
			}
		}
		all = append(all, d.Launches...)
	}
	return all
}

func TestJobsPJM(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fugaku")
	out := wantCode(t, 0, []string{"jobs", "--machine", "fugaku", "--grid", "32.32.32.64", "--nodes", "1,2,...,8",
		"--ranks-per-node", "4", "--threads", "12", "--account", "hp000000", "--rundir", dir})
	if !strings.Contains(out, "submit.sh") || !strings.Contains(out, "goqcd scaling --collect "+dir) {
		t.Errorf("jobs output:\n%s", out)
	}
	launches := parseJobs(t, dir, "pjm", 12)
	if len(launches) != 4 {
		t.Errorf("%d launches, want one per node count (4)", len(launches))
	}
	for _, l := range launches {
		if !strings.Contains(l.Command, "bench cg") || !strings.Contains(l.Line, "--json") {
			t.Errorf("launch %q does not run bench cg --json", l.Line)
		}
	}
	exp, err := os.ReadFile(filepath.Join(dir, jobs.ExpectedFile))
	if err != nil || !strings.Contains(string(exp), "point-8-32.json") {
		t.Errorf("expected.txt: %v\n%s", err, exp)
	}

	// One allocation for every point, BiCGStab in single precision.
	arr := filepath.Join(t.TempDir(), "array")
	wantCode(t, 0, []string{"jobs", "--machine", "fugaku", "--grid", "32.32.32.64", "--nodes", "1,2", "--threads", "12",
		"--solver", "bicgstab", "--prec", "single", "--array", "--rundir", arr})
	launches = parseJobs(t, arr, "pjm", 12)
	if len(launches) != 2 || !strings.Contains(launches[0].Command, "bench bicgstab") || !strings.Contains(launches[0].Line, "--tol 1e-05") {
		t.Errorf("array job launches: %+v", launches)
	}
	if _, err := os.Stat(filepath.Join(arr, "job-all.sh")); err != nil {
		t.Error(err)
	}
}

func TestJobsSlurmAndInput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "slurm")
	wantCode(t, 0, []string{"jobs", "--machine", "generic-slurm", "--scheduler", "slurm", "--grid", "32.32.32.64", "--nodes", "1,2",
		"--threads", "8", "--elapse", "01:00:00", "--rundir", dir})
	parseJobs(t, dir, "slurm", 8)

	out := wantCode(t, 0, []string{"jobs", "--list-machines"})
	if !strings.Contains(out, "fugaku") || !strings.Contains(out, "generic-slurm") {
		t.Errorf("--list-machines:\n%s", out)
	}
	if out := wantCode(t, 0, []string{"jobs", "--show-machine", "fugaku"}); !strings.Contains(out, "[model]") {
		t.Errorf("--show-machine fugaku:\n%s", out)
	}
	bad := filepath.Join(t.TempDir(), "bad")
	for _, c := range []struct {
		args  []string
		wants []string
	}{
		{[]string{"--grid", "6.6.6.6", "--nodes", "1,2"}, []string{"6.6.6.6"}},
		{[]string{"--grid", "32.32.32.64"}, []string{"--nodes"}},
		{[]string{"--grid", "32.32.32.64", "--nodes", "1", "--prec", "mixed"}, []string{"--prec mixed"}},
		{[]string{"--grid", "32.32.32.64", "--nodes", "1", "--solver", "gmres"}, []string{"--solver gmres"}},
		{[]string{"--grid", "32.32.32.64", "--nodes", "1", "--scheduler", "slurm"}, []string{"slurm"}},
		{[]string{"--grid", "32.32.32.64", "--nodes", "1", "--threads", "48"}, []string{"cores"}},
	} {
		wantCode(t, 2, append([]string{"jobs", "--machine", "fugaku", "--rundir", bad}, c.args...), c.wants...)
	}
	wantCode(t, 2, []string{"jobs", "--show-machine", "cray"}, "unknown machine")
	if _, err := os.Stat(bad); err == nil {
		t.Error("a refused study wrote files")
	}
}

func TestNewCommandsHelp(t *testing.T) {
	for _, args := range [][]string{{"help", "bench", "dslash"}, {"bench", "cg", "-h"}, {"scaling", "-h"}, {"jobs", "--help"}} {
		out := wantCode(t, 0, args)
		if !strings.Contains(out, "Usage: goqcd") {
			t.Errorf("goqcd %v: no usage:\n%s", args, out)
		}
	}
}
