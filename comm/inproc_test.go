package comm

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// inprocTimeout bounds every RunInProc in the tests, so that a rank that
// hangs fails the test instead of stalling it.
const inprocTimeout = 30 * time.Second

// runInProc runs RunInProc(n, body) and fails the test if it does not
// return within inprocTimeout.
func runInProc(t *testing.T, n int, body func(c Comm) error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- RunInProc(n, body) }()
	select {
	case err := <-done:
		return err
	case <-time.After(inprocTimeout):
		t.Fatalf("RunInProc(%d) did not return within %v: a rank hangs", n, inprocTimeout)
		return nil
	}
}

// captureAbort collects what Abort prints during the test.
func captureAbort(t *testing.T) *syncBuffer {
	b := &syncBuffer{}
	abortOutputMu.Lock()
	old := abortOutput
	abortOutput = b
	abortOutputMu.Unlock()
	t.Cleanup(func() {
		abortOutputMu.Lock()
		abortOutput = old
		abortOutputMu.Unlock()
	})
	return b
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLocalConformance(t *testing.T) {
	for _, tc := range conformance {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(Local()); err != nil {
				t.Fatal(err)
			}
		})
	}
	// One Local communicator through the whole suite, too.
	if err := runConformance(Local()); err != nil {
		t.Fatal(err)
	}
}

func TestInProcConformance(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 8} {
		for _, tc := range conformance {
			t.Run(fmt.Sprintf("n=%d/%s", n, tc.name), func(t *testing.T) {
				if err := runInProc(t, n, tc.run); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestInProcWholeSuiteOneWorld runs every case in sequence on the same
// ranks, as a program would use them.
func TestInProcWholeSuiteOneWorld(t *testing.T) {
	err := runInProc(t, 4, func(c Comm) error {
		if err := runConformance(c); err != nil {
			return err
		}
		return c.Finalize()
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRunInProcRejectsNoRanks(t *testing.T) {
	if err := RunInProc(0, func(Comm) error { return nil }); err == nil {
		t.Fatal("RunInProc(0) succeeded")
	}
}

// TestBarrierSynchronises checks through shared memory that no rank leaves
// a barrier before every rank has entered it.
func TestBarrierSynchronises(t *testing.T) {
	const n, rounds = 6, 50
	var entered atomic.Int64
	err := runInProc(t, n, func(c Comm) error {
		for i := range rounds {
			entered.Add(1)
			if err := c.Barrier(); err != nil {
				return err
			}
			if got := entered.Load(); got < int64(n*(i+1)) {
				return fmt.Errorf("rank %d left barrier %d when only %d of %d entries were made", c.Rank(), i, got, n*(i+1))
			}
			if err := c.Barrier(); err != nil { // nobody starts round i+1 early
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestInProcSendCopies checks that the sender may reuse its buffer as soon
// as the send has completed, even before the receive is posted.
func TestInProcSendCopies(t *testing.T) {
	err := runInProc(t, 2, func(c Comm) error {
		if c.Rank() == 0 {
			buf := []float64{1, 2, 3}
			if err := c.Isend64(buf, 1, 0).Wait(); err != nil {
				return err
			}
			buf[0], buf[1], buf[2] = -1, -1, -1
			return c.Barrier()
		}
		if err := c.Barrier(); err != nil { // receive after the sender has overwritten
			return err
		}
		got := make([]float64, 3)
		if err := c.Irecv64(got, 0, 0).Wait(); err != nil {
			return err
		}
		if got[0] != 1 || got[1] != 2 || got[2] != 3 {
			return fmt.Errorf("received %v, want [1 2 3]", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestInProcAbortEndsEveryRank(t *testing.T) {
	out := captureAbort(t)
	for _, blockIn := range []string{"barrier", "recv", "allreduce"} {
		t.Run(blockIn, func(t *testing.T) {
			var released atomic.Int64
			err := runInProc(t, 4, func(c Comm) error {
				if c.Rank() == 1 {
					time.Sleep(10 * time.Millisecond) // let the others block first
					c.Abort(3, "deliberate abort "+blockIn)
					return errors.New("Abort returned")
				}
				var err error
				switch blockIn {
				case "barrier":
					err = c.Barrier()
				case "recv":
					err = c.Irecv64(make([]float64, 1), 1, 0).Wait()
				case "allreduce":
					err = c.AllreduceSum64([]float64{1})
				}
				if err == nil {
					return errors.New("a blocked call returned no error after Abort")
				}
				released.Add(1)
				// Every later call fails at once.
				if c.Isend64([]float64{1}, 0, 0).Wait() == nil || c.Barrier() == nil {
					return errors.New("a call after Abort succeeded")
				}
				return err
			})
			var ae *AbortError
			if !errors.As(err, &ae) {
				t.Fatalf("RunInProc returned %v, want an *AbortError", err)
			}
			if ae.Rank != 1 || ae.Code != 3 || ae.Msg != "deliberate abort "+blockIn {
				t.Fatalf("AbortError %+v, want rank 1, code 3, message %q", ae, "deliberate abort "+blockIn)
			}
			if released.Load() != 3 {
				t.Fatalf("%d ranks were released with an error, want 3", released.Load())
			}
			if !strings.Contains(out.String(), "rank 1 of 4 aborts the job with code 3: deliberate abort "+blockIn) {
				t.Fatalf("Abort printed %q", out.String())
			}
		})
	}
}

func TestInProcPanicBecomesAbort(t *testing.T) {
	out := captureAbort(t)
	for _, guarded := range []bool{false, true} {
		err := runInProc(t, 3, func(c Comm) error {
			if guarded {
				defer Guard(c)
			}
			if c.Rank() == 2 {
				var m map[string]int
				m["boom"]++ // a runtime panic, not just panic(...)
			}
			return c.Barrier()
		})
		var ae *AbortError
		if !errors.As(err, &ae) {
			t.Fatalf("guarded=%v: RunInProc returned %v, want an *AbortError", guarded, err)
		}
		if ae.Rank != 2 || ae.Code != panicCode || !strings.Contains(ae.Msg, "assignment to entry in nil map") ||
			!strings.Contains(ae.Msg, "TestInProcPanicBecomesAbort") {
			t.Fatalf("guarded=%v: AbortError rank %d code %d message %q: want rank 2, code %d, the panic and the stack",
				guarded, ae.Rank, ae.Code, ae.Msg, panicCode)
		}
	}
	if !strings.Contains(out.String(), "rank 2 of 3 aborts") {
		t.Fatalf("panic was not printed as an abort: %q", out.String())
	}
}

var errDeliberate = errors.New("deliberate failure")

func TestInProcErrorEndsJob(t *testing.T) {
	err := runInProc(t, 4, func(c Comm) error {
		if c.Rank() == 3 {
			return errDeliberate
		}
		if err := c.Irecv32(make([]float32, 2), 3, 1).Wait(); err == nil {
			return errors.New("receive from a failed rank succeeded")
		}
		return c.Barrier()
	})
	var re *RankError
	if !errors.As(err, &re) || re.Rank != 3 || !errors.Is(err, errDeliberate) {
		t.Fatalf("RunInProc returned %v, want rank 3's error", err)
	}
}

func TestInProcReturnWithoutSending(t *testing.T) {
	err := runInProc(t, 2, func(c Comm) error {
		if c.Rank() == 0 {
			return nil
		}
		return c.Irecv64(make([]float64, 1), 0, 0).Wait()
	})
	if err == nil || !strings.Contains(err.Error(), "without sending") {
		t.Fatalf("RunInProc returned %v, want an error saying rank 0 returned without sending", err)
	}
	err = runInProc(t, 3, func(c Comm) error {
		if c.Rank() == 0 {
			return nil
		}
		return c.Barrier()
	})
	if err == nil || !strings.Contains(err.Error(), "returned from its body") {
		t.Fatalf("RunInProc returned %v, want an error saying rank 0 returned while others wait", err)
	}
}

// TestInProcSharedFlagWriterGone: a rank waiting for a shared flag that
// its writer never sets gets an error when the writer returns, or when
// another rank ends the job, instead of waiting forever.
func TestInProcSharedFlagWriterGone(t *testing.T) {
	err := runInProc(t, 2, func(c Comm) error {
		sh, err := c.AllocShared(64)
		if err != nil {
			return err
		}
		if c.Rank() == 0 {
			return nil
		}
		return sh.WaitFlag(0, 1, 0)
	})
	if err == nil || !strings.Contains(err.Error(), "without setting the shared flag") {
		t.Fatalf("RunInProc returned %v, want an error saying rank 0 returned without setting the flag", err)
	}
	err = runInProc(t, 3, func(c Comm) error {
		sh, err := c.AllocShared(64)
		if err != nil {
			return err
		}
		switch c.Rank() {
		case 0:
			return fmt.Errorf("rank 0 gives up")
		case 1:
			return sh.WaitFlag(0, 1, 2) // rank 2 waits too and never writes
		}
		return sh.WaitFlag(0, 1, 1)
	})
	if err == nil || !strings.Contains(err.Error(), "rank 0 gives up") {
		t.Fatalf("RunInProc returned %v, want rank 0's error", err)
	}
}

func TestInProcGoexit(t *testing.T) {
	err := runInProc(t, 2, func(c Comm) error {
		if c.Rank() == 1 {
			runtime.Goexit()
		}
		return c.Barrier()
	})
	if err == nil || !strings.Contains(err.Error(), "Goexit") {
		t.Fatalf("RunInProc returned %v, want an error about runtime.Goexit", err)
	}
}

func TestInProcCollectiveMismatch(t *testing.T) {
	err := runInProc(t, 3, func(c Comm) error {
		if c.Rank() == 1 {
			return c.Bcast64(make([]float64, 2), 0)
		}
		return c.AllreduceSum64(make([]float64, 2))
	})
	if err == nil || !strings.Contains(err.Error(), "collective mismatch") {
		t.Fatalf("RunInProc returned %v, want a collective mismatch", err)
	}
	err = runInProc(t, 2, func(c Comm) error {
		return c.AllreduceSum64(make([]float64, 1+c.Rank()))
	})
	if err == nil || !strings.Contains(err.Error(), "collective mismatch") {
		t.Fatalf("RunInProc returned %v, want a collective mismatch for different lengths", err)
	}
}

func TestInProcTypeMismatch(t *testing.T) {
	err := runInProc(t, 2, func(c Comm) error {
		if c.Rank() == 0 {
			return c.Isend64([]float64{1, 2}, 1, 0).Wait()
		}
		if err := c.Irecv32(make([]float32, 2), 0, 0).Wait(); err == nil || !strings.Contains(err.Error(), "float64") {
			return fmt.Errorf("receiving float64 values into a float32 buffer gave %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFinalizeEndsUse(t *testing.T) {
	err := runInProc(t, 2, func(c Comm) error {
		if err := c.Finalize(); err != nil {
			return err
		}
		if c.Barrier() == nil || c.Isend64(nil, 0, 0).Wait() == nil || c.Finalize() == nil {
			return errors.New("a call after Finalize succeeded")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkInProcHalo measures one 8-direction halo exchange on 8 ranks.
func BenchmarkInProcHalo(b *testing.B) {
	err := RunInProc(8, func(c Comm) error {
		g, _ := NewCart([4]int{2, 2, 2, 1}, 8)
		for i := 0; i < b.N; i++ {
			if err := haloOnce(c, g, true, i, false); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// TestInProcQueuedSendsRecycled sends, round after round, messages of
// mixed types and lengths before their receives are posted (so each is
// copied into the mailbox, in recycled buffers from the second round on),
// overwrites the send buffers at once, and checks that every receive gets
// what was sent: a recycled buffer neither aliases a sender's buffer nor
// keeps another message's data.
func TestInProcQueuedSendsRecycled(t *testing.T) {
	lengths := []int{5, 300, 1, 300, 77, 0}
	value := func(round, m, i int) float64 { return float64(1000*round + 100*m + i) }
	err := runInProc(t, 2, func(c Comm) error {
		for round := range 6 {
			if c.Rank() == 0 {
				for m, n := range lengths {
					b64, b32 := make([]float64, n), make([]float32, n)
					for i := range n {
						b64[i], b32[i] = value(round, m, i), float32(value(round, m, i))
					}
					if err := c.Isend64(b64, 1, 2*m).Wait(); err != nil {
						return err
					}
					if err := c.Isend32(b32, 1, 2*m+1).Wait(); err != nil {
						return err
					}
					for i := range n { // the queued copies must not see this
						b64[i], b32[i] = -1, -1
					}
				}
			}
			if err := c.Barrier(); err != nil { // every send queued before any receive
				return err
			}
			if c.Rank() == 1 {
				for m := len(lengths) - 1; m >= 0; m-- { // another order than sent
					n := lengths[m]
					b64, b32 := make([]float64, n), make([]float32, n)
					if err := c.Irecv32(b32, 0, 2*m+1).Wait(); err != nil {
						return err
					}
					if err := c.Irecv64(b64, 0, 2*m).Wait(); err != nil {
						return err
					}
					for i := range n {
						if want := value(round, m, i); b64[i] != want || b32[i] != float32(want) {
							return fmt.Errorf("round %d message %d: element %d is %v (float64) and %v (float32), want %v",
								round, m, i, b64[i], b32[i], want)
						}
					}
				}
			}
			if err := c.Barrier(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
