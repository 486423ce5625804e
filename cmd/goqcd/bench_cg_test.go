package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/jobs/scaling"
	"github.com/goqcd/goqcd/layout"
)

// benchCGPoint runs bench cg --json with args, checks that the output is a
// scaling point that scaling.ReadPoint accepts, and returns it.
func benchCGPoint(t *testing.T, args ...string) scaling.Point {
	t.Helper()
	out := wantCode(t, 0, append([]string{"bench", "cg", "--repeats", "1", "--json"}, args...))
	path := filepath.Join(t.TempDir(), "point-1-1.json")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := scaling.ReadPoint(path)
	if err != nil {
		t.Fatalf("bench cg %v: its JSON is not a scaling point: %v\n%s", args, err, out)
	}
	return p
}

func TestBenchCGPoint(t *testing.T) {
	p := benchCGPoint(t, "--grid", "4.4.4.4", "--ranks", "2")
	if p.Grid != "4.4.4.4" || p.MPI != "1.1.1.2" || p.Ranks != 2 || p.Local != "4.4.4.2" || p.Prec != "double" || p.Solver != "cg" ||
		p.Tol != 1e-10 || p.Threads != 1 || p.Version != Version || p.Host == "" || p.Date == "" {
		t.Errorf("point header = %+v", p)
	}
	if !(p.Residual > 0 && p.Residual <= p.Tol) || p.Iterations < 5 {
		t.Errorf("the solve did not converge as asked: %d iterations, residual %g", p.Iterations, p.Residual)
	}
	if want := float64(p.Iterations) * scaling.FlopsPerIteration(256, false); p.Flops != want {
		t.Errorf("flops %g, want iterations x scaling.FlopsPerIteration = %g", p.Flops, want)
	}
	if want := scaling.HaloBytesPerIteration([4]int{4, 4, 4, 4}, [4]int{1, 1, 1, 2}, "double"); p.HaloBytesIter != want || want == 0 {
		t.Errorf("halo bytes %g, want %g", p.HaloBytesIter, want)
	}
	if len(p.Repeats) != 1 || p.Seconds != p.Repeats[0] || p.Gflops <= 0 || !(p.CommSeconds > 0) {
		t.Errorf("timing fields: %+v", p)
	}
	if len(p.Checksum) != 32 || !(p.SolutionNorm > 0) {
		t.Errorf("checksum %q, norm %g", p.Checksum, p.SolutionNorm)
	}
	// One rank splits nothing: no halo, no communication.
	p1 := benchCGPoint(t, "--grid", "4.4.4.4")
	if p1.HaloBytesIter != 0 || p1.CommSeconds != 0 || p1.MPI != "1.1.1.1" {
		t.Errorf("1 rank: halo %g bytes, comm %g s, mpi %s", p1.HaloBytesIter, p1.CommSeconds, p1.MPI)
	}
}

// The solve is the same on every process grid and W: the same iterations
// and the same solution checksum, for every precision and solver. Other
// W than the kernel set's need the go set; each grid is compared with one
// rank of its kernel set (scaling.Check requires one set).
func TestBenchCGDecompositionIndependent(t *testing.T) {
	cases := [][]string{
		{"--prec", "double", "--solver", "cg"},
		{"--prec", "mixed", "--solver", "cg"},
		{"--prec", "single", "--solver", "bicgstab", "--csw", "1.2", "--sweeps", "1"},
	}
	grids := [][]string{{"--ranks", "2"}, {"--kernels", "go", "--ranks", "4", "--mpi", "1.2.1.2", "--simd", "2"}}
	if testing.Short() { // scaling_test covers double CG on 1 and 2 ranks
		cases, grids = cases[1:2], grids[:1]
	}
	for _, c := range cases {
		refs := map[bool]scaling.Point{}
		for _, g := range grids {
			goSet := g[0] == "--kernels"
			ref, ok := refs[goSet]
			if !ok {
				args := append([]string{"--grid", "4.4.4.8"}, c...)
				if goSet {
					args = append(args, "--kernels", "go")
				}
				ref = benchCGPoint(t, args...)
				refs[goSet] = ref
				if !(ref.Residual <= ref.Tol) {
					t.Errorf("%v: residual %g above tol %g", args, ref.Residual, ref.Tol)
				}
			}
			p := benchCGPoint(t, append(append([]string{"--grid", "4.4.4.8"}, c...), g...)...)
			if p.Iterations != ref.Iterations || p.Checksum != ref.Checksum || p.SolutionNorm != ref.SolutionNorm || p.Residual != ref.Residual {
				t.Errorf("%v on %v: %d iterations, checksum %s, |x| %v, residual %g; on 1 rank %d, %s, %v, %g",
					c, g, p.Iterations, p.Checksum, p.SolutionNorm, p.Residual, ref.Iterations, ref.Checksum, ref.SolutionNorm, ref.Residual)
			}
			if err := scaling.Check([]scaling.Point{ref, p}); err != nil {
				t.Errorf("%v: scaling.Check: %v", c, err)
			}
		}
	}
}

func TestBenchCGSettings(t *testing.T) {
	p := benchCGPoint(t, "--grid", "4.4.4.4", "--prec", "single")
	if p.Prec != "single" || p.Tol != defaultTolSingle || p.Residual > p.Tol {
		t.Errorf("single: prec %s tol %g residual %g", p.Prec, p.Tol, p.Residual)
	}
	p = benchCGPoint(t, "--grid", "4.4.4.4", "--prec", "mixed", "--solver", "bicgstab", "--tol", "1e-11")
	if p.Prec != "single" || p.Solver != "mixed-bicgstab" || p.Tol != 1e-11 || p.Residual > 1e-11 {
		t.Errorf("mixed bicgstab: %+v", p)
	}
	if want := float64(p.Iterations) * flopsPerIteration(256, false, "bicgstab"); p.Flops != want {
		t.Errorf("bicgstab flops %g, want %g", p.Flops, want)
	}
	// bench bicgstab is bench cg --solver bicgstab (what BiCGStab job scripts run).
	out := wantCode(t, 0, []string{"bench", "bicgstab", "--grid", "4.4.4.4", "--repeats", "1", "--json"})
	var q scaling.Point
	if err := json.Unmarshal([]byte(out), &q); err != nil || q.Solver != "bicgstab" {
		t.Errorf("bench bicgstab: solver %q, %v", q.Solver, err)
	}
	out = wantCode(t, 0, []string{"bench", "cg", "--grid", "4.4.4.4", "--ranks", "2", "--repeats", "2", "--sweeps", "1"})
	for _, f := range []string{"iterations", "time/iteration", "time to solution", "median of 2", "GFlop/s", "true residual", "checksum", "plaquette", "estimate"} {
		if !strings.Contains(out, f) {
			t.Errorf("bench cg report lacks %q:\n%s", f, out)
		}
	}
	for _, c := range []struct {
		args  []string
		wants []string
	}{
		{[]string{"--prec", "half"}, []string{"--prec half"}},
		{[]string{"--solver", "gmres"}, []string{"--solver gmres"}},
		{[]string{"--kappa", "0.3"}, []string{"--kappa 0.3"}},
		{[]string{"--tol", "2"}, []string{"--tol 2"}},
		{[]string{"--repeats", "0"}, []string{"--repeats 0"}},
		{[]string{"--grid", "4.4.4.6", "--ranks", "2", "--mpi", "1.1.1.2"}, []string{"odd"}},
	} {
		wantCode(t, 2, append([]string{"bench", "cg"}, c.args...), c.wants...)
	}
	// Not converging is a run-time failure, the same on every rank.
	wantCode(t, 1, []string{"bench", "cg", "--grid", "4.4.4.4", "--ranks", "2", "--maxiter", "3", "--repeats", "1"}, "did not converge", "--maxiter")
}

// The digest ignores round-off-sized differences but not real ones, and
// does not depend on the process grid.
func TestSolutionDigest(t *testing.T) {
	digest := func(ranks int, scale, shift float64) string {
		var d string
		err := comm.RunInProc(ranks, func(c comm.Comm) error {
			l, err := layout.New(c, [4]int{4, 4, 4, 4}, layout.Options{})
			if err != nil {
				return err
			}
			x := gaussianSource(l, 3)
			for i := range x.Data {
				x.Data[i] = x.Data[i]*scale + shift
			}
			s, err := solutionDigest(x)
			if c.Rank() == 0 {
				d = s
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	ref := digest(1, 1, 0)
	if d := digest(4, 1, 0); d != ref {
		t.Errorf("digest on 4 ranks %s, on 1 rank %s", d, ref)
	}
	if d := digest(2, 1+1e-15, 0); d != ref {
		t.Errorf("a relative change of 1e-15 changed the digest: %s vs %s", d, ref)
	}
	if d := digest(1, 1+1e-8, 0); d == ref {
		t.Errorf("a relative change of 1e-8 left the digest unchanged")
	}
	if d := digest(1, 1, 1e-6); d == ref {
		t.Errorf("a shift by 1e-6 left the digest unchanged")
	}
}
