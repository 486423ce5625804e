package staggered

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func newLayout(t testing.TB, c comm.Comm, global, procs [4]int, w int) *layout.Layout {
	t.Helper()
	l, err := layout.New(c, global, layout.Options{Procs: procs, W: w})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func hotField(t testing.TB, l *layout.Layout, seed uint64) *gauge.Field {
	t.Helper()
	s := rng.New(seed, 0)
	g, err := gauge.Hot(l, 3, &s)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// gaussian fills f with Gaussian numbers keyed by global site.
func gaussian[F layout.Float](f *layout.Field[F], seed uint64) {
	s := rng.New(seed, 3)
	f.ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		g := s.Site(uint64(f.Layout.GlobalIndex(x)))
		for c := range f.NC {
			a, b := g.Gaussian2()
			f.Set(tile, c, lane, complex(a, b))
		}
	})
}

func TestAdjointAndAntiHermiticity(t *testing.T) {
	l := newLayout(t, comm.Local(), [4]int{4, 4, 4, 6}, [4]int{}, 2)
	g := hotField(t, l, 1)
	op, err := New[float64](g, 0.1, Antiperiodic)
	if err != nil {
		t.Fatal(err)
	}
	x, y := op.NewField(), op.NewField()
	gaussian(x, 1)
	gaussian(y, 2)
	mx, my := op.NewField(), op.NewField()
	op.Apply(my, y)
	op.ApplyDag(mx, x)
	a, _ := layout.Dot(x, my)
	b, _ := layout.Dot(mx, y)
	if cmplx.Abs(a-b) > 1e-12*cmplx.Abs(a) {
		t.Errorf("<x, M y> = %v, <M^dag x, y> = %v", a, b)
	}
	op.Hop(my, y, layout.Full)
	op.Hop(mx, x, layout.Full)
	a, _ = layout.Dot(x, my)
	b, _ = layout.Dot(mx, y)
	if cmplx.Abs(a+b) > 1e-12*cmplx.Abs(a) {
		t.Errorf("D is not anti-Hermitian: <x, D y> = %v, <D x, y> = %v", a, b)
	}
	// the even normal operator is Hermitian and positive
	n := EvenNormal[float64]{op}
	xe, ye, ne := n.NewField(), n.NewField(), n.NewField()
	gaussian(xe, 4)
	gaussian(ye, 5)
	n.Apply(ne, ye)
	a, _ = layout.Dot(xe, ne)
	n.Apply(ne, xe)
	b, _ = layout.Dot(ne, ye)
	if cmplx.Abs(a-b) > 1e-12*cmplx.Abs(a) {
		t.Errorf("(M^dag M)_ee not Hermitian: %v vs %v", a, b)
	}
	q, _ := layout.Dot(xe, ne)
	if real(q) <= 0 || math.Abs(imag(q)) > 1e-10*real(q) {
		t.Errorf("<x, (M^dag M)_ee x> = %v, want positive real", q)
	}
}

func TestGaugeCovariance(t *testing.T) {
	l := newLayout(t, comm.Local(), [4]int{4, 4, 4, 4}, [4]int{}, 1)
	g := hotField(t, l, 3)
	s := rng.New(9, 9)
	gt := gauge.RandomTransform(l, 3, &s)
	h := g.Clone()
	if err := h.Transform(gt, gauge.NewWorkspace(l, 3)); err != nil {
		t.Fatal(err)
	}
	op, _ := New[float64](g, 0.2, Antiperiodic)
	oph, _ := New[float64](h, 0.2, Antiperiodic)
	psi := op.NewField()
	gaussian(psi, 7)
	gpsi := rotate(gt, psi)
	a, b := op.NewField(), op.NewField()
	op.Apply(a, psi)
	oph.Apply(b, gpsi)
	ga := rotate(gt, a)
	layout.Axpy(-1, ga, b)
	d, _ := layout.Norm2(b)
	n, _ := layout.Norm2(a)
	if math.Sqrt(d/n) > 1e-13 {
		t.Errorf("M[U^G] G psi differs from G M[U] psi by %g (relative)", math.Sqrt(d/n))
	}
}

// rotate returns G(x) psi(x).
func rotate(gt *layout.Field[float64], psi *layout.Field[float64]) *layout.Field[float64] {
	out := psi.Like()
	psi.ForEachSite(func(tile, lane int, _ [layout.Nd]int) {
		for i := range 3 {
			var s complex128
			for j := range 3 {
				s += gt.At(tile, i*3+j, lane) * psi.At(tile, j, lane)
			}
			out.Set(tile, i, lane, s)
		}
	})
	return out
}

// TestFreePlaneWaves checks (M^dag M)_ee e^{ipx} = (m^2 + sum sin^2 p) e^{ipx}
// on even sites for periodic space and antiperiodic time momenta.
func TestFreePlaneWaves(t *testing.T) {
	global := [4]int{4, 4, 6, 8}
	l := newLayout(t, comm.Local(), global, [4]int{}, 4)
	g, _ := gauge.Cold(l, 3)
	const m = 0.3
	op, _ := New[float64](g, m, Antiperiodic)
	n := EvenNormal[float64]{op}
	for _, k := range [][4]int{{0, 0, 0, 0}, {1, 0, 2, 3}, {3, 1, 5, 7}} {
		var p [4]float64
		s2 := 0.0
		for mu := range 4 {
			p[mu] = 2 * math.Pi * float64(k[mu]) / float64(global[mu])
			if mu == 3 {
				p[mu] = math.Pi * float64(2*k[mu]+1) / float64(global[mu])
			}
			s2 += math.Sin(p[mu]) * math.Sin(p[mu])
		}
		wave := n.NewField()
		wave.ForEachSite(func(tile, lane int, x [layout.Nd]int) {
			ph := 0.0
			for mu := range 4 {
				ph += p[mu] * float64(x[mu])
			}
			wave.Set(tile, 1, lane, cmplx.Exp(complex(0, ph)))
		})
		out := n.NewField()
		n.Apply(out, wave)
		layout.Axpy(complex(-(m*m+s2), 0), wave, out)
		d, _ := layout.Norm2(out)
		if d > 1e-24*float64(l.Volume) {
			t.Errorf("k = %v: residual %g of the plane-wave eigenvalue %g", k, math.Sqrt(d), m*m+s2)
		}
	}
}

// TestDecompositionIndependence compares M psi on several process grids and
// W with one rank.
func TestDecompositionIndependence(t *testing.T) {
	global := [4]int{4, 4, 8, 8}
	apply := func(l *layout.Layout) ([]complex128, error) {
		g := hotField(t, l, 5)
		op, err := New[float64](g, 0.05, Antiperiodic)
		if err != nil {
			return nil, err
		}
		psi := op.NewField()
		gaussian(psi, 3)
		out := op.NewField()
		if err := op.Apply(out, psi); err != nil {
			return nil, err
		}
		n, _ := layout.Norm2(out)
		d, _ := layout.Dot(psi, out)
		return []complex128{complex(n, 0), d}, nil
	}
	ref, err := apply(newLayout(t, comm.Local(), global, [4]int{}, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, procs := range [][4]int{{1, 1, 1, 2}, {2, 1, 1, 1}, {1, 2, 2, 1}, {1, 1, 2, 2}} {
		for _, w := range []int{1, 2, 4, 8} {
			np := procs[0] * procs[1] * procs[2] * procs[3]
			err := comm.RunInProc(np, func(c comm.Comm) error {
				l, err := layout.New(c, global, layout.Options{Procs: procs, W: w})
				if err != nil {
					return nil
				}
				got, err := apply(l)
				if err != nil {
					return err
				}
				if got[0] != ref[0] || got[1] != ref[1] {
					return fmt.Errorf("procs %v W %d: |M psi|^2, <psi, M psi> = %v, one rank %v", procs, w, got, ref)
				}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}
	}
}
