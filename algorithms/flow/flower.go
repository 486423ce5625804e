package flow

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// Flower integrates the Wilson flow of a gauge field in place (see doc.go
// for the equation and the integrators). It owns its temporary fields, so
// SU(3) steps allocate nothing per site; one Flower serves one gauge field.
type Flower struct {
	g  *gauge.Field
	ws *gauge.Workspace
	// T is the flow time the field has reached (0 at New).
	T float64

	staple *layout.Field[float64]
	acc    [layout.Nd]*layout.Field[float64] // Runge-Kutta exponent per direction
	start  *gauge.Field                      // W0, kept by AdaptiveStep for rejection
	low    *gauge.Field                      // the embedded second-order solution
}

// New returns a Flower for g; ws must be a workspace of g's layout and
// group (gauge.NewWorkspace).
func New(g *gauge.Field, ws *gauge.Workspace) (*Flower, error) {
	if g == nil || ws == nil {
		return nil, fmt.Errorf("flow: need a gauge field and its workspace")
	}
	f := &Flower{g: g, ws: ws, staple: gauge.NewMatField(g.L, g.N)}
	for mu := range f.acc {
		f.acc[mu] = gauge.NewMatField(g.L, g.N)
	}
	return f, nil
}

// Field is the gauge field being flowed.
func (f *Flower) Field() *gauge.Field { return f.g }

// Luscher's third-order scheme as a 2N-storage Runge-Kutta method: with
// Z_i = eps Z(W_i) and one accumulator X per link,
//
//	X = 1/4 Z0                 W1 = exp(X) W0
//	X = 8/9 Z1 - 17/9 X        W2 = exp(X) W1     (X = 8/9 Z1 - 17/36 Z0)
//	X = 3/4 Z2 - X             V  = exp(X) W2     (X = 3/4 Z2 - 8/9 Z1 + 17/36 Z0)
var rk3 = [3][2]float64{{1.0 / 4, 0}, {8.0 / 9, -17.0 / 9}, {3.0 / 4, -1}}

// Step advances the field by one third-order Runge-Kutta step of size eps
// (Luscher, JHEP 1008:071, appendix C) and T by eps. Collective.
func (f *Flower) Step(eps float64) error { return f.step(eps, false) }

// step is Step; with embed it also builds the second-order solution f.low
// from f.start (= W0) for AdaptiveStep.
func (f *Flower) step(eps float64, embed bool) error {
	if !(eps > 0) || math.IsInf(eps, 0) {
		return fmt.Errorf("flow: step size %g must be positive and finite", eps)
	}
	for stage, c := range rk3 {
		if err := f.stage(eps, c[0], c[1], embed && stage == 1); err != nil {
			return err
		}
	}
	f.T += eps
	return nil
}

// stage sets X_mu = a Z + b X_mu, Z = eps Z(W), for every link from the current
// field W, then W_mu <- exp(X_mu) W_mu. With embed (the second stage, W =
// W1), it also sets low = exp(2 Z1 - Z0) W0 from X = Z0/4 before the
// update. All forces are computed before any link moves.
func (f *Flower) stage(eps, a, b float64, embed bool) error {
	g := f.g
	for mu := range layout.Nd {
		if err := g.Staple(f.staple, mu, layout.Full, f.ws); err != nil {
			return fmt.Errorf("flow: staple: %w", err)
		}
		var low, start *layout.Field[float64]
		if embed {
			low, start = f.low.U[mu], f.start.U[mu]
		}
		force(g.N, g.U[mu], f.staple, f.acc[mu], eps, a, b, low, start)
	}
	for mu := range layout.Nd {
		expMul(g.N, g.U[mu], f.acc[mu])
	}
	return nil
}
