package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// wilsonProjectFaceRef is the site-by-site loop WilsonProjectFaceGo had
// before its rows were hoisted; the tests hold the two to the same bits.
func wilsonProjectFaceRef[F Real](buf, src []F, d int, tiles, lanes []int32, w int) {
	pr := &HopProjection[d]
	nk := len(lanes)
	for r, t := range tiles {
		s := src[int(t)*24*w : (int(t)+1)*24*w]
		out := buf[r*12*nk : (r+1)*12*nk]
		for k, lane := range lanes {
			l := int(lane)
			for a := range 2 {
				for c := range 3 {
					x := 2*(3*a+c)*w + l
					y := 2*(3*pr.J[a]+c)*w + l
					xr, xi, yr, yi := s[x], s[x+w], s[y], s[y+w]
					var hr, hi F
					switch pr.C[a] {
					case PlusOne:
						hr, hi = xr+yr, xi+yi
					case MinusOne:
						hr, hi = xr-yr, xi-yi
					case PlusI:
						hr, hi = xr-yi, xi+yr
					case MinusI:
						hr, hi = xr+yi, xi-yr
					}
					o := 2 * (3*a + c) * nk
					out[o+k] = hr
					out[o+nk+k] = hi
				}
			}
		}
	}
}

// faceLaneSets are lane lists of every kind the packer distinguishes: all
// lanes in order (one row per component), a run, strided and permuted
// subsets, all lanes permuted, one lane, none.
func faceLaneSets(rng *rand.Rand, w int) [][]int32 {
	seq := func(from, n, step int) []int32 {
		s := make([]int32, n)
		for k := range s {
			s[k] = int32(from + k*step)
		}
		return s
	}
	sets := [][]int32{seq(0, w, 1), seq(w-1, 1, 1), {}}
	if w > 1 {
		sets = append(sets, seq(w/2, w/2, 1), seq(1, w/2, 2), seq(0, w/2, 2), seq(1, w-1, 1))
		p := rng.Perm(w)
		all := make([]int32, w)
		for k, l := range p {
			all[k] = int32(l)
		}
		sets = append(sets, all, all[:w/2])
	}
	return sets
}

// faceSpecials are values whose bits an add or subtract treats specially.
var faceSpecials = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1e-310, math.MaxFloat64}

func faceRandom[F Real](rng *rand.Rand, n int) []F {
	s := make([]F, n)
	for i := range s {
		if rng.IntN(16) == 0 {
			s[i] = F(faceSpecials[rng.IntN(len(faceSpecials))])
			continue
		}
		s[i] = F(rng.NormFloat64())
	}
	return s
}

// sameBits reports the first index at which a and b differ in their bits,
// or -1.
func sameBits[F Real](a, b []F) int {
	for i := range a {
		if unsafe.Sizeof(a[i]) == 8 {
			if math.Float64bits(float64(a[i])) != math.Float64bits(float64(b[i])) {
				return i
			}
		} else if math.Float32bits(float32(a[i])) != math.Float32bits(float32(b[i])) {
			return i
		}
	}
	return -1
}

func testProjectFace[F Real](t *testing.T, face func(buf, src []F, d int, tiles, lanes []int32, w int)) {
	rng := rand.New(rand.NewPCG(7, 11))
	const guard = 8
	for _, w := range []int{1, 2, 4, 8, 16} {
		const nTiles = 5
		src := faceRandom[F](rng, nTiles*24*w)
		tiles := []int32{3, 0, 4, 4, 1} // any order, repeats allowed
		for _, lanes := range faceLaneSets(rng, w) {
			for d := range 8 {
				n := len(tiles) * 12 * len(lanes)
				want := make([]F, n+2*guard)
				got := make([]F, n+2*guard)
				for i := range got {
					got[i] = F(math.NaN())
					want[i] = got[i]
				}
				wilsonProjectFaceRef(want[guard:guard+n], src, d, tiles, lanes, w)
				face(got[guard:guard+n], src, d, tiles, lanes, w)
				if i := sameBits(want, got); i >= 0 {
					t.Fatalf("W=%d hop %d lanes %v: buf[%d] = %v, reference %v (guard %d, size %d)",
						w, d, lanes, i-guard, got[i], want[i], guard, n)
				}
			}
		}
	}
}

// TestWilsonProjectFaceBits holds the row-wise packer to the bits of the
// site-by-site loop, special values included, with NaN guards around buf.
func TestWilsonProjectFaceBits(t *testing.T) {
	t.Run("Go64", func(t *testing.T) { testProjectFace(t, WilsonProjectFaceGo[float64]) })
	t.Run("Go32", func(t *testing.T) { testProjectFace(t, WilsonProjectFaceGo[float32]) })
	t.Run("Dispatched64", func(t *testing.T) { testProjectFace(t, WilsonProjectFace64) })
	t.Run("Dispatched32", func(t *testing.T) { testProjectFace(t, WilsonProjectFace32) })
}

func BenchmarkWilsonProjectFace(b *testing.B) {
	const w, nTiles = 8, 64
	rng := rand.New(rand.NewPCG(1, 2))
	src := faceRandom[float64](rng, nTiles*24*w)
	tiles := make([]int32, nTiles)
	for i := range tiles {
		tiles[i] = int32(i)
	}
	for _, lanes := range faceLaneSets(rng, w)[:4] {
		buf := make([]float64, nTiles*12*len(lanes))
		for _, d := range []int{0, 6} {
			name := fmt.Sprintf("nk=%d/hop%d", len(lanes), d)
			b.Run(name+"/ref", func(b *testing.B) {
				for b.Loop() {
					wilsonProjectFaceRef(buf, src, d, tiles, lanes, w)
				}
			})
			b.Run(name+"/new", func(b *testing.B) {
				for b.Loop() {
					WilsonProjectFace64(buf, src, d, tiles, lanes, w)
				}
			})
		}
	}
}
