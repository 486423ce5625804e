//go:build amd64 && !noasm

package kernels_amd64

import "testing"

// TestPrepReused checks that wilsonHop derives its tables once per
// WilsonHop (WilsonHop.Prep) and again when a table is a new slice.
func TestPrepReused(t *testing.T) {
	const w, n = 4, 4 // AVX2's float64 W
	h := &WilsonHop[float64]{W: w, Dst: make([]float64, n*24*w), Src: make([]float64, n*24*w),
		Links: make([]float64, n*8*18*w), Nbr: make([]int32, 8*n), Halo: make([]int32, 8*n), Cross: make([]uint8, n)}
	for i := range h.Halo {
		h.Halo[i] = -1
	}
	tiles := []int32{0, 1, 2, 3}
	k := kernelID{hopShape(AVX2, w, 64), 64, false}
	if k.shape == noKernel {
		t.Skip("this CPU runs no AVX2 kernel")
	}
	if got := wilsonHop(k, h, tiles); got != len(tiles) {
		t.Fatalf("computed %d of %d tiles", got, len(tiles))
	}
	p1, _ := h.Prep.Load().(*hopPrep)
	wilsonHop(k, h, tiles)
	if p2, _ := h.Prep.Load().(*hopPrep); p1 == nil || p2 != p1 {
		t.Errorf("second call: prep %p, first %p; want the first one kept", p2, p1)
	}
	h.Nbr = append([]int32(nil), h.Nbr...)
	wilsonHop(k, h, tiles)
	if p3, _ := h.Prep.Load().(*hopPrep); p3 == p1 || p3.key.nbr != idOf(h.Nbr) {
		t.Errorf("after a new Nbr slice: prep kept (%v) or derived from the old tables", p3 == p1)
	}
}
