//go:build mpi

package comm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Under mpirun every rank runs every test; the tests on World use its size
// and skip what needs another. A failure on one rank aborts the job (a rank
// that stopped early would leave the others hanging in a collective), and a
// watchdog aborts a job that hangs.

var (
	testWorldOnce sync.Once
	testWorldComm Comm
	testWorldErr  error
)

// testWorld initialises MPI on first use, so that child processes that do
// not need it (the Local ones) never start it.
func testWorld(t *testing.T) Comm {
	t.Helper()
	testWorldOnce.Do(func() {
		testWorldComm, testWorldErr = World()
		if testWorldErr == nil {
			time.AfterFunc(5*time.Minute, func() {
				testWorldComm.Abort(3, "comm tests: watchdog: the MPI tests did not finish within 5 minutes")
			})
		}
	})
	if testWorldErr != nil {
		t.Fatal(testWorldErr)
	}
	return testWorldComm
}

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "mpi-abort", "mpi-panic", "mpi-conformance":
		os.Exit(mpiChild(os.Getenv(childEnv)))
	}
	code := m.Run()
	if testWorldComm != nil {
		if code != 0 {
			testWorldComm.Abort(code, "comm tests failed on this rank")
		}
		if err := testWorldComm.Finalize(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// mpiChild plays a scenario in a job started by mpirun from a test.
func mpiChild(scenario string) int {
	c, err := World()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer Guard(c)
	switch scenario {
	case "mpi-abort":
		if c.Rank() == 1 {
			time.Sleep(200 * time.Millisecond) // let rank 0 block first
			c.Abort(7, "deliberate abort from rank 1")
		}
		c.Barrier() // rank 0 blocks here until the job is killed
		fmt.Fprintln(os.Stderr, "barrier returned after Abort")
		return 0
	case "mpi-panic":
		if c.Rank() == 1 {
			var p *struct{ x int }
			p.x = 1 // a nil dereference: a SIGSEGV that Go must still turn into a panic
		}
		c.Barrier()
		return 0
	case "mpi-conformance":
		if err := runConformance(c); err != nil {
			c.Abort(1, err.Error())
		}
		fmt.Printf("conformance passed on rank %d of %d with %s\n", c.Rank(), c.Size(), c.(interface{ ThreadLevel() string }).ThreadLevel())
	}
	if err := c.Finalize(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func TestWorldConformance(t *testing.T) {
	c := testWorld(t)
	for _, tc := range conformance {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(c); err != nil {
				c.Abort(1, fmt.Sprintf("%s: %v", t.Name(), err))
			}
		})
	}
}

func TestWorldIdentity(t *testing.T) {
	c := testWorld(t)
	if c.Name() != "mpi" || !strings.Contains(c.Library(), "MPI") || strings.ContainsAny(c.Library(), "\n\x00") {
		c.Abort(1, fmt.Sprintf("World: name %q, library %q: want mpi and one line naming the MPI library", c.Name(), c.Library()))
	}
	again, err := World()
	if err != nil || again != c {
		c.Abort(1, "a second World() call returned another communicator or an error")
	}
	t.Logf("rank %d of %d, %s, %s", c.Rank(), c.Size(), c.Library(), c.(interface{ ThreadLevel() string }).ThreadLevel())
}

// TestWorldMatchesInProc checks that World and RunInProc with the same
// number of ranks give bit-identical sums.
func TestWorldMatchesInProc(t *testing.T) {
	c := testWorld(t)
	n := c.Size()
	data := func(r int) []float64 {
		v := make([]float64, 64)
		for i := range v {
			v[i] = sumValue(r, i%sumLen) * float64(1+i)
		}
		return v
	}
	mpi := data(c.Rank())
	if err := c.AllreduceSum64(mpi); err != nil {
		c.Abort(1, err.Error())
	}
	ref := make([][]float64, n)
	err := RunInProc(n, func(q Comm) error {
		v := data(q.Rank())
		ref[q.Rank()] = v
		return q.AllreduceSum64(v)
	})
	if err != nil {
		c.Abort(1, err.Error())
	}
	for i := range mpi {
		if math.Float64bits(mpi[i]) != math.Float64bits(ref[c.Rank()][i]) {
			c.Abort(1, fmt.Sprintf("element %d: MPI sum %v, in-process sum %v", i, mpi[i], ref[c.Rank()][i]))
		}
	}
}

// mpirunCommand returns mpirun with the flags this machine needs, or skips.
func mpirunCommand(t *testing.T, np int) []string {
	t.Helper()
	path, err := exec.LookPath("mpirun")
	if err != nil {
		t.Skip("mpirun is not on PATH")
	}
	args := []string{path}
	if v, _ := exec.Command(path, "--version").CombinedOutput(); strings.Contains(string(v), "Open MPI") {
		args = append(args, "--allow-run-as-root", "--oversubscribe")
	}
	return append(args, "-np", fmt.Sprint(np))
}

// runUnderMpirun starts this test binary as an np-rank job playing
// scenario, and returns the exit code and output.
func runUnderMpirun(t *testing.T, np int, scenario string, env ...string) (int, string) {
	t.Helper()
	if c := testWorld(t); c.Size() > 1 {
		t.Skip("already running under mpirun: run without -exec to start nested jobs")
	}
	args := append(mpirunCommand(t, np), os.Args[0], "-test.run=^$")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	// The job must not believe it is part of this process's MPI job.
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "OMPI_") || strings.HasPrefix(k, "PMIX_") ||
			strings.HasPrefix(k, "ORTE_") || strings.HasPrefix(k, "OPAL_") || strings.HasPrefix(k, "PMI_") {
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, childEnv+"="+scenario)
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("mpirun job %s did not end within 90 s (a hang); output:\n%s", scenario, out)
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("running mpirun: %v", err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// TestAbortUnderMpirun checks that Abort on one rank ends a 2-rank job whose
// other rank waits in a barrier, with a non-zero exit and the message.
func TestAbortUnderMpirun(t *testing.T) {
	code, out := runUnderMpirun(t, 2, "mpi-abort")
	if code == 0 || !strings.Contains(out, "rank 1 of 2 aborts the job with code 7: deliberate abort from rank 1") ||
		strings.Contains(out, "barrier returned") {
		t.Fatalf("mpirun job with an Abort: exit code %d, output:\n%s\nwant a non-zero exit and the message", code, out)
	}
}

// TestGuardUnderMpirun checks that a nil dereference on one rank, caught by
// Guard, ends a 2-rank job with the panic and the rank.
func TestGuardUnderMpirun(t *testing.T) {
	code, out := runUnderMpirun(t, 2, "mpi-panic")
	if code == 0 || !strings.Contains(out, "rank 1 of 2 aborts the job with code 2: panic: runtime error: invalid memory address or nil pointer dereference") {
		t.Fatalf("mpirun job with a panic: exit code %d, output:\n%s\nwant a non-zero exit and the panic", code, out)
	}
}

// TestSerializedUnderMpirun runs the conformance suite on 3 ranks with
// MPI_THREAD_SERIALIZED, the polling path that MPI_THREAD_MULTIPLE skips.
func TestSerializedUnderMpirun(t *testing.T) {
	code, out := runUnderMpirun(t, 3, "mpi-conformance", ThreadEnv+"=serialized")
	if code != 0 || strings.Count(out, "with MPI_THREAD_SERIALIZED") != 3 {
		t.Fatalf("conformance under MPI_THREAD_SERIALIZED on 3 ranks: exit code %d, output:\n%s", code, out)
	}
}
