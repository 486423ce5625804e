package kernels_arm64

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomHop is a hopping problem of nout output tiles over nsrc source
// tiles with random neighbours, crossings, lane permutations and about one
// tile in four taking a halo row; compact: with compact links (random
// signs).
func randomHop[F Float](rng *rand.Rand, w, nout, nsrc int, compact bool) (*Hop[F], []int32) {
	const g = 64
	h := &Hop[F]{
		Src:     newGuarded[F](rng, nsrc*SpinorRows*w, g).body(),
		Links:   newGuarded[F](rng, nout*linkRows(compact)*w, g).body(),
		A:       F(rng.Float64() - 0.5),
		Nbr:     make([]int32, 8*nout),
		Cross:   make([]uint8, nout),
		Halo:    make([]int32, 8*nout),
		Perm:    new([8][]int32),
		Compact: compact,
	}
	if compact {
		randomSigns(rng, h.Links, w)
	}
	for d := range 8 {
		for _, p := range rng.Perm(w) {
			h.Perm[d] = append(h.Perm[d], int32(p))
		}
	}
	for t := range nout {
		h.Cross[t] = uint8(rng.IntN(256))
		halo := rng.IntN(4) == 0
		for d := range 8 {
			h.Nbr[8*t+d] = int32(rng.IntN(nsrc))
			h.Halo[8*t+d] = -1
			if halo && rng.IntN(3) == 0 {
				h.Halo[8*t+d] = int32(rng.IntN(5))
			}
		}
	}
	tiles := make([]int32, nout)
	for i, t := range rng.Perm(nout) {
		tiles[i] = int32(t)
	}
	return h, tiles[:nout-1] // one tile left out: must stay untouched
}

// runList runs a tile-list kernel over the whole list the way package
// kernels does, skipping the halo tiles, and returns the counts it got.
func runList[F Float](h *Hop[F], tiles []int32, kern func(*Hop[F], []int32) int) []int {
	var counts []int
	for len(tiles) > 0 {
		k := kern(h, tiles)
		counts = append(counts, k)
		tiles = tiles[k:]
		if len(tiles) > 0 {
			tiles = tiles[1:] // a halo tile
		}
	}
	return counts
}

func checkTilesKernel[F Float](t *testing.T, name string, w int, compact bool, kern func(*Hop[F], []int32) int) {
	rng := rand.New(rand.NewPCG(uint64(w), 29))
	const nout, nsrc = 13, 17
	for _, mode := range []string{"x absent", "x separate", "x is dst"} {
		what := fmt.Sprintf("%s W=%d, %s", name, w, mode)
		h, tiles := randomHop[F](rng, w, nout, nsrc, compact)
		linksCopy := slices.Clone(h.Links)
		dst := newGuarded[F](rng, nout*SpinorRows*w, 64)
		want := slices.Clone(dst.body())
		ref := *h
		ref.Dst = want
		h.Dst = dst.body()
		switch mode {
		case "x separate":
			h.X = newGuarded[F](rng, nout*SpinorRows*w, 64).body()
			ref.X = h.X
		case "x is dst":
			h.X, ref.X = h.Dst, ref.Dst
		}
		srcCopy := slices.Clone(h.Src)
		wantCounts := runList(&ref, tiles, func(h *Hop[F], tiles []int32) int { return wilsonTilesGo(w, h, tiles) })
		counts := runList(h, tiles, kern)
		if !slices.Equal(counts, wantCounts) {
			t.Errorf("%s: stopped after %v tiles, the twin after %v", what, counts, wantCounts)
		}
		if d := maxRelDiff(dst.body(), want); d > tolerance[F]() {
			t.Errorf("%s: max relative difference %.3g from the Go twin (tolerance %.1g)", what, d, tolerance[F]())
		}
		if !dst.guardsIntact() {
			t.Errorf("%s: wrote outside Dst", what)
		}
		if maxRelDiff(h.Src, srcCopy) != 0 || maxRelDiff(h.Links, linksCopy) != 0 {
			t.Errorf("%s: changed Src or Links", what)
		}
	}
}

func TestWilsonTilesNEON(t *testing.T) {
	checkTilesKernel(t, "NEON float64", NEONLanes64, false, WilsonTilesNEON64)
	checkTilesKernel(t, "NEON float32", NEONLanes32, false, WilsonTilesNEON32)
	checkTilesKernel(t, "NEON float64 compact", NEONLanes64, true, WilsonTilesNEON64)
	checkTilesKernel(t, "NEON float32 compact", NEONLanes32, true, WilsonTilesNEON32)
}

func TestWilsonTilesSVE(t *testing.T) {
	skipWithoutSVE(t)
	checkTilesKernel(t, "SVE float64", SVELanes64(), false, WilsonTilesSVE64)
	checkTilesKernel(t, "SVE float32", SVELanes32(), false, WilsonTilesSVE32)
	checkTilesKernel(t, "SVE float64 compact", SVELanes64(), true, WilsonTilesSVE64)
	checkTilesKernel(t, "SVE float32 compact", SVELanes32(), true, WilsonTilesSVE32)
}

// TestWilsonTilesBadIndex: a tile or neighbour index outside the operands
// panics (after the tiles before it are done) instead of reading outside.
func TestWilsonTilesBadIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	w := NEONLanes64
	for _, bad := range []string{"tile", "negative tile", "neighbour", "short links", "short compact links"} {
		h, tiles := randomHop[float64](rng, w, 6, 7, bad == "short compact links")
		h.Dst = make([]float64, 6*SpinorRows*w)
		clear(h.Cross)
		for i := range h.Halo {
			h.Halo[i] = -1
		}
		switch bad {
		case "tile":
			tiles[2] = 6
		case "negative tile":
			tiles[2] = -1
		case "neighbour":
			h.Nbr[8*tiles[2]+5] = 7
		case "short links":
			h.Links = h.Links[:5*LinkRows*w]
			tiles[2] = 5
		case "short compact links":
			h.Links = h.Links[:5*CompactLinkRows*w]
			tiles[2] = 5
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s out of range: no panic", bad)
				}
			}()
			WilsonTilesNEON64(h, tiles)
		}()
	}
}
