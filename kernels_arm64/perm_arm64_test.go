package kernels_arm64_test

// An external test package, as matvec_arm64_test.go: it holds the row
// permutation kernels to kernels.PermuteRowsGo itself, bit for bit (NaN
// payloads included), with the permutations kernels.NewLanePerm checks.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/goqcd/goqcd/kernels"
	arm "github.com/goqcd/goqcd/kernels_arm64"
)

// permGuard is the number of NaN cells on either side of out.
const permGuard = 19

type permKernel[F float32 | float64] func(out, in []F, idx *[16]uint32, w int) bool

// permIdx are the 32-bit element indices of perm as kernels.LanePerm
// prepares them: a pair 2q, 2q+1 per float64 lane, one per float32 lane.
func permIdx[F float32 | float64](perm []int) *[16]uint32 {
	var idx [16]uint32
	for l, q := range perm {
		if bitsSize[F]() == 8 {
			idx[2*l], idx[2*l+1] = uint32(2*q), uint32(2*q+1)
		} else {
			idx[l] = uint32(q)
		}
	}
	return &idx
}

// permSpecial are bit patterns among the inputs: NaNs with payloads (quiet
// and signalling, both signs), infinities, zeros, a subnormal.
var (
	permSpecial64 = []uint64{0x7ff8000000012345, 0x7ff0000000000001, 0xfff4000000abcdef,
		0x7ff0000000000000, 0xfff0000000000000, 0x8000000000000000, 0, 1}
	permSpecial32 = []uint32{0x7fc01234, 0x7f800001, 0xffa0abcd, 0x7f800000, 0xff800000, 0x80000000, 0, 1}
)

// permInput is n random numbers with special bit patterns among them.
func permInput[F float32 | float64](rng *rand.Rand, n int) []F {
	in := make([]F, n)
	for i := range in {
		in[i] = F(rng.NormFloat64())
		if rng.IntN(4) == 0 {
			k := rng.IntN(len(permSpecial64))
			var v F
			if bitsSize[F]() == 8 {
				*(*uint64)(unsafe.Pointer(&v)) = permSpecial64[k]
			} else {
				*(*uint32)(unsafe.Pointer(&v)) = permSpecial32[k]
			}
			in[i] = v
		}
	}
	return in
}

// permGuarded is a buffer of n numbers between NaN guard cells (a NaN of a
// payload of its own), and its body.
func permGuarded[F float32 | float64](n int) (all, body []F) {
	all = make([]F, n+2*permGuard)
	for i := range all {
		var v F
		if bitsSize[F]() == 8 {
			*(*uint64)(unsafe.Pointer(&v)) = 0x7ff80000deadbeef
		} else {
			*(*uint32)(unsafe.Pointer(&v)) = 0x7fc0beef
		}
		all[i] = v
	}
	return all, all[permGuard : permGuard+n : permGuard+n]
}

// permFirstDiff is the first index where the bits of got and want differ,
// or -1.
func permFirstDiff[F float32 | float64](got, want []F) int {
	if len(got) != len(want) {
		return 0
	}
	for i := range want {
		if bitsOf(got[i]) != bitsOf(want[i]) {
			return i
		}
	}
	return -1
}

// permsOf are the permutations of w lanes under test: the identity, the
// reversal, random ones, and maps with repeated lanes (pairs, every lane
// the last).
func permsOf(rng *rand.Rand, w int) [][]int {
	id, rev, pairs, last := make([]int, w), make([]int, w), make([]int, w), make([]int, w)
	for l := range w {
		id[l], rev[l], pairs[l], last[l] = l, w-1-l, l/2, w-1
	}
	return [][]int{id, rev, rng.Perm(w), rng.Perm(w), rng.Perm(w), pairs, last}
}

// checkPermute holds a row permutation kernel of w lanes to
// kernels.PermuteRowsGo bit for bit on 0, 1, 6, 7 and 24 rows (the kernels
// move four rows at a time, then one), every permutation of permsOf, out
// between NaN guards (and an out longer than in, whose tail stays), and
// checks the refusals, which must leave out alone.
func checkPermute[F float32 | float64](t *testing.T, set string, w int, kern permKernel[F]) {
	rng := rand.New(rand.NewPCG(uint64(w), 31))
	for _, rows := range []int{0, 1, 6, 7, 24} {
		for _, perm := range permsOf(rng, w) {
			what := fmt.Sprintf("%s float%d W=%d rows=%d perm=%v", set, 8*bitsSize[F](), w, rows, perm)
			p, err := kernels.NewLanePerm(perm)
			if err != nil {
				t.Fatal(err)
			}
			in := permInput[F](rng, rows*w)
			wantAll, want := permGuarded[F](rows * w)
			gotAll, got := permGuarded[F](rows * w)
			kernels.PermuteRowsGo(want, in, p)
			if !kern(got, in, permIdx[F](perm), w) {
				t.Fatalf("%s: refused", what)
			}
			if i := permFirstDiff(gotAll, wantAll); i >= 0 {
				t.Fatalf("%s: element %d (guards %d) has bits %#x, PermuteRowsGo gives %#x",
					what, i-permGuard, permGuard, bitsOf(gotAll[i]), bitsOf(wantAll[i]))
			}
			// an out one row longer than in: the last row stays
			if rows > 0 {
				long := permInput[F](rng, (rows+1)*w)
				tail := slices.Clone(long[rows*w:])
				if !kern(long, in, permIdx[F](perm), w) {
					t.Fatalf("%s: refused a longer out", what)
				}
				if permFirstDiff(long[:rows*w], want) >= 0 || permFirstDiff(long[rows*w:], tail) >= 0 {
					t.Fatalf("%s: a longer out is not the twin's rows followed by its own tail", what)
				}
			}
		}
	}
	// refusals: out untouched
	id := make([]int, w)
	for l := range id {
		id[l] = l
	}
	in := permInput[F](rng, 6*w)
	for _, c := range []struct {
		what    string
		out, in []F
		idx     *[16]uint32
		w       int
	}{
		{"a partial row", make([]F, 6*w), in[:6*w-1], permIdx[F](id), w},
		{"a short out", make([]F, 5*w), in, permIdx[F](id), w},
		{"no indices", make([]F, 6*w), in, nil, w},
		{"W - 1", make([]F, 6*w), in, permIdx[F](id[:w-1]), w - 1},
		{"W + 1", make([]F, 6*w+6), append(slices.Clone(in), in[:6]...), permIdx[F](id), w + 1},
		{"2W", make([]F, 6*w), in, permIdx[F](id), 2 * w},
		{"W = 0", make([]F, 6*w), in, permIdx[F](id), 0},
	} {
		before := slices.Clone(c.out)
		if kern(c.out, c.in, c.idx, c.w) {
			t.Errorf("%s float%d W=%d: ran with %s", set, 8*bitsSize[F](), w, c.what)
		}
		if permFirstDiff(c.out, before) >= 0 {
			t.Errorf("%s float%d W=%d: refused %s but wrote out", set, 8*bitsSize[F](), w, c.what)
		}
	}
}

func TestPermuteRowsNEON(t *testing.T) {
	t.Run("f64", func(t *testing.T) { checkPermute(t, "NEON", arm.NEONLanes64, arm.PermuteRowsNEON64) })
	t.Run("f32", func(t *testing.T) { checkPermute(t, "NEON", arm.NEONLanes32, arm.PermuteRowsNEON32) })
	// indices select within the row whatever their value (modulo 4)
	in := []float32{10, 11, 12, 13, 20, 21, 22, 23}
	out := make([]float32, len(in))
	idx := [16]uint32{6, 4 + 1<<20, 3, 0xffffffff}
	if !arm.PermuteRowsNEON32(out, in, &idx, 4) || fmt.Sprint(out) != "[12 10 13 13 22 20 23 23]" {
		t.Errorf("NEON indices 6, 4+2^20, 3, 2^32-1: %v, want the lanes 2, 0, 3, 3", out)
	}
}

func TestPermuteRowsSVE(t *testing.T) {
	w64, w32 := arm.SVELanes64(), arm.SVELanes32()
	if arm.SVEVectorBits() == 0 {
		out, in := make([]float64, 32), make([]float64, 32)
		out32, in32 := make([]float32, 32), make([]float32, 32)
		var idx [16]uint32
		for _, w := range []int{0, 1, 2, 4, 8, 16} {
			if arm.PermuteRowsSVE64(out, in, &idx, w) || arm.PermuteRowsSVE32(out32, in32, &idx, w) {
				t.Errorf("PermuteRowsSVE64/32 ran with W = %d on a CPU without SVE", w)
			}
		}
		t.Skip("this CPU has no SVE (run under qemu-aarch64 -cpu a64fx for the SVE kernels)")
	}
	t.Logf("SVE vector length %d bits: W = %d / %d", arm.SVEVectorBits(), w64, w32)
	if 2*w64 <= 16 {
		t.Run("f64", func(t *testing.T) { checkPermute(t, "SVE", w64, arm.PermuteRowsSVE64) })
	} else if arm.PermuteRowsSVE64(make([]float64, w64), make([]float64, w64), new([16]uint32), w64) {
		t.Errorf("PermuteRowsSVE64 ran with W = %d (2W indices do not fit in 16)", w64)
	}
	if w32 <= kernels.MaxLanes {
		t.Run("f32", func(t *testing.T) { checkPermute(t, "SVE", w32, arm.PermuteRowsSVE32) })
	} else if arm.PermuteRowsSVE32(make([]float32, w32), make([]float32, w32), new([16]uint32), w32) {
		t.Errorf("PermuteRowsSVE32 ran with W = %d (beyond kernels.MaxLanes)", w32)
	}
}
