package kernels

import (
	"math/rand/v2"
	"testing"
)

// laneTile is a per-tile kernel built from the lane-vector reference
// steps (wilson_lanes.go), the Go stand-in for an assembly tile kernel.
func laneTile[F Real](w int) wilsonTileKernel[F] {
	return func(dst, x, acc []F, src *[8][]F, links []F, a F) {
		var hs, uh [12 * MaxLanes]F
		for d := range 8 {
			pr := &HopProjection[d]
			projectLanes(hs[:12*w], src[d], pr, w)
			mulHalfLanes(uh[:12*w], links[d*18*w:(d+1)*18*w], hs[:12*w], w)
			reconstructLanes(acc[:24*w], uh[:12*w], pr, w, d == 0)
		}
		for k := range 24 * w {
			if x == nil {
				dst[k] = a * acc[k]
			} else {
				dst[k] = x[k] + a*acc[k]
			}
		}
	}
}

// TestWilsonHopByTile checks the per-tile driver (lane permutations,
// halo lanes inserted as spinors) with a Go tile kernel against the
// dense-gamma reference, for every W, with X separate, aliasing Dst and
// absent, on a tile list in scrambled order that leaves some tiles out.
func TestWilsonHopByTile(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, w := range []int{1, 2, 4, 8, 16} {
		k := newKernelCase(rng, w)
		want := k.reference()
		tiles := allTiles(k.nOut)
		rng.Shuffle(len(tiles), func(i, j int) { tiles[i], tiles[j] = tiles[j], tiles[i] })
		skipped := tiles[len(tiles)-2:]
		tiles = tiles[:len(tiles)-2]
		before := append([]float64(nil), k.hop.Dst...)
		wilsonHopByTile(&k.hop, tiles, laneTile[float64](w))
		for _, i := range skipped {
			lo, hi := int(i)*24*w, int(i+1)*24*w
			if maxRelDiff(k.hop.Dst[lo:hi], before[lo:hi]) != 0 {
				t.Errorf("W=%d: tile %d, not in the list, was written", w, i)
			}
			copy(k.hop.Dst[lo:hi], want[lo:hi]) // the rest is compared below
		}
		if d := maxRelDiff(k.hop.Dst, want); d > 1e-14 {
			t.Errorf("W=%d: max relative difference %.3g from the dense reference", w, d)
		}
		wilsonHopByTile(&k.hop, allTiles(k.nOut), laneTile[float64](w))
		copy(k.hop.Dst, k.hop.X)
		k.hop.X = k.hop.Dst
		wilsonHopByTile(&k.hop, allTiles(k.nOut), laneTile[float64](w))
		if d := maxRelDiff(k.hop.Dst, want); d > 1e-14 {
			t.Errorf("W=%d, X aliasing Dst: max relative difference %.3g", w, d)
		}
		k.hop.X = nil
		wilsonHopByTile(&k.hop, allTiles(k.nOut), laneTile[float64](w))
		k.hop.X = make([]float64, len(want))
		if d := maxRelDiff(k.hop.Dst, k.reference()); d > 1e-14 {
			t.Errorf("W=%d, X nil: max relative difference %.3g", w, d)
		}
	}
}
