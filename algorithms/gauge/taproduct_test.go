package gauge

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// TestAddTAProduct: the SU(3) path (kernel product, lane loop projection)
// gives the numbers of the site-by-site sun.M3 path (unfused products, as
// the kernel's) for W = 1, 2, 4, 8 on random matrices (== on values: only
// signed zeros may differ), and the added part is traceless anti-Hermitian
// with the right scale.
func TestAddTAProduct(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const c = 0.37
	for _, w := range []int{1, 2, 4, 8} {
		l := newLayout(t, [4]int{4, 4, 4, 4}, w)
		u, a, f := NewMatField(l, 3), NewMatField(l, 3), NewMatField(l, 3)
		for _, x := range []*layout.Field[float64]{u, a, f} {
			for i := range x.Data {
				x.Data[i] = rng.NormFloat64()
			}
		}
		f0 := append([]float64(nil), f.Data...)
		want := NewMatField(l, 3)
		copy(want.Data, f.Data)
		for tile := range l.NTiles {
			for lane := range w {
				var um, am, p, ta, fm sun.M3
				loadM3(u, tile, lane, &um)
				loadM3(a, tile, lane, &am)
				loadM3(want, tile, lane, &fm)
				p.Mul(&um, &am)
				ta.TracelessAntiHermitian(&p)
				for e := range fm {
					fm[e] = complex(real(fm[e])+float64(c*real(ta[e])), imag(fm[e])+float64(c*imag(ta[e])))
				}
				storeM3(want, tile, lane, &fm)
			}
		}
		if err := AddTAProduct(3, f, u, a, c); err != nil {
			t.Fatal(err)
		}
		for i := range f.Data {
			if f.Data[i] != want.Data[i] {
				t.Fatalf("W=%d: element %d is %v, the site path gives %v", w, i, f.Data[i], want.Data[i])
			}
		}
		// (f - f0) / c is TA(u a) at a few sites.
		for _, site := range [][2]int{{0, 0}, {l.NTiles - 1, w - 1}, {l.NTiles / 2, w / 2}} {
			var um, am, fm [9]complex128
			LoadMatrix(u, 3, site[0], site[1], um[:])
			LoadMatrix(a, 3, site[0], site[1], am[:])
			LoadMatrix(f, 3, site[0], site[1], fm[:])
			var x, y, p, ta sun.M3
			x, y = um, am
			p.Mul(&x, &y)
			ta.TracelessAntiHermitian(&p)
			base := site[0]*18*w + site[1]
			var tr complex128
			for e := range 9 {
				d := (fm[e] - complex(f0[base+2*e*w], f0[base+(2*e+1)*w])) / complex(c, 0)
				if cmplx.Abs(d-ta[e]) > 1e-12 {
					t.Fatalf("W=%d site %v element %d: added %v/c, TA(ua) is %v", w, site, e, d, ta[e])
				}
				if e%4 == 0 {
					tr += d
				}
			}
			if cmplx.Abs(tr) > 1e-12 || math.IsNaN(real(tr)) {
				t.Fatalf("W=%d: the added part has trace %v", w, tr)
			}
		}
	}
}

// TestAddTAProductRefuses: fields of the wrong shape give an error.
func TestAddTAProductRefuses(t *testing.T) {
	l := newLayout(t, [4]int{4, 4, 4, 4}, 2)
	u, a, f := NewMatField(l, 3), NewMatField(l, 3), NewMatField(l, 2)
	if err := AddTAProduct(3, f, u, a, 1); err == nil {
		t.Fatal("an SU(2) force field with SU(3) links was accepted")
	}
	if err := AddTAProduct(3, u, nil, a, 1); err == nil {
		t.Fatal("a nil field was accepted")
	}
}
