package solver

import (
	"math"
	"sync"
	"testing"

	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

var lat4 = [layout.Nd]int{4, 4, 4, 4}

func newLayout(t testing.TB, c comm.Comm, global [layout.Nd]int, w int) *layout.Layout {
	t.Helper()
	l, err := layout.New(c, global, layout.Options{W: w})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func mustOp(t testing.TB, l *layout.Layout, sp opSpec) *hopOp[float64] {
	t.Helper()
	o, err := buildOp(l, sp)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// gaussian returns a field of complex Gaussian numbers drawn per global
// site, the same for every process grid and W.
func gaussian(l *layout.Layout, subset layout.Subset, seed uint64) *layout.Field[float64] {
	f := layout.NewField[float64](l, nsc, subset)
	s := rng.New(seed, 2)
	f.ForEachSite(func(tile, lane int, g [layout.Nd]int) {
		site := s.Site(uint64(l.GlobalIndex(g)))
		for c := range nsc {
			f.Set(tile, c, lane, complex(site.Gaussian(), site.Gaussian()))
		}
	})
	return f
}

// trueResidual is |b - A x| / |b| computed here, independently of the solver.
func trueResidual[F layout.Float](t testing.TB, op interface {
	Apply(dst, src *layout.Field[F]) error
}, x, b *layout.Field[F]) float64 {
	t.Helper()
	ax := x.Like()
	if err := op.Apply(ax, x); err != nil {
		t.Fatal(err)
	}
	for i := range ax.Data {
		ax.Data[i] = b.Data[i] - ax.Data[i]
	}
	rr, err := layout.Norm2(ax)
	if err != nil {
		t.Fatal(err)
	}
	bb, err := layout.Norm2(b)
	if err != nil {
		t.Fatal(err)
	}
	return math.Sqrt(rr / bb)
}

// relDiff is |x - y| / |y|.
func relDiff(t testing.TB, x, y *layout.Field[float64]) float64 {
	t.Helper()
	d := x.Clone()
	layout.Axpy(-1, y, d)
	dd, err := layout.Norm2(d)
	if err != nil {
		t.Fatal(err)
	}
	yy, err := layout.Norm2(y)
	if err != nil {
		t.Fatal(err)
	}
	return math.Sqrt(dd / yy)
}

// globalVector collects the local parts of fields on several ranks into
// one slice indexed by (global site index, component).
type globalVector struct {
	mu sync.Mutex
	v  []complex128
}

func (g *globalVector) add(f *layout.Field[float64]) {
	l := f.Layout
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.v == nil {
		g.v = make([]complex128, l.GlobalVolume*f.NC)
	}
	f.ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		for c := range f.NC {
			g.v[l.GlobalIndex(x)*f.NC+c] = f.At(tile, c, lane)
		}
	})
}
