package dirac

import (
	"math"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// applier is what Wilson and Clover share for this test.
type applier[F layout.Float] interface {
	Apply(dst, src *layout.Field[F]) error
	SetGauge(u *gauge.Field) error
	Links() *Links[F]
}

// TestSetGauge: an operator moved to a new gauge field with SetGauge gives
// the bits of one built on that field, for Wilson and clover, both
// precisions and W = 1 and the kernel set's width; also when the new field
// is not SU(3) to round-off (full links instead of compact ones) and back.
func TestSetGauge(t *testing.T) {
	for _, w := range []int{1, 0} {
		l, err := layout.New(comm.Local(), dims{4, 4, 4, 8}, layout.Options{W: w})
		if err != nil {
			t.Fatal(err)
		}
		u1, u2 := hotGauge(t, l, 1), hotGauge(t, l, 2)
		off := hotGauge(t, l, 2) // u2 with one element off SU(3)
		off.U[2].Data[5] += 1e-3
		checkSetGauge[float64](t, l, u1, []*gauge.Field{u2, off, u1})
		checkSetGauge[float32](t, l, u1, []*gauge.Field{u2, off, u1})
	}
}

func checkSetGauge[F layout.Float](t *testing.T, l *layout.Layout, u0 *gauge.Field, us []*gauge.Field) {
	t.Helper()
	p := Params{Kappa: 0.13, CSW: 1.1, BC: StandardBC}
	build := func(u *gauge.Field, clover bool) applier[F] {
		var op applier[F]
		var err error
		if clover {
			op, err = NewClover[F](u, p)
		} else {
			op, err = NewWilson[F](u, p)
		}
		if err != nil {
			t.Fatal(err)
		}
		return op
	}
	src := randomSpinor[F](l, layout.Full, 3)
	for _, clover := range []bool{false, true} {
		op := build(u0, clover)
		for k, u := range us {
			if err := op.SetGauge(u); err != nil {
				t.Fatalf("W=%d clover=%v field %d: %v", l.W, clover, k, err)
			}
			fresh := build(u, clover)
			if (op.Links().Compact == nil) != (fresh.Links().Compact == nil) {
				t.Fatalf("W=%d clover=%v field %d: compact links %v after SetGauge, %v when built", l.W, clover, k,
					op.Links().Compact != nil, fresh.Links().Compact != nil)
			}
			got, want := src.Like(), src.Like()
			if err := op.Apply(got, src); err != nil {
				t.Fatal(err)
			}
			if err := fresh.Apply(want, src); err != nil {
				t.Fatal(err)
			}
			for i := range got.Data {
				if math.Float64bits(float64(got.Data[i])) != math.Float64bits(float64(want.Data[i])) {
					t.Fatalf("W=%d clover=%v field %d: element %d is %v after SetGauge, %v when built", l.W, clover, k, i, got.Data[i], want.Data[i])
				}
			}
		}
	}
	other, err := layout.New(comm.Local(), dims{4, 4, 4, 4}, layout.Options{W: l.W})
	if err != nil {
		t.Fatal(err)
	}
	if err := build(u0, false).SetGauge(hotGauge(t, other, 1)); err == nil {
		t.Error("SetGauge accepted a field on another layout")
	}
	if err := build(u0, true).SetGauge(hotGauge(t, other, 1)); err == nil {
		t.Error("clover SetGauge accepted a field on another layout")
	}
}

// TestWithKappa: the operator at another kappa on shared links gives the
// bits of one built at that kappa, also after a SetGauge on the original
// (which moves both); a bad kappa is refused.
func TestWithKappa(t *testing.T) {
	l, err := layout.New(comm.Local(), dims{4, 4, 4, 8}, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u1, u2 := hotGauge(t, l, 1), hotGauge(t, l, 2)
	w, err := NewWilson[float64](u1, Params{Kappa: 0.13, BC: StandardBC})
	if err != nil {
		t.Fatal(err)
	}
	h, err := w.WithKappa(0.11)
	if err != nil {
		t.Fatal(err)
	}
	src := randomSpinor[float64](l, layout.Even, 4)
	for k, u := range []*gauge.Field{u1, u2} {
		if k == 1 {
			if err := w.SetGauge(u2); err != nil {
				t.Fatal(err)
			}
		}
		fresh, err := NewWilson[float64](u, Params{Kappa: 0.11, BC: StandardBC})
		if err != nil {
			t.Fatal(err)
		}
		got, want := src.Like(), src.Like()
		if err := h.Schur().Apply(got, src); err != nil {
			t.Fatal(err)
		}
		if err := fresh.Schur().Apply(want, src); err != nil {
			t.Fatal(err)
		}
		for i := range got.Data {
			if math.Float64bits(got.Data[i]) != math.Float64bits(want.Data[i]) {
				t.Fatalf("field %d: element %d is %v at kappa 0.11 on shared links, %v when built", k, i, got.Data[i], want.Data[i])
			}
		}
	}
	if h.Kappa() != 0.11 || w.Kappa() != 0.13 {
		t.Errorf("kappas %g and %g, want 0.13 and 0.11 kept apart", w.Kappa(), h.Kappa())
	}
	if _, err := w.WithKappa(-1); err == nil {
		t.Error("a negative kappa was accepted")
	}
}
