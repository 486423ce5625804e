//go:build amd64 && !noasm

package kernels_amd64_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/goqcd/goqcd/kernels"
	asm "github.com/goqcd/goqcd/kernels_amd64"
)

// The conformance suite: every assembly kernel against its portable twin in
// package kernels, on random inputs, for every set and every W the set has
// a kernel for. The kernels perform the twin's operations in the twin's
// order (the fused multiply-adds of the float32 rows are explicit in the
// twins, and every other product there is rounded by a conversion, so that
// no GOAMD64 level lets the compiler fuse it), so the tolerance is zero: the
// outputs must be the same bits.
// Outputs sit between NaN guard cells and tiles the list leaves out stay
// NaN, so a stray write shows up as a difference.

// isas are the sets under test.
var isas = []asm.ISA{asm.AVX2, asm.AVX512}

// guard is the number of NaN cells before and after every output slice.
const guard = 37

// guarded returns a NaN-filled buffer and the n-element window inside it.
func guarded[F float32 | float64](n int) (buf, win []F) {
	buf = make([]F, n+2*guard)
	for i := range buf {
		buf[i] = F(math.NaN())
	}
	return buf, buf[guard : guard+n]
}

func randSlice[F float32 | float64](rng *rand.Rand, n int) []F {
	s := make([]F, n)
	for i := range s {
		s[i] = F(rng.Float64()*2 - 1)
	}
	return s
}

// hopCase is a random hopping problem with every feature the tables
// allow: lane permutations, halo rows with random halo lanes, repeated and
// out-of-order tiles in the list (a remainder beyond the assembly's chunk),
// tiles left out.
type hopCase[F float32 | float64] struct {
	h     kernels.WilsonHop[F]
	tiles []int32
	dst   []F // the guarded buffer behind h.Dst
}

func newHopCase[F float32 | float64](rng *rand.Rand, w, nOut, nSrc int, halo bool) *hopCase[F] {
	c := &hopCase[F]{}
	h := &c.h
	h.W = w
	h.A = F(-0.37 + rng.Float64()*0.1)
	h.Src = randSlice[F](rng, nSrc*24*w)
	h.X = randSlice[F](rng, nOut*24*w)
	h.Links = randSlice[F](rng, nOut*8*18*w)
	c.dst, h.Dst = guarded[F](nOut * 24 * w)
	h.Nbr = make([]int32, 8*nOut)
	h.Halo = make([]int32, 8*nOut)
	h.Cross = make([]uint8, nOut)
	var rows [8]int
	for d := range 8 {
		h.Perm[d] = make([]int32, w)
		for l, p := range rng.Perm(w) {
			h.Perm[d][l] = int32(p)
		}
		for _, l := range rng.Perm(w)[:max(1, w/2)] {
			h.HaloLanes[d] = append(h.HaloLanes[d], int32(l))
		}
	}
	for i := range nOut {
		for d := range 8 {
			h.Nbr[8*i+d] = int32(rng.IntN(nSrc))
			h.Halo[8*i+d] = -1
			if rng.IntN(3) == 0 {
				h.Cross[i] |= 1 << d
				if halo && rng.IntN(8) == 0 {
					h.Halo[8*i+d] = int32(rows[d])
					rows[d]++
				}
			}
		}
	}
	for d := range 8 {
		h.Recv[d] = randSlice[F](rng, rows[d]*12*len(h.HaloLanes[d]))
	}
	for i := range nOut {
		if i%7 != 3 { // leave some tiles out: they must stay NaN
			c.tiles = append(c.tiles, int32(i))
		}
	}
	rng.Shuffle(len(c.tiles), func(a, b int) { c.tiles[a], c.tiles[b] = c.tiles[b], c.tiles[a] })
	return c
}

// setHaloLanes replaces the halo lanes of each hop d by lanes(d), with
// fresh received rows of the new width.
func (c *hopCase[F]) setHaloLanes(rng *rand.Rand, lanes func(d int) []int) {
	h := &c.h
	for d := range 8 {
		rows := len(h.Recv[d]) / (12 * len(h.HaloLanes[d]))
		h.HaloLanes[d] = h.HaloLanes[d][:0]
		for _, l := range lanes(d) {
			h.HaloLanes[d] = append(h.HaloLanes[d], int32(l))
		}
		h.Recv[d] = randSlice[F](rng, rows*12*len(h.HaloLanes[d]))
	}
}

func identity(w int) []int {
	s := make([]int, w)
	for l := range s {
		s[l] = l
	}
	return s
}

// clone copies the case with a fresh guarded output (same NaN contents).
func (c *hopCase[F]) clone() *hopCase[F] {
	o := *c
	o.dst = slices.Clone(c.dst)
	o.h.Dst = o.dst[guard : len(o.dst)-guard]
	return &o
}

// sameBits compares two buffers: bit for bit when tol is 0, else to tol
// relative to the largest |want| (NaN cells, the guards and the tiles left
// out, always bit for bit).
func sameBits[F float32 | float64](got, want []F, tol float64) (bad int, maxRel float64) {
	var scale float64
	for _, v := range want {
		if !math.IsNaN(float64(v)) {
			scale = math.Max(scale, math.Abs(float64(v)))
		}
	}
	for i := range want {
		g, x := float64(got[i]), float64(want[i])
		if math.IsNaN(x) || math.IsNaN(g) || tol == 0 {
			if math.Float64bits(g) != math.Float64bits(x) {
				if !(math.IsNaN(g) && math.IsNaN(x)) {
					bad++
				}
			}
			continue
		}
		r := math.Abs(g-x) / scale
		maxRel = math.Max(maxRel, r)
		if r > tol {
			bad++
		}
	}
	return bad, maxRel
}

// compactLinks turns the case's links into compact ones (13 random rows
// per hop, the last a random sign per lane): the kernels rebuild the third
// row by the same arithmetic as kernels.ExpandLink whatever the numbers.
func (c *hopCase[F]) compactLinks(rng *rand.Rand) {
	h := &c.h
	n := len(h.Links) / (18 * h.W)
	h.Links = randSlice[F](rng, n*kernels.CompactLinkRows*h.W)
	for k := range n {
		sign := h.Links[(k*kernels.CompactLinkRows+12)*h.W : (k+1)*kernels.CompactLinkRows*h.W]
		for l := range sign {
			sign[l] = F(1 - 2*rng.IntN(2))
			if k%3 != 0 { // as on most hops: +1 in every lane
				sign[l] = 1
			}
		}
	}
	h.Compact = true
}

// checkHop runs the conformance case for one set, precision and W, with X
// present, absent and aliasing Dst, and with compact links.
func checkHop[F float32 | float64](t *testing.T, isa asm.ISA, w int, compact bool,
	run func(asm.ISA, *asm.WilsonHop[F], []int32) int) {
	rng := rand.New(rand.NewPCG(uint64(w), uint64(isa)))
	for _, mode := range []string{"X", "nil X", "X aliasing Dst", "halo", "halo all lanes", "halo all lanes permuted", "halo lane run", "halo ascending lanes"} {
		c := newHopCase[F](rng, w, 300, 301, strings.HasPrefix(mode, "halo"))
		switch mode {
		case "halo all lanes":
			c.setHaloLanes(rng, func(int) []int { return identity(w) })
		case "halo all lanes permuted":
			c.setHaloLanes(rng, func(int) []int { return rng.Perm(w) })
		case "halo lane run":
			c.setHaloLanes(rng, func(d int) []int { return identity(w)[d%2*w/2 : d%2*w/2+max(1, w/2)] })
		case "halo ascending lanes": // as the layout lists them: the list kernels expand them in place
			c.setHaloLanes(rng, func(d int) []int {
				lanes := rng.Perm(w)[:1+(d*w/8)%w]
				slices.Sort(lanes)
				return lanes
			})
		}
		if compact {
			c.compactLinks(rng)
		}
		switch mode {
		case "nil X":
			c.h.X = nil
		case "X aliasing Dst":
			copy(c.h.Dst, c.h.X)
			c.h.X = c.h.Dst
		}
		want := c.clone()
		if mode == "X aliasing Dst" {
			want.h.X = want.h.Dst
		}
		kernels.WilsonHopGo(&want.h, want.tiles)
		got := c.clone()
		if mode == "X aliasing Dst" {
			got.h.X = got.h.Dst
		}
		n := run(isa, (*asm.WilsonHop[F])(&got.h), got.tiles)
		if n != len(got.tiles) {
			t.Errorf("%s W=%d %s: the kernel computed %d of %d tiles", isa, w, mode, n, len(got.tiles))
			continue
		}
		bad, rel := sameBits(got.dst, want.dst, 0)
		if bad > 0 {
			t.Errorf("%s W=%d %s: %d of %d numbers (with guards and left-out tiles) differ from kernels.WilsonHopGo (max relative %.3g)",
				isa, w, mode, bad, len(want.dst), rel)
		}
	}
}

func TestWilsonHopConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		for _, w := range asm.HopLanes(isa, 64) {
			t.Run(fmt.Sprintf("%s/f64/W=%d", isa, w), func(t *testing.T) { checkHop(t, isa, w, false, asm.WilsonHop64) })
			t.Run(fmt.Sprintf("%s/f64-compact/W=%d", isa, w), func(t *testing.T) { checkHop(t, isa, w, true, asm.WilsonHop64) })
		}
		for _, w := range asm.HopLanes(isa, 32) {
			t.Run(fmt.Sprintf("%s/f32/W=%d", isa, w), func(t *testing.T) { checkHop(t, isa, w, false, asm.WilsonHop32) })
			t.Run(fmt.Sprintf("%s/f32-compact/W=%d", isa, w), func(t *testing.T) { checkHop(t, isa, w, true, asm.WilsonHop32) })
		}
	}
}

// TestWilsonHopLanes checks which W each set covers on this CPU: the
// natural W of the set and the narrower ones, nothing else.
func TestWilsonHopLanes(t *testing.T) {
	want := map[asm.ISA][2][]int{asm.AVX2: {{2, 4}, {4, 8}}, asm.AVX512: {{2, 4, 8}, {4, 8, 16}}}
	for _, isa := range isas {
		if !asm.Runs(isa) {
			continue
		}
		if got := asm.HopLanes(isa, 64); !slices.Equal(got, want[isa][0]) {
			t.Errorf("%s float64 hopping kernels for W = %v, want %v", isa, got, want[isa][0])
		}
		if got := asm.HopLanes(isa, 32); !slices.Equal(got, want[isa][1]) {
			t.Errorf("%s float32 hopping kernels for W = %v, want %v", isa, got, want[isa][1])
		}
	}
}

// TestWilsonHopRefuses checks that a W without a kernel and tables that
// point outside the slices leave the work (untouched) to the caller.
func TestWilsonHopRefuses(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, isa := range isas {
		if !asm.Runs(isa) {
			continue
		}
		for _, w := range []int{1, 3, 16, 32} {
			c := newHopCase[float64](rng, w, 5, 5, false)
			before := slices.Clone(c.dst)
			if n := asm.WilsonHop64(isa, (*asm.WilsonHop[float64])(&c.h), c.tiles); n != 0 {
				t.Errorf("%s float64 W=%d: computed %d tiles, want 0 (no kernel)", isa, w, n)
			}
			if bad, _ := sameBits(c.dst, before, 0); bad != 0 {
				t.Errorf("%s float64 W=%d: wrote %d numbers without a kernel", isa, w, bad)
			}
		}
		w := asm.HopLanes(isa, 64)[0]
		for _, breakIt := range []struct {
			name string
			f    func(h *kernels.WilsonHop[float64])
		}{
			{"tile beyond Dst", func(h *kernels.WilsonHop[float64]) { h.Dst = h.Dst[:24*w*10] }},
			{"neighbour beyond Src", func(h *kernels.WilsonHop[float64]) { h.Nbr[8*10+3] = 1 << 20 }},
			{"not a permutation", func(h *kernels.WilsonHop[float64]) {
				h.Perm[2][0] = h.Perm[2][1]
				for i := range h.Cross {
					h.Cross[i] &^= 4 // only tile 10 crosses hop 2
				}
				h.Cross[10] |= 4
			}},
			{"halo row beyond Recv", func(h *kernels.WilsonHop[float64]) { h.Halo[8*10+5] = 1 << 20 }},
		} {
			c := newHopCase[float64](rng, w, 20, 20, false)
			c.tiles = []int32{0, 1, 2, 10, 11}
			breakIt.f(&c.h)
			if n := asm.WilsonHop64(isa, (*asm.WilsonHop[float64])(&c.h), c.tiles); n != 3 {
				t.Errorf("%s W=%d %s: computed %d tiles, want the 3 before the bad one", isa, w, breakIt.name, n)
			}
		}
		// What a first call derived from the tables (WilsonHop.Prep) must
		// not let through slices that a later call shortens.
		for _, breakIt := range []struct {
			name string
			f    func(h *kernels.WilsonHop[float64])
		}{
			{"Dst shortened", func(h *kernels.WilsonHop[float64]) { h.Dst = h.Dst[:24*w*10] }},
			{"Src shortened", func(h *kernels.WilsonHop[float64]) { h.Src = h.Src[:24*w*10] }},
			{"Recv shortened", func(h *kernels.WilsonHop[float64]) { h.Recv[5] = h.Recv[5][:len(h.Recv[5])-1] }},
		} {
			c := newHopCase[float64](rng, w, 20, 20, false)
			c.tiles = []int32{0, 1, 2, 10, 11}
			for i := range 20 {
				for d := range 8 {
					c.h.Nbr[8*i+d] = int32(i % 10)
				}
			}
			c.h.Nbr[8*10+3] = 15
			lanes := make([]int32, w/2) // ascending: the list kernels take them where they can
			for k := range lanes {
				lanes[k] = int32(2 * k)
			}
			c.h.HaloLanes[5] = lanes
			c.h.Recv[5] = randSlice[float64](rng, 12*len(lanes))
			c.h.Halo[8*10+5] = 0
			h := (*asm.WilsonHop[float64])(&c.h)
			if n := asm.WilsonHop64(isa, h, c.tiles); n != len(c.tiles) {
				t.Fatalf("%s W=%d before %s: computed %d of %d tiles", isa, w, breakIt.name, n, len(c.tiles))
			}
			breakIt.f(&c.h)
			if n := asm.WilsonHop64(isa, h, c.tiles); n != 3 {
				t.Errorf("%s W=%d %s after a first call: computed %d tiles, want the 3 before the bad one", isa, w, breakIt.name, n)
			}
		}
	}
}

// TestProjectionTable compares the assembly's projection table (used for
// halo hops) with kernels.HopProjection.
func TestProjectionTable(t *testing.T) {
	for d, pr := range kernels.HopProjection {
		j, c := asm.Projection(d)
		for a := range 2 {
			if j[a] != pr.J[a] || c[a] != uint8(pr.C[a]) {
				t.Errorf("hop %d spin %d: kernels_amd64 has J=%d C=%d, kernels has J=%d C=%d", d, a, j[a], c[a], pr.J[a], pr.C[a])
			}
		}
	}
}

// checkClover runs the clover kernel on tiles [lo, hi) of random data,
// out of place (between guards) and in place, against kernels.CloverApplyGo.
func checkClover[F float32 | float64](t *testing.T, isa asm.ISA, w int,
	run func(asm.ISA, []F, []F, []F, int, int, int) bool) {
	rng := rand.New(rand.NewPCG(uint64(w), 77))
	n := 1029 + 7 // past one assembly chunk of 1024 tiles
	lo, hi := 3, n-4
	clov := randSlice[F](rng, n*72*w)
	src := randSlice[F](rng, n*24*w)
	wantBuf, want := guarded[F](n * 24 * w)
	gotBuf, got := guarded[F](n * 24 * w)
	kernels.CloverApplyGo(want, src, clov, w, lo, hi)
	if !run(isa, got, src, clov, w, lo, hi) {
		t.Fatalf("%s W=%d: the clover kernel refused", isa, w)
	}
	if bad, rel := sameBits(gotBuf, wantBuf, 0); bad > 0 {
		t.Errorf("%s W=%d: %d of %d numbers differ from kernels.CloverApplyGo (max relative %.3g)", isa, w, bad, len(wantBuf), rel)
	}
	inPlace := slices.Clone(src)
	run(isa, inPlace, inPlace, clov, w, lo, hi)
	kernels.CloverApplyGo(src, src, clov, w, lo, hi)
	if bad, rel := sameBits(inPlace, src, 0); bad > 0 {
		t.Errorf("%s W=%d in place: %d numbers differ (max relative %.3g)", isa, w, bad, rel)
	}
}

func TestCloverConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		for _, w := range asm.CloverLanes(isa, 64) {
			t.Run(fmt.Sprintf("%s/f64/W=%d", isa, w), func(t *testing.T) { checkClover(t, isa, w, asm.CloverApply64) })
		}
		for _, w := range asm.CloverLanes(isa, 32) {
			t.Run(fmt.Sprintf("%s/f32/W=%d", isa, w), func(t *testing.T) { checkClover(t, isa, w, asm.CloverApply32) })
		}
	}
}

// TestCloverRefuses checks that short slices and missing kernels are left
// to the caller.
func TestCloverRefuses(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			continue
		}
		w := asm.CloverLanes(isa, 64)[0]
		dst, src, clov := make([]float64, 10*24*w), make([]float64, 10*24*w), make([]float64, 10*72*w)
		if asm.CloverApply64(isa, dst, src, clov[:9*72*w], w, 0, 10) {
			t.Errorf("%s W=%d: ran with a clover field one tile short", isa, w)
		}
		if asm.CloverApply64(isa, dst, src, clov, 3, 0, 1) {
			t.Errorf("%s: ran with W=3", isa)
		}
	}
}

// checkLinalg runs axpy and xpay on random data of 2*w*n numbers (n past
// one assembly chunk), between guards and with x = y, against the twins.
func checkLinalg[F float32 | float64](t *testing.T, isa asm.ISA, w int,
	axpy func(asm.ISA, F, F, []F, []F, int) bool, xpay func(asm.ISA, []F, F, F, []F, int) bool) {
	rng := rand.New(rand.NewPCG(uint64(w), 99))
	n := 2 * w * (1<<14 + 5)
	x := randSlice[F](rng, n)
	y0 := randSlice[F](rng, n)
	ar, ai := F(0.3+rng.Float64()), F(-0.7+rng.Float64())
	for _, kind := range []string{"axpy", "xpay", "axpy x=y", "xpay x=y"} {
		wantBuf, want := guarded[F](n)
		gotBuf, got := guarded[F](n)
		copy(want, y0)
		copy(got, y0)
		xw, xg := x, x
		if kind == "axpy x=y" || kind == "xpay x=y" {
			xw, xg = want, got
		}
		var ok bool
		if kind[0] == 'a' {
			kernels.AxpyGo(ar, ai, xw, want, w)
			ok = axpy(isa, ar, ai, xg, got, w)
		} else {
			kernels.XpayGo(xw, ar, ai, want, w)
			ok = xpay(isa, xg, ar, ai, got, w)
		}
		if !ok {
			t.Fatalf("%s W=%d %s: refused", isa, w, kind)
		}
		if bad, rel := sameBits(gotBuf, wantBuf, 0); bad > 0 {
			t.Errorf("%s W=%d %s: %d of %d numbers differ from the twin (max relative %.3g)", isa, w, kind, bad, len(wantBuf), rel)
		}
	}
	if axpy(isa, ar, ai, x[:2*w+1], y0, w) {
		t.Errorf("%s W=%d: axpy ran on a partial block", isa, w)
	}
}

// TestLinalgConformance: axpy and xpay are element-wise; every set runs the
// exact kernels (the same bits as the twins, but for GOAMD64=v3).
func TestLinalgConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		for _, w := range asm.CloverLanes(isa, 64) {
			t.Run(fmt.Sprintf("%s/f64/W=%d", isa, w), func(t *testing.T) { checkLinalg(t, isa, w, asm.Axpy64, asm.Xpay64) })
		}
		for _, w := range asm.CloverLanes(isa, 32) {
			t.Run(fmt.Sprintf("%s/f32/W=%d", isa, w), func(t *testing.T) { checkLinalg(t, isa, w, asm.Axpy32, asm.Xpay32) })
		}
	}
}

// checkProjectFace holds the face packer of isa to kernels.WilsonProjectFaceGo,
// bit for bit, on random spinors with NaN, infinities and signed zeros,
// for lane runs of every width and offset up to one vector (the lists the
// kernel takes) and for lists it must decline (strided, permuted, wider
// than a vector), with NaN guards around the buffer.
func checkProjectFace[F float32 | float64](t *testing.T, isa asm.ISA,
	face func(asm.ISA, []F, []F, int, []int32, []int32, int) bool) {
	rng := rand.New(rand.NewPCG(17, uint64(isa)))
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)}
	for _, w := range []int{1, 2, 4, 8, 16} {
		const nTiles = 7
		src := randSlice[F](rng, nTiles*24*w)
		for i := range src {
			if rng.IntN(10) == 0 {
				src[i] = F(specials[rng.IntN(len(specials))])
			}
		}
		tiles := []int32{6, 0, 3, 3, 5}
		var sets [][]int32
		for l0 := range w {
			for n := 1; l0+n <= w; n++ {
				sets = append(sets, seq32(l0, n, 1))
			}
		}
		if w > 1 {
			sets = append(sets, seq32(1, w/2, 2), []int32{int32(w - 1), 0})
			for range 4 { // ascending lanes, as a face of several lanes has them
				lanes := rng.Perm(w)[:1+rng.IntN(w)]
				slices.Sort(lanes)
				sets = append(sets, toInt32s(lanes))
			}
		}
		var z F
		vl := 64 / int(unsafe.Sizeof(z))
		took := 0
		for _, lanes := range sets {
			ascending := slices.IsSorted(lanes) && len(slices.Compact(slices.Clone(lanes))) == len(lanes)
			for d := range 8 {
				n := len(tiles) * 12 * len(lanes)
				wantBuf, want := guarded[F](n)
				gotBuf, got := guarded[F](n)
				kernels.WilsonProjectFaceGo(want, src, d, tiles, lanes, w)
				if face(isa, got, src, d, tiles, lanes, w) {
					took++
				} else if ascending && (isa == asm.AVX512 && w <= vl || isa == asm.AVX2 && w == vl/2) {
					t.Errorf("%s W=%d hop %d lanes %v: ascending lanes, but the kernel refused them", isa, w, d, lanes)
					kernels.WilsonProjectFaceGo(got, src, d, tiles, lanes, w)
				} else {
					kernels.WilsonProjectFaceGo(got, src, d, tiles, lanes, w)
				}
				if bad, _ := sameBits(gotBuf, wantBuf, 0); bad > 0 {
					t.Fatalf("%s W=%d hop %d lanes %v: %d numbers (with guards) differ from kernels.WilsonProjectFaceGo", isa, w, d, lanes, bad)
				}
			}
		}
		if took == 0 {
			t.Errorf("%s W=%d: the kernel took none of the lane lists", isa, w)
		}
	}
}

func seq32(from, n, step int) []int32 {
	s := make([]int32, n)
	for k := range s {
		s[k] = int32(from + k*step)
	}
	return s
}

func TestProjectFaceConformance(t *testing.T) {
	for _, isa := range isas {
		if !asm.Runs(isa) {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		t.Run(fmt.Sprintf("%s/f64", isa), func(t *testing.T) { checkProjectFace(t, isa, asm.ProjectFace64) })
		t.Run(fmt.Sprintf("%s/f32", isa), func(t *testing.T) { checkProjectFace(t, isa, asm.ProjectFace32) })
	}
}

func toInt32s(s []int) []int32 {
	t := make([]int32, len(s))
	for k, v := range s {
		t[k] = int32(v)
	}
	return t
}
