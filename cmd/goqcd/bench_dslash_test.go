package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/kernels"
)

func TestBenchDslashJSON(t *testing.T) {
	for _, c := range []struct {
		prec, clover string
		schurFlops   float64
	}{{"double", "0", 1356}, {"single", "0", 1356}, {"double", "1.5", 1860}} {
		out := wantCode(t, 0, []string{"bench", "dslash", "--grid", "4.4.4.8", "--ranks", "2", "--prec", c.prec,
			"--clover", c.clover, "--iters", "2", "--repeats", "1", "--json"})
		var b dslashBench
		if err := json.Unmarshal([]byte(out), &b); err != nil {
			t.Fatalf("bench dslash --json does not parse: %v\n%s", err, out)
		}
		if b.Ranks != 2 || b.Prec != c.prec || b.MPI != "1.1.1.2" || b.Grid != "4.4.4.8" || b.Kernels != kernels.Selected().Name || b.W < 1 {
			t.Errorf("bench dslash --json header = %+v", b)
		}
		if b.Hop.FlopsPerSite != 1320 || b.Hop.FlopsPerCall != 1320*512 {
			t.Errorf("hopping term flops: %+v, want 1320 per site, 1320*512 a call", b.Hop)
		}
		size, rows := 8, 18
		if c.prec == "single" {
			size = 4
		}
		if b.CompactLinks {
			rows = 13
		}
		if want := (8*rows + 48) * size; b.HopBytesPerSite != want {
			t.Errorf("H traffic %d bytes/site, want %d (compact links %v, %s)", b.HopBytesPerSite, want, b.CompactLinks, c.prec)
		}
		if rel := b.HopGBpsPerRank*b.Hop.Micros*1e3/float64(b.HopBytesPerSite*256) - 1; rel > 1e-9 || rel < -1e-9 {
			t.Errorf("H GB/s per rank %g inconsistent with %g us for %d bytes/site on 256 sites", b.HopGBpsPerRank, b.Hop.Micros, b.HopBytesPerSite)
		}
		if b.Schur.FlopsPerSite != c.schurFlops {
			t.Errorf("Schur flops per site %g, want %g (dirac.Schur.Flops)", b.Schur.FlopsPerSite, c.schurFlops)
		}
		for _, tm := range []dslashTiming{b.Hop, b.Schur} {
			// GFlop/s and ns/site are both derived from the time per call.
			if tm.Iters != 2 || !(tm.Micros > 0) || !(tm.Gflops > 0) {
				t.Errorf("%s not timed: %+v", tm.Operator, tm)
			}
			if rel := tm.Gflops*tm.Micros*1e3/tm.FlopsPerCall - 1; rel > 1e-9 || rel < -1e-9 {
				t.Errorf("%s: GFlop/s %g inconsistent with %g us for %g flops", tm.Operator, tm.Gflops, tm.Micros, tm.FlopsPerCall)
			}
			if rel := tm.NsPerSite*256/(tm.Micros*1e3) - 1; rel > 1e-9 || rel < -1e-9 {
				t.Errorf("%s: ns/site %g is not us/call over the 256 local sites", tm.Operator, tm.NsPerSite)
			}
		}
	}
	out := wantCode(t, 0, []string{"bench", "dslash", "--grid", "4.4.4.4", "--iters", "1", "--repeats", "1"})
	for _, f := range []string{"hopping term H", "Schur", "GFlop/s", "kernels " + kernels.Selected().Name, "W = ", "bytes/site", "GB/s per rank"} {
		if !strings.Contains(out, f) {
			t.Errorf("bench dslash table lacks %q:\n%s", f, out)
		}
	}
}

func TestBenchDslashKernels(t *testing.T) {
	before := kernels.Selected()
	// The go set runs on every CPU and accepts any W.
	out := wantCode(t, 0, []string{"bench", "dslash", "--grid", "4.4.4.4", "--kernels", "go", "--simd", "2", "--iters", "1", "--repeats", "1", "--json"})
	var b dslashBench
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	if b.Kernels != "go" || b.W != 2 {
		t.Errorf("--kernels go --simd 2: kernels %s W %d", b.Kernels, b.W)
	}
	if kernels.Selected() != before {
		t.Errorf("--kernels go left %v selected, was %v", kernels.Selected(), before)
	}
	wantCode(t, 2, []string{"bench", "dslash", "--kernels", "nope"}, "--kernels nope", "unknown kernel set")
	// A set this CPU cannot run, or one without kernels in this build.
	for _, name := range kernels.SetNames() {
		if _, err := kernels.Lookup(name); err != nil {
			wantCode(t, 2, []string{"bench", "dslash", "--grid", "4.4.4.4", "--kernels", name}, "--kernels "+name)
			break
		}
	}
	wantCode(t, 2, []string{"bench", "dslash", "--prec", "mixed"}, "--prec mixed")
	wantCode(t, 2, []string{"bench", "dslash", "--repeats", "0"}, "--repeats 0")
	if kernels.Selected() != before {
		t.Errorf("failed commands changed the kernel set to %v", kernels.Selected())
	}
}
