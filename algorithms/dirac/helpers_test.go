package dirac

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

type dims = [layout.Nd]int

func newLayout(t testing.TB, global dims, w int) *layout.Layout {
	t.Helper()
	l, err := layout.New(comm.Local(), global, layout.Options{W: w})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func hotGauge(t testing.TB, l *layout.Layout, seed uint64) *gauge.Field {
	t.Helper()
	s := rng.New(seed, 0)
	u, err := gauge.Hot(l, 3, &s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func coldGauge(t testing.TB, l *layout.Layout) *gauge.Field {
	t.Helper()
	u, err := gauge.Cold(l, 3)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// randomSpinor fills a spinor field with Gaussian numbers drawn per global
// site, so that it is the same field for every process grid and W.
func randomSpinor[F layout.Float](l *layout.Layout, s layout.Subset, seed uint64) *layout.Field[F] {
	st := rng.New(seed, 1)
	f := NewSpinor[F](l, s)
	f.ForEachSite(func(tile, lane int, g [layout.Nd]int) {
		site := st.Site(uint64(l.GlobalIndex(g)))
		for c := range SpinorNC {
			f.Set(tile, c, lane, complex(site.Gaussian(), site.Gaussian()))
		}
	})
	return f
}

// atGlobal reads component c of a single-rank field at a global site.
func atGlobal[F layout.Float](f *layout.Field[F], g dims, c int) complex128 {
	_, tile, lane := f.Layout.Locate(g)
	return f.At(tile, c, lane)
}

// relDiff is max |a - b| / max |b| over the components of two fields.
func relDiff[F layout.Float](a, b *layout.Field[F]) float64 {
	var num, den float64
	for i := range a.Data {
		num = math.Max(num, math.Abs(float64(a.Data[i]-b.Data[i])))
		den = math.Max(den, math.Abs(float64(b.Data[i])))
	}
	return num / den
}

func mustDot[F layout.Float](t testing.TB, x, y *layout.Field[F]) complex128 {
	t.Helper()
	d, err := layout.Dot(x, y)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustNorm[F layout.Float](t testing.TB, x *layout.Field[F]) float64 {
	t.Helper()
	n, err := layout.Norm2(x)
	if err != nil {
		t.Fatal(err)
	}
	return math.Sqrt(n)
}

// op is what the tests need of an operator.
type op[F layout.Float] interface {
	Apply(dst, src *layout.Field[F]) error
	ApplyDag(dst, src *layout.Field[F]) error
	NewField() *layout.Field[F]
}

// spinMul applies a spin matrix to every site: dst = (s x 1_colour) src.
func spinMul[F layout.Float](dst, src *layout.Field[F], s *Spin) {
	src.ForEachSite(func(tile, lane int, _ [layout.Nd]int) {
		var in [SpinorNC]complex128
		for c := range SpinorNC {
			in[c] = src.At(tile, c, lane)
		}
		for a := range 4 {
			for col := range 3 {
				var v complex128
				for b := range 4 {
					v += s[a][b] * in[3*b+col]
				}
				dst.Set(tile, 3*a+col, lane, v)
			}
		}
	})
}

// cgNormal solves A^dag A x = A^dag b by conjugate gradients (x starts at
// zero) to a relative residual tol of the normal equations.
func cgNormal[F layout.Float](t testing.TB, a op[F], x, b *layout.Field[F], tol float64, maxIter int) {
	t.Helper()
	r, p, ap, tmp := a.NewField(), a.NewField(), a.NewField(), a.NewField()
	x.Zero()
	if err := a.ApplyDag(r, b); err != nil {
		t.Fatal(err)
	}
	layout.Copy(p, r)
	rr := real(mustDot(t, r, r))
	target := tol * tol * rr
	for it := 0; it < maxIter; it++ {
		if rr <= target {
			return
		}
		if err := a.Apply(tmp, p); err != nil {
			t.Fatal(err)
		}
		if err := a.ApplyDag(ap, tmp); err != nil {
			t.Fatal(err)
		}
		alpha := rr / real(mustDot(t, p, ap))
		layout.Axpy(complex(alpha, 0), p, x)
		layout.Axpy(complex(-alpha, 0), ap, r)
		rrNew := real(mustDot(t, r, r))
		layout.Xpay(r, complex(rrNew/rr, 0), p)
		rr = rrNew
	}
	t.Fatalf("CG did not converge in %d iterations (residual %g)", maxIter, math.Sqrt(rr/target)*tol)
}

func cabs(z complex128) float64 { return cmplx.Abs(z) }
