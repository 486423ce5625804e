package kernels

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomSU3 returns a random SU(3) matrix (row-major) by Gram-Schmidt on
// two random rows and the cross product for the third.
func randomSU3(rng *rand.Rand) [9]complex128 {
	var m [9]complex128
	for k := range 6 {
		m[k] = complex(rng.NormFloat64(), rng.NormFloat64())
	}
	norm := func(r []complex128) {
		var s float64
		for _, z := range r {
			s += real(z)*real(z) + imag(z)*imag(z)
		}
		for k := range r {
			r[k] /= complex(math.Sqrt(s), 0)
		}
	}
	norm(m[0:3])
	var p complex128
	for k := range 3 {
		p += cmplx.Conj(m[k]) * m[3+k]
	}
	for k := range 3 {
		m[3+k] -= p * m[k]
	}
	norm(m[3:6])
	for j := range 3 {
		k, l := (j+1)%3, (j+2)%3
		m[6+j] = cmplx.Conj(m[k]*m[3+l] - m[l]*m[3+k])
	}
	return m
}

// TestExpandLinkRebuildsSU3 checks the rebuilt third row of phase*U for
// SU(3) matrices U and boundary phases +1 and -1, in every lane.
func TestExpandLinkRebuildsSU3(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const w = 4
	for range 50 {
		var want [9][w]complex128
		c := make([]float64, CompactLinkRows*w)
		for l := range w {
			u := randomSU3(rng)
			p := float64(1 - 2*rng.IntN(2))
			for e := range 9 {
				want[e][l] = complex(p, 0) * u[e]
				if e < 6 {
					c[2*e*w+l], c[(2*e+1)*w+l] = p*real(u[e]), p*imag(u[e])
				}
			}
			c[12*w+l] = p
		}
		got := make([]float64, 18*w)
		ExpandLink(got, c, w)
		for e := range 9 {
			for l := range w {
				z := complex(got[2*e*w+l], got[(2*e+1)*w+l])
				if d := cmplx.Abs(z - want[e][l]); d > 1e-15 {
					t.Fatalf("element %d lane %d: rebuilt %v, want %v (|diff| %.2g)", e, l, z, want[e][l], d)
				}
			}
		}
	}
}

// TestWilsonHopCompact checks the portable kernels with compact links
// against the same kernels given the links ExpandLink rebuilds: the same
// bits, for every W, with halos, lane permutations and X, in float64 and
// float32.
func TestWilsonHopCompact(t *testing.T) {
	checkWilsonHopCompact(t, func(k *kernelCase) *WilsonHop[float64] { return &k.hop })
	checkWilsonHopCompact(t, func(k *kernelCase) *WilsonHop[float32] {
		h := &k.hop
		return &WilsonHop[float32]{W: h.W, A: float32(h.A), Dst: to32(h.Dst), X: to32(h.X), Src: to32(h.Src), Links: to32(h.Links),
			Nbr: h.Nbr, Cross: h.Cross, Perm: h.Perm, Halo: h.Halo, HaloLanes: h.HaloLanes, Recv: [8][]float32{
				to32(h.Recv[0]), to32(h.Recv[1]), to32(h.Recv[2]), to32(h.Recv[3]), to32(h.Recv[4]), to32(h.Recv[5]), to32(h.Recv[6]), to32(h.Recv[7])}}
	})
}

func checkWilsonHopCompact[F Real](t *testing.T, hop func(*kernelCase) *WilsonHop[F]) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, w := range []int{1, 2, 4, 8, 16} {
		k := newKernelCase(rng, w)
		full := hop(k)
		n := len(full.Links) / (18 * w)
		compact := make([]F, n*CompactLinkRows*w)
		for h := range n {
			c := compact[h*CompactLinkRows*w : (h+1)*CompactLinkRows*w]
			copy(c[:12*w], full.Links[h*18*w:h*18*w+12*w])
			for l := range w {
				c[12*w+l] = F(1 - 2*rng.IntN(2))
			}
			ExpandLink(full.Links[h*18*w:(h+1)*18*w], c, w)
		}
		ch := *full
		ch.Links, ch.Compact = compact, true
		kernels := map[string]func(*WilsonHop[F], []int32){"go": WilsonHopGo[F], "lanes": wilsonHopLanes[F], "gather": wilsonHopGather[F]}
		for name, kern := range kernels {
			want := slices.Clone(full.Dst)
			fh := *full
			fh.Dst = want
			kern(&fh, allTiles(k.nOut))
			got := slices.Clone(full.Dst)
			ch.Dst = got
			kern(&ch, allTiles(k.nOut))
			for i := range got {
				if got[i] != want[i] && !(got[i] != got[i] && want[i] != want[i]) {
					t.Fatalf("W=%d %s: compact links give %v at %d, expanded links %v", w, name, got[i], i, want[i])
				}
			}
		}
	}
}

// TestWilsonHopByCompactTile checks the per-tile driver's compact path: a
// tile kernel that reads compact links (here ExpandLink and the Go tile
// kernel) gets each tile's 8*13 link rows and 30 rows of scratch, and
// gives the bits of the driver expanding the links itself, with halos and
// lane permutations, for every W.
func TestWilsonHopByCompactTile(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, w := range []int{1, 2, 4, 8, 16} {
		k := newKernelCase(rng, w)
		h := &k.hop
		n := len(h.Links) / (18 * w)
		compact := make([]float64, n*CompactLinkRows*w)
		for i := range n {
			c := compact[i*CompactLinkRows*w : (i+1)*CompactLinkRows*w]
			copy(c[:12*w], h.Links[i*18*w:i*18*w+12*w])
			for l := range w {
				c[12*w+l] = float64(1 - 2*rng.IntN(2))
			}
		}
		h.Links, h.Compact = compact, true
		full := laneTile[float64](w)
		var bad []string
		compactTile := func(dst, x, acc []float64, src *[8][]float64, links []float64, a float64) {
			if len(acc) != 30*w || len(links) != 8*CompactLinkRows*w {
				bad = append(bad, "wrong scratch or link rows")
			}
			u := make([]float64, 144*w)
			for d := range 8 {
				ExpandLink(u[18*w*d:18*w*(d+1)], links[CompactLinkRows*w*d:CompactLinkRows*w*(d+1)], w)
			}
			full(dst, x, acc[:24*w], src, u, a)
		}
		want := slices.Clone(h.Dst)
		h.Dst = want
		wilsonHopByTile(h, allTiles(k.nOut), full)
		got := slices.Clone(want)
		h.Dst = got
		wilsonHopByCompactTile(h, allTiles(k.nOut), compactTile)
		if len(bad) > 0 {
			t.Fatalf("W=%d: the compact tile kernel got %s", w, bad[0])
		}
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("W=%d: compact tile kernel gives %v at %d, the expanding driver %v", w, got[i], i, want[i])
			}
		}
	}
}
