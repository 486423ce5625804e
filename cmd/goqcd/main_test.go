package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/kernels"
)

// goqcd runs the command line in-process and returns its exit status and
// outputs.
func goqcd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// wantCode runs args and fails unless the status is code and stderr (for
// code 2, also the "goqcd: " prefix) contains every fragment.
func wantCode(t *testing.T, code int, args []string, fragments ...string) string {
	t.Helper()
	got, out, errOut := goqcd(t, args...)
	if got != code {
		t.Fatalf("goqcd %s: exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, code, out, errOut)
	}
	if code == 2 && !strings.HasPrefix(errOut, "goqcd: ") {
		t.Errorf("goqcd %s: stderr %q does not start with \"goqcd: \"", strings.Join(args, " "), errOut)
	}
	for _, f := range fragments {
		if !strings.Contains(errOut, f) {
			t.Errorf("goqcd %s: stderr %q lacks %q", strings.Join(args, " "), errOut, f)
		}
	}
	return out
}

func TestVersion(t *testing.T) {
	out := wantCode(t, 0, []string{"version"})
	for _, f := range []string{Version, "go1.", "mpi", "kernel sets", "selected     " + kernels.Selected().Name, "cpu"} {
		if !strings.Contains(out, f) {
			t.Errorf("version output lacks %q:\n%s", f, out)
		}
	}
	out = wantCode(t, 0, []string{"version", "--json"})
	var v versionInfo
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("version --json: %v\n%s", err, out)
	}
	if v.Version != Version || v.Selected != kernels.Selected().Name || v.W64 < 1 || v.W32 < 1 || len(v.Available) == 0 || v.MPI == "" {
		t.Errorf("version --json = %+v", v)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"help", "bench", "halo"}, {"selfcheck", "-h"}, {"bench", "halo", "--help"}, {"run", "-h"}} {
		out := wantCode(t, 0, args)
		if !strings.Contains(out, "Usage: goqcd") {
			t.Errorf("goqcd %v: no usage in %q", args, out)
		}
	}
	if out := wantCode(t, 0, []string{"help", "selfcheck"}); !strings.Contains(out, "-grid") {
		t.Errorf("help selfcheck does not list --grid:\n%s", out)
	}
}

func TestSelfcheckPasses(t *testing.T) {
	cases := [][]string{
		{"--ranks", "1"},
		{"--ranks", "2"},
		{"--ranks", "4"},
		{"--ranks", "4", "--mpi", "2.1.1.2", "--simd", "2"},
		{"--ranks", "2", "--grid", "4.8.4.8", "--simd", "4", "--threads", "2", "--prec", "single"},
	}
	if testing.Short() {
		cases = cases[:4]
	}
	for _, c := range cases {
		args := append([]string{"selfcheck", "--grid", "8.8.8.8"}, c...)
		out := wantCode(t, 0, args)
		if !strings.Contains(out, "selfcheck PASS") || strings.Contains(out, "FAIL") {
			t.Errorf("goqcd %v:\n%s", args, out)
		}
		if n := strings.Count(out, "PASS"); n < 3 {
			t.Errorf("goqcd %v: %d PASS lines, want the checks of each precision:\n%s", args, n, out)
		}
	}
}

func TestBenchHaloJSON(t *testing.T) {
	for _, prec := range []string{"double", "single"} {
		out := wantCode(t, 0, []string{"bench", "halo", "--grid", "8.8.8.8", "--ranks", "4", "--mpi", "1.2.1.2",
			"--prec", prec, "--iters", "3", "--repeats", "3", "--json"})
		var b haloBench
		if err := json.Unmarshal([]byte(out), &b); err != nil {
			t.Fatalf("bench halo --json does not parse: %v\n%s", err, out)
		}
		size := map[string]int{"double": 8, "single": 4}[prec]
		if b.Ranks != 4 || b.Comm != "inproc" || b.Prec != prec || len(b.Dirs) != 8 {
			t.Fatalf("bench halo --json = %+v", b)
		}
		for d, r := range b.Dirs {
			split := d/2 == 1 || d/2 == 3
			if r.Local == split || r.Hop != hopName(d) || r.Bytes != r.FaceSites*12*2*size {
				t.Errorf("direction %d: %+v (split %v)", d, r, split)
			}
			if split && (r.Micros <= 0 || r.GBps <= 0 || r.Iters != 3) {
				t.Errorf("direction %d split but not timed: %+v", d, r)
			}
		}
		if b.All.Local || b.All.Micros <= 0 || b.All.Bytes != b.Dirs[2].Bytes*2+b.Dirs[6].Bytes*2 {
			t.Errorf("full exchange: %+v", b.All)
		}
	}
	out := wantCode(t, 0, []string{"bench", "halo", "--ranks", "2", "--repeats", "1"})
	if !strings.Contains(out, "local") || !strings.Contains(out, "GB/s") {
		t.Errorf("bench halo table on 1 rank:\n%s", out)
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{}, nil},
		{[]string{"frobnicate"}, []string{`unknown command "frobnicate"`, "selfcheck"}},
		{[]string{"selfcheck", "--nope"}, []string{"-nope"}},
		{[]string{"selfcheck", "extra"}, []string{"extra"}},
		{[]string{"selfcheck", "--grid", "8.8.8"}, []string{"--grid", "X.Y.Z.T"}},
		{[]string{"selfcheck", "--grid", "8.8.8.0"}, []string{"--grid", "not positive"}},
		{[]string{"selfcheck", "--grid", "8.8.8.7"}, []string{"--grid 8.8.8.7", "odd"}},
		{[]string{"selfcheck", "--grid", "8.8.8.12", "--mpi", "1.1.1.8", "--ranks", "8"}, []string{"not divisible", "8 processes"}},
		{[]string{"selfcheck", "--grid", "8.8.8.6", "--mpi", "1.1.1.2", "--ranks", "2"}, []string{"local extent 3", "odd"}},
		{[]string{"selfcheck", "--mpi", "1.1.1.2"}, []string{"--mpi 1.1.1.2", "2 processes", "1 ranks"}},
		{[]string{"selfcheck", "--mpi", "1.1.2.2", "--ranks", "2"}, []string{"--mpi 1.1.2.2", "4 processes", "2 ranks"}},
		{[]string{"selfcheck", "--mpi", "1.1.2"}, []string{"--mpi", "X.Y.Z.T"}},
		{[]string{"selfcheck", "--grid", "6.6.6.6", "--simd", "2"}, []string{"W = 2", "does not divide"}},
		{[]string{"selfcheck", "--simd", "3"}, []string{"--simd 3", "1, 2, 4, 8, 16"}},
		{[]string{"selfcheck", "--threads", "0"}, []string{"--threads 0", "1 to"}},
		{[]string{"selfcheck", "--ranks", "0"}, []string{"--ranks 0"}},
		{[]string{"selfcheck", "--ranks", "3"}, []string{"3 ranks"}},
		{[]string{"selfcheck", "--prec", "quad"}, []string{"--prec quad", "double"}},
		{[]string{"selfcheck", "--threads", "many"}, []string{"-threads"}},
		{[]string{"bench"}, []string{"subcommand", "halo"}},
		{[]string{"bench", "dslashx"}, []string{`"dslashx"`, "halo"}},
		{[]string{"bench", "halo", "--iters", "-1"}, []string{"--iters -1"}},
		{[]string{"bench", "halo", "--prec", "half"}, []string{"--prec half"}},
		{[]string{"bench", "halo", "--grid", "8.8.8.6", "--ranks", "2", "--mpi", "1.1.1.2"}, []string{"odd"}},
		{[]string{"run"}, []string{"job file"}},
		{[]string{"run", "/nonexistent/job.toml"}, []string{"/nonexistent/job.toml"}},
		{[]string{"version", "now"}, []string{"no arguments"}},
	}
	for _, c := range cases {
		wantCode(t, 2, c.args, c.wants...)
	}
}

// writeJob writes a job file into a temporary directory, with the output
// directory there too, and returns its path.
func writeJob(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	text = strings.ReplaceAll(text, "OUTPUT", filepath.Join(dir, "out"))
	p := filepath.Join(dir, "job.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodJob = `# test job
[lattice]
grid = "8.8.8.8"
mpi = "1.1.2.2"
simd = 2

[run]
kind = "selfcheck"
output = "OUTPUT"

[selfcheck]
prec = "double"
`

func TestRunJob(t *testing.T) {
	p := writeJob(t, goodJob)
	out := wantCode(t, 0, []string{"run", p, "--ranks", "4"})
	for _, f := range []string{"[lattice]", `grid = "8.8.8.8"`, "threads = 1", "seed = 1", `prec = "double"`, "selfcheck PASS"} {
		if !strings.Contains(out, f) {
			t.Errorf("run output lacks %q (echo with defaults, then the checks):\n%s", f, out)
		}
	}
	report, err := os.ReadFile(filepath.Join(filepath.Dir(p), "out", "selfcheck.txt"))
	if err != nil || !strings.Contains(string(report), "selfcheck PASS") {
		t.Errorf("report file: %v\n%s", err, report)
	}
	out = wantCode(t, 0, []string{"run", "--check", p})
	if strings.Contains(out, "PASS") || !strings.Contains(out, "[selfcheck]") {
		t.Errorf("run --check ran the job or did not echo it:\n%s", out)
	}
	// The shipped examples are valid.
	for _, ex := range []string{"testdata/selfcheck.toml", "../../jobs/examples/selfcheck.toml"} {
		wantCode(t, 0, []string{"run", "--check", ex})
	}
	wantCode(t, 0, []string{"run", "testdata/selfcheck.toml", "--ranks", "2", "--check"})
}

func TestRunJobErrors(t *testing.T) {
	cases := []struct {
		name, text string
		wants      []string
	}{
		{"syntax", "[lattice\ngrid = \"8.8.8.8\"\n", []string{"job.toml:", "TOML syntax"}},
		{"syntax line", "[run]\nkind = \"selfcheck\"\nseed = = 3\n", []string{"job.toml:3:", "TOML syntax"}},
		{"unknown key", "[lattice]\ngrid = \"8.8.8.8\"\n\n  gird = \"4.4.4.4\"  # typo\n[run]\nkind = \"selfcheck\"\n",
			[]string{"job.toml:4:", "lattice.gird: unknown key", "grid, mpi, threads, simd"}},
		{"unknown key in kind", "[run]\nkind = \"selfcheck\"\n[selfcheck]\nprec = \"double\"\nverbose = true\n\n[lattice]\ngrid = \"8.8.8.8\"\n",
			[]string{"job.toml:5:", "selfcheck.verbose: unknown key", "prec"}},
		{"unknown nested", "[run]\nkind = \"selfcheck\"\n[lattice.extra]\na = 1\n\n[lattice]\ngrid = \"8.8.8.8\"\n", []string{"job.toml:3:", "lattice.extra: unknown key"}},
		{"unknown section", "[run]\nkind = \"selfcheck\"\n\n[solver]\ntol = 1e-8\n\n[lattice]\ngrid = \"8.8.8.8\"\n", []string{"job.toml:4:", "solver: unknown section"}},
		{"wrong type", "[lattice]\ngrid = 8\n[run]\nkind = \"selfcheck\"\n", []string{"job.toml:2:", "lattice.grid", "wrong type"}},
		{"wrong type int", "[run]\nkind = \"selfcheck\"\nseed = \"x\"\n\n[lattice]\ngrid = \"8.8.8.8\"\n", []string{"job.toml:3:", "run.seed", "wrong type"}},
		{"not a section", "lattice = 3\n[run]\nkind = \"selfcheck\"\n", []string{"job.toml:1:", "section [lattice]"}},
		{"threads range", "[lattice]\nthreads = 0\ngrid = \"8.8.8.8\"\n[run]\nkind = \"selfcheck\"\n", []string{"job.toml:2:", "lattice.threads = 0", "1 to 1024"}},
		{"simd range", "[lattice]\nsimd = 5\ngrid = \"8.8.8.8\"\n[run]\nkind = \"selfcheck\"\n", []string{"job.toml:2:", "lattice.simd = 5", "1, 2, 4, 8, 16"}},
		{"seed range", "[run]\nkind = \"selfcheck\"\nseed = -1\n\n[lattice]\ngrid = \"8.8.8.8\"\n", []string{"job.toml:3:", "run.seed = -1", "0 to 9223372036854775807"}},
		{"bad grid", "[lattice]\ngrid = \"8x8x8x8\"\n[run]\nkind = \"selfcheck\"\n", []string{"job.toml:2:", "lattice.grid", "X.Y.Z.T"}},
		{"bad prec", "[run]\nkind = \"selfcheck\"\n[selfcheck]\nprec = \"quad\"\n\n[lattice]\ngrid = \"8.8.8.8\"\n", []string{"job.toml:4:", "selfcheck.prec = quad", "both"}},
		{"no kind", "[lattice]\ngrid = \"8.8.8.8\"\n", []string{"no kind", `"selfcheck"`}},
		{"no grid", "[run]\nkind = \"selfcheck\"\n", []string{"lattice.grid", "missing"}},
		{"unknown kind", "[run]\nkind = \"hmcc\"\n\n[lattice]\ngrid = \"8.8.8.8\"\n", []string{"job.toml:2:", `"hmcc"`, `"selfcheck"`}},
		{"empty output", "[run]\nkind = \"selfcheck\"\noutput = \"\"\n\n[lattice]\ngrid = \"8.8.8.8\"\n", []string{"job.toml:3:", "run.output"}},
		{"mpi vs ranks", "[lattice]\nmpi = \"1.1.1.2\"\ngrid = \"8.8.8.8\"\n[run]\nkind = \"selfcheck\"\noutput = \"OUTPUT\"\n", []string{"job.toml:2:", "lattice.mpi", "2 processes", "1 ranks"}},
		{"odd local", "[lattice]\ngrid = \"8.8.8.6\"\nmpi = \"1.1.1.2\"\n[run]\nkind = \"selfcheck\"\noutput = \"OUTPUT\"\n", []string{"job.toml:2:", "odd"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeJob(t, c.text)
			args := []string{"run", p}
			if strings.Contains(c.text, "mpi = ") {
				args = append(args, "--ranks", map[bool]string{true: "1", false: "2"}[c.name == "mpi vs ranks"])
			}
			wantCode(t, 2, args, c.wants...)
		})
	}
}

func TestKeyLine(t *testing.T) {
	text := `# comment [lattice]
title = "a # not a comment"
[lattice]
grid = "8.8.8.8" # grid
"quoted key" = 1
sub.inner = 2

[[runs]]
x = 1
[a."b.c"]
d = 3
`
	cases := []struct {
		key  []string
		line int
	}{
		{[]string{"title"}, 2},
		{[]string{"lattice"}, 3},
		{[]string{"lattice", "grid"}, 4},
		{[]string{"lattice", "quoted key"}, 5},
		{[]string{"lattice", "sub"}, 6},
		{[]string{"lattice", "sub", "inner"}, 6},
		{[]string{"runs", "x"}, 9},
		{[]string{"a", "b.c", "d"}, 11},
		{[]string{"a"}, 10},
		{[]string{"lattice", "mpi"}, 0},
	}
	for _, c := range cases {
		if got := keyLine(text, c.key); got != c.line {
			t.Errorf("keyLine(%q) = %d, want %d", c.key, got, c.line)
		}
	}
}

// TestCoordNorm2 checks the analytic norm against a direct sum.
func TestCoordNorm2(t *testing.T) {
	global := [4]int{4, 2, 6, 2}
	var sum float64
	for x := range global[0] {
		for y := range global[1] {
			for z := range global[2] {
				for w := range global[3] {
					for c := range 12 {
						v := coordValue([4]int{x, y, z, w}, c)
						sum += real(v)*real(v) + imag(v)*imag(v) // exact: small integers and quarters
					}
				}
			}
		}
	}
	if got := coordNorm2(global, 12); got != sum {
		t.Errorf("coordNorm2 = %v, direct sum %v", got, sum)
	}
}

// TestFirstFailure: rank 0 learns the detail of the lowest failing rank.
func TestFirstFailure(t *testing.T) {
	for _, failing := range [][]bool{{false, false, false}, {false, true, true}, {true, false, true}} {
		err := comm.RunInProc(3, func(c comm.Comm) error {
			d, err := firstFailure(c, failing[c.Rank()], strings.Repeat("x", c.Rank()+1))
			if err != nil {
				return err
			}
			want := ""
			for r, f := range failing {
				if f {
					want = strings.Repeat("x", r+1)
					break
				}
			}
			if d != want {
				return errors.New("got " + d + ", want " + want)
			}
			return nil
		})
		if err != nil {
			t.Errorf("failing %v: %v", failing, err)
		}
	}
}

// TestRankFailures: a panic on one rank aborts the job with the panic's
// exit status; a plain error gives status 1; bad input on every rank
// gives 2, without the rank in the message.
func TestRankFailures(t *testing.T) {
	x := &cli{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	err := x.onRanks(3, false, func(r rankEnv) error {
		if r.c.Rank() == 1 {
			panic("rank 1 breaks")
		}
		return r.c.Barrier()
	})
	var ae *comm.AbortError
	if !errors.As(err, &ae) || ae.Rank != 1 || !strings.Contains(ae.Msg, "rank 1 breaks") || exitCode(err) != ae.Code || ae.Code == 0 {
		t.Errorf("panic on rank 1: %v (exit %d)", err, exitCode(err))
	}
	err = x.onRanks(2, false, func(r rankEnv) error {
		if r.c.Rank() == 0 {
			return errors.New("disk full")
		}
		return nil
	})
	if exitCode(err) != 1 || !strings.Contains(message(err), "disk full") {
		t.Errorf("error on rank 0: %v (exit %d)", err, exitCode(err))
	}
	err = x.onRanks(2, false, func(r rankEnv) error { return inputf("bad setting") })
	if exitCode(err) != 2 || message(err) != "bad setting" {
		t.Errorf("input error on every rank: %q (exit %d)", message(err), exitCode(err))
	}
}
