package hmc

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// Algebra is an su(N)-valued field on the links: one traceless
// anti-Hermitian N x N matrix per site and direction, stored like the gauge
// field (F[mu] a full-lattice matrix field, c = i*N + j). It holds the
// momenta P and the forces F of the molecular dynamics.
type Algebra struct {
	L *layout.Layout
	N int
	F [layout.Nd]*layout.Field[float64]
}

// NewAlgebra allocates a zero algebra field.
func NewAlgebra(l *layout.Layout, n int) *Algebra {
	a := &Algebra{L: l, N: n}
	for mu := range layout.Nd {
		a.F[mu] = gauge.NewMatField(l, n)
	}
	return a
}

// Zero sets every element to zero.
func (a *Algebra) Zero() {
	for mu := range layout.Nd {
		a.F[mu].Zero()
	}
}

// AddScaled sets a += s * b.
func (a *Algebra) AddScaled(s float64, b *Algebra) {
	for mu := range layout.Nd {
		layout.Axpy(complex(s, 0), b.F[mu], a.F[mu])
	}
}

// CopyFrom sets a = b.
func (a *Algebra) CopyFrom(b *Algebra) {
	for mu := range layout.Nd {
		layout.Copy(a.F[mu], b.F[mu])
	}
}

// Refresh draws Gaussian momenta P = i sum_a c_a T^a with independent
// standard normal c_a (Tr T^a T^b = delta_ab/2), the convention of Grid and
// Bridge++: the kinetic energy -Tr P^2 = sum_a c_a^2 / 2 makes exp(-K) the
// distribution drawn. The numbers of site x come from s.Site(GlobalIndex(x))
// at one epoch (directions in order, coefficients in order), so the
// momenta are the same on every process grid and W.
func (a *Algebra) Refresh(s *rng.Stream) {
	l, n := a.L, a.N
	epoch := *s
	s.Advance()
	na := n*n - 1
	a.F[0].ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		gen := epoch.Site(uint64(l.GlobalIndex(x)))
		c := make([]float64, na)
		m := sun.NewMat(n)
		for mu := range layout.Nd {
			for i := range c {
				c[i] = gen.Gaussian()
			}
			m.SetAlgebra(c)
			gauge.StoreMatrix(a.F[mu], n, tile, lane, m.A)
		}
	})
}

// Kinetic is the kinetic energy K = -sum_{x,mu} Tr P_mu(x)^2 =
// sum |P_ij|^2 (P anti-Hermitian), summed exactly. Collective.
func (a *Algebra) Kinetic() (float64, error) {
	var acc layout.ExactSum
	for mu := range layout.Nd {
		for _, v := range a.F[mu].Data {
			acc.Add(v * v)
		}
	}
	s, err := a.L.GlobalSum(&acc)
	if err != nil {
		return 0, err
	}
	return s[0], nil
}

// Norm2 is sum |F_ij|^2 over every link (= -sum Tr F^2), for force
// monitoring. Collective.
func (a *Algebra) Norm2() (float64, error) { return a.Kinetic() }

// Coefficients returns the su(N) coefficients c_a = 2 Im Tr(T^a X) of the
// element at (mu, tile, lane), for tests and diagnostics.
func (a *Algebra) Coefficients(mu, tile, lane int) []float64 {
	m := sun.NewMat(a.N)
	gauge.LoadMatrix(a.F[mu], a.N, tile, lane, m.A)
	return sun.MatrixToAlgebra(&m)
}

// checkShape reports an error unless g and a are on the same layout and group.
func checkShape(g *gauge.Field, a *Algebra) error {
	if g.L != a.L || g.N != a.N {
		return fmt.Errorf("hmc: gauge field SU(%d) and algebra field su(%d) on different layouts or groups", g.N, a.N)
	}
	return nil
}
