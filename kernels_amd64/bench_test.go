//go:build amd64 && !noasm

package kernels_amd64_test

import (
	"fmt"
	"math"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/goqcd/goqcd/kernels"
	asm "github.com/goqcd/goqcd/kernels_amd64"
)

// The benchmarks run the hopping kernel alone on a periodic L^4 lattice
// split into W lanes along the first directions (no halo), and report
// GFlop/s at kernels.WilsonHopFlops per site: by wall-clock time, and by the
// smallest CPU time of one call on the benchmark's thread (best-GFlop/s,
// the rate of an undisturbed call on a shared machine).

func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// latticeHop builds the tables of the hopping term on one parity of an
// L^4 lattice with W lanes: the lanes split x, y, z, t in turn (W = 2^k),
// tiles are the even sites of the L/lanes-sized sub-lattice.
func latticeHop[F float32 | float64](l, w int) (*kernels.WilsonHop[F], []int32) {
	var lanes [4]int
	for i := range lanes {
		lanes[i] = 1
	}
	for k, m := 0, w; m > 1; k, m = (k+1)%4, m/2 {
		lanes[k] *= 2
	}
	var tile [4]int
	for mu := range 4 {
		tile[mu] = l / lanes[mu]
	}
	nt := tile[0] * tile[1] * tile[2] * tile[3]
	lex := func(x [4]int) int { return x[0] + tile[0]*(x[1]+tile[1]*(x[2]+tile[2]*x[3])) }
	// index of a tile of either parity among those of its parity
	idx := make([]int32, nt)
	var count [2]int32
	coords := make([][4]int, nt)
	for t := range nt {
		x := [4]int{t % tile[0], t / tile[0] % tile[1], t / (tile[0] * tile[1]) % tile[2], t / (tile[0] * tile[1] * tile[2])}
		coords[t] = x
		p := (x[0] + x[1] + x[2] + x[3]) % 2
		idx[t] = count[p]
		count[p]++
	}
	n := int(count[0])
	h := &kernels.WilsonHop[F]{W: w, A: 0.5}
	h.Nbr, h.Halo, h.Cross = make([]int32, 8*n), make([]int32, 8*n), make([]uint8, n)
	for d := range 8 {
		mu, s := d/2, 1-2*(d&1)
		h.Perm[d] = make([]int32, w)
		for ln := range w {
			// lane coordinates, rotated by s along mu
			var c [4]int
			r := ln
			for m := range 4 {
				c[m] = r % lanes[m]
				r /= lanes[m]
			}
			c[mu] = (c[mu] + s + lanes[mu]) % lanes[mu]
			h.Perm[d][ln] = int32(c[0] + lanes[0]*(c[1]+lanes[1]*(c[2]+lanes[2]*c[3])))
		}
	}
	for t := range nt {
		x := coords[t]
		if (x[0]+x[1]+x[2]+x[3])%2 != 0 {
			continue
		}
		i := idx[t]
		for d := range 8 {
			mu, s := d/2, 1-2*(d&1)
			y := x
			y[mu] += s
			if y[mu] < 0 || y[mu] >= tile[mu] {
				y[mu] = (y[mu] + tile[mu]) % tile[mu]
				h.Cross[i] |= 1 << d
			}
			h.Nbr[8*int(i)+d] = idx[lex(y)]
			h.Halo[8*int(i)+d] = -1
		}
	}
	fill := func(m int) []F {
		s := make([]F, m)
		for i := range s {
			s[i] = F(float64(i%13)*0.1 - 0.6)
		}
		return s
	}
	h.Src, h.Dst, h.X, h.Links = fill(n*24*w), fill(n*24*w), fill(n*24*w), fill(n*144*w)
	tiles := make([]int32, n)
	for i := range tiles {
		tiles[i] = int32(i)
	}
	return h, tiles
}

func benchHop[F float32 | float64](b *testing.B, l, w int, compact bool, run func(*kernels.WilsonHop[F], []int32)) {
	h, tiles := latticeHop[F](l, w)
	if compact { // 13 rows per hop, the sign row +1
		h.Links = h.Links[:len(tiles)*8*kernels.CompactLinkRows*w]
		for k := range len(tiles) * 8 {
			for x := range w {
				h.Links[(k*kernels.CompactLinkRows+12)*w+x] = 1
			}
		}
		h.Compact = true
	}
	flops := float64(kernels.WilsonHopFlops * len(tiles) * w)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	best := time.Duration(math.MaxInt64)
	for b.Loop() {
		c0 := threadCPU()
		run(h, tiles)
		best = min(best, threadCPU()-c0)
	}
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
	b.ReportMetric(flops/best.Seconds()/1e9, "best-GFlop/s")
}

// BenchmarkWilsonHop: the portable kernel (W = 1 and the set's W) and each
// set's kernels, on one parity of 4^4 (cache-resident), 8^4 and 16^4.
func BenchmarkWilsonHop(b *testing.B) {
	for _, l := range []int{4, 8, 16} {
		b.Run(fmt.Sprintf("L=%d/go/f64/W=1", l), func(b *testing.B) { benchHop(b, l, 1, false, kernels.WilsonHopGo[float64]) })
		b.Run(fmt.Sprintf("L=%d/go/f64-compact/W=1", l), func(b *testing.B) { benchHop(b, l, 1, true, kernels.WilsonHopGo[float64]) })
		b.Run(fmt.Sprintf("L=%d/go/f32/W=1", l), func(b *testing.B) { benchHop(b, l, 1, false, kernels.WilsonHopGo[float32]) })
		for _, isa := range isas {
			if !asm.Runs(isa) {
				continue
			}
			for _, w := range asm.HopLanes(isa, 64) {
				for _, compact := range []bool{false, true} {
					name := "f64"
					if compact {
						name = "f64-compact"
					}
					b.Run(fmt.Sprintf("L=%d/%s/%s/W=%d", l, isa, name, w), func(b *testing.B) {
						benchHop(b, l, w, compact, func(h *kernels.WilsonHop[float64], t []int32) { asm.WilsonHop64(isa, (*asm.WilsonHop[float64])(h), t) })
					})
				}
			}
			for _, w := range asm.HopLanes(isa, 32) {
				for _, compact := range []bool{false, true} {
					name := "f32"
					if compact {
						name = "f32-compact"
					}
					b.Run(fmt.Sprintf("L=%d/%s/%s/W=%d", l, isa, name, w), func(b *testing.B) {
						benchHop(b, l, w, compact, func(h *kernels.WilsonHop[float32], t []int32) { asm.WilsonHop32(isa, (*asm.WilsonHop[float32])(h), t) })
					})
				}
			}
		}
	}
}
