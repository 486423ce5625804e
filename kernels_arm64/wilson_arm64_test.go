package kernels_arm64

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

type wilsonTileKernel[F Float] func(dst, x, acc []F, src *[8][]F, links []F, a F)

// checkWilsonKernel holds a Wilson tile kernel of w lanes to its twin on
// random tiles, with NaN guards around every operand, for x absent,
// separate and equal to dst; compact: a kernel that reads compact links,
// held to wilsonTileCompactGo.
func checkWilsonKernel[F Float](t *testing.T, name string, w int, compact bool, kern wilsonTileKernel[F]) {
	rng := rand.New(rand.NewPCG(uint64(w), 17))
	n := SpinorRows * w
	twin := wilsonTileGo[F]
	if compact {
		twin = wilsonTileCompactGo[F]
	}
	const g = 40 // guard cells on either side (more than a row)
	for trial := range 3 {
		for _, mode := range []string{"x absent", "x separate", "x is dst"} {
			var src, srcCopy [8][]F
			for d := range src {
				s := newGuarded[F](rng, n, g)
				src[d] = s.body()
				srcCopy[d] = append([]F(nil), src[d]...)
			}
			links := newGuarded[F](rng, linkRows(compact)*w, g).body()
			if compact {
				randomSigns(rng, links, w)
			}
			a := F(rng.Float64() - 0.5)
			dst := newGuarded[F](rng, n, g)
			acc := newGuarded[F](rng, accRows(compact)*w, g)
			xs := newGuarded[F](rng, n, g)
			var x, xWant []F
			switch mode {
			case "x separate":
				x, xWant = xs.body(), xs.body()
			case "x is dst":
				x = dst.body()
				xWant = append([]F(nil), dst.body()...)
			}
			want := make([]F, n)
			twin(w, want, xWant, make([]F, accRows(compact)*w), &srcCopy, links, a)
			kern(dst.body(), x, acc.body(), &src, links, a)
			what := fmt.Sprintf("%s W=%d trial %d, %s", name, w, trial, mode)
			if d := maxRelDiff(dst.body(), want); d > tolerance[F]() {
				t.Errorf("%s: max relative difference %.3g from the Go twin (tolerance %.1g)", what, d, tolerance[F]())
			}
			if !dst.guardsIntact() || !acc.guardsIntact() {
				t.Errorf("%s: wrote outside dst or acc", what)
			}
			for d := range src {
				if maxRelDiff(src[d], srcCopy[d]) != 0 {
					t.Errorf("%s: changed src[%d]", what, d)
				}
			}
		}
	}
}

func TestWilsonTileNEON(t *testing.T) {
	checkWilsonKernel(t, "NEON float64", NEONLanes64, false, WilsonTileNEON64)
	checkWilsonKernel(t, "NEON float32", NEONLanes32, false, WilsonTileNEON32)
	checkWilsonKernel(t, "NEON float64 compact", NEONLanes64, true, WilsonTileCompactNEON64)
	checkWilsonKernel(t, "NEON float32 compact", NEONLanes32, true, WilsonTileCompactNEON32)
}

func TestWilsonTileSVE(t *testing.T) {
	skipWithoutSVE(t)
	checkWilsonKernel(t, "SVE float64", SVELanes64(), false, WilsonTileSVE64)
	checkWilsonKernel(t, "SVE float32", SVELanes32(), false, WilsonTileSVE32)
	checkWilsonKernel(t, "SVE float64 compact", SVELanes64(), true, WilsonTileCompactSVE64)
	checkWilsonKernel(t, "SVE float32 compact", SVELanes32(), true, WilsonTileCompactSVE32)
}

// TestWilsonTileShortOperand: a slice shorter than a tile panics before
// the assembly runs.
func TestWilsonTileShortOperand(t *testing.T) {
	w := NEONLanes64
	var src [8][]float64
	for d := range src {
		src[d] = make([]float64, SpinorRows*w)
	}
	src[5] = src[5][:SpinorRows*w-1]
	defer func() {
		if recover() == nil {
			t.Error("WilsonTileNEON64 with a short src[5] did not panic")
		}
	}()
	WilsonTileNEON64(make([]float64, SpinorRows*w), nil, make([]float64, SpinorRows*w), &src, make([]float64, LinkRows*w), 1)
}

// TestWilsonTileCompactShortScratch: the compact tile kernel needs acc of
// CompactAccRows rows and CompactLinkRows link rows; shorter ones panic
// before the assembly runs.
func TestWilsonTileCompactShortScratch(t *testing.T) {
	w := NEONLanes64
	var src [8][]float64
	for d := range src {
		src[d] = make([]float64, SpinorRows*w)
	}
	for _, short := range []string{"acc", "links"} {
		acc, links := make([]float64, CompactAccRows*w), make([]float64, CompactLinkRows*w)
		if short == "acc" {
			acc = acc[:SpinorRows*w]
		} else {
			links = links[:CompactLinkRows*w-1]
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("WilsonTileCompactNEON64 with short %s did not panic", short)
				}
			}()
			WilsonTileCompactNEON64(make([]float64, SpinorRows*w), nil, acc, &src, links, 1)
		}()
	}
}
