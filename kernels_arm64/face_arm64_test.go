package kernels_arm64_test

// An external test package, as force_arm64_test.go: it holds the face
// kernels to their reference kernels.WilsonProjectFaceGo itself.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/goqcd/goqcd/kernels"
	arm "github.com/goqcd/goqcd/kernels_arm64"
)

// faceGuard is the number of NaN cells on either side of buf.
const faceGuard = 40

type faceKernel[F float32 | float64] func(buf, src []F, tiles, lanes []int32, w int, j [2]int, phase [2]int) bool

// faceArgs are the spin and phase arguments of hop d, as package kernels
// passes them.
func faceArgs(d int) (j [2]int, phase [2]int) {
	pr := &kernels.HopProjection[d]
	return pr.J, [2]int{int(pr.C[0]), int(pr.C[1])}
}

// faceSrc is random spinor data of w lanes with special values among it:
// NaNs of either sign with payloads, infinities (whose differences make
// the default NaN), signed zeros, subnormals, the largest finite value
// (whose sums overflow). The NaNs are in spins 0 and 1 only, the x of
// every hop (HopProjection's J are 2 and 3): when both operands of an add
// are NaNs, which one the result carries depends on the operand order,
// which the Go compiler may swap in the reference (x+y commutes for it;
// it did in float32 on arm64), so the bits would not be defined.
func faceSrc[F float32 | float64](rng *rand.Rand, n, w int) []F {
	var z F
	is64 := unsafe.Sizeof(z) == 8
	s := make([]F, n)
	for i := range s {
		v := F(rng.NormFloat64())
		if rng.IntN(8) == 0 {
			c := rng.IntN(8)
			if c == 0 && i%(arm.SpinorRows*w) >= 12*w {
				c = 1 // no NaNs in spins 2 and 3
			}
			switch c {
			case 0: // a quiet NaN with a payload and a random sign
				if is64 {
					v = F(math.Float64frombits(0x7ff8000000000000 | rng.Uint64()&0x8007ffffffffffff))
				} else {
					b := 0x7fc00000 | rng.Uint32()&0x803fffff
					v = *(*F)(unsafe.Pointer(&b))
				}
			case 1:
				v = F(math.Inf(1))
			case 2:
				v = F(math.Inf(-1))
			case 3:
				v = 0
			case 4:
				v = F(math.Copysign(0, -1))
			case 5:
				tiny := 1e-40
				if is64 {
					tiny = 1e-310
				}
				v = F(tiny)
			case 6:
				mx := math.MaxFloat32
				if is64 {
					mx = math.MaxFloat64
				}
				v = F(mx)
			default:
				v = -v
			}
		}
		s[i] = v
	}
	return s
}

func bitsOf[F float32 | float64](v F) uint64 {
	if unsafe.Sizeof(v) == 8 {
		return *(*uint64)(unsafe.Pointer(&v))
	}
	return uint64(*(*uint32)(unsafe.Pointer(&v)))
}

// faceLaneLists are lane lists for w lanes: every nonempty subset in
// ascending order (for w <= 4; for wider w every lane, each single lane,
// runs from every start and random subsets), and lists that do not
// ascend: permutations of all lanes and of subsets, descending pairs,
// repeats.
func faceLaneLists(rng *rand.Rand, w int) (asc, other [][]int32) {
	if w <= 4 {
		for m := 1; m < 1<<w; m++ {
			var l []int32
			for b := range w {
				if m>>b&1 != 0 {
					l = append(l, int32(b))
				}
			}
			asc = append(asc, l)
		}
	} else {
		all := make([]int32, w)
		for k := range all {
			all[k] = int32(k)
		}
		asc = append(asc, all)
		for l := range w {
			asc = append(asc, []int32{int32(l)}, all[l:], all[:l+1])
		}
		for range 8 {
			var l []int32
			for b := range w {
				if rng.IntN(2) == 0 {
					l = append(l, int32(b))
				}
			}
			if len(l) > 0 {
				asc = append(asc, l)
			}
		}
	}
	if w > 1 {
		rev := make([]int32, w)
		for k := range rev {
			rev[k] = int32(w - 1 - k)
		}
		other = append(other, rev, []int32{1, 0}, []int32{int32(w - 1), 0}, []int32{0, 0}, []int32{int32(w - 1), int32(w - 1)})
		for range 4 {
			p := rng.Perm(w)
			l := make([]int32, len(p))
			for k, v := range p {
				l[k] = int32(v)
			}
			if !slices.IsSorted(l) {
				other = append(other, l)
			}
			if n := 2 + rng.IntN(w-1); n <= w && !slices.IsSorted(l[:n]) {
				other = append(other, l[:n])
			}
		}
		if w > 2 {
			other = append(other, []int32{0, 1, 1}, []int32{2, 0, 1})
		}
	}
	return asc, other
}

// checkProjectFace holds a face kernel of w lanes to
// kernels.WilsonProjectFaceGo, bit for bit, for every hop on a list of
// tiles in any order with repeats, with buf between NaN guard cells. Every
// ascending lane list must be taken; the others must be taken (takesOther)
// or refused with buf untouched.
func checkProjectFace[F float32 | float64](t *testing.T, set string, w int, takesOther bool, kern faceKernel[F]) {
	rng := rand.New(rand.NewPCG(uint64(w), 67))
	const nTiles = 6
	src := faceSrc[F](rng, nTiles*arm.SpinorRows*w, w)
	tileLists := [][]int32{{0}, {5, 0, 3, 3, 1, 4, 2}, {2, 4}}
	asc, other := faceLaneLists(rng, w)
	ran := 0
	for _, lanes := range append(asc, other...) {
		ascending := slices.IsSorted(lanes) && !hasRepeat(lanes)
		for _, tiles := range tileLists {
			for d := range 8 {
				what := fmt.Sprintf("%s W=%d hop %d tiles %v lanes %v", set, w, d, tiles, lanes)
				n := len(tiles) * 12 * len(lanes)
				want := make([]F, n+2*faceGuard)
				all := make([]F, n+2*faceGuard)
				for i := range all {
					all[i] = F(math.NaN())
					want[i] = all[i]
				}
				kernels.WilsonProjectFaceGo(want[faceGuard:faceGuard+n], src, d, tiles, lanes, w)
				j, phase := faceArgs(d)
				took := kern(all[faceGuard:faceGuard+n:faceGuard+n], src, tiles, lanes, w, j, phase)
				switch {
				case !took && (ascending || takesOther):
					t.Fatalf("%s: refused", what)
				case took && !ascending && !takesOther:
					t.Fatalf("%s: took lanes that do not ascend", what)
				case !took:
					for i, v := range all {
						if v == v {
							t.Fatalf("%s: refused but wrote buf[%d]", what, i-faceGuard)
						}
					}
					continue
				}
				ran++
				for i := range all {
					if bitsOf(all[i]) != bitsOf(want[i]) {
						where := fmt.Sprintf("buf[%d]", i-faceGuard)
						if i < faceGuard || i >= faceGuard+n {
							where = fmt.Sprintf("the guard cell %d", i-faceGuard)
						}
						t.Fatalf("%s: %s = %v (%#x), WilsonProjectFaceGo gives %v (%#x)",
							what, where, all[i], bitsOf(all[i]), want[i], bitsOf(want[i]))
					}
				}
			}
		}
	}
	if ran == 0 {
		t.Fatalf("%s W=%d: the kernel ran on nothing", set, w)
	}
	checkFaceRefusals(t, set, w, kern)
}

func hasRepeat(l []int32) bool {
	for k := range l {
		if slices.Contains(l[:k], l[k]) {
			return true
		}
	}
	return false
}

// checkFaceRefusals checks that the kernel refuses, leaving buf alone, what
// it must not take.
func checkFaceRefusals[F float32 | float64](t *testing.T, set string, w int, kern faceKernel[F]) {
	const nTiles = 3
	src := make([]F, nTiles*arm.SpinorRows*w)
	for i := range src {
		src[i] = F(i)
	}
	all := make([]int32, w)
	for k := range all {
		all[k] = int32(k)
	}
	j, phase := faceArgs(0)
	tiles := []int32{0, 2}
	long := append(slices.Clone(all), 0)
	for _, bad := range []struct {
		name         string
		w            int
		tiles, lanes []int32
		j, phase     [2]int
		nbuf, nsrc   int
	}{
		{"no lanes", w, tiles, nil, j, phase, 0, len(src)},
		{"more lanes than W", w, tiles, long, j, phase, 2 * 12 * (w + 1), len(src)},
		{"lane W", w, tiles, []int32{int32(w)}, j, phase, 2 * 12, len(src)},
		{"lane -1", w, tiles, []int32{-1}, j, phase, 2 * 12, len(src)},
		{"a short buf", w, tiles, all, j, phase, 2*12*w - 1, len(src)},
		{"tile past src", w, []int32{0, nTiles}, all, j, phase, 2 * 12 * w, len(src)},
		{"tile -1", w, []int32{-1}, all, j, phase, 12 * w, len(src)},
		{"a short src", w, tiles, all, j, phase, 2 * 12 * w, len(src) - 1},
		{"spin 4", w, tiles, all, [2]int{4, 2}, phase, 2 * 12 * w, len(src)},
		{"spin -1", w, tiles, all, [2]int{3, -1}, phase, 2 * 12 * w, len(src)},
		{"W - 1", w - 1, []int32{0}, all[:1], j, phase, 12, len(src)},
		{"2 W", 2 * w, []int32{0}, all, j, phase, 12 * w, len(src)},
	} {
		buf := make([]F, bad.nbuf)
		for i := range buf {
			buf[i] = F(math.NaN())
		}
		if kern(buf, src[:bad.nsrc], bad.tiles, bad.lanes, bad.w, bad.j, bad.phase) {
			t.Errorf("%s W=%d: ran with %s", set, w, bad.name)
		}
		for i, v := range buf {
			if v == v {
				t.Errorf("%s W=%d: refused %s but wrote buf[%d]", set, w, bad.name, i)
				break
			}
		}
	}
}

func TestProjectFaceNEON(t *testing.T) {
	w64, w32 := arm.NEONLanes64, arm.NEONLanes32
	t.Run("f64", func(t *testing.T) { checkProjectFace(t, "NEON", w64, true, arm.ProjectFaceNEON64) })
	t.Run("f32", func(t *testing.T) { checkProjectFace(t, "NEON", w32, true, arm.ProjectFaceNEON32) })
	// phases outside 0..3 are refused
	src := make([]float64, arm.SpinorRows*w64)
	buf := make([]float64, 12*w64)
	for _, ph := range [][2]int{{4, 0}, {0, -1}} {
		if arm.ProjectFaceNEON64(buf, src, []int32{0}, []int32{0, 1}, w64, [2]int{2, 3}, ph) {
			t.Errorf("NEON: ran with phases %v", ph)
		}
	}
}

func TestProjectFaceSVE(t *testing.T) {
	if arm.SVEVectorBits() == 0 {
		src := make([]float64, arm.SpinorRows*8)
		buf := make([]float64, 12*8)
		for _, w := range []int{1, 2, 4, 8} {
			if arm.ProjectFaceSVE64(buf, src, []int32{0}, []int32{0}, w, [2]int{3, 2}, [2]int{3, 3}) {
				t.Errorf("ProjectFaceSVE64 ran with W = %d on a CPU without SVE", w)
			}
		}
		t.Skip("this CPU has no SVE (run under qemu-aarch64 -cpu a64fx for the SVE kernels)")
	}
	w64, w32 := arm.SVELanes64(), arm.SVELanes32()
	t.Logf("SVE vector length %d bits: W = %d / %d", arm.SVEVectorBits(), w64, w32)
	if w64 <= kernels.MaxLanes {
		t.Run("f64", func(t *testing.T) { checkProjectFace(t, "SVE", w64, false, arm.ProjectFaceSVE64) })
	}
	if w32 <= kernels.MaxLanes {
		t.Run("f32", func(t *testing.T) { checkProjectFace(t, "SVE", w32, false, arm.ProjectFaceSVE32) })
	}
}
