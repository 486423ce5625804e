package kernels

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// su3Ref is op(a) op(b) for one site with Go's complex arithmetic in the
// order of sun.M3's products: a sum over k = 0, 1, 2 of products of the
// (conjugated) elements, and conj(sum b a) for dag, dag.
// roundedMul is Go's complex product x*y with each real product rounded,
// so that no compiler fuses it (GOAMD64=v3 and arm64 would).
func roundedMul(x, y complex128) complex128 {
	xr, xi, yr, yi := real(x), imag(x), real(y), imag(y)
	return complex(float64(xr*yr)-float64(xi*yi), float64(xr*yi)+float64(xi*yr))
}

func su3Ref(a, b [9]complex128, opA, opB bool) (c [9]complex128) {
	at := func(i, k int) complex128 {
		if opA {
			return complex(real(a[3*k+i]), -imag(a[3*k+i]))
		}
		return a[3*i+k]
	}
	bt := func(k, j int) complex128 {
		if opB {
			return complex(real(b[3*j+k]), -imag(b[3*j+k]))
		}
		return b[3*k+j]
	}
	for i := range 3 {
		for j := range 3 {
			if opA && opB {
				s := roundedMul(b[3*j], a[i]) + roundedMul(b[3*j+1], a[3+i]) + roundedMul(b[3*j+2], a[6+i])
				c[3*i+j] = complex(real(s), -imag(s))
				continue
			}
			c[3*i+j] = roundedMul(at(i, 0), bt(0, j)) + roundedMul(at(i, 1), bt(1, j)) + roundedMul(at(i, 2), bt(2, j))
		}
	}
	return c
}

// TestSU3MulGo: every lane of SU3MulGo's output is the reference product
// bit for bit (or the reference added to dst), for W = 1, 3, 4 and the
// four op combinations.
func TestSU3MulGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const ntiles = 3
	for _, w := range []int{1, 3, 4} {
		n := ntiles * 18 * w
		a, b, d0 := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			a[i], b[i], d0[i] = rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()
		}
		site := func(d []float64, tile, lane int) (m [9]complex128) {
			for e := range 9 {
				o := (tile*9+e)*2*w + lane
				m[e] = complex(d[o], d[o+w])
			}
			return m
		}
		for _, opA := range []bool{false, true} {
			for _, opB := range []bool{false, true} {
				for _, add := range []bool{false, true} {
					got := append([]float64(nil), d0...)
					SU3MulGo(got, a, b, w, opA, opB, add)
					for tile := range ntiles {
						for lane := range w {
							want := su3Ref(site(a, tile, lane), site(b, tile, lane), opA, opB)
							g, d := site(got, tile, lane), site(d0, tile, lane)
							for e := range 9 {
								x := want[e]
								if add {
									x = complex(real(d[e])+real(x), imag(d[e])+imag(x))
								}
								if !sameOrRounding(real(g[e]), real(x)) || !sameOrRounding(imag(g[e]), imag(x)) {
									t.Fatalf("W=%d opA=%v opB=%v add=%v tile %d lane %d element %d: %v, want %v",
										w, opA, opB, add, tile, lane, e, g[e], x)
								}
							}
						}
					}
				}
			}
		}
	}
}

// sameOrRounding is bit equality on amd64, where Go never fuses
// multiply-adds; elsewhere (arm64 fuses them) a few roundings are allowed.
func sameOrRounding(a, b float64) bool {
	if runtime.GOARCH == "amd64" {
		return math.Float64bits(a) == math.Float64bits(b)
	}
	return math.Abs(a-b) <= 1e-14*(1+math.Abs(b))
}
