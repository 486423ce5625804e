package measure

import (
	"math"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// TopologicalCharge is the clover topological charge
//
//	Q = -1/(32 pi^2) sum_x eps_{mu nu rho sigma} Tr[F_mu,nu(x) F_rho,sigma(x)]
//	  = 1/(4 pi^2) sum_x Re Tr[F_01 F_23^dag - F_02 F_13^dag + F_03 F_12^dag](x),
//
// eps_{0123} = eps_{xyzt} = +1, with the anti-Hermitian clover field
// strength F of FieldStrength. The sign is that of Luscher's continuum
// definition with anti-Hermitian G (JHEP 1008:071), i.e.
// +1/(32 pi^2) eps Tr(F F) for the Hermitian i F. Q is odd under a
// reflection of any one direction and even under gauge transformations;
// it approaches integers on smooth (flowed) fields. Summed exactly: the
// same bit for bit on every process grid and W. Collective.
func TopologicalCharge(g *gauge.Field, ws *gauge.Workspace) (float64, error) {
	f, err := FieldStrength(g, ws)
	if err != nil {
		return 0, err
	}
	return CloverCharge(g.N, f)
}

// CloverCharge is TopologicalCharge of a field strength from FieldStrength
// (SU(n)). Collective.
func CloverCharge(n int, f [6]*layout.Field[float64]) (float64, error) {
	// plane indices in gauge.Planes: 01=0, 02=1, 03=2, 12=3, 13=4, 23=5
	var acc [3]layout.ExactSum
	gauge.ReTraceSum(n, f[0], f[5], &acc[0])
	gauge.ReTraceSum(n, f[1], f[4], &acc[1])
	gauge.ReTraceSum(n, f[2], f[3], &acc[2])
	s, err := f[0].Layout.GlobalSum(&acc[0], &acc[1], &acc[2])
	if err != nil {
		return 0, err
	}
	return (s[0] - s[1] + s[2]) / (4 * math.Pi * math.Pi), nil
}

// Clover holds the observables built from one clover field strength and
// the plaquette: the action densities of Energy and the charge of
// TopologicalCharge.
type Clover struct {
	EClover, EPlaq, Q float64
}

// CloverObservables measures E (clover and plaquette) and Q with a single
// field strength computation, into the reusable f (six matrix fields, as
// for FieldStrengthInto; nil entries are allocated). Collective.
func CloverObservables(g *gauge.Field, ws *gauge.Workspace, f *[6]*layout.Field[float64]) (Clover, error) {
	for p := range f {
		if f[p] == nil {
			f[p] = newMat(g)
		}
	}
	var c Clover
	if err := FieldStrengthInto(*f, g, ws); err != nil {
		return c, err
	}
	var err error
	if c.EClover, err = CloverEnergy(g.N, *f); err != nil {
		return c, err
	}
	if c.Q, err = CloverCharge(g.N, *f); err != nil {
		return c, err
	}
	c.EPlaq, err = PlaquetteEnergy(g, ws)
	return c, err
}
