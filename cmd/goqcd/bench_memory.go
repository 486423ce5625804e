package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goqcd/goqcd/kernels"
)

// bench memory measures the memory bandwidth one core reaches through
// goqcd's own streaming kernels, at working-set sizes from the caches to
// main memory: the yardstick for the hopping term, which at large local
// volumes waits for its links and spinors (the role of Grid's
// Benchmark_memory_bandwidth). Three kernels run on float64 data in the
// SIMD layout of the selected kernel set (W lanes):
//
//	read   kernels.SiteNorm64: reads x (one small partial per site written)
//	copy   copy(y, x): reads x, writes y
//	axpy   kernels.Axpy64, y = a x + y: reads x and y, writes y
//
// GB/s counts the bytes the kernel reads plus those it writes (no
// write-allocate traffic), over the median of the timed repeats. In the
// L1 and L2 the read kernel is bound by its per-site sums (one chain of
// adds per site, in component order), not by the cache: its figure there
// is a floor. Each size
// is the total of the arrays a kernel touches (read: x; copy and axpy: x
// and y), so a size that fits a cache level measures that level.

type memoryPoint struct {
	Bytes     int     `json:"bytes"`  // working set: every array the kernel touches
	Kernel    string  `json:"kernel"` // read, copy or axpy
	Iters     int     `json:"iters"`  // passes per timed repeat
	Seconds   float64 `json:"seconds_per_pass"`
	GBps      float64 `json:"gbps"` // (bytes read + bytes written) per pass / time
	PassBytes int     `json:"bytes_moved_per_pass"`
}

type memoryBench struct {
	Kernels string        `json:"kernels"`
	W       int           `json:"w"`
	Repeats int           `json:"repeats"`
	Points  []memoryPoint `json:"points"`
}

// defaultMemorySizes are the working sets in MiB: L1, L2, L3 and memory.
const defaultMemorySizes = "0.03125,0.25,1,4,16,32,64,256"

func init() {
	register(benchCommands, &command{name: "bench memory",
		summary: "memory bandwidth of one core through goqcd's streaming kernels, from cache to main memory",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			sizes := fs.String("sizes", defaultMemorySizes, "working-set sizes in MiB, comma-separated")
			repeats := fs.Int("repeats", 5, "timed repeats per size and kernel; the median is reported")
			asJSON := fs.Bool("json", false, "print JSON instead of a table")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("bench memory takes no arguments, got %q", args)
				}
				if *repeats < 1 {
					return inputf("--repeats must be at least 1, got %d", *repeats)
				}
				mib, err := parseSizes(*sizes)
				if err != nil {
					return err
				}
				res := benchMemory(mib, *repeats)
				if *asJSON {
					return writeJSON(x.out(), res)
				}
				res.table(x.out())
				return nil
			}
		}})
}

// parseSizes reads a comma-separated list of positive sizes in MiB.
func parseSizes(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(v > 0) || v > 1<<16 {
			return nil, inputf("--sizes: %q is not a size in MiB between 0 and 65536 (example: --sizes 1,16,256)", f)
		}
		out = append(out, v)
	}
	return out, nil
}

// memoryTarget is the time of one timed repeat.
const memoryTarget = 50 * time.Millisecond

func benchMemory(mib []float64, repeats int) memoryBench {
	w := kernels.Selected().W64
	res := memoryBench{Kernels: kernels.Selected().Name, W: w, Repeats: repeats}
	const nc = 12 // complex components per site, as a spinor
	site := nc * 2 * 8
	for _, m := range mib {
		for _, kern := range []string{"read", "copy", "axpy"} {
			arrays := 1
			if kern != "read" {
				arrays = 2
			}
			// whole tiles of W sites, at least one
			tiles := max(1, int(m*(1<<20))/(arrays*site*w))
			n := tiles * w * nc * 2
			x, y := make([]float64, n), make([]float64, n)
			for i := range x {
				x[i], y[i] = float64(i%7)*0.25, float64(i%5)*0.5
			}
			part := make([]float64, tiles*w)
			pass, moved := memoryPass(kern, x, y, part, w, nc)
			res.Points = append(res.Points, timePasses(pass, arrays*n*8, moved, kern, repeats))
		}
	}
	return res
}

// memoryPass returns one pass of the named kernel and the bytes it reads
// plus writes.
func memoryPass(kern string, x, y, part []float64, w, nc int) (func(), int) {
	b := len(x) * 8
	switch kern {
	case "read":
		return func() { kernels.SiteNorm64(part, x, w, nc) }, b + len(part)*8
	case "copy":
		return func() { copy(y, x) }, 2 * b
	default: // axpy with a = -1: y drifts by -x a pass, far from overflow
		return func() { kernels.Axpy64(-1, 0, x, y, w) }, 3 * b
	}
}

func timePasses(pass func(), set, moved int, kern string, repeats int) memoryPoint {
	runtime.GC()
	t0 := time.Now()
	pass() // warm: pages touched, caches filled
	iters := max(1, int(memoryTarget/max(time.Since(t0), time.Microsecond)))
	times := make([]float64, repeats)
	for k := range times {
		t := time.Now()
		for range iters {
			pass()
		}
		times[k] = time.Since(t).Seconds() / float64(iters)
	}
	slices.Sort(times)
	sec := times[repeats/2]
	return memoryPoint{Bytes: set, Kernel: kern, Iters: iters, Seconds: sec, GBps: float64(moved) / sec / 1e9, PassBytes: moved}
}

func (b memoryBench) table(w io.Writer) {
	fmt.Fprintf(w, "bench memory: one core, kernels %s (W = %d), float64; GB/s = (bytes read + bytes written) per pass / time, median of %d repeats\n\n",
		b.Kernels, b.W, b.Repeats)
	fmt.Fprintf(w, "%12s %10s %10s %10s\n", "working set", "read", "copy", "axpy")
	for i := 0; i+2 < len(b.Points); i += 3 {
		fmt.Fprintf(w, "%9.2f MiB %10.1f %10.1f %10.1f\n", float64(b.Points[i].Bytes)/(1<<20),
			b.Points[i].GBps, b.Points[i+1].GBps, b.Points[i+2].GBps)
	}
}
