package kernels_arm64

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// The DeGrand-Rossi gamma matrices, written out independently of
// hopProjection so that the twin test checks the table too.
var testGamma = [4][4][4]complex128{
	{{0, 0, 0, 1i}, {0, 0, 1i, 0}, {0, -1i, 0, 0}, {-1i, 0, 0, 0}},
	{{0, 0, 0, -1}, {0, 0, 1, 0}, {0, 1, 0, 0}, {-1, 0, 0, 0}},
	{{0, 0, 1i, 0}, {0, 0, 0, -1i}, {-1i, 0, 0, 0}, {0, 1i, 0, 0}},
	{{0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}},
}

func randReals(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = rng.Float64()*2 - 1
	}
	return s
}

// at is complex row pair c (rows 2c, 2c+1) of lane l.
func at(s []float64, w, c, l int) complex128 {
	return complex(s[2*c*w+l], s[(2*c+1)*w+l])
}

// TestWilsonTileGoDense checks the twin against
// x + a sum_d (1 -/+ gamma_mu) L_d src[d] with dense gamma matrices, for
// several W, with and without x.
func TestWilsonTileGoDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, w := range []int{1, 2, 4, 8, 16} {
		for _, withX := range []bool{false, true} {
			var src [8][]float64
			for d := range src {
				src[d] = randReals(rng, SpinorRows*w)
			}
			links := randReals(rng, LinkRows*w)
			var x []float64
			if withX {
				x = randReals(rng, SpinorRows*w)
			}
			a := -0.37
			dst := make([]float64, SpinorRows*w)
			wilsonTileGo(w, dst, x, make([]float64, SpinorRows*w), &src, links, a)
			var worst float64
			for l := range w {
				var acc [12]complex128
				for d := range 8 {
					mu, sign := d/2, complex(float64(1-2*(d&1)), 0)
					var up [12]complex128
					for s := range 4 {
						for i := range 3 {
							for j := range 3 {
								up[3*s+i] += at(links, w, 9*d+3*i+j, l) * at(src[d], w, 3*s+j, l)
							}
						}
					}
					for s := range 4 {
						for i := range 3 {
							v := up[3*s+i]
							for u := range 4 {
								v -= sign * testGamma[mu][s][u] * up[3*u+i]
							}
							acc[3*s+i] += v
						}
					}
				}
				for c := range 12 {
					want := complex(a, 0) * acc[c]
					if withX {
						want += at(x, w, c, l)
					}
					worst = max(worst, cmplx.Abs(at(dst, w, c, l)-want)/max(1, cmplx.Abs(want)))
				}
			}
			if worst > 1e-13 {
				t.Errorf("W=%d x=%v: twin differs from the dense-gamma sum by %.3g (tolerance 1e-13)", w, withX, worst)
			}
		}
	}
}

// TestCloverGoDense checks the clover twin against dense Hermitian
// matrices.
func TestCloverGoDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, w := range []int{1, 2, 4, 8, 16} {
		const n = 3
		src := randReals(rng, n*SpinorRows*w)
		clov := randReals(rng, n*CloverRows*w)
		dst := make([]float64, len(src))
		cloverGo(w, dst, src, clov, n)
		var worst float64
		for tile := range n {
			for l := range w {
				for b := range 2 {
					m := func(e int) float64 { return clov[((tile*2+b)*36+e)*w+l] }
					for i := range 6 {
						var y complex128
						for j := range 6 {
							var c complex128
							switch {
							case i == j:
								c = complex(m(i), 0)
							case i > j:
								c = complex(m(cloverPacked(i, j)), m(cloverPacked(i, j)+1))
							default:
								c = complex(m(cloverPacked(j, i)), -m(cloverPacked(j, i)+1))
							}
							y += c * at(src[tile*SpinorRows*w:], w, 6*b+j, l)
						}
						worst = max(worst, cmplx.Abs(at(dst[tile*SpinorRows*w:], w, 6*b+i, l)-y))
					}
				}
			}
		}
		if worst > 1e-14 {
			t.Errorf("W=%d: clover twin differs from the dense product by %.3g (tolerance 1e-14)", w, worst)
		}
	}
}

// TestWilsonTileCompactGo checks the compact-link twin against the full
// twin given the links written out with complex arithmetic, L_2j = s *
// conj(L_0k L_1l - L_0l L_1k) ((j, k, l) cyclic), for random rows and
// signs, several W, with x: the rebuilt row differs from the complex one
// by round-off only (tolerance 1e-14 relative).
func TestWilsonTileCompactGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, w := range []int{1, 2, 4, 8, 16} {
		var src [8][]float64
		for d := range src {
			src[d] = randReals(rng, SpinorRows*w)
		}
		compact := randReals(rng, CompactLinkRows*w)
		randomSigns(rng, compact, w)
		full := make([]float64, LinkRows*w)
		for d := range 8 {
			c, u := compact[13*d*w:], full[18*d*w:]
			copy(u[:12*w], c[:12*w])
			for l := range w {
				s := complex(c[12*w+l], 0)
				for j := range 3 {
					k, m := (j+1)%3, (j+2)%3
					z := s * cmplx.Conj(at(c, w, k, l)*at(c, w, 3+m, l)-at(c, w, m, l)*at(c, w, 3+k, l))
					u[(12+2*j)*w+l], u[(13+2*j)*w+l] = real(z), imag(z)
				}
			}
		}
		x := randReals(rng, SpinorRows*w)
		want := make([]float64, SpinorRows*w)
		wilsonTileGo(w, want, x, make([]float64, SpinorRows*w), &src, full, 0.61)
		got := make([]float64, SpinorRows*w)
		wilsonTileCompactGo(w, got, x, make([]float64, CompactAccRows*w), &src, compact, 0.61)
		var worst float64
		for i := range got {
			worst = max(worst, math.Abs(got[i]-want[i])/max(1, math.Abs(want[i])))
		}
		if worst > 1e-14 {
			t.Errorf("W=%d: compact twin differs from the full twin on rebuilt links by %.3g (tolerance 1e-14)", w, worst)
		}
	}
}

// randomSigns sets the sign row of every hop of the compact links c (w
// lanes) to random +1 and -1.
func randomSigns[F Float](rng *rand.Rand, c []F, w int) {
	for hop := range len(c) / (13 * w) {
		for l := range w {
			c[(13*hop+12)*w+l] = F(1 - 2*rng.IntN(2))
		}
	}
}

// TestHaloMode checks which hops' halo rows the SVE list kernels read
// (HaloMode) and where a list stops (ListStops).
func TestHaloMode(t *testing.T) {
	const w = 8
	var recv [8][]float32
	var lanes [8][]int32
	lanes[0] = []int32{1, 3, 5, 7}             // ascending: read
	lanes[1] = []int32{3, 1}                   // not ascending: stops
	lanes[2] = []int32{0, 1, 2, 3, 4, 5, 6, 7} // every lane in order
	lanes[3] = []int32{0, 8}                   // a lane outside W: stops
	lanes[4] = []int32{2}                      // ascending, but Recv holds no whole row
	for d := range 8 {
		recv[d] = make([]float32, 2*12*len(lanes[d]))
	}
	recv[4] = recv[4][:11]
	h := &Hop[float32]{Halo: make([]int32, 16), Recv: &recv, HaloLanes: &lanes}
	mode, rows := HaloMode(h, w, false)
	if want := uint64(1<<0 | 1<<2 | 1<<(8+2)); mode != want {
		t.Errorf("mode %#x, want %#x", mode, want)
	}
	if rows[0] != 2 || rows[2] != 2 || rows[4] != 0 {
		t.Errorf("rows %v, want 2 for hops 0 and 2, 0 for hop 4", rows)
	}
	for i := range h.Halo {
		h.Halo[i] = -1
	}
	h.Halo[0], h.Halo[2] = 1, 0 // tile 0: hops 0 and 2, in the mode
	h.Halo[8+1] = 0             // tile 1: hop 1, outside it
	if ListStops(h, 0, mode, rows) {
		t.Error("tile 0 (rows of hops 0 and 2): the list stops")
	}
	if !ListStops(h, 1, mode, rows) {
		t.Error("tile 1 (a row of hop 1): the list goes on")
	}
	h.Halo[0] = 2 // past Recv[0]
	if !ListStops(h, 0, mode, rows) {
		t.Error("tile 0 with a row past Recv: the list goes on")
	}
	h.Halo[0] = -2 // a negative row other than -1
	if !ListStops(h, 0, mode, rows) {
		t.Error("tile 0 with row -2: the list goes on")
	}
	// NEON loads rows of 4 or 8 bytes, or of every lane: hop 0's 16 bytes
	// of 4 lanes are left out.
	if mode, _ := HaloMode(h, w, true); mode != 1<<2|1<<(8+2) {
		t.Errorf("NEON: mode %#x, want hop 2 alone", mode)
	}
	if mode, _ := HaloMode(&Hop[float32]{Halo: h.Halo}, w, false); mode != 0 {
		t.Errorf("no Recv: mode %#x, want 0", mode)
	}
}
