package flow

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

// thermalised is a hot start after some heatbath sweeps at beta (a rough
// but not random field; sweeps = 0 leaves it hot).
func thermalised(t testing.TB, l *layout.Layout, n int, beta float64, sweeps int, seed uint64) *gauge.Field {
	t.Helper()
	s := rng.New(seed, 0)
	g, err := gauge.Hot(l, n, &s)
	if err != nil {
		t.Fatal(err)
	}
	ws := gauge.NewWorkspace(l, n)
	for range sweeps {
		if err := g.HeatbathSweep(beta, &s, ws); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// diagonalField sets every link to exp(i theta_mu(x) H), H = diag(1, -1, 0, ...):
// an abelian field embedded in SU(N).
func diagonalField(t testing.TB, l *layout.Layout, n int, theta func(mu int, x [layout.Nd]int) float64) *gauge.Field {
	t.Helper()
	g, err := gauge.New(l, n)
	if err != nil {
		t.Fatal(err)
	}
	m := make([]complex128, n*n)
	g.U[0].ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		for mu := range layout.Nd {
			clear(m)
			for i := range n {
				m[i*n+i] = 1
			}
			ph := theta(mu, x)
			m[0] = cmplx.Exp(complex(0, ph))
			m[n+1] = cmplx.Exp(complex(0, -ph))
			g.Store(mu, tile, lane, m)
		}
	})
	return g
}

// fluxField is the constant-field-strength configuration with quantised
// fluxes k01 in the (0,1) planes and k23 in the (2,3) planes (see the
// measure package tests): a stationary point of the flow with Q near
// 2 k01 k23.
func fluxField(t testing.TB, l *layout.Layout, n, k01, k23 int) *gauge.Field {
	L := l.Global
	phi := [2]float64{2 * math.Pi * float64(k01) / float64(L[0]*L[1]), 2 * math.Pi * float64(k23) / float64(L[2]*L[3])}
	return diagonalField(t, l, n, func(mu int, x [layout.Nd]int) float64 {
		pl := mu / 2
		a, b := 2*pl, 2*pl+1
		if mu == a {
			return -phi[pl] * float64(x[b])
		}
		if x[b] == L[b]-1 {
			return phi[pl] * float64(L[b]) * float64(x[a])
		}
		return 0
	})
}

// maxLinkDistance is the largest element modulus of U - V over all links
// (single rank).
func maxLinkDistance(g, h *gauge.Field) float64 {
	d := 0.0
	for mu := range layout.Nd {
		d = max(d, maxDistance(g.U[mu], h.U[mu]))
	}
	return d
}

func flowTo(t testing.TB, g *gauge.Field, eps, tmax float64) []Point {
	t.Helper()
	p, err := Run(g, gauge.NewWorkspace(g.L, g.N), Options{Eps: eps, TMax: tmax}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
