package kernels_arm64

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

type wilsonTileKernel[F Float] func(dst, x, acc []F, src *[8][]F, links []F, a F)

// checkWilsonKernel holds a Wilson tile kernel of w lanes to its twin on
// random tiles, with NaN guards around every operand, for x absent,
// separate and equal to dst.
func checkWilsonKernel[F Float](t *testing.T, name string, w int, kern wilsonTileKernel[F]) {
	rng := rand.New(rand.NewPCG(uint64(w), 17))
	n := SpinorRows * w
	const g = 40 // guard cells on either side (more than a row)
	for trial := range 3 {
		for _, mode := range []string{"x absent", "x separate", "x is dst"} {
			var src, srcCopy [8][]F
			for d := range src {
				s := newGuarded[F](rng, n, g)
				src[d] = s.body()
				srcCopy[d] = append([]F(nil), src[d]...)
			}
			links := newGuarded[F](rng, LinkRows*w, g).body()
			a := F(rng.Float64() - 0.5)
			dst := newGuarded[F](rng, n, g)
			acc := newGuarded[F](rng, n, g)
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
			wilsonTileGo(w, want, xWant, make([]F, n), &srcCopy, links, a)
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
	checkWilsonKernel(t, "NEON float64", NEONLanes64, WilsonTileNEON64)
	checkWilsonKernel(t, "NEON float32", NEONLanes32, WilsonTileNEON32)
}

func TestWilsonTileSVE(t *testing.T) {
	skipWithoutSVE(t)
	checkWilsonKernel(t, "SVE float64", SVELanes64(), WilsonTileSVE64)
	checkWilsonKernel(t, "SVE float32", SVELanes32(), WilsonTileSVE32)
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
