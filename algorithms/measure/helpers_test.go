package measure

import (
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func newLayout(t testing.TB, global [layout.Nd]int, w int) *layout.Layout {
	t.Helper()
	l, err := layout.New(comm.Local(), global, layout.Options{W: w})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func hot(t testing.TB, l *layout.Layout, n int, seed uint64) *gauge.Field {
	t.Helper()
	s := rng.New(seed, 0)
	g, err := gauge.Hot(l, n, &s)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// thermalised is a hot start after a few heatbath sweeps at beta: rough,
// but with plaquettes well away from zero.
func thermalised(t testing.TB, l *layout.Layout, n int, beta float64, sweeps int, seed uint64) *gauge.Field {
	t.Helper()
	g := hot(t, l, n, seed)
	s := rng.New(seed, 1)
	ws := gauge.NewWorkspace(l, n)
	for range sweeps {
		if err := g.HeatbathSweep(beta, &s, ws); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// abelianFlux is the SU(N) field exp(i a_mu(x) H), H = diag(1, -1, 0, ...),
// of constant field strength: plaquette phase phi01 = 2 pi k01 / (L0 L1) in
// every (0,1) plaquette and phi23 = 2 pi k23 / (L2 L3) in every (2,3)
// plaquette (the fluxes are quantised so that the torus closes), zero in
// the other planes:
//
//	a_0 = -phi01 x1,  a_1 = phi01 L1 x0 on the slice x1 = L1-1 (else 0),
//
// and likewise for (2, 3). Its clover field strength is F_01 = i sin(phi01) H,
// and its topological charge is 2 V sin(phi01) sin(phi23) / (4 pi^2), near
// 2 k01 k23 for small phases.
func abelianFlux(t testing.TB, l *layout.Layout, n, k01, k23 int) (*gauge.Field, float64, float64) {
	t.Helper()
	g, err := gauge.New(l, n)
	if err != nil {
		t.Fatal(err)
	}
	L := l.Global
	phi := [2]float64{2 * math.Pi * float64(k01) / float64(L[0]*L[1]), 2 * math.Pi * float64(k23) / float64(L[2]*L[3])}
	m := make([]complex128, n*n)
	g.U[0].ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		for mu := range layout.Nd {
			pl := mu / 2         // plane 0: (0,1), plane 1: (2,3)
			a, b := 2*pl, 2*pl+1 // the plane's two directions
			var ph float64
			if mu == a {
				ph = -phi[pl] * float64(x[b])
			} else if x[b] == L[b]-1 {
				ph = phi[pl] * float64(L[b]) * float64(x[a])
			}
			clear(m)
			for i := range n {
				m[i*n+i] = 1
			}
			m[0] = cmplx.Exp(complex(0, ph))
			m[n+1] = cmplx.Exp(complex(0, -ph))
			g.Store(mu, tile, lane, m)
		}
	})
	return g, phi[0], phi[1]
}

// reflect returns the field reflected in direction d, x_d -> -x_d mod L_d,
// on a single-rank layout:
//
//	U'_nu(x) = U_nu(Rx) (nu != d),   U'_d(x) = U_d(Rx - d)^dag.
func reflect(t testing.TB, g *gauge.Field, d int) *gauge.Field {
	t.Helper()
	l := g.L
	if l.Comm.Size() != 1 {
		t.Fatal("reflect needs a single-rank layout")
	}
	h, err := gauge.New(l, g.N)
	if err != nil {
		t.Fatal(err)
	}
	n := g.N
	m, md := make([]complex128, n*n), make([]complex128, n*n)
	h.U[0].ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		y := x
		y[d] = (l.Global[d] - x[d]) % l.Global[d]
		for nu := range layout.Nd {
			src := y
			if nu == d {
				src[d] = (y[d] - 1 + l.Global[d]) % l.Global[d]
			}
			st, sl := l.TileLane(src)
			g.Load(nu, st, sl, m)
			if nu == d {
				for i := range n {
					for j := range n {
						md[i*n+j] = cmplx.Conj(m[j*n+i])
					}
				}
				copy(m, md)
			}
			h.Store(nu, tile, lane, m)
		}
	})
	return h
}
