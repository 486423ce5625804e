package layout

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/goqcd/goqcd/comm"
)

// TestLinalgThreadIndependent checks that Axpy, Xpay, Dot, Norm2 and
// CGUpdate give the same bits on 1, 2, 3 and 4 threads (16^3x8 lattice,
// 12 components: enough tiles to be split).
func TestLinalgThreadIndependent(t *testing.T) {
	type result struct {
		dot       complex128
		norm, cgn float64
		x, y, r   []float64
	}
	run := func(threads int) result {
		l, err := New(comm.Local(), [Nd]int{16, 16, 16, 8}, Options{W: 4, Threads: threads})
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(3, 4))
		fill := func() *Field[float64] {
			f := NewField[float64](l, 12, Full)
			for i := range f.Data {
				f.Data[i] = rng.NormFloat64() * math.Exp(3*rng.NormFloat64())
			}
			return f
		}
		x, y, p, q, r := fill(), fill(), fill(), fill(), fill()
		Axpy(complex(0.3, -1.7), x, y)
		Xpay(y, complex(-0.9, 0.4), x)
		var res result
		if res.dot, err = Dot(x, y); err != nil {
			t.Fatal(err)
		}
		if res.norm, err = Norm2(y); err != nil {
			t.Fatal(err)
		}
		if res.cgn, err = CGUpdate(x, r, p, q, 0.37); err != nil {
			t.Fatal(err)
		}
		res.x, res.y, res.r = slices.Clone(x.Data), slices.Clone(y.Data), slices.Clone(r.Data)
		return res
	}
	want := run(1)
	for _, threads := range []int{2, 3, 4} {
		got := run(threads)
		if got.dot != want.dot || got.norm != want.norm || got.cgn != want.cgn {
			t.Errorf("%d threads: dot %v norm %v cg %v; one thread: %v %v %v", threads, got.dot, got.norm, got.cgn, want.dot, want.norm, want.cgn)
		}
		if !slices.Equal(got.x, want.x) || !slices.Equal(got.y, want.y) || !slices.Equal(got.r, want.r) {
			t.Errorf("%d threads: the fields differ from one thread's", threads)
		}
	}
}
