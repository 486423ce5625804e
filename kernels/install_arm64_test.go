//go:build arm64 && !noasm

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	arm "github.com/goqcd/goqcd/kernels_arm64"
)

// TestArmSetsRegistered: neon always has kernels on arm64; sve exactly
// when the vector length is 512 bits, and then the automatic choice is
// sve, else neon. Under qemu-aarch64 -cpu cortex-a72 (no SVE) or -cpu
// max,sve256=on (256 bits) sve must not be chosen.
func TestArmSetsRegistered(t *testing.T) {
	impl := Implemented()
	if !slices.Contains(impl, "neon") {
		t.Errorf("Implemented() = %v lacks neon", impl)
	}
	at512 := SVEVectorBits() == 512 && arm.SVEVectorBits() == 512
	if slices.Contains(impl, "sve") != at512 {
		t.Errorf("Implemented() = %v with SVE vector length %d bits (kernels_arm64 reads %d): sve must have kernels exactly at 512",
			impl, SVEVectorBits(), arm.SVEVectorBits())
	}
	want := "neon"
	if at512 {
		want = "sve"
	}
	if b := best(host); b.name != want {
		t.Errorf("automatic choice on this CPU (SVE %d bits) is %s, want %s", SVEVectorBits(), b.name, want)
	}
	if !at512 {
		if _, err := Lookup("sve"); err == nil {
			t.Error("Lookup(sve) succeeded without 512-bit SVE")
		}
	}
}

// guardedSlice returns a slice of n reals with NaN guard cells on either
// side, and a check that they are still NaN.
func guardedSlice[F Real](n int) ([]F, func() bool) {
	const g = 48
	all := make([]F, n+2*g)
	for i := range all {
		all[i] = F(math.NaN())
	}
	return all[g : g+n : g+n], func() bool {
		for i, v := range all {
			if (i < g || i >= g+n) && v == v {
				return false
			}
		}
		return true
	}
}

// forEachArmSet runs f with each arm64 set that has kernels selected.
func forEachArmSet(t *testing.T, f func(t *testing.T, s Set)) {
	defer restore(t)()
	ran := 0
	for _, name := range []string{"neon", "sve"} {
		s, err := Select(name)
		if err != nil {
			t.Logf("%s not tested: %v", name, err)
			continue
		}
		ran++
		t.Run(name, func(t *testing.T) { f(t, s) })
	}
	if ran == 0 {
		t.Fatal("no arm64 kernel set could be selected")
	}
}

// TestArmWilsonHop holds the dispatched hopping kernels of every arm64 set
// to the dense-gamma reference for every W (the set's own W runs the
// assembly, the others the portable fallback), with lane permutations,
// halo lanes, X separate, aliasing Dst and absent, NaN guards around Dst,
// float64 and float32, and to WilsonHopGo bit for bit.
func TestArmWilsonHop(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(21, 22))
		for _, w := range []int{1, 2, 4, 8, 16} {
			k := newKernelCase(rng, w)
			want := k.reference()
			h := &k.hop
			x := h.X
			for _, mode := range []string{"X separate", "X is Dst", "X nil"} {
				what := fmt.Sprintf("%s W=%d (set W %d/%d) %s", s.Name, w, s.W64, s.W32, mode)
				dst, intact := guardedSlice[float64](len(x))
				h.Dst, h.X = dst, x
				ref := want
				switch mode {
				case "X is Dst":
					copy(dst, x)
					h.X = dst
				case "X nil":
					h.X = nil
					k.hop.X = make([]float64, len(x))
					ref = k.reference()
					h.X = nil
				}
				WilsonHop64(h, allTiles(k.nOut))
				if d := maxRelDiff(dst, ref); d > 1e-14 || math.IsNaN(d) {
					t.Errorf("%s float64: max relative difference %.3g from the dense reference (tolerance 1e-14)", what, d)
				}
				if !intact() {
					t.Errorf("%s float64: wrote outside Dst", what)
				}
				h32 := WilsonHop[float32]{W: w, A: float32(h.A), Src: to32(h.Src), Links: to32(h.Links),
					Nbr: h.Nbr, Cross: h.Cross, Perm: h.Perm, Halo: h.Halo, HaloLanes: h.HaloLanes}
				for d := range 8 {
					h32.Recv[d] = to32(h.Recv[d])
				}
				dst32, intact32 := guardedSlice[float32](len(x))
				h32.Dst = dst32
				switch mode {
				case "X separate":
					h32.X = to32(x)
				case "X is Dst":
					copy(dst32, to32(x))
					h32.X = dst32
				}
				WilsonHop32(&h32, allTiles(k.nOut))
				got := make([]float64, len(dst32))
				for i, v := range dst32 {
					got[i] = float64(v)
				}
				if d := maxRelDiff(got, ref); d > 1e-5 || math.IsNaN(d) {
					t.Errorf("%s float32: max relative difference %.3g (tolerance 1e-5)", what, d)
				}
				if !intact32() {
					t.Errorf("%s float32: wrote outside Dst", what)
				}
				// and the same bits as the portable twin
				checkHopTwin(t, what+" float64", h, x, k.nOut, mode, WilsonHop64)
				checkHopTwin(t, what+" float32", &h32, to32(x), k.nOut, mode, WilsonHop32)
			}
		}
	})
}

// TestArmCloverApply holds the dispatched clover kernels of every arm64 set
// to the portable kernel, bit for bit, for every W, on tile ranges that
// start and end inside the field, with NaN guards, out of place and in
// place.
func TestArmCloverApply(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(31, 32))
		const n, lo, hi = 7, 2, 5
		for _, w := range []int{1, 2, 4, 8, 16} {
			what := fmt.Sprintf("%s W=%d tiles [%d,%d)", s.Name, w, lo, hi)
			src := randSlice(rng, n*24*w)
			clov := randSlice(rng, n*72*w)
			dst, intact := guardedSlice[float64](n * 24 * w)
			want := slices.Clone(dst)
			CloverApplyGo(want, src, clov, w, lo, hi)
			CloverApply64(dst, src, clov, w, lo, hi)
			if sameBits(dst[lo*24*w:hi*24*w], want[lo*24*w:hi*24*w]) >= 0 {
				t.Errorf("%s float64: max relative difference %.3g from CloverApplyGo (want the same bits)", what, maxRelDiff(dst[lo*24*w:hi*24*w], want[lo*24*w:hi*24*w]))
			}
			if !intact() || !allNaN(dst[:lo*24*w]) || !allNaN(dst[hi*24*w:]) {
				t.Errorf("%s float64: wrote outside the tiles", what)
			}
			CloverApply64(src, src, clov, w, lo, hi)
			if sameBits(src[lo*24*w:hi*24*w], want[lo*24*w:hi*24*w]) >= 0 {
				t.Errorf("%s float64 in place: max relative difference %.3g (want the same bits)", what, maxRelDiff(src[lo*24*w:hi*24*w], want[lo*24*w:hi*24*w]))
			}
			src32, clov32 := to32(randSlice(rng, n*24*w)), to32(clov)
			dst32, intact32 := guardedSlice[float32](n * 24 * w)
			want32 := slices.Clone(dst32)
			CloverApplyGo(want32, src32, clov32, w, lo, hi)
			CloverApply32(dst32, src32, clov32, w, lo, hi)
			if sameBits(dst32[lo*24*w:hi*24*w], want32[lo*24*w:hi*24*w]) >= 0 || !intact32() {
				t.Errorf("%s float32: not the bits of CloverApplyGo, or guards broken (intact %v)", what, intact32())
			}
		}
	})
}

// TestArmProjectFace holds the dispatched face packers of every arm64
// set (the set's kernel at its own W where it takes the lanes,
// WilsonProjectFaceGo otherwise) to the portable packer, bit for bit, for
// every hop and W, on lane lists of every kind (every nonempty subset in
// ascending order up to W = 4, the lists of faceLaneSets: runs, strided
// and permuted subsets, all lanes permuted; repeats), on a tile list in
// any order with repeats, special values among the data, and buf between
// NaN guards.
func TestArmProjectFace(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(41, 42))
		tiles := []int32{4, 0, 2, 2, 1, 3}
		for _, w := range []int{1, 2, 4, 8, 16} {
			sets := faceLaneSets(rng, w)
			if w <= 4 {
				for m := 1; m < 1<<w; m++ {
					var l []int32
					for b := range w {
						if m>>b&1 != 0 {
							l = append(l, int32(b))
						}
					}
					sets = append(sets, l)
				}
			}
			if w > 1 {
				sets = append(sets, []int32{1, 1}, []int32{int32(w - 1), 0})
			}
			src64 := faceRandom[float64](rng, 5*24*w)
			src32 := faceRandom[float32](rng, 5*24*w)
			for _, lanes := range sets {
				for d := range 8 {
					what := fmt.Sprintf("%s W=%d hop %d lanes %v", s.Name, w, d, lanes)
					n := len(tiles) * 12 * len(lanes)
					got64, intact64 := guardedSlice[float64](n)
					want64 := slices.Clone(got64)
					WilsonProjectFaceGo(want64, src64, d, tiles, lanes, w)
					WilsonProjectFace64(got64, src64, d, tiles, lanes, w)
					if i := sameBits(got64, want64); i >= 0 || !intact64() {
						t.Fatalf("%s float64: not the bits of WilsonProjectFaceGo (first at %d), or guards broken (intact %v)", what, i, intact64())
					}
					got32, intact32 := guardedSlice[float32](n)
					want32 := slices.Clone(got32)
					WilsonProjectFaceGo(want32, src32, d, tiles, lanes, w)
					WilsonProjectFace32(got32, src32, d, tiles, lanes, w)
					if i := sameBits(got32, want32); i >= 0 || !intact32() {
						t.Fatalf("%s float32: not the bits of WilsonProjectFaceGo (first at %d), or guards broken (intact %v)", what, i, intact32())
					}
				}
			}
		}
	})
}

func allNaN[F Real](s []F) bool {
	for _, v := range s {
		if v == v {
			return false
		}
	}
	return true
}

// TestArmSelectErrors: forcing sve without 512-bit SVE names the reason.
func TestArmSelectErrors(t *testing.T) {
	if slices.Contains(Implemented(), "sve") {
		t.Skip("sve has kernels on this CPU")
	}
	defer restore(t)()
	_, err := Select("sve")
	if err == nil || !strings.Contains(err.Error(), "sve") {
		t.Errorf("Select(sve) without 512-bit SVE: error %v, want one naming sve", err)
	}
}

// TestArmLinalg holds the dispatched Axpy and Xpay of every arm64 set to
// the portable kernels for every W, float64 and float32, with x = y too
// and a y longer than x (whose tail must stay untouched).
func TestArmLinalg(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(41, 42))
		ar, ai := 0.3, -0.8
		for _, w := range []int{1, 2, 4, 8, 16} {
			n := 2 * w * 5
			x := randSlice(rng, n)
			y := randSlice(rng, n+2*w)
			for _, op := range []string{"axpy", "xpay", "axpy x=y", "xpay x=y"} {
				what := fmt.Sprintf("%s W=%d %s", s.Name, w, op)
				got, want := slices.Clone(y), slices.Clone(y)
				gx, wx := x, x
				if strings.HasSuffix(op, "x=y") {
					gx, wx = got[:n], want[:n]
				}
				got32, want32 := to32(y), to32(y)
				gx32, wx32 := to32(x), to32(x)
				if strings.HasSuffix(op, "x=y") {
					gx32, wx32 = got32[:n], want32[:n]
				}
				if strings.HasPrefix(op, "axpy") {
					AxpyGo(ar, ai, wx, want, w)
					Axpy64(ar, ai, gx, got, w)
					AxpyGo(float32(ar), float32(ai), wx32, want32, w)
					Axpy32(float32(ar), float32(ai), gx32, got32, w)
				} else {
					XpayGo(wx, ar, ai, want, w)
					Xpay64(gx, ar, ai, got, w)
					XpayGo(wx32, float32(ar), float32(ai), want32, w)
					Xpay32(gx32, float32(ar), float32(ai), got32, w)
				}
				if d := maxRelDiff(got, want); d > 1e-15 || math.IsNaN(d) {
					t.Errorf("%s float64: max relative difference %.3g from the portable kernel", what, d)
				}
				if !slices.Equal(got[n:], y[n:]) {
					t.Errorf("%s float64: wrote beyond x's length", what)
				}
				var num, den float64
				for i := range want32 {
					num = math.Max(num, math.Abs(float64(got32[i]-want32[i])))
					den = math.Max(den, math.Abs(float64(want32[i])))
				}
				if num > 1e-6*den || math.IsNaN(num) {
					t.Errorf("%s float32: max relative difference %.3g", what, num/den)
				}
			}
		}
	})
}

// TestArmSU3Mul holds the dispatched SU(3) product of every arm64 set to
// SU3MulGo bit for bit for every W (the set's float64 W runs the assembly,
// the others the portable kernel), the eight variants, on 5 tiles with
// NaN guards around dst.
func TestArmSU3Mul(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(51, 52))
		for _, w := range []int{1, 2, 4, 8, 16} {
			n := 5 * 18 * w
			a, b, d0 := randSlice(rng, n), randSlice(rng, n), randSlice(rng, n)
			for v := range 8 {
				opA, opB, add := v&4 != 0, v&2 != 0, v&1 != 0
				what := fmt.Sprintf("%s W=%d opA=%v opB=%v add=%v", s.Name, w, opA, opB, add)
				want := slices.Clone(d0)
				SU3MulGo(want, a, b, w, opA, opB, add)
				got, intact := guardedSlice[float64](n)
				copy(got, d0)
				SU3Mul64(got, a, b, w, opA, opB, add)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s: element %d is %v, SU3MulGo gives %v", what, i, got[i], want[i])
					}
				}
				if !intact() {
					t.Errorf("%s: wrote outside dst", what)
				}
			}
		}
	})
}

// TestArmWilsonForce holds the dispatched force kernel of every arm64 set
// to WilsonForceGo bit for bit for every W (the set's float64 W runs the
// assembly, the others the portable kernel) and every direction, with NaN
// guards around f.
func TestArmWilsonForce(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(55, 56))
		for _, w := range []int{1, 2, 4, 8, 16} {
			for mu := range 4 {
				what := fmt.Sprintf("%s W=%d mu=%d", s.Name, w, mu)
				link, f0 := randSlice(rng, 18*w), randSlice(rng, 18*w)
				a, b, as, bs := randSlice(rng, 24*w), randSlice(rng, 24*w), randSlice(rng, 24*w), randSlice(rng, 24*w)
				c := rng.NormFloat64()
				want := slices.Clone(f0)
				WilsonForceGo(want, link, a, b, as, bs, w, mu, c)
				got, intact := guardedSlice[float64](18 * w)
				copy(got, f0)
				WilsonForce64(got, link, a, b, as, bs, w, mu, c)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s: element %d is %v, WilsonForceGo gives %v", what, i, got[i], want[i])
					}
				}
				if !intact() {
					t.Errorf("%s: wrote outside f", what)
				}
			}
		}
	})
}

// TestArmWilsonHopCompact holds the dispatched hopping kernels of every
// arm64 set with compact links to WilsonHopGo with the same compact links,
// for every W (the set's W runs the compact tile-list and tile kernels,
// the others the portable fallback), float64 and float32, with halo tiles
// and without (every tile through the tile-list kernel), X separate,
// aliasing Dst and absent, NaN guards around Dst: the same bits as
// WilsonHopGo in both precisions (the kernels perform the twin's
// operations in its order, fused where it fuses).
// CompactLinks64 and CompactLinks32 must be set, so that operators store
// links compact.
func TestArmWilsonHopCompact(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		if !CompactLinks64() || !CompactLinks32() {
			t.Errorf("%s: CompactLinks64() %v, CompactLinks32() %v: operators would keep full links", s.Name, CompactLinks64(), CompactLinks32())
		}
		rng := rand.New(rand.NewPCG(23, 24))
		for _, w := range []int{1, 2, 4, 8, 16} {
			k := newKernelCase(rng, w)
			h := &k.hop
			n := len(h.Links) / (18 * w)
			compact := randSlice(rng, n*CompactLinkRows*w)
			for i := range n {
				for l := range w {
					compact[(i*CompactLinkRows+12)*w+l] = float64(1 - 2*rng.IntN(2))
				}
			}
			h.Links, h.Compact = compact, true
			x := h.X
			for _, halo := range []bool{true, false} {
				if !halo {
					for i := range h.Halo {
						h.Halo[i] = -1
					}
				}
				h32 := WilsonHop[float32]{W: w, A: float32(h.A), Src: to32(h.Src), Links: to32(h.Links), Compact: true,
					Nbr: h.Nbr, Cross: h.Cross, Perm: h.Perm, Halo: h.Halo, HaloLanes: h.HaloLanes}
				for d := range 8 {
					h32.Recv[d] = to32(h.Recv[d])
				}
				for _, mode := range []string{"X separate", "X is Dst", "X nil"} {
					what := fmt.Sprintf("%s W=%d (set W %d/%d) halo %v %s", s.Name, w, s.W64, s.W32, halo, mode)
					checkHopTwin(t, what+" float64", h, x, k.nOut, mode, WilsonHop64)
					checkHopTwin(t, what+" float32", &h32, to32(x), k.nOut, mode, WilsonHop32)
				}
			}
		}
	})
}

// checkHopTwin runs hop on h (full or compact links) with X = x separate,
// aliasing Dst or absent (mode), and holds it to WilsonHopGo bit for bit,
// Dst guarded.
func checkHopTwin[F Real](t *testing.T, what string, h *WilsonHop[F], x []F, nOut int, mode string,
	hop func(*WilsonHop[F], []int32)) {
	t.Helper()
	want := make([]F, len(x))
	dst, intact := guardedSlice[F](len(x))
	copy(want, x) // an arbitrary starting Dst, overwritten
	copy(dst, x)
	ref := *h
	ref.Dst, ref.X = want, x
	h.Dst, h.X = dst, x
	switch mode {
	case "X is Dst":
		ref.X, h.X = want, dst
	case "X nil":
		ref.X, h.X = nil, nil
	}
	WilsonHopGo(&ref, allTiles(nOut))
	hop(h, allTiles(nOut))
	got64, want64 := make([]float64, len(dst)), make([]float64, len(want))
	for i := range dst {
		got64[i], want64[i] = float64(dst[i]), float64(want[i])
	}
	if sameBits(dst, want) >= 0 || len(dst) != len(want) {
		t.Errorf("%s: max relative difference %.3g from WilsonHopGo (want the same bits)", what, maxRelDiff(got64, want64))
	}
	if !intact() {
		t.Errorf("%s: wrote outside Dst", what)
	}
	h.X = x
}

// TestArmWilsonHopPrep: the hopping kernels of each arm64 set keep the
// table they derive in WilsonHop.Prep across calls, also when Recv
// alternates between two buffers (the generations of a shared halo) and
// when several goroutines run disjoint tiles of one WilsonHop at once
// (ParallelFor), with WilsonHopGo's bits every time; a new Perm slice
// renews it.
func TestArmWilsonHopPrep(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(25, 26))
		k := newKernelCase(rng, s.W64)
		h := &k.hop
		var recv [2][8][]float64 // two generations, other rows in each
		recv[0] = h.Recv
		for d := range 8 {
			recv[1][d] = randSlice(rng, len(h.Recv[d]))
		}
		var want [2][]float64
		for g := range want {
			want[g] = make([]float64, len(h.Dst))
			ref := *h
			ref.Dst, ref.Recv = want[g], recv[g]
			WilsonHopGo(&ref, allTiles(k.nOut))
		}
		var first any
		for round := range 4 {
			h.Recv = recv[round%2]
			want := want[round%2]
			h.Dst = make([]float64, len(want))
			hopConcurrently(h, k.nOut, 3)
			if bad := sameBits(h.Dst, want); bad >= 0 {
				t.Errorf("%s W=%d round %d: Dst[%d] = %v, WilsonHopGo gives %v", s.Name, s.W64, round, bad, h.Dst[bad], want[bad])
			}
			p := h.Prep.Load()
			if round == 0 {
				first = p
			}
			if p == nil || p != first {
				t.Errorf("%s W=%d round %d: Prep %v, want the first call's %v kept", s.Name, s.W64, round, p, first)
			}
		}
		for d := range 8 {
			h.Perm[d] = slices.Clone(h.Perm[d])
		}
		WilsonHop64(h, allTiles(k.nOut))
		if p := h.Prep.Load(); p == first {
			t.Errorf("%s W=%d: Prep kept after a new Perm", s.Name, s.W64)
		}
	})
}

// hopConcurrently runs WilsonHop64 on the tiles [0, n) of h in parts
// goroutines, each on its own tiles.
func hopConcurrently(h *WilsonHop[float64], n, parts int) {
	var wg sync.WaitGroup
	tiles := allTiles(n)
	for p := range parts {
		wg.Go(func() { WilsonHop64(h, tiles[p*n/parts:(p+1)*n/parts]) })
	}
	wg.Wait()
}

// TestArmMatVecAdd holds the dispatched colour matrix-vector product of
// every arm64 set to SU3MulAddVec (dag false) bit for bit for every W (the
// set's W runs the assembly, the others SU3MulAddVec itself), float64 and
// float32, with s = +-1 and non-trivial factors, NaN guards around dst.
func TestArmMatVecAdd(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(61, 62))
		for _, w := range []int{1, 2, 4, 8, 16} {
			for _, a := range []float64{1, -1, 0.37, -2.5} {
				what := fmt.Sprintf("%s W=%d (set W %d/%d) s=%v", s.Name, w, s.W64, s.W32, a)
				u, v, d0 := randSlice(rng, 18*w), randSlice(rng, 6*w), randSlice(rng, 6*w)
				want := slices.Clone(d0)
				SU3MulAddVec(want, u, v, w, a, false)
				got, intact := guardedSlice[float64](6 * w)
				copy(got, d0)
				MatVecAdd64(got, u, v, w, a)
				if i := sameBits(got, want); i >= 0 || !intact() {
					t.Errorf("%s float64: not the bits of SU3MulAddVec (first at %d), or guards broken (intact %v)", what, i, intact())
				}
				u32, v32, d32 := to32(u), to32(v), to32(d0)
				want32 := slices.Clone(d32)
				SU3MulAddVec(want32, u32, v32, w, float32(a), false)
				got32, intact32 := guardedSlice[float32](6 * w)
				copy(got32, d32)
				MatVecAdd32(got32, u32, v32, w, float32(a))
				if i := sameBits(got32, want32); i >= 0 || !intact32() {
					t.Errorf("%s float32: not the bits of SU3MulAddVec (first at %d), or guards broken (intact %v)", what, i, intact32())
				}
			}
		}
	})
}

// TestArmPermuteRows holds the installed row permutation of every arm64
// set to PermuteRowsGo bit for bit (NaN payloads among the inputs) for
// every W (the set's W runs the TBL kernel, the others PermuteRowsGo), in
// float64 and float32: the identity, random permutations and repeated
// lanes, on 1, 7 and 24 rows, out between NaN guards; and an in that is
// not whole rows (the kernels refuse it, PermuteRowsGo ignores the tail).
func TestArmPermuteRows(t *testing.T) {
	forEachArmSet(t, func(t *testing.T, s Set) {
		rng := rand.New(rand.NewPCG(71, 72))
		for _, w := range []int{1, 2, 4, 8, 16} {
			id, pairs := make([]int, w), make([]int, w)
			for l := range w {
				id[l], pairs[l] = l, l/2
			}
			for _, perm := range [][]int{id, rng.Perm(w), rng.Perm(w), pairs} {
				p, err := NewLanePerm(perm)
				if err != nil {
					t.Fatal(err)
				}
				for _, rows := range []int{1, 7, 24} {
					what := fmt.Sprintf("%s W=%d (set W %d/%d) perm %v rows %d", s.Name, w, s.W64, s.W32, perm, rows)
					in := randSlice(rng, rows*w+1)
					for i := range in {
						switch rng.IntN(6) {
						case 0:
							in[i] = math.Float64frombits(0x7ff0000000000000 | rng.Uint64()>>13 | 1) // NaN, any payload
						case 1:
							in[i] = math.Copysign(0, -1)
						}
					}
					in32 := to32(in)
					for i := range in32 {
						if in32[i] != in32[i] {
							in32[i] = math.Float32frombits(0x7f800000 | uint32(rng.Uint64())>>10 | 1)
						}
					}
					for _, n := range []int{rows * w, rows*w + 1} {
						want, _ := guardedSlice[float64](n)
						got, intact := guardedSlice[float64](n)
						PermuteRowsGo(want, in[:n], p)
						PermuteRows64(got, in[:n], p)
						if i := sameBits(got, want); i >= 0 || !intact() {
							t.Fatalf("%s float64 len(in) %d: element %d is %#x, PermuteRowsGo gives %#x (guards intact %v)",
								what, n, i, math.Float64bits(got[max(i, 0)]), math.Float64bits(want[max(i, 0)]), intact())
						}
						want32, _ := guardedSlice[float32](n)
						got32, intact32 := guardedSlice[float32](n)
						PermuteRowsGo(want32, in32[:n], p)
						PermuteRows32(got32, in32[:n], p)
						if i := sameBits(got32, want32); i >= 0 || !intact32() {
							t.Fatalf("%s float32 len(in) %d: element %d is %#x, PermuteRowsGo gives %#x (guards intact %v)",
								what, n, i, math.Float32bits(got32[max(i, 0)]), math.Float32bits(want32[max(i, 0)]), intact32())
						}
					}
				}
			}
		}
	})
}
