package kernels

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"testing"
)

// The DeGrand-Rossi gamma matrices, written out independently of
// HopProjection, so that the test checks the projection table too.
var testGamma = [4][4][4]complex128{
	{{0, 0, 0, 1i}, {0, 0, 1i, 0}, {0, -1i, 0, 0}, {-1i, 0, 0, 0}},
	{{0, 0, 0, -1}, {0, 0, 1, 0}, {0, 1, 0, 0}, {-1, 0, 0, 0}},
	{{0, 0, 1i, 0}, {0, 0, 0, -1i}, {-1i, 0, 0, 0}, {0, 1i, 0, 0}},
	{{0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}},
}

// kernelCase is a random hopping problem: tables with crossings, lane
// permutations and halo rows, random spinors, links and received faces,
// and the remote spinors the faces were packed from.
type kernelCase struct {
	w, nOut, nSrc int
	hop           WilsonHop[float64]
	remote        [8][]float64 // remote spinor tiles, W = nk lanes, one tile per row
	rows          [8]int
}

func newKernelCase(rng *rand.Rand, w int) *kernelCase {
	k := &kernelCase{w: w, nOut: 9, nSrc: 11}
	h := &k.hop
	h.W = w
	h.A = -0.37
	h.Src = randSlice(rng, k.nSrc*24*w)
	h.Dst = randSlice(rng, k.nOut*24*w)
	h.X = randSlice(rng, k.nOut*24*w)
	h.Links = randSlice(rng, k.nOut*8*18*w)
	h.Nbr = make([]int32, 8*k.nOut)
	h.Halo = make([]int32, 8*k.nOut)
	h.Cross = make([]uint8, k.nOut)
	for d := range 8 {
		h.Perm[d] = make([]int32, w)
		for l, p := range rng.Perm(w) {
			h.Perm[d][l] = int32(p)
		}
		nk := max(1, w/2)
		if w == 1 {
			nk = 1
		}
		for _, l := range rng.Perm(w)[:nk] {
			h.HaloLanes[d] = append(h.HaloLanes[d], int32(l))
		}
		switch d % 4 {
		case 0: // ascending, as the layout lists them (the arm64 SVE list kernels read these rows)
			slices.Sort(h.HaloLanes[d])
		case 1: // one lane (rows of a single number)
			h.HaloLanes[d] = h.HaloLanes[d][:1]
		case 2: // every lane in order (a split direction of one lane): the row is the half-spinor
			h.HaloLanes[d] = h.HaloLanes[d][:0]
			for l := range w {
				h.HaloLanes[d] = append(h.HaloLanes[d], int32(l))
			}
		}
	}
	for i := range k.nOut {
		for d := range 8 {
			h.Nbr[8*i+d] = int32(rng.IntN(k.nSrc))
			h.Halo[8*i+d] = -1
			if rng.IntN(3) == 0 {
				h.Cross[i] |= 1 << d
				if rng.IntN(2) == 0 {
					h.Halo[8*i+d] = int32(k.rows[d])
					k.rows[d]++
				}
			}
		}
	}
	for d := range 8 {
		nk := len(h.HaloLanes[d])
		k.remote[d] = randSlice(rng, k.rows[d]*24*nk)
		h.Recv[d] = make([]float64, k.rows[d]*12*nk)
		tiles := make([]int32, k.rows[d])
		lanes := make([]int32, nk)
		for r := range tiles {
			tiles[r] = int32(r)
		}
		for j := range lanes {
			lanes[j] = int32(j)
		}
		WilsonProjectFaceGo(h.Recv[d], k.remote[d], d, tiles, lanes, nk)
	}
	return k
}

func randSlice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = rng.Float64()*2 - 1
	}
	return s
}

// spinorAt reads the 12 components of (tile, lane) of a spinor slice.
func spinorAt(s []float64, w, tile, lane int) [12]complex128 {
	var v [12]complex128
	for c := range 12 {
		v[c] = complex(s[(tile*24+2*c)*w+lane], s[(tile*24+2*c+1)*w+lane])
	}
	return v
}

// reference computes Dst with dense gamma matrices, site by site.
func (k *kernelCase) reference() []float64 {
	h := &k.hop
	w := k.w
	out := make([]float64, len(h.Dst))
	for i := range k.nOut {
		for l := range w {
			var acc [12]complex128
			for d := range 8 {
				mu, sign := d/2, complex(float64(1-2*(d&1)), 0)
				n := int(h.Nbr[8*i+d])
				src := l
				if h.Cross[i]>>d&1 != 0 {
					src = int(h.Perm[d][l])
				}
				psi := spinorAt(h.Src, w, n, src)
				if row := int(h.Halo[8*i+d]); row >= 0 {
					for kk, hl := range h.HaloLanes[d] {
						if int(hl) == l {
							psi = spinorAt(k.remote[d], len(h.HaloLanes[d]), row, kk)
						}
					}
				}
				// (1 - sign gamma_mu) U psi
				var upsi [12]complex128
				for s := range 4 {
					for a := range 3 {
						for b := range 3 {
							e := ((i*8+d)*9+3*a+b)*2*w + l
							u := complex(h.Links[e], h.Links[e+w])
							upsi[3*s+a] += u * psi[3*s+b]
						}
					}
				}
				for s := range 4 {
					for a := range 3 {
						v := upsi[3*s+a]
						for t := range 4 {
							v -= sign * testGamma[mu][s][t] * upsi[3*t+a]
						}
						acc[3*s+a] += v
					}
				}
			}
			for c := range 12 {
				x := complex(h.X[(i*24+2*c)*w+l], h.X[(i*24+2*c+1)*w+l])
				v := x + complex(h.A, 0)*acc[c]
				out[(i*24+2*c)*w+l] = real(v)
				out[(i*24+2*c+1)*w+l] = imag(v)
			}
		}
	}
	return out
}

func maxRelDiff(a, b []float64) float64 {
	var num, den float64
	for i := range a {
		num = math.Max(num, math.Abs(a[i]-b[i]))
		den = math.Max(den, math.Abs(b[i]))
	}
	return num / den
}

func allTiles(n int) []int32 {
	t := make([]int32, n)
	for i := range t {
		t[i] = int32(i)
	}
	return t
}

// TestWilsonHopMatchesDenseGammas checks both portable kernels (site and
// lane-vector) for every W against the dense-gamma reference, with lane
// permutations and halo rows, with and without the added field X.
func TestWilsonHopMatchesDenseGammas(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, w := range []int{1, 2, 4, 8, 16} {
		k := newKernelCase(rng, w)
		want := k.reference()
		kernels := map[string]func(*WilsonHop[float64], []int32){"go": WilsonHopGo[float64], "lanes": wilsonHopLanes[float64], "gather": wilsonHopGather[float64]}
		for name, kern := range kernels {
			clear(k.hop.Dst)
			kern(&k.hop, allTiles(k.nOut))
			if d := maxRelDiff(k.hop.Dst, want); d > 1e-14 {
				t.Errorf("W=%d %s kernel: max relative difference %.3g from dense reference (tolerance 1e-14)", w, name, d)
			}
		}
		// X aliasing Dst: Dst = Dst + A H.
		copy(k.hop.Dst, k.hop.X)
		k.hop.X = k.hop.Dst
		WilsonHopGo(&k.hop, allTiles(k.nOut))
		if d := maxRelDiff(k.hop.Dst, want); d > 1e-14 {
			t.Errorf("W=%d with X aliasing Dst: max relative difference %.3g", w, d)
		}
		// X nil: the result is A H alone.
		k.hop.X = nil
		WilsonHopGo(&k.hop, allTiles(k.nOut))
		k.hop.X = make([]float64, len(want))
		want0 := k.reference()
		if d := maxRelDiff(k.hop.Dst, want0); d > 1e-14 {
			t.Errorf("W=%d with X nil: max relative difference %.3g", w, d)
		}
	}
}

// TestWilsonHopFloat32 checks the float32 instantiation against float64.
func TestWilsonHopFloat32(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, w := range []int{1, 4, 16} {
		k := newKernelCase(rng, w)
		h := &k.hop
		want := k.reference()
		h32 := WilsonHop[float32]{W: w, A: float32(h.A), Dst: make([]float32, len(h.Dst)), X: to32(h.X),
			Src: to32(h.Src), Links: to32(h.Links), Nbr: h.Nbr, Cross: h.Cross, Perm: h.Perm, Halo: h.Halo, HaloLanes: h.HaloLanes}
		for d := range 8 {
			h32.Recv[d] = to32(h.Recv[d])
		}
		WilsonHop32(&h32, allTiles(k.nOut))
		got := make([]float64, len(want))
		for i, v := range h32.Dst {
			got[i] = float64(v)
		}
		if d := maxRelDiff(got, want); d > 1e-5 {
			t.Errorf("W=%d float32: max relative difference %.3g (tolerance 1e-5)", w, d)
		}
	}
}

func to32(s []float64) []float32 {
	o := make([]float32, len(s))
	for i, v := range s {
		o[i] = float32(v)
	}
	return o
}

// TestHopProjectionIsOneMinusGamma checks the projection table: for every
// hop, (1 -/+ gamma_mu) psi has upper components h_a = psi_a + C[a] psi_J[a]
// and lower components conj(C[a]) h_a at J[a].
func TestHopProjectionIsOneMinusGamma(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for d, pr := range HopProjection {
		mu, sign := d/2, complex(float64(1-2*(d&1)), 0)
		var psi [4]complex128
		for s := range psi {
			psi[s] = complex(rng.NormFloat64(), rng.NormFloat64())
		}
		var r [4]complex128
		for s := range 4 {
			r[s] = psi[s]
			for u := range 4 {
				r[s] -= sign * testGamma[mu][s][u] * psi[u]
			}
		}
		for a := range 2 {
			h := psi[a] + pr.C[a].Complex()*psi[pr.J[a]]
			if cmplx.Abs(h-r[a]) > 1e-14 || cmplx.Abs(pr.C[a].Conj().Complex()*h-r[pr.J[a]]) > 1e-14 {
				t.Errorf("hop %d spin %d: table gives %v, (1-/+gamma) gives %v, %v", d, a, h, r[a], r[pr.J[a]])
			}
		}
	}
}

// TestCloverApply checks the packed Hermitian block kernel against dense
// matrices, in place and out of place.
func TestCloverApply(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, w := range []int{1, 2, 8} {
		n := 5
		clov := randSlice(rng, n*2*36*w)
		src := randSlice(rng, n*24*w)
		dst := make([]float64, len(src))
		CloverApply64(dst, src, clov, w, 0, n)
		want := make([]float64, len(src))
		for tile := range n {
			for l := range w {
				psi := spinorAt(src, w, tile, l)
				for b := range 2 {
					m := func(e int) float64 { return clov[((tile*2+b)*36+e)*w+l] }
					for i := range 6 {
						var y complex128
						for j := range 6 {
							var a complex128
							switch {
							case i == j:
								a = complex(m(i), 0)
							case i > j:
								a = complex(m(CloverPacked(i, j)), m(CloverPacked(i, j)+1))
							default:
								a = complex(m(CloverPacked(j, i)), -m(CloverPacked(j, i)+1))
							}
							y += a * psi[6*b+j]
						}
						want[(tile*24+2*(6*b+i))*w+l] = real(y)
						want[(tile*24+2*(6*b+i)+1)*w+l] = imag(y)
					}
				}
			}
		}
		if d := maxRelDiff(dst, want); d > 1e-15 {
			t.Errorf("W=%d clover apply: max relative difference %.3g", w, d)
		}
		CloverApply64(src, src, clov, w, 0, n)
		if d := maxRelDiff(src, want); d > 1e-15 {
			t.Errorf("W=%d clover apply in place: max relative difference %.3g", w, d)
		}
	}
}

// benchHop is a hopping problem of n output tiles with structured
// neighbours (no halo), the shape of an 8^4 lattice at n = 4096/W.
func benchHop[F Real](n, w int) *WilsonHop[F] {
	h := &WilsonHop[F]{W: w, A: 1}
	mk := func(m int) []F {
		s := make([]F, m)
		for i := range s {
			s[i] = F(float64(i%7) * 0.1)
		}
		return s
	}
	h.Src, h.Dst, h.Links = mk(n*24*w), mk(n*24*w), mk(n*8*18*w)
	h.Nbr, h.Halo, h.Cross = make([]int32, 8*n), make([]int32, 8*n), make([]uint8, n)
	offs := [8]int{1, -1, 8, -8, 64, -64, 512, -512}
	for i := range n {
		for d := range 8 {
			h.Nbr[8*i+d] = int32(((i+offs[d]/max(1, w))%n + n) % n)
			h.Halo[8*i+d] = -1
		}
	}
	for d := range 8 {
		h.Perm[d] = make([]int32, w)
		for l := range w {
			h.Perm[d][l] = int32((l + 1) % w)
		}
	}
	return h
}

func BenchmarkWilsonHopKernel(b *testing.B) {
	for _, w := range []int{1, 2, 4, 8} {
		n := 4096 / w
		b.Run("f64/W="+string(rune('0'+w)), func(b *testing.B) {
			h := benchHop[float64](n, w)
			tiles := allTiles(n)
			for b.Loop() {
				WilsonHop64(h, tiles)
			}
			b.ReportMetric(float64(WilsonHopFlops*4096)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
		})
		b.Run("f32/W="+string(rune('0'+w)), func(b *testing.B) {
			h := benchHop[float32](n, w)
			tiles := allTiles(n)
			for b.Loop() {
				WilsonHop32(h, tiles)
			}
			b.ReportMetric(float64(WilsonHopFlops*4096)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
		})
	}
}

// TestInstallWilsonGo checks that the go installer restores every Wilson
// dispatch variable.
func TestInstallWilsonGo(t *testing.T) {
	WilsonHop64, WilsonHop32, WilsonProjectFace64, WilsonProjectFace32, CloverApply64, CloverApply32 = nil, nil, nil, nil, nil, nil
	installWilsonGo()
	if WilsonHop64 == nil || WilsonHop32 == nil || WilsonProjectFace64 == nil || WilsonProjectFace32 == nil || CloverApply64 == nil || CloverApply32 == nil {
		t.Error("installWilsonGo left a Wilson kernel unset")
	}
}
