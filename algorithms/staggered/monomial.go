package staggered

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/hmc"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/solver"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// Nf4 is the pseudofermion monomial of four tastes of naive staggered
// fermions, S = phi^dag (M^dag M)_ee^{-1} phi with phi on even sites:
// det (M^dag M)_ee = |det M|. The solves use CG to the relative residual
// Tol (tighter for the action than the force would need, so that dH is
// exact to round-off). It implements hmc.Monomial.
type Nf4 struct {
	Mass    float64
	BC      Boundary
	Tol     float64 // CG relative residual; 0 means 1e-10
	MaxIter int     // 0 means 10000
	Iters   int     // CG iterations so far
	Solves  int     // CG solves so far

	phi    *layout.Field[float64]
	last   solver.Result
	xs, ys *layout.Field[float64]
}

// Name implements hmc.Monomial.
func (m *Nf4) Name() string { return "staggered-nf4" }

func (m *Nf4) params() solver.Params {
	p := solver.Params{Tol: m.Tol, MaxIter: m.MaxIter}
	if p.Tol == 0 {
		p.Tol = 1e-10
	}
	if p.MaxIter == 0 {
		p.MaxIter = 10000
	}
	return p
}

// Refresh implements hmc.Monomial: phi_e = (M^dag chi)_e = m chi_e - D_eo chi_o
// for Gaussian chi with weight exp(-chi^dag chi), so that phi has the
// weight exp(-phi^dag (M^dag M)_ee^{-1} phi).
func (m *Nf4) Refresh(g *gauge.Field, s *rng.Stream) error {
	op, err := New[float64](g, m.Mass, m.BC)
	if err != nil {
		return err
	}
	chi := op.NewField()
	epoch := *s
	s.Advance()
	l := g.L
	chi.ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		gen := epoch.Site(uint64(l.GlobalIndex(x)))
		for c := range 3 {
			a, b := gen.Gaussian2()
			chi.Set(tile, c, lane, complex(a, b)*complex(math.Sqrt(0.5), 0))
		}
	})
	d := op.NewField()
	if err := op.Hop(d, chi, layout.Even); err != nil {
		return err
	}
	m.phi = layout.NewField[float64](l, 3, layout.Even)
	for i := range m.phi.Data { // the even half of the full fields
		m.phi.Data[i] = m.Mass*chi.Data[i] - d.Data[i]
	}
	return nil
}

// solve returns X = (M^dag M)_ee^{-1} phi.
func (m *Nf4) solve(op *Operator[float64]) (*layout.Field[float64], error) {
	if m.phi == nil {
		return nil, fmt.Errorf("%s: no pseudofermion (Refresh first)", m.Name())
	}
	n := EvenNormal[float64]{op}
	x := n.NewField()
	r, err := solver.CG[float64](n, x, m.phi, m.params())
	m.last = r
	m.Iters += r.Iterations
	m.Solves++
	if err != nil {
		return nil, fmt.Errorf("%s: %w", m.Name(), err)
	}
	return x, nil
}

// Action implements hmc.Monomial.
func (m *Nf4) Action(g *gauge.Field) (float64, error) {
	op, err := New[float64](g, m.Mass, m.BC)
	if err != nil {
		return 0, err
	}
	x, err := m.solve(op)
	if err != nil {
		return 0, err
	}
	d, err := layout.Dot(m.phi, x)
	return real(d), err
}

// AddForce implements hmc.Monomial. With X = (M^dag M)_ee^{-1} phi and
// Y = D_oe X, dS = 2 Re sum Tr(T Z) over links with
// Z_mu(x) = V_mu(x) Y(x+mu) X(x)^dag (x even) and Y(x) X(x+mu)^dag V_mu(x)^dag
// (x odd), V the links with phases and the factor 1/2; the force is
// F = -TA(Z).
func (m *Nf4) AddForce(g *gauge.Field, f *hmc.Algebra, scale float64) error {
	op, err := New[float64](g, m.Mass, m.BC)
	if err != nil {
		return err
	}
	xe, err := m.solve(op)
	if err != nil {
		return err
	}
	l := g.L
	x := op.NewField()
	copy(x.Data, xe.Data)
	y := op.NewField()
	if err := op.Hop(y, x, layout.Odd); err != nil {
		return err
	}
	if m.xs == nil {
		m.xs, m.ys = op.NewField(), op.NewField()
	}
	half := l.NTiles / 2
	halo := layout.NewHalo[float64](l, 3) // one set of buffers for the 8 shifts
	for mu := range layout.Nd {
		if err := halo.Shift(m.xs, x, layout.HopDir(mu, +1)); err != nil {
			return err
		}
		if err := halo.Shift(m.ys, y, layout.HopDir(mu, +1)); err != nil {
			return err
		}
		v := op.fwd[mu]
		w := l.W
		l.ParallelFor(l.NTiles, func(_, lo, hi int) {
			for tile := lo; tile < hi; tile++ {
				col := func(x *layout.Field[float64]) []float64 { return x.Data[tile*6*w : (tile+1)*6*w] }
				even := tile < half
				a, b := col(m.ys), col(x) // Z = V a b^dag on even sites
				if !even {
					a, b = col(y), col(m.xs) // Z = a b^dag V^dag on odd sites
				}
				kernels.StaggeredForce64(f.F[mu].Data[tile*18*w:(tile+1)*18*w], v.Data[tile*18*w:(tile+1)*18*w], a, b, w, even, scale)
			}
		})
	}
	return nil
}

// LastSolve is the result of the most recent CG solve.
func (m *Nf4) LastSolve() solver.Result { return m.last }
