package comm

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

// childEnv names the scenario a re-executed test binary plays.
const childEnv = "GOQCD_COMM_TEST_CHILD"

// runChild re-executes this test binary running only test, with
// childEnv=scenario, and returns its exit code and combined output.
func runChild(t *testing.T, test, scenario string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+scenario)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("child %s did not end within 60 s; output:\n%s", scenario, out)
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		if runtime.GOARCH != "amd64" && strings.Contains(err.Error(), "exec format error") {
			// under qemu-user the test binary cannot start itself directly
			t.Skipf("cannot re-execute the %s test binary here (%v)", runtime.GOARCH, err)
		}
		t.Fatalf("running child %s: %v", scenario, err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}

// TestLocalAbortExits checks that Abort on Local prints the message and
// exits the process with the code, and that Guard turns a panic into such
// an exit.
func TestLocalAbortExits(t *testing.T) {
	switch os.Getenv(childEnv) {
	case "local-abort":
		Local().Abort(5, "deliberate local abort")
		return
	case "local-guard":
		c := Local()
		defer Guard(c)
		panic("deliberate local panic")
	}
	code, out := runChild(t, "TestLocalAbortExits", "local-abort")
	if code != 5 || !strings.Contains(out, "rank 0 of 1 aborts the job with code 5: deliberate local abort") {
		t.Fatalf("Local Abort: exit code %d, output:\n%s\nwant code 5 and the message", code, out)
	}
	code, out = runChild(t, "TestLocalAbortExits", "local-guard")
	if code != panicCode || !strings.Contains(out, "panic: deliberate local panic") || !strings.Contains(out, "TestLocalAbortExits") {
		t.Fatalf("Guard on Local: exit code %d, output:\n%s\nwant code %d, the panic and the stack", code, out, panicCode)
	}
}

func TestLocalIdentity(t *testing.T) {
	c := Local()
	if c.Rank() != 0 || c.Size() != 1 || c.Name() != "local" || c.Library() != "no MPI" {
		t.Fatalf("Local: rank %d size %d name %q library %q", c.Rank(), c.Size(), c.Name(), c.Library())
	}
}
