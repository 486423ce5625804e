package solver

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// TestFusedNorms holds the fused updates to layout.Axpy / layout.Xpay
// followed by layout.Norm2, bit for bit, for W = 1 and 4 and one and two
// threads, with y separate from x and aliasing it.
func TestFusedNorms(t *testing.T) {
	a := complex(0.37, -1.25)
	for _, w := range []int{1, 4} {
		for _, threads := range []int{1, 2} {
			l, err := layout.New(comm.Local(), lat4, layout.Options{W: w, Threads: threads})
			if err != nil {
				t.Fatal(err)
			}
			x := gaussian(l, layout.Full, 5)
			for _, xpay := range []bool{false, true} {
				for _, alias := range []bool{false, true} {
					y := gaussian(l, layout.Full, 6)
					xx := x
					if alias {
						xx = y
					}
					want, wantX := y.Clone(), xx.Clone()
					if alias {
						wantX = want
					}
					var got float64
					if xpay {
						layout.Xpay(wantX, a, want)
						got, err = fusedXpayNorm2(xx, a, y)
					} else {
						layout.Axpy(a, wantX, want)
						got, err = fusedAxpyNorm2(a, xx, y)
					}
					if err != nil {
						t.Fatal(err)
					}
					wantN, err := layout.Norm2(want)
					if err != nil {
						t.Fatal(err)
					}
					if math.Float64bits(got) != math.Float64bits(wantN) {
						t.Errorf("W=%d threads=%d xpay=%v alias=%v: norm %v, want %v", w, threads, xpay, alias, got, wantN)
					}
					for i := range y.Data {
						if math.Float64bits(y.Data[i]) != math.Float64bits(want.Data[i]) {
							t.Fatalf("W=%d threads=%d xpay=%v alias=%v: y[%d] = %v, want %v", w, threads, xpay, alias, i, y.Data[i], want.Data[i])
						}
					}
				}
			}
		}
	}
}
