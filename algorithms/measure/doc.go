// Package measure holds gauge observables: link trace, Polyakov loops,
// Wilson loops, the clover field strength, the action density E and the
// topological charge Q. Each takes a *gauge.Field and its
// *gauge.Workspace (for the halo shifts) and returns numbers summed with
// layout.ExactSum, so that every result is the same, bit for bit, on every
// process grid and SIMD width W (tested on 1, 2 and 4 in-process ranks and
// W = 1, 2, 4). The per-site products are those of gauge.MatMul, in a fixed
// order.
//
// # Conventions
//
// Links, plaquettes and the Wilson action are those of package gauge
// (U_mu(x) from x to x+mu, plaquette U_mu,nu(x) = U_mu(x) U_nu(x+mu)
// U_mu(x+nu)^dag U_nu(x)^dag, averages of (1/N) Re Tr, 1 on a cold field).
// Planes are indexed as in gauge.Planes: 01, 02, 03, 12, 13, 23.
//
// Field strength (FieldStrength), clover form, anti-Hermitian and traceless:
//
//	F_mu,nu(x) = (1/8) [Q_mu,nu(x) - Q_mu,nu(x)^dag] - (1/N) Tr(...)
//
// with Q_mu,nu(x) the sum of the four plaquettes of the (mu,nu) plane with a
// corner at x, all starting at x and circulating mu-then-nu. For smooth
// fields U = exp(a A), F_mu,nu = a^2 G_mu,nu with G = dA - dA + [A, A],
// anti-Hermitian (Luscher, JHEP 1008:071; openQCD's F-hat, here with the
// trace removed). The clover (Sheikholeslami-Wohlert) term is
// c_SW (i/4) sum_{mu,nu} sigma_mu,nu F_mu,nu, sigma_mu,nu = (i/2)[gamma_mu, gamma_nu].
//
// Action density (Energy), lattice units, averaged over sites:
//
//	E_clover = -(1/2) sum_{mu,nu} Tr F_mu,nu^2 = sum_{mu<nu} |F_mu,nu|^2_Frobenius,
//	E_plaq   = 2 sum_{mu<nu} [N - Re Tr U_mu,nu(x)] = 12 N (1 - plaquette),
//
// both discretising E = (1/4) G^a G^a = -(1/2) Tr G_mu,nu G_mu,nu of Luscher
// (2010); t0 is where t^2 <E(t)> = 0.3. For a constant abelian field
// exp(i phi H) per plaquette (tests) E_clover = 2 sin^2 phi, E_plaq =
// 4 (1 - cos phi) for H = diag(1, -1, 0..), both 2 phi^2 + O(phi^4).
//
// Topological charge (TopologicalCharge), with eps_{xyzt} = +1:
//
//	Q = -1/(32 pi^2) sum_x eps_{mu nu rho sigma} Tr F_mu,nu F_rho,sigma
//	  = 1/(4 pi^2) sum_x Re Tr[F_01 F_23^dag - F_02 F_13^dag + F_03 F_12^dag],
//
// Luscher's continuum sign for anti-Hermitian G (equivalently
// +1/(32 pi^2) eps Tr of the Hermitian i F). A constant abelian field with
// k01 flux quanta in every (0,1) plane and k23 in every (2,3) plane
// (H = diag(1,-1,0..)) has Q close to +2 k01 k23 (tested).
//
// Wilson loops: WilsonLoop(mu, nu, r, t) is the r x t rectangle with r
// links along mu and t along nu, starting along +mu, averaged over sites;
// its 1x1 loop for mu < nu is the plaquette of that plane bit for bit.
// WilsonLoops tabulates the spatial-temporal ones (mu = x, y, z; nu = t)
// averaged over the three spatial directions.
//
// Polyakov loops: Polyakov returns per direction mu the average of
// (1/N) Tr of the product of the L_mu links of the line through x along mu.
//
// # Cost and allocation
//
// Each call allocates its temporary matrix fields (a few times the size of
// one link direction); FieldStrengthInto and CloverObservables reuse the
// six field-strength fields across calls. Polyakov costs L_mu shifts and
// products per direction; WilsonLoops about 7 shifts and products per
// (r, t) and spatial direction.
//
// # Collective calls
//
// Every function except the accessors of WilsonTable is collective: every
// rank must call it, in the same order, with the same arguments.
//
// # Aliasing
//
// Inputs are read only. The destination fields of FieldStrengthInto and
// CloverObservables must not be the links or the workspace's fields. The
// workspace must belong to the field's layout and group
// (gauge.NewWorkspace(g.L, g.N)); the gauge package cannot check the
// layout, so a workspace of another layout gives wrong numbers.
//
// # Files
//
//	doc.go          this overview
//	matrix.go       per-site load/store, element-wise helpers, the clover projection
//	linktrace.go    LinkTrace
//	polyakov.go     Polyakov
//	wilsonloop.go   WilsonLoop, WilsonLoops, WilsonTable
//	clover.go       FieldStrength, FieldStrengthInto (clover leaves)
//	energy.go       Energy, PlaquetteEnergy, CloverEnergy
//	charge.go       TopologicalCharge, CloverCharge, Clover, CloverObservables
//
// # Exported API
//
//	func LinkTrace(g *gauge.Field) (float64, error)
//	func Polyakov(g *gauge.Field, ws *gauge.Workspace) ([4]complex128, error)
//	func WilsonLoop(g *gauge.Field, ws *gauge.Workspace, mu, nu, r, t int) (float64, error)
//	func WilsonLoops(g *gauge.Field, ws *gauge.Workspace, rmax, tmax int) (WilsonTable, error)
//	type WilsonTable struct{ RMax, TMax int; W [][]float64 }; func (WilsonTable) At(r, t int) float64
//	func FieldStrength(g *gauge.Field, ws *gauge.Workspace) ([6]*layout.Field[float64], error)
//	func FieldStrengthInto(dst [6]*layout.Field[float64], g *gauge.Field, ws *gauge.Workspace) error
//	func Energy(g *gauge.Field, ws *gauge.Workspace) (eClover, ePlaq float64, err error)
//	func PlaquetteEnergy(g *gauge.Field, ws *gauge.Workspace) (float64, error)
//	func CloverEnergy(n int, f [6]*layout.Field[float64]) (float64, error)
//	func TopologicalCharge(g *gauge.Field, ws *gauge.Workspace) (float64, error)
//	func CloverCharge(n int, f [6]*layout.Field[float64]) (float64, error)
//	type Clover struct{ EClover, EPlaq, Q float64 }
//	func CloverObservables(g *gauge.Field, ws *gauge.Workspace, f *[6]*layout.Field[float64]) (Clover, error)
package measure
