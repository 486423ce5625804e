package measure

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// Energy returns two discretisations of the action density
// E = (1/4) G^a_mu,nu G^a_mu,nu = -(1/2) sum_{mu,nu} Tr G_mu,nu G_mu,nu of
// Luscher, JHEP 1008:071 (2010), in
// lattice units (a^4 E), averaged over sites:
//
//	eClover = -(1/2) sum_{mu,nu} Tr F_mu,nu(x)^2 = sum_{mu<nu} sum_ij |F_mu,nu(x)_ij|^2
//	ePlaq   = 2 sum_{mu<nu} [N - Re Tr U_mu,nu(x)] = 12 N (1 - P),
//
// with F the clover field strength (FieldStrength) and P the average
// plaquette of gauge.Plaquette. Both vanish on a cold field and agree up
// to O(a^2) on smooth ones; t0 is defined by t^2 <E(t)> = 0.3. Summed
// exactly: the same bit for bit on every process grid and W. Collective.
func Energy(g *gauge.Field, ws *gauge.Workspace) (eClover, ePlaq float64, err error) {
	f, err := FieldStrength(g, ws)
	if err != nil {
		return 0, 0, err
	}
	if eClover, err = CloverEnergy(g.N, f); err != nil {
		return 0, 0, err
	}
	ePlaq, err = PlaquetteEnergy(g, ws)
	return eClover, ePlaq, err
}

// PlaquetteEnergy is the plaquette form of the action density,
// 2 sum_{mu<nu} [N - Re Tr U_mu,nu(x)] averaged over sites = 12 N (1 - P).
// Collective.
func PlaquetteEnergy(g *gauge.Field, ws *gauge.Workspace) (float64, error) {
	p, err := g.Plaquette(ws)
	if err != nil {
		return 0, err
	}
	return 12 * float64(g.N) * (1 - p.Average), nil
}

// CloverEnergy is the clover action density -(1/2) sum_{mu,nu} Tr F^2,
// averaged over sites, of a field strength from FieldStrength (SU(n)).
// Collective.
func CloverEnergy(n int, f [6]*layout.Field[float64]) (float64, error) {
	var acc layout.ExactSum
	for _, fp := range f {
		gauge.ReTraceSum(n, fp, fp, &acc) // Re Tr(F F^dag) = -Tr F^2
	}
	l := f[0].Layout
	s, err := l.GlobalSum(&acc)
	if err != nil {
		return 0, err
	}
	return s[0] / float64(l.GlobalVolume), nil
}
