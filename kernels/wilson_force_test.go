package kernels

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// wilsonForceComplex is the force kernel written with complex128
// arithmetic, the form it had before the lane loops; WilsonForceGo must
// give its numbers.
func wilsonForceComplex(f, link, a, b, as, bs []float64, w, mu int, c float64) {
	pm, pp := HopProjection[2*mu], HopProjection[2*mu+1]
	for l := range w {
		var k1, k2 [9]complex128
		outerHalfComplex(&k1, bs, a, &pm, w, l)
		outerHalfComplex(&k2, b, as, &pp, w, l)
		var u [9]complex128
		for e := range 9 {
			u[e] = complex(link[2*e*w+l], link[(2*e+1)*w+l])
		}
		var z [9]complex128
		for i := range 3 {
			for j := range 3 {
				var s complex128
				for k := range 3 {
					uk := u[3*j+k]
					s += u[3*i+k]*k1[3*k+j] - k2[3*i+k]*complex(real(uk), -imag(uk))
				}
				z[3*i+j] = s
			}
		}
		subTA(f, &z, w, l, c/2)
	}
}

func outerHalfComplex(k *[9]complex128, u, v []float64, p *SpinProjection, w, l int) {
	at := func(s []float64, c int) complex128 { return complex(s[2*c*w+l], s[(2*c+1)*w+l]) }
	var hu, hv [2][3]complex128
	for a := range 2 {
		ph := p.C[a].Complex()
		for col := range 3 {
			hu[a][col] = at(u, a*3+col) + ph*at(u, p.J[a]*3+col)
			hv[a][col] = at(v, a*3+col) + ph*at(v, p.J[a]*3+col)
		}
	}
	for a := range 2 {
		for i := range 3 {
			for j := range 3 {
				k[3*i+j] += hu[a][i] * conj(hv[a][j])
			}
		}
	}
}

// compilerFuses reports whether x*y + z is compiled to a fused
// multiply-add: for x = 1 + 2^-30, y = 1 - 2^-30, z = -1 the rounded
// product gives 0 and the fused one -2^-60.
//
//go:noinline
func compilerFuses(x, y, z float64) bool { return x*y+z != float64(x*y)+z }

// randomForceTile returns random tile operands of the force kernel.
func randomForceTile(rng *rand.Rand, w int) (f, link, a, b, as, bs []float64) {
	r := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		return x
	}
	return r(18 * w), r(18 * w), r(24 * w), r(24 * w), r(24 * w), r(24 * w)
}

// TestWilsonForceGoMatchesComplex: the lane-loop kernel gives the numbers
// of the complex128 form (== on values) for every direction and W. Where
// the compiler fuses multiply-adds (arm64, GOAMD64=v3) the complex form's
// products are fused and the lane-loop kernel's are not, so the comparison
// runs only where nothing is fused.
func TestWilsonForceGoMatchesComplex(t *testing.T) {
	if compilerFuses(1+0x1p-30, 1-0x1p-30, -1) {
		t.Skip("the compiler fuses multiply-adds on this target (" + runtime.GOARCH + ")")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, w := range []int{1, 2, 4, 8, 16} {
		for mu := range 4 {
			f, link, a, b, as, bs := randomForceTile(rng, w)
			want := append([]float64(nil), f...)
			wilsonForceComplex(want, link, a, b, as, bs, w, mu, 0.7)
			WilsonForceGo(f, link, a, b, as, bs, w, mu, 0.7)
			for i := range f {
				if f[i] != want[i] {
					t.Fatalf("W=%d mu=%d: element %d is %v, the complex form gives %v", w, mu, i, f[i], want[i])
				}
			}
		}
	}
}

// TestWilsonForceGoLanes: every lane of a W-lane tile gives the bits of the
// W = 1 kernel on that lane's numbers.
func TestWilsonForceGoLanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, w := range []int{2, 4, 8, 16} {
		for mu := range 4 {
			f, link, a, b, as, bs := randomForceTile(rng, w)
			got := append([]float64(nil), f...)
			WilsonForceGo(got, link, a, b, as, bs, w, mu, -1.3)
			for l := range w {
				lane := func(x []float64) []float64 {
					y := make([]float64, len(x)/w)
					for i := range y {
						y[i] = x[i*w+l]
					}
					return y
				}
				fl := lane(f)
				WilsonForceGo(fl, lane(link), lane(a), lane(b), lane(as), lane(bs), 1, mu, -1.3)
				for i, v := range fl {
					if math.Float64bits(v) != math.Float64bits(got[i*w+l]) {
						t.Fatalf("W=%d mu=%d lane %d: element %d is %v, W = 1 gives %v", w, mu, l, i, got[i*w+l], v)
					}
				}
			}
		}
	}
}

// BenchmarkWilsonForce times the dispatched force kernel on one tile per
// call, W = the float64 width of the selected set.
func BenchmarkWilsonForce(b *testing.B) {
	w := Selected().W64
	rng := rand.New(rand.NewPCG(1, 2))
	f, link, a, bb, as, bs := randomForceTile(rng, w)
	b.Run("dispatched", func(b *testing.B) {
		for b.Loop() {
			WilsonForce64(f, link, a, bb, as, bs, w, 1, 0.5)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(w), "ns/site")
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			WilsonForceGo(f, link, a, bb, as, bs, w, 1, 0.5)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(w), "ns/site")
	})
	b.Run("complex", func(b *testing.B) {
		for b.Loop() {
			wilsonForceComplex(f, link, a, bb, as, bs, w, 1, 0.5)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(w), "ns/site")
	})
}
