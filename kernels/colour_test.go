package kernels

import (
	"math/rand/v2"
	"testing"
)

// refMulVec is the reference: complex arithmetic site by site.
func refMulVec(u []complex128, v []complex128, dag bool) []complex128 {
	out := make([]complex128, 3)
	for i := range 3 {
		for j := range 3 {
			a := u[i*3+j]
			if dag {
				a = complex(real(u[j*3+i]), -imag(u[j*3+i]))
			}
			out[i] += a * v[j]
		}
	}
	return out
}

func TestSU3MulAddVec(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, w := range []int{1, 2, 4, 8, 16} {
		for _, dag := range []bool{false, true} {
			u := make([]float64, 18*w)
			v := make([]float64, 6*w)
			d := make([]float64, 6*w)
			for i := range u {
				u[i] = r.NormFloat64()
			}
			for i := range v {
				v[i] = r.NormFloat64()
				d[i] = r.NormFloat64()
			}
			d0 := append([]float64(nil), d...)
			SU3MulAddVec(d, u, v, w, -0.5, dag)
			for l := range w {
				uc := make([]complex128, 9)
				vc := make([]complex128, 3)
				for c := range 9 {
					uc[c] = complex(u[2*c*w+l], u[(2*c+1)*w+l])
				}
				for c := range 3 {
					vc[c] = complex(v[2*c*w+l], v[(2*c+1)*w+l])
				}
				want := refMulVec(uc, vc, dag)
				for c := range 3 {
					wr := d0[2*c*w+l] - 0.5*real(want[c])
					wi := d0[(2*c+1)*w+l] - 0.5*imag(want[c])
					if abs(d[2*c*w+l]-wr) > 1e-14 || abs(d[(2*c+1)*w+l]-wi) > 1e-14 {
						t.Fatalf("w=%d dag=%v lane %d colour %d: got %v,%v want %v,%v", w, dag, l, c, d[2*c*w+l], d[(2*c+1)*w+l], wr, wi)
					}
				}
				if w == 1 {
					e := [6]float64(d0)
					SU3MulAddVecW1(&e, (*[18]float64)(u), (*[6]float64)(v), -0.5, dag)
					for k := range 6 {
						if abs(e[k]-d[k]) > 1e-14 {
							t.Fatalf("W1 dag=%v: %v vs %v", dag, e, d)
						}
					}
				}
			}
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
