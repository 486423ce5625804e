//go:build !amd64 || noasm

package kernels_amd64

import "testing"

// TestStubsComputeNothing: without assembly no set runs and every kernel
// leaves the work to the caller.
func TestStubsComputeNothing(t *testing.T) {
	for _, isa := range []ISA{AVX2, AVX512} {
		if Runs(isa) || HopLanes(isa, 64) != nil || CloverLanes(isa, 32) != nil {
			t.Errorf("%s: reported as running without assembly", isa)
		}
		h := &WilsonHop[float64]{W: 8}
		if n := WilsonHop64(isa, h, []int32{0}); n != 0 {
			t.Errorf("%s: WilsonHop64 computed %d tiles without assembly", isa, n)
		}
		if CloverApply64(isa, nil, nil, nil, 8, 0, 0) || Axpy64(isa, 1, 0, nil, nil, 8) ||
			WilsonForce64(isa, nil, nil, nil, nil, nil, nil, 8, 0, 1) || MatVecAdd64(isa, nil, nil, nil, 8, 1) {
			t.Errorf("%s: a stub reported work done", isa)
		}
	}
}
