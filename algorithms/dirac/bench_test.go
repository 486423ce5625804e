package dirac

import (
	"fmt"
	"math"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/goqcd/goqcd/comm"

	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// The benchmarks report GFlop/s from the flop model: 1320 per site for the
// hopping term H on the full lattice, Schur.Flops() for the even-odd
// operator (Wilson 1356, clover 1860 per global site). GFlop/s divides by
// the mean wall-clock time. On a machine shared with other jobs that
// measures the machine's load as much as the kernel, so best-GFlop/s
// divides by the smallest CPU time of one call of the benchmark's thread
// (Threads = 1: the kernels run on it): the rate of an undisturbed call.

// threadCPU is the CPU time the calling OS thread has used.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// loop runs f b.N times and reports the rates of flops per call; the
// best rate only with one thread (the others' CPU time is not counted).
func loop(b *testing.B, l *layout.Layout, flops float64, f func() error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	best := time.Duration(math.MaxInt64)
	b.ResetTimer()
	for b.Loop() {
		c0 := threadCPU()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		best = min(best, threadCPU()-c0)
	}
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
	if best > 0 && l.Threads() == 1 {
		b.ReportMetric(flops/best.Seconds()/1e9, "best-GFlop/s")
	}
}

// benchCase is a lattice L^4 with W lanes and a number of threads.
type benchCase struct{ L, W, threads int }

func (c benchCase) String() string {
	s := fmt.Sprintf("L=%d/W=%d", c.L, c.W)
	if c.threads > 1 {
		s += fmt.Sprintf("/threads=%d", c.threads)
	}
	return s
}

func (c benchCase) layout(b *testing.B) *layout.Layout {
	l, err := layout.New(comm.Local(), dims{c.L, c.L, c.L, c.L}, layout.Options{W: c.W, Threads: c.threads})
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// benchCases: every W on 8^4, the portable W = 1 and AVX2's W = 4 on
// 16^4, and W = 1 on two threads.
var benchCases = []benchCase{{8, 1, 1}, {8, 2, 1}, {8, 4, 1}, {8, 8, 1}, {16, 1, 1}, {16, 4, 1}, {16, 1, 2}}

func BenchmarkHop(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.String()+"/f64", func(b *testing.B) { benchHop[float64](b, c) })
		b.Run(c.String()+"/f32", func(b *testing.B) { benchHop[float32](b, c) })
	}
}

func benchHop[F layout.Float](b *testing.B, c benchCase) {
	l := c.layout(b)
	m, err := NewWilson[F](hotGauge(b, l, 1), Params{Kappa: 0.12, BC: StandardBC})
	if err != nil {
		b.Fatal(err)
	}
	src := randomSpinor[F](l, layout.Full, 2)
	dst := src.Like()
	loop(b, l, kernels.WilsonHopFlops*float64(l.GlobalVolume), func() error { return m.Hop(dst, src) })
}

func BenchmarkSchur(b *testing.B) {
	for _, c := range benchCases {
		if c.L == 8 && c.W != 1 {
			continue
		}
		for _, clover := range []bool{false, true} {
			name := c.String() + "/wilson"
			if clover {
				name = c.String() + "/clover"
			}
			b.Run(name+"/f64", func(b *testing.B) { benchSchur[float64](b, c, clover) })
			b.Run(name+"/f32", func(b *testing.B) { benchSchur[float32](b, c, clover) })
		}
	}
}

func benchSchur[F layout.Float](b *testing.B, c benchCase, clover bool) {
	l := c.layout(b)
	u := hotGauge(b, l, 1)
	p := Params{Kappa: 0.12, CSW: 1.0, BC: StandardBC}
	var s *Schur[F]
	if clover {
		m, err := NewClover[F](u, p)
		if err != nil {
			b.Fatal(err)
		}
		s = m.Schur()
	} else {
		m, err := NewWilson[F](u, p)
		if err != nil {
			b.Fatal(err)
		}
		s = m.Schur()
	}
	src := randomSpinor[F](l, layout.Even, 2)
	dst := src.Like()
	loop(b, l, s.Flops(), func() error { return s.Apply(dst, src) })
}

// BenchmarkNewLinks is the cost of building an operator's links from a
// gauge field, which HMC pays at every force and action evaluation.
func BenchmarkNewLinks(b *testing.B) {
	for _, w := range []int{1, 8} {
		c := benchCase{8, w, 1}
		l := c.layout(b)
		u := hotGauge(b, l, 1)
		b.Run(c.String()+"/f64", func(b *testing.B) {
			for b.Loop() {
				if _, err := NewLinks[float64](u, StandardBC); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
