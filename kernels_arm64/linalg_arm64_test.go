package kernels_arm64

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// checkLinalgKernels holds an axpy and an xpay kernel of w lanes to their
// twins for block counts 0, 1, 2, 3 and 7, with NaN guards around y (and
// a longer y whose tail must stay untouched), out of place and with x = y.
func checkLinalgKernels[F Float](t *testing.T, name string, w int,
	axpy func(ar, ai F, x, y []F), xpay func(x []F, ar, ai F, y []F)) {
	rng := rand.New(rand.NewPCG(uint64(w), 41))
	ar, ai := F(rng.Float64()-0.5), F(rng.Float64()-0.5)
	for _, n := range []int{0, 1, 2, 3, 7} {
		for _, op := range []string{"axpy", "xpay"} {
			for _, alias := range []bool{false, true} {
				what := fmt.Sprintf("%s %s W=%d on %d blocks, x is y %v", name, op, w, n, alias)
				x := newGuarded[F](rng, 2*w*n, 2*w).body()
				y := newGuarded[F](rng, 2*w*(n+1), 2*w)
				if alias {
					x = y.body()[:2*w*n]
				}
				want := slices.Clone(y.body())
				wx := want[:2*w*n]
				if !alias {
					wx = x
				}
				switch op {
				case "axpy":
					axpyGo(w, ar, ai, wx, want)
					axpy(ar, ai, x, y.body())
				case "xpay":
					xpayGo(w, wx, ar, ai, want)
					xpay(x, ar, ai, y.body())
				}
				if d := maxRelDiff(y.body(), want); d > tolerance[F]() {
					t.Errorf("%s: max relative difference %.3g from the Go twin", what, d)
				}
				if !y.guardsIntact() {
					t.Errorf("%s: wrote outside y", what)
				}
			}
		}
	}
}

func TestLinalgNEON(t *testing.T) {
	checkLinalgKernels(t, "NEON float64", NEONLanes64, AxpyNEON64, XpayNEON64)
	checkLinalgKernels(t, "NEON float32", NEONLanes32, AxpyNEON32, XpayNEON32)
}

func TestLinalgSVE(t *testing.T) {
	skipWithoutSVE(t)
	checkLinalgKernels(t, "SVE float64", SVELanes64(), AxpySVE64, XpaySVE64)
	checkLinalgKernels(t, "SVE float32", SVELanes32(), AxpySVE32, XpaySVE32)
}

// TestLinalgPartialBlock: x that is not whole blocks panics.
func TestLinalgPartialBlock(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("AxpyNEON64 on 3 reals did not panic")
		}
	}()
	AxpyNEON64(1, 0, make([]float64, 3), make([]float64, 4))
}
