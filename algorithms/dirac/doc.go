// Package dirac holds the Wilson and Wilson-clover Dirac operators on the
// tiled layout, their even-odd (Schur complement) forms, and the
// conventions every fermion code of goqcd uses.
//
// # Gamma matrices
//
// Euclidean, Hermitian, {gamma_mu, gamma_nu} = 2 delta_mu,nu, in the chiral
// DeGrand-Rossi basis (the "chiral" basis of Chroma, Grid and QUDA), mu =
// 0, 1, 2, 3 = x, y, z, t:
//
//	gamma_x = [ 0  0  0  i ]   gamma_y = [ 0  0  0 -1 ]
//	          [ 0  0  i  0 ]             [ 0  0  1  0 ]
//	          [ 0 -i  0  0 ]             [ 0  1  0  0 ]
//	          [-i  0  0  0 ]             [-1  0  0  0 ]
//
//	gamma_z = [ 0  0  i  0 ]   gamma_t = [ 0  0  1  0 ]
//	          [ 0  0  0 -i ]             [ 0  0  0  1 ]
//	          [-i  0  0  0 ]             [ 1  0  0  0 ]
//	          [ 0  i  0  0 ]             [ 0  1  0  0 ]
//
//	gamma5 = gamma_x gamma_y gamma_z gamma_t = diag(1, 1, -1, -1)
//	sigma_mu,nu = (i/2) [gamma_mu, gamma_nu]   (block diagonal: spins {0,1}, {2,3})
//
// # Fields
//
// A spinor field is a layout.Field[F] with NC = 12 complex components per
// site, c = spin*3 + colour (layout's Data[((tile*12 + c)*2 + reim)*W +
// lane]); even-odd operators act on fields of subset Even.
//
// # Wilson operator
//
//	H psi(x) = sum_mu [ (1 - gamma_mu) U_mu(x) psi(x+mu)
//	                  + (1 + gamma_mu) U_mu(x-mu)^dag psi(x-mu) ]
//	M = 1 - kappa H,  kappa = 1/(2(m0 + 4))
//	D = (4 + m0) - H/2 = M / (2 kappa)      (the operator in lattice units)
//	M^dag = gamma5 M gamma5
//
// # Clover term
//
//	M = A - kappa H
//	A = 1 + c_SW kappa (i/2) sum_mu,nu sigma_mu,nu F_mu,nu
//	  = 1 + c_SW kappa i sum_{mu<nu} sigma_mu,nu F_mu,nu
//	F_mu,nu = (1/8)(Q_mu,nu - Q_mu,nu^dag) - (trace)/3
//
// with Q_mu,nu(x) the sum of the four plaquettes in the mu-nu plane that
// start and end at x, each oriented mu first then nu (see cloverLeaves).
// F is anti-Hermitian and traceless, F -> a^2 F_mu,nu^continuum with
// U = exp(a A), A anti-Hermitian. This is the sign and normalisation of
// Luescher, Sint, Sommer, Weisz (Nucl. Phys. B478 (1996) 365) and openQCD:
// D = (4 + m0) + c_SW (i/4) sigma F - H/2, times 2 kappa. For a constant
// abelian field with every mu-nu plaquette exp(i B T), A = 1 - c_SW kappa
// sin(B) sigma_mu,nu T (TestCloverConstantField). In the chiral basis A is
// two Hermitian 6x6 blocks per site (spins {0,1} and {2,3}, index
// 3*spin' + colour), stored packed (kernels.CloverPacked) in float64 ->
// F, with their inverses (6x6 Gauss-Jordan with pivoting in float64) and
// log det A per parity.
//
// # Boundary conditions
//
// Per direction, psi(x + L mu^) = exp(i theta_mu) psi(x): periodic
// (theta = 0), antiperiodic (pi, exactly -1) or twisted. The phase
// multiplies the hops across the global boundary; it is folded into the
// stored links: U_mu(x) of the last slice times exp(i theta) and the
// backward link U_mu(x-mu)^dag of the first slice times exp(-i theta).
// Plane waves exp(i p x) with p_mu = (2 pi n + theta_mu)/L_mu are the free
// eigenvectors. StandardBC is antiperiodic in time, periodic in space.
//
// # Even-odd preconditioning
//
// With D_eo the hopping term from odd to even sites and D_oe from even to
// odd, M = [[A_ee, -kappa D_eo], [-kappa D_oe, A_oo]] and
//
//	Mhat = A_ee - kappa^2 D_eo A_oo^-1 D_oe   (on even sites; A = 1 for Wilson)
//	bhat = b_e + kappa D_eo A_oo^-1 b_o        (SchurSource)
//	x_o  = A_oo^-1 (b_o + kappa D_oe x_e)       (Reconstruct)
//
// so that Mhat x_e = bhat and Reconstruct give the solution of M x = b.
// Mhat^dag = gamma5 Mhat gamma5.
//
// # Flop counts (per Apply, global)
//
//	hopping term H          1320 per site (DESIGN.md convention)
//	Wilson M                1320 + 48 per site
//	Clover M                1320 + 504 + 48 per site
//	Wilson Schur Mhat       1356 per global site (two half-lattice H, axpys)
//	Clover Schur Mhat       1860 per global site (plus A_ee and A_oo^-1)
//
// # Links
//
// Links[F] holds, per site and hop direction d, the matrix that multiplies
// the neighbour of hop d: U_mu(x) for d = 2mu and U_mu(x-mu)^dag for d =
// 2mu+1 (double storage: the backward hop needs no link halo), boundary
// phases folded in, ordered Data[(((tile*8 + d)*9 + 3i + j)*2 + reim)*W +
// lane], even tiles first. Built once per gauge field (one Shift per
// direction); rebuild the operator when the gauge field changes.
//
// # Communication
//
// An application of the hopping term posts the non-blocking receives (tag
// 64 + 8*parity + d), packs, for every split direction, the spin-projected
// half-spinors (6 complex numbers per site) of the faces the neighbour
// ranks need (kernels.WilsonProjectFace) and posts their sends (receives
// first, so that a send finds its receive posted and is copied once),
// computes the tiles whose eight hops are on the rank (lanes permuted
// where a hop crosses a tile boundary), waits, then computes the boundary tiles with
// the halo lanes taken from the receive buffers. Unlike openQCD, the
// sender of the backward hop does not multiply by U^dag: the receiver
// holds that link (double storage), so a boundary tile is one SU(3)
// multiplication over all W lanes whichever lanes come from the halo,
// which is what a SIMD kernel wants; the flops are the same. A parity
// exchange carries only the half-spinors of the sites of that parity.
//
// # Reproducibility, aliasing, concurrency
//
// Every code path (W = 1, W > 1, interior, halo) runs the same site
// arithmetic, so results are identical, bit for bit, for every process
// grid, W and thread count on amd64 (TestDecompositionIndependence); log
// det A is an exact sum. Apply, ApplyDag, Hop, SchurSource and Reconstruct
// are collective (halo exchange) and need destination fields distinct from
// their sources; ApplyClover and ApplyCloverInv are local and may work in
// place. An operator owns scratch fields and halo buffers: use it from one
// goroutine at a time (its Schur operator shares them).
//
// # Files
//
//	doc.go          this overview
//	gamma.go        Spin, Gamma, Gamma5, Sigma
//	boundary.go     Boundary, Periodic, Antiperiodic, Twisted, StandardBC
//	links.go        Links, NewLinks, Rebuild: double-stored links with boundary phases
//	tables.go       neighbour, crossing and halo-row tables per parity
//	hopping.go      the overlapped halo exchange and hopping kernels
//	operator.go     Params, KappaFromMass, MassFromKappa; the shared core
//	spinor.go       SpinorNC, NewSpinor, ApplyGamma5
//	wilson.go       Wilson: NewWilson, SetGauge, WithKappa, Apply, ApplyDag, Hop, Schur, Flops
//	fieldstrength.go clover leaves and the field strength F
//	clover.go       the clover term: packed blocks, inverse, log det
//	invert6.go      6x6 complex inversion with determinant
//	cloverop.go     Clover: NewClover, SetGauge, Apply, ApplyDag, Hop, ApplyClover,
//	                ApplyCloverInv, LogDet, Schur, Flops
//	schur.go        Schur: Apply, ApplyDag, SchurSource, Reconstruct, Flops
//
// # Exported API
//
//	type Spin [4][4]complex128; func (a *Spin) Mul(b *Spin) Spin
//	var Gamma [4]Spin; var Gamma5 Spin; func Sigma(mu, nu int) Spin
//	type Boundary struct{ Theta float64 }; func (Boundary) Phase() complex128
//	var Periodic, Antiperiodic Boundary; func Twisted(theta float64) Boundary
//	var StandardBC [4]Boundary
//	type Params struct{ Kappa, CSW float64; BC [4]Boundary }
//	func KappaFromMass(m0 float64) float64; func MassFromKappa(kappa float64) float64
//	const SpinorNC = 12
//	func NewSpinor[F](l *layout.Layout, s layout.Subset) *layout.Field[F]
//	func ApplyGamma5[F](dst, src *layout.Field[F]) error
//	type Links[F]; func NewLinks[F](u *gauge.Field, bc [4]Boundary) (*Links[F], error)
//	func (*Links[F]) At(tile, d, e, lane int) complex128; func (*Links[F]) Rebuild(u *gauge.Field) error
//	type Wilson[F]; func NewWilson[F](u *gauge.Field, p Params) (*Wilson[F], error)
//	type Clover[F]; func NewClover[F](u *gauge.Field, p Params) (*Clover[F], error)
//	  (both) SetGauge(u *gauge.Field) error (the operator of a new field, in place);
//	  Apply, ApplyDag(dst, src *layout.Field[F]) error; Hop(dst, src) error;
//	  NewField() *layout.Field[F]; Flops() float64; Kappa() float64;
//	  Links() *Links[F]; Layout() *layout.Layout; Schur() *Schur[F]
//	  (Wilson) WithKappa(kappa float64) (*Wilson[F], error): the same links at another kappa
//	  (Clover) ApplyClover, ApplyCloverInv(dst, src) error; LogDet(layout.Subset) (float64, error)
//	type Schur[F]; Apply, ApplyDag(dst, src) error; NewField(); Flops();
//	  SchurSource(bhat, b) error; Reconstruct(x, xe, b) error
package dirac
