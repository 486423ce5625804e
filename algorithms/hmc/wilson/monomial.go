package wilson

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/hmc"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/layout"
)

// Solve settings shared by the monomials.
type Solve struct {
	Tol     float64 // CG relative residual on Mhat^dag Mhat; 0 means 1e-10
	MaxIter int     // 0 means 10000
}

func (s Solve) params() solver.Params {
	p := solver.Params{Tol: s.Tol, MaxIter: s.MaxIter}
	if p.Tol == 0 {
		p.Tol = 1e-10
	}
	if p.MaxIter == 0 {
		p.MaxIter = 10000
	}
	return p
}

// Stats counts the solves of a monomial.
type Stats struct {
	Solves, Iterations int
	Seconds            float64
}

// operators keeps a monomial's float64 Wilson operators, one per kappa and
// boundary conditions, between calls: each call moves them to the gauge field it is given
// (dirac.Wilson.SetGauge) instead of building new ones, which keeps their
// memory and the kernels' derived tables. The zero value is ready.
type operators struct {
	byParams map[opParams]*dirac.Wilson[float64]
}

type opParams struct {
	kappa float64
	bc    [layout.Nd]dirac.Boundary
}

// schur returns the Wilson operator of g at kappa and its Schur complement.
func (o *operators) schur(g *gauge.Field, kappa float64, bc [layout.Nd]dirac.Boundary) (*dirac.Wilson[float64], *dirac.Schur[float64], error) {
	key := opParams{kappa, bc}
	w := o.byParams[key]
	if w != nil && w.Layout() == g.L {
		if err := w.SetGauge(g); err != nil {
			return nil, nil, err
		}
		return w, w.Schur(), nil
	}
	w, err := dirac.NewWilson[float64](g, dirac.Params{Kappa: kappa, BC: bc})
	if err != nil {
		return nil, nil, err
	}
	if o.byParams == nil {
		o.byParams = map[opParams]*dirac.Wilson[float64]{}
	}
	o.byParams[key] = w
	return w, w.Schur(), nil
}

// heavy is the Schur operator of w's links at the Hasenbusch kappa: the
// same links, not built again (dirac.Wilson.WithKappa).
func heavy(w *dirac.Wilson[float64], kappaH float64) (*dirac.Schur[float64], error) {
	wh, err := w.WithKappa(kappaH)
	if err != nil {
		return nil, err
	}
	return wh.Schur(), nil
}

// solveNormal returns (Mhat^dag Mhat)^{-1} b.
func solveNormal(s *dirac.Schur[float64], b *layout.Field[float64], sv Solve, st *Stats, name string) (*layout.Field[float64], error) {
	x := s.NewField()
	r, err := solver.CG[float64](solver.Normal[float64](s), x, b, sv.params())
	st.Solves++
	st.Iterations += r.Iterations
	st.Seconds += r.Seconds
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return x, nil
}

// gaussianEven draws eta on even sites with weight exp(-eta^dag eta).
func gaussianEven(l *layout.Layout, s *rng.Stream) *layout.Field[float64] {
	eta := dirac.NewSpinor[float64](l, layout.Even)
	epoch := *s
	s.Advance()
	r := math.Sqrt(0.5)
	eta.ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		gen := epoch.Site(uint64(l.GlobalIndex(x)))
		for c := range dirac.SpinorNC {
			a, b := gen.Gaussian2()
			eta.Set(tile, c, lane, complex(r*a, r*b))
		}
	})
	return eta
}

// derivative adds to f the force of c Re(A^dag [dD_eo D_oe + D_eo dD_oe] X)
// for even fields a and x: with the full fields A = (a, D_eo^dag a) and
// B = (x, D_oe x) it is c Re(A^dag dH B).
func derivative(f *hmc.Algebra, w *dirac.Wilson[float64], a, x *layout.Field[float64], c float64) error {
	l := a.Layout
	full := func(e, o *layout.Field[float64]) *layout.Field[float64] {
		v := w.NewField()
		half := len(e.Data)
		copy(v.Data[:half], e.Data)
		copy(v.Data[half:], o.Data)
		return v
	}
	xo := dirac.NewSpinor[float64](l, layout.Odd)
	if err := w.Hop(xo, x); err != nil {
		return err
	}
	// D_eo^dag a = gamma5 D_oe gamma5 a
	g5a := a.Clone()
	if err := dirac.ApplyGamma5(g5a, a); err != nil {
		return err
	}
	ao := dirac.NewSpinor[float64](l, layout.Odd)
	if err := w.Hop(ao, g5a); err != nil {
		return err
	}
	if err := dirac.ApplyGamma5(ao, ao); err != nil {
		return err
	}
	return forceTerm(f, w.Links(), full(a, ao), full(x, xo), c)
}

// Nf2 is two flavours of Wilson fermions: S = phi^dag (Mhat^dag Mhat)^{-1} phi
// at hopping parameter Kappa. It implements hmc.Monomial.
type Nf2 struct {
	Kappa float64
	BC    [layout.Nd]dirac.Boundary
	Solve Solve
	Stats Stats
	phi   *layout.Field[float64]
	ops   operators
}

// Name implements hmc.Monomial.
func (m *Nf2) Name() string { return "wilson-nf2" }

// Refresh implements hmc.Monomial: phi = Mhat^dag eta.
func (m *Nf2) Refresh(g *gauge.Field, s *rng.Stream) error {
	_, sc, err := m.ops.schur(g, m.Kappa, m.BC)
	if err != nil {
		return err
	}
	eta := gaussianEven(g.L, s)
	m.phi = sc.NewField()
	return sc.ApplyDag(m.phi, eta)
}

// Action implements hmc.Monomial.
func (m *Nf2) Action(g *gauge.Field) (float64, error) {
	if m.phi == nil {
		return 0, fmt.Errorf("%s: no pseudofermion (Refresh first)", m.Name())
	}
	_, sc, err := m.ops.schur(g, m.Kappa, m.BC)
	if err != nil {
		return 0, err
	}
	x, err := solveNormal(sc, m.phi, m.Solve, &m.Stats, m.Name())
	if err != nil {
		return 0, err
	}
	d, err := layout.Dot(m.phi, x)
	return real(d), err
}

// AddForce implements hmc.Monomial: with X = (Mhat^dag Mhat)^{-1} phi and
// Y = Mhat X, dS = 2 kappa^2 Re(Y^dag [dD_eo D_oe + D_eo dD_oe] X).
func (m *Nf2) AddForce(g *gauge.Field, f *hmc.Algebra, scale float64) error {
	if m.phi == nil {
		return fmt.Errorf("%s: no pseudofermion (Refresh first)", m.Name())
	}
	w, sc, err := m.ops.schur(g, m.Kappa, m.BC)
	if err != nil {
		return err
	}
	x, err := solveNormal(sc, m.phi, m.Solve, &m.Stats, m.Name())
	if err != nil {
		return err
	}
	y := sc.NewField()
	if err := sc.Apply(y, x); err != nil {
		return err
	}
	return derivative(f, w, y, x, scale*2*m.Kappa*m.Kappa)
}

// Ratio is the Hasenbusch mass-preconditioning monomial
// S = phi^dag Mhat_h (Mhat^dag Mhat)^{-1} Mhat_h^dag phi with Mhat at Kappa and
// Mhat_h at KappaH (heavier: KappaH < Kappa). It implements hmc.Monomial.
type Ratio struct {
	Kappa, KappaH float64
	BC            [layout.Nd]dirac.Boundary
	Solve         Solve
	Stats         Stats
	phi           *layout.Field[float64]
	lastAction    float64
	ops           operators
}

// Name implements hmc.Monomial.
func (m *Ratio) Name() string { return "wilson-hasenbusch" }

// Refresh implements hmc.Monomial: phi = (Mhat_h^dag)^{-1} Mhat^dag eta, so
// that S = eta^dag eta.
func (m *Ratio) Refresh(g *gauge.Field, s *rng.Stream) error {
	if !(m.KappaH > 0 && m.KappaH < m.Kappa) {
		return fmt.Errorf("%s: the Hasenbusch kappa %g must lie between 0 and kappa %g", m.Name(), m.KappaH, m.Kappa)
	}
	w, sc, err := m.ops.schur(g, m.Kappa, m.BC)
	if err != nil {
		return err
	}
	sh, err := heavy(w, m.KappaH)
	if err != nil {
		return err
	}
	eta := gaussianEven(g.L, s)
	r := sc.NewField()
	if err := sc.ApplyDag(r, eta); err != nil {
		return err
	}
	z, err := solveNormal(sh, r, m.Solve, &m.Stats, m.Name())
	if err != nil {
		return err
	}
	m.phi = sc.NewField()
	return sh.Apply(m.phi, z)
}

// psiX returns psi = Mhat_h^dag phi and X = (Mhat^dag Mhat)^{-1} psi.
func (m *Ratio) psiX(g *gauge.Field) (w *dirac.Wilson[float64], sc *dirac.Schur[float64], x *layout.Field[float64], err error) {
	if m.phi == nil {
		return nil, nil, nil, fmt.Errorf("%s: no pseudofermion (Refresh first)", m.Name())
	}
	w, sc, err = m.ops.schur(g, m.Kappa, m.BC)
	if err != nil {
		return
	}
	var sh *dirac.Schur[float64]
	if sh, err = heavy(w, m.KappaH); err != nil {
		return
	}
	psi := sc.NewField()
	if err = sh.ApplyDag(psi, m.phi); err != nil {
		return
	}
	x, err = solveNormal(sc, psi, m.Solve, &m.Stats, m.Name())
	if err == nil {
		var d complex128
		d, err = layout.Dot(psi, x)
		m.lastAction = real(d)
	}
	return
}

// Action implements hmc.Monomial.
func (m *Ratio) Action(g *gauge.Field) (float64, error) {
	if _, _, _, err := m.psiX(g); err != nil {
		return 0, err
	}
	return m.lastAction, nil
}

// AddForce implements hmc.Monomial:
// dS = 2 Re(phi^dag dMhat_h X) - 2 Re(Y^dag dMhat X), Y = Mhat X, with
// dMhat = -kappa^2 (dD_eo D_oe + D_eo dD_oe).
func (m *Ratio) AddForce(g *gauge.Field, f *hmc.Algebra, scale float64) error {
	w, sc, x, err := m.psiX(g)
	if err != nil {
		return err
	}
	y := sc.NewField()
	if err := sc.Apply(y, x); err != nil {
		return err
	}
	// D_eo and D_oe do not depend on kappa: w's links serve both terms
	if err := derivative(f, w, m.phi, x, -scale*2*m.KappaH*m.KappaH); err != nil {
		return err
	}
	return derivative(f, w, y, x, scale*2*m.Kappa*m.Kappa)
}
