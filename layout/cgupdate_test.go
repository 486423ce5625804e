package layout

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/goqcd/goqcd/kernels"
)

// sameFieldBits reports how many numbers of a and b differ in their bits.
func sameFieldBits[F Float](a, b *Field[F]) int {
	bad := 0
	for i := range a.Data {
		if math.Float64bits(float64(a.Data[i])) != math.Float64bits(float64(b.Data[i])) {
			bad++
		}
	}
	return bad
}

// checkCGUpdateUnfused compares CGUpdate with Axpy, Axpy, Norm2 on one
// layout: x, r and the norm must be the same bits.
func checkCGUpdateUnfused[F Float](t *testing.T, l *Layout, label string) {
	for _, nc := range []int{1, 3, 12} {
		x := NewField[F](l, nc, Even)
		r, p, q := x.Like(), x.Like(), x.Like()
		fillSmooth(x, 0.3)
		fillSmooth(r, 0.7)
		fillSmooth(p, 1.1)
		fillSmooth(q, 1.9)
		wx, wr := x.Clone(), r.Clone()
		const alpha = 0.3711
		Axpy(complex(alpha, 0), p, wx)
		Axpy(complex(-alpha, 0), q, wr)
		want, err := Norm2(wr)
		if err != nil {
			t.Fatal(err)
		}
		got, err := CGUpdate(x, r, p, q, alpha)
		if err != nil {
			t.Fatal(err)
		}
		bx, br := sameFieldBits(x, wx), sameFieldBits(r, wr)
		if bx+br > 0 || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%s nc=%d: CGUpdate differs from Axpy, Axpy, Norm2: %d of x, %d of r of %d numbers; |r|^2 = %v, want %v (bitwise)",
				label, nc, bx, br, len(x.Data), got, want)
		}
	}
}

// TestCGUpdateMatchesUnfused: the fused update gives the bits of the
// three-pass sequence, in both precisions, at every W and with every
// kernel set this machine runs.
func TestCGUpdateMatchesUnfused(t *testing.T) {
	before := kernels.Selected().Name
	defer func() {
		if _, err := kernels.Select(before); err != nil {
			t.Fatal(err)
		}
	}()
	for _, set := range kernels.Available() {
		if _, err := kernels.Select(set); err != nil {
			t.Logf("%s: %v, skipped", set, err)
			continue
		}
		for _, w := range []int{1, 2, 4, 8, 16} {
			l, err := New(localComm(), [Nd]int{4, 4, 8, 8}, Options{W: w})
			if err != nil {
				t.Fatal(err)
			}
			label := fmt.Sprintf("%s W=%d", set, w)
			checkCGUpdateUnfused[float64](t, l, label+" f64")
			checkCGUpdateUnfused[float32](t, l, label+" f32")
		}
	}
}

// TestCGUpdateIdentical: the norm CGUpdate returns, and the updated fields'
// norms, are the same bits on every process grid and W.
func TestCGUpdateIdentical(t *testing.T) {
	for _, global := range testLattices[:2] {
		var ref [3]float64
		var mu sync.Mutex
		first := true
		forEachDecomposition(t, global, func(l *Layout) error {
			x := NewField[float64](l, 12, Odd)
			r, p, q := x.Like(), x.Like(), x.Like()
			fillSmooth(x, 0.3)
			fillSmooth(r, 0.7)
			fillSmooth(p, 1.1)
			fillSmooth(q, 1.9)
			rr, err := CGUpdate(x, r, p, q, -0.45)
			if err != nil {
				return err
			}
			xx, err := Norm2(x)
			if err != nil {
				return err
			}
			rr2, err := Norm2(r)
			if err != nil {
				return err
			}
			got := [3]float64{rr, xx, rr2}
			mu.Lock()
			defer mu.Unlock()
			if rr != rr2 {
				t.Errorf("lattice %v procs %v W %d: CGUpdate returned %v, Norm2 of r is %v", global, l.Procs, l.W, rr, rr2)
			}
			if first {
				ref, first = got, false
			} else if got != ref {
				t.Errorf("lattice %v procs %v W %d rank %d: |r|^2, |x|^2 = %v, want %v (bitwise)", global, l.Procs, l.W, l.Rank, got, ref)
			}
			return nil
		})
	}
}

// TestCGUpdateRefuses: fields of different shapes, or x = r, are errors
// that change nothing.
func TestCGUpdateRefuses(t *testing.T) {
	l, err := New(localComm(), [Nd]int{4, 4, 4, 4}, Options{W: 2})
	if err != nil {
		t.Fatal(err)
	}
	x := NewField[float64](l, 12, Even)
	fillSmooth(x, 0.5)
	x0 := x.Clone()
	if _, err := CGUpdate(x, NewField[float64](l, 3, Even), x.Like(), x.Like(), 1); err == nil {
		t.Error("CGUpdate accepted r of another shape")
	}
	if _, err := CGUpdate(x, x, x.Like(), x.Like(), 1); err == nil {
		t.Error("CGUpdate accepted x = r")
	}
	if sameFieldBits(x, x0) != 0 {
		t.Error("a refused CGUpdate changed x")
	}
}
