package hmc

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/layout"
)

// WilsonGauge is the Wilson plaquette action
// S = beta sum_{x, mu<nu} (1 - Re Tr U_mu,nu(x) / N) as a monomial. Its force
// is F_mu(x) = (beta / 2N) TA(U_mu(x) A_mu(x)), A the staple sum of
// gauge.Staple and TA the traceless anti-Hermitian part. Gauge actions with
// rectangle terms implement Monomial the same way, with their own staples.
type WilsonGauge struct {
	Beta float64
	ws   *gauge.Workspace
	st   *layout.Field[float64]
}

// NewWilsonGauge returns the Wilson gauge monomial for fields of SU(n) on l.
func NewWilsonGauge(l *layout.Layout, n int, beta float64) (*WilsonGauge, error) {
	if beta <= 0 {
		return nil, fmt.Errorf("gauge action: beta = %g must be positive", beta)
	}
	return &WilsonGauge{Beta: beta, ws: gauge.NewWorkspace(l, n), st: gauge.NewMatField(l, n)}, nil
}

// Name implements Monomial.
func (w *WilsonGauge) Name() string { return "gauge" }

// Refresh implements Monomial (nothing to draw).
func (w *WilsonGauge) Refresh(*gauge.Field, *rng.Stream) error { return nil }

// Action implements Monomial.
func (w *WilsonGauge) Action(g *gauge.Field) (float64, error) {
	p, err := g.Plaquette(w.ws)
	if err != nil {
		return 0, err
	}
	return w.Beta * 6 * float64(g.L.GlobalVolume) * (1 - p.Average), nil
}

// AddForce implements Monomial.
func (w *WilsonGauge) AddForce(g *gauge.Field, f *Algebra, scale float64) error {
	if err := checkShape(g, f); err != nil {
		return err
	}
	c := scale * w.Beta / (2 * float64(g.N))
	for mu := range layout.Nd {
		if err := g.Staple(w.st, mu, layout.Full, w.ws); err != nil {
			return err
		}
		if err := gauge.AddTAProduct(g.N, f.F[mu], g.U[mu], w.st, c); err != nil {
			return err
		}
	}
	return nil
}
