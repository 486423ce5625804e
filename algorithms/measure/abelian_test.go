package measure

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
)

// TestAbelianFlux checks normalisations and signs on the constant-flux
// field of abelianFlux, where every observable is known in closed form:
// with phases phi (0,1) and psi (2,3) of H = diag(1,-1,0..),
//
//	F_01 = i sin(phi) H,  eClover = 2 sin^2 phi + 2 sin^2 psi,
//	ePlaq = 4 (1 - cos phi) + 4 (1 - cos psi),
//	Q = 2 V sin(phi) sin(psi) / (4 pi^2)   (about 2 k01 k23),
//	W_01(r, t) = (N - 2 + 2 cos(r t phi)) / N   (Stokes),
//	Polyakov loops (N - 2)/N   (the flux winds the phase once around).
func TestAbelianFlux(t *testing.T) {
	for _, c := range []struct{ n, k01, k23 int }{{3, 1, 1}, {3, 1, -2}, {2, 2, 1}, {4, 1, 1}} {
		l := newLayout(t, [4]int{8, 8, 6, 8}, 2)
		g, phi, psi := abelianFlux(t, l, c.n, c.k01, c.k23)
		ws := gauge.NewWorkspace(l, c.n)
		nf := float64(c.n)
		v := float64(l.GlobalVolume)

		ec, ep, err := Energy(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		wantEC := 2*math.Pow(math.Sin(phi), 2) + 2*math.Pow(math.Sin(psi), 2)
		wantEP := 4*(1-math.Cos(phi)) + 4*(1-math.Cos(psi))
		if math.Abs(ec-wantEC) > 1e-13 || math.Abs(ep-wantEP) > 1e-13 {
			t.Errorf("SU(%d) k=(%d,%d): E clover %.15g plaquette %.15g, want %.15g and %.15g", c.n, c.k01, c.k23, ec, ep, wantEC, wantEP)
		}
		q, err := TopologicalCharge(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		wantQ := 2 * v * math.Sin(phi) * math.Sin(psi) / (4 * math.Pi * math.Pi)
		if math.Abs(q-wantQ) > 1e-11 {
			t.Errorf("SU(%d) k=(%d,%d): Q = %.15g, want %.15g", c.n, c.k01, c.k23, q, wantQ)
		}
		if math.Abs(q-float64(2*c.k01*c.k23)) > 0.1*math.Abs(float64(2*c.k01*c.k23)) {
			t.Errorf("SU(%d) k=(%d,%d): Q = %.6g, far from the continuum value %d", c.n, c.k01, c.k23, q, 2*c.k01*c.k23)
		}
		// F_01 = i sin(phi) H at every site, other planes of (0,1)x(2,3) zero.
		f, err := FieldStrength(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		m := make([]complex128, c.n*c.n)
		for tile := range l.NTiles {
			for lane := range l.W {
				gauge.LoadMatrix(f[0], c.n, tile, lane, m)
				for i := range c.n {
					for j := range c.n {
						want := 0i
						if i == j && i < 2 {
							want = complex(0, (1-2*float64(i))*math.Sin(phi))
						}
						if cmplx.Abs(m[i*c.n+j]-want) > 1e-14 {
							t.Fatalf("SU(%d): F_01(%d,%d) = %v, want %v", c.n, i, j, m[i*c.n+j], want)
						}
					}
				}
			}
		}
		for _, rt := range [][2]int{{1, 1}, {2, 3}, {3, 2}, {4, 4}} {
			w, err := WilsonLoop(g, ws, 0, 1, rt[0], rt[1])
			if err != nil {
				t.Fatal(err)
			}
			want := (nf - 2 + 2*math.Cos(float64(rt[0]*rt[1])*phi)) / nf
			if math.Abs(w-want) > 1e-13 {
				t.Errorf("SU(%d): W_01(%d,%d) = %.15g, want %.15g", c.n, rt[0], rt[1], w, want)
			}
		}
		p, err := Polyakov(g, ws)
		if err != nil {
			t.Fatal(err)
		}
		for mu, pv := range p {
			if cmplx.Abs(pv-complex((nf-2)/nf, 0)) > 1e-13 {
				t.Errorf("SU(%d): Polyakov loop %d = %v, want %v", c.n, mu, pv, (nf-2)/nf)
			}
		}
	}
}
