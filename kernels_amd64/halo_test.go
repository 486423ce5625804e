//go:build amd64 && !noasm

package kernels_amd64

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// fillHalfRef is the lane-by-lane fillHalf this package had before the
// phases were hoisted out of the lane loops and full in-order halos were
// read in place: project every lane, then overwrite the halo lanes.
func fillHalfRef[F float32 | float64](hs *halfScratch[F], h *WilsonHop[F], i int) uint64 {
	w := h.W
	var mask uint64
	for d := range 8 {
		row := int(h.Halo[8*i+d])
		if row < 0 {
			continue
		}
		lanes := h.HaloLanes[d]
		nk := len(lanes)
		n := int(h.Nbr[8*i+d])
		s := h.Src[n*24*w : (n+1)*24*w]
		pr := &projection[d]
		out := hs[d][:12*w]
		for a := range 2 {
			for col := range 3 {
				o := 2 * (3*a + col) * w
				y := 2 * (3*pr.j[a] + col) * w
				for l := range w {
					sl := l
					if h.Cross[i]>>d&1 != 0 {
						sl = int(h.Perm[d][l])
					}
					xr, xi, yr, yi := s[o+sl], s[o+w+sl], s[y+sl], s[y+w+sl]
					var hr, hi F
					switch pr.c[a] {
					case plusOne:
						hr, hi = xr+yr, xi+yi
					case minusOne:
						hr, hi = xr-yr, xi-yi
					case plusI:
						hr, hi = xr-yi, xi+yr
					case minusI:
						hr, hi = xr+yi, xi-yr
					}
					out[o+l], out[o+w+l] = hr, hi
				}
			}
		}
		b := h.Recv[d][row*12*nk : (row+1)*12*nk]
		for j := range 12 {
			for k, l := range lanes {
				out[j*w+int(l)] = b[j*nk+k]
			}
		}
		mask |= 1 << d
	}
	return mask
}

// haloLaneSets are halo lane lists of every kind fillHalf distinguishes:
// all lanes in order (read in place), all lanes permuted (nothing
// projected), runs (moved as rows, as are the other lanes when the lane
// permutation keeps them a run), strided and random subsets.
func haloLaneSets(rng *rand.Rand, w int) [][]int32 {
	seq := func(from, n, step int) []int32 {
		s := make([]int32, n)
		for k := range s {
			s[k] = int32(from + k*step)
		}
		return s
	}
	perm := func(n int) []int32 {
		s := make([]int32, 0, n)
		for _, l := range rng.Perm(w)[:n] {
			s = append(s, int32(l))
		}
		return s
	}
	sets := [][]int32{seq(0, w, 1), perm(w)}
	if w > 1 {
		sets = append(sets, seq(0, w/2, 1), seq(w/2, w/2, 1), seq(1, w/2, 2), perm(w/2), perm(1))
	}
	return sets
}

func testFillHalf[F float32 | float64](t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0}
	random := func(n int) []F {
		s := make([]F, n)
		for i := range s {
			if rng.IntN(12) == 0 {
				s[i] = F(special[rng.IntN(len(special))])
			} else {
				s[i] = F(rng.NormFloat64())
			}
		}
		return s
	}
	for _, isa := range []ISA{0, AVX2, AVX512} { // 0: Go rows only
		proj, projLanes := projKernelFor[F](isa)
		if isa != 0 && proj == nil {
			t.Logf("%s: this CPU lacks it, skipped", isa)
			continue
		}
		testFillHalfWith(t, rng, random, proj, projLanes)
	}
}

func testFillHalfWith[F float32 | float64](t *testing.T, rng *rand.Rand, random func(int) []F, proj projKernel[F], projLanes int) {
	for _, w := range []int{1, 2, 4, 8, 16} {
		const nTiles = 6
		for _, lanes := range haloLaneSets(rng, w) {
			h := &WilsonHop[F]{W: w, Src: random(nTiles * 24 * w)}
			h.Nbr = make([]int32, 8*nTiles)
			h.Halo = make([]int32, 8*nTiles)
			h.Cross = make([]uint8, nTiles)
			var rows [8]int
			var permOK uint8
			for d := range 8 {
				h.HaloLanes[d] = lanes
				h.Perm[d] = make([]int32, w)
				for l, p := range rng.Perm(w) {
					switch d % 3 {
					case 0: // random
						h.Perm[d][l] = int32(p)
					case 1: // the halves swapped, as a split direction of two lanes has it
						h.Perm[d][l] = int32(l ^ w/2)
					case 2: // a rotation
						h.Perm[d][l] = int32((l + 1) % w)
					}
				}
				permOK |= 1 << d
			}
			for i := range nTiles {
				for d := range 8 {
					h.Nbr[8*i+d] = int32(rng.IntN(nTiles))
					h.Halo[8*i+d] = -1
					if rng.IntN(2) == 0 {
						h.Cross[i] |= 1 << d
					}
					if rng.IntN(3) != 0 {
						h.Halo[8*i+d] = int32(rows[d])
						rows[d]++
					}
				}
			}
			for d := range 8 {
				h.Recv[d] = random(rows[d] * 12 * len(lanes))
			}
			plan := haloPlan{permOK: permOK}
			for i := range nTiles {
				want, got := new(halfScratch[F]), new(halfScratch[F])
				wantMask := fillHalfRef(want, h, i)
				var half [8]unsafe.Pointer
				mask, ok := fillHalf(got, &half, &plan, h, i, proj, projLanes)
				if !ok || mask != wantMask {
					t.Fatalf("W=%d lanes %v tile %d (kernel %v): mask %08b ok %v, want %08b", w, lanes, i, proj != nil, mask, ok, wantMask)
				}
				for d := range 8 {
					if mask>>d&1 == 0 {
						continue
					}
					g := unsafe.Slice((*F)(half[d]), 12*w)
					for j, x := range want[d][:12*w] {
						if !sameBitsF(g[j], x) {
							t.Fatalf("W=%d lanes %v tile %d hop %d (cross %v, kernel %d lanes): half[%d] = %v, reference %v",
								w, lanes, i, d, h.Cross[i]>>d&1 != 0, projLanes, j, g[j], x)
						}
					}
				}
			}
		}
	}
}

func sameBitsF[F float32 | float64](a, b F) bool {
	if unsafe.Sizeof(a) == 8 {
		return math.Float64bits(float64(a)) == math.Float64bits(float64(b))
	}
	return math.Float32bits(float32(a)) == math.Float32bits(float32(b))
}

// TestFillHalfBits holds fillHalf to the bits of the lane-by-lane
// reference for every kind of halo lane list, crossing and not, with NaN,
// infinities and signed zeros among the inputs, with the Go rows and with
// each spinProj kernel this CPU runs.
func TestFillHalfBits(t *testing.T) {
	t.Run("f64", testFillHalf[float64])
	t.Run("f32", testFillHalf[float32])
}

// TestHaloRowsInList checks which halo tiles the 32-register list kernels
// take themselves (haloRows, classify): hops whose halo lanes ascend (as
// the layout lists them) and whose row is inside Recv; any other halo hop
// sends its tile to fillHalf. Conformance covers the numbers.
func TestHaloRowsInList(t *testing.T) {
	const w = 16
	h := &WilsonHop[float32]{W: w}
	h.Halo = []int32{-1, 0, -1, -1, -1, -1, 1, -1, 3, -1, -1, -1, -1, -1, -1, 0}
	h.Nbr = make([]int32, 16)
	h.Cross = make([]uint8, 2)
	for d := range 8 {
		switch d {
		case 1: // every other lane: expanded in the list
			for l := 0; l < w; l += 2 {
				h.HaloLanes[d] = append(h.HaloLanes[d], int32(l))
			}
		case 6: // all lanes in order: the row is the half-spinor
			for l := range w {
				h.HaloLanes[d] = append(h.HaloLanes[d], int32(l))
			}
		case 0, 7: // not ascending: fillHalf
			h.HaloLanes[d] = []int32{3, 1}
		}
		if n := len(h.HaloLanes[d]); n > 0 {
			h.Recv[d] = make([]float32, 2*12*n) // two rows
		}
	}
	var f hopFrame
	c := hopCheck{nOut: 2, nSrc: 1}
	s := planHaloRows(h.HaloLanes, w, 4)
	haloRows(&f, &c, h, &s, false)
	if c.haloMode != 1<<1|1<<6 || f.haloMode != 1<<1|1<<6|1<<(8+6) {
		t.Fatalf("haloMode %#x, frame %#x; want hops 1 and 6 in the list, 6 direct", c.haloMode, f.haloMode)
	}
	if f.haloK[1] != 0x5555 || f.rowStride[1] != 8*4 || f.rowBytes[6] != 12*w*4 {
		t.Errorf("hop 1 mask %#x stride %d, hop 6 row %d bytes", f.haloK[1], f.rowStride[1], f.rowBytes[6])
	}
	if k := classify(&c, h, 0); k != tilePlain {
		t.Errorf("tile 0 (rows of hops 1 and 6): kind %d, want the list", k)
	}
	// Tile 1: hop 0 has a row (not ascending lanes) and hop 7 too.
	if k := classify(&c, h, 1); k != tileHalo {
		t.Errorf("tile 1 (hops 0 and 7 not ascending): kind %d, want fillHalf", k)
	}
	h.Halo[1] = 2 // a row past Recv[1]: fillHalf, which reports it
	if k := classify(&c, h, 0); k != tileHalo {
		t.Errorf("tile 0 with a row outside Recv: kind %d, want fillHalf", k)
	}
}
