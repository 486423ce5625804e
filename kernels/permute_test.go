package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestPermuteRows: the portable row permutation on a hand-made case, and
// the dispatched kernels of the selected set, with the indices LanePerm
// prepares, against it for every W in both precisions, out between NaN
// guards.
func TestPermuteRows(t *testing.T) {
	p, err := NewLanePerm([]int{2, 0, 3, 3})
	if err != nil {
		t.Fatal(err)
	}
	in := []float64{10, 11, 12, 13, 20, 21, 22, 23}
	out := make([]float64, len(in))
	PermuteRowsGo(out, in, p)
	if fmt.Sprint(out) != fmt.Sprint([]float64{12, 10, 13, 13, 22, 20, 23, 23}) {
		t.Fatalf("PermuteRowsGo gives %v", out)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for _, w := range []int{1, 2, 4, 8, 16} {
		p, err := NewLanePerm(rng.Perm(w))
		if err != nil {
			t.Fatal(err)
		}
		checkPermuteRows(t, rng, p, PermuteRows64)
		checkPermuteRows(t, rng, p, PermuteRows32)
	}
}

func checkPermuteRows[F float32 | float64](t *testing.T, rng *rand.Rand, p *LanePerm, kern func(out, in []F, p *LanePerm)) {
	t.Helper()
	const guard, rows = 5, 18
	w := p.W()
	in := make([]F, rows*w)
	for i := range in {
		in[i] = F(rng.NormFloat64())
	}
	buf := make([]F, rows*w+2*guard)
	for i := range buf {
		buf[i] = F(math.NaN())
	}
	want := append([]F(nil), buf...)
	kern(buf[guard:guard+rows*w], in, p)
	PermuteRowsGo(want[guard:guard+rows*w], in, p)
	for i := range buf {
		if math.Float64bits(float64(buf[i])) != math.Float64bits(float64(want[i])) {
			t.Fatalf("%s W=%d %T: element %d is %v, the portable kernel gives %v", Selected().Name, w, in, i-guard, buf[i], want[i])
		}
	}
}

// TestNewLanePermRefuses: lanes outside [0, w) and too many lanes.
func TestNewLanePermRefuses(t *testing.T) {
	if _, err := NewLanePerm([]int{0, 2}); err == nil {
		t.Error("lane 2 of 2 accepted")
	}
	if _, err := NewLanePerm(make([]int, MaxLanes+1)); err == nil {
		t.Errorf("%d lanes accepted", MaxLanes+1)
	}
	if _, err := NewLanePerm(nil); err == nil {
		t.Error("no lanes accepted")
	}
}
