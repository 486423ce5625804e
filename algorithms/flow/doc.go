// Package flow integrates the Wilson (gradient) flow of SU(N) gauge fields
// and measures along it: E(t) (clover and plaquette), t^2 E(t), Q(t), and
// the scales t0 and w0.
//
// # Flow equation
//
// Luscher, JHEP 1008:071 (2010), section 1 and appendix C:
//
//	dV_mu(x,t)/dt = Z_mu(x) V_mu(x,t),   V(0) = U,
//	Z_mu(x) = -g0^2 d_{x,mu} S_w(V) = -T(V_mu(x) A_mu(x)),
//
// with S_w = (1/g0^2) sum over oriented plaquettes of Re Tr(1 - U_p) (the
// gauge package's Wilson action, beta = 2N/g0^2), A_mu(x) the staple sum of
// gauge.Staple (so that Re Tr(V_mu A_mu) is the sum of the six plaquettes
// through the link) and T(M) = (M - M^dag)/2 - Tr(M - M^dag)/(2N), the
// traceless anti-Hermitian projection (sun TracelessAntiHermitian). With
// this sign and factor the flow lowers the action, and a weak abelian field
// obeys the lattice heat equation d theta/dt = Laplacian theta with unit
// coefficient (tested: a plane wave's E decays as exp(-2 phat^2 t)).
//
// # Integrators
//
// Step is Luscher's third-order Runge-Kutta step (appendix C), with
// Z_i = eps Z(W_i):
//
//	W1 = exp(Z0/4) W0,  W2 = exp(8/9 Z1 - 17/36 Z0) W1,
//	V  = exp(3/4 Z2 - 8/9 Z1 + 17/36 Z0) W2,
//
// stored as one exponent accumulator per link (2N-storage form). The
// exponential is sun.Exp3 (closed form, Cayley-Hamilton) for SU(3) and
// sun.ExpAntiHermitian (scaled Taylor series) for other N. The local error
// is O(eps^4), the error at fixed t O(eps^3) (tested: halving eps shrinks
// the difference of successive results by about 8).
//
// AdaptiveStep adds step-size control with the embedded second-order
// solution of the same stages, Vlow = exp(2 Z1 - Z0) W0 (the Runge-Kutta
// pair with nodes 0, 1/4 and low-order weights (-1, 2); Fritzsch and
// Ramos, JHEP 1310:008). The distance
//
//	d = max over links x, mu and elements i, j of |V - Vlow|_ij
//
// (a max reduction over the ranks) estimates the local error of the
// second-order solution, O(eps^3). A step is accepted when d <= tol,
// otherwise redone from W0; the next step size (or the retry) is
// eps * clamp(0.95 (tol/d)^(1/3), 0.2, 2). The accepted third-order field
// is usually more accurate than tol per step (tested against a fine
// fixed-step flow: at t = 2, tol = 1e-4 gives link differences near 1e-5).
//
// # Measurements and scales
//
// Run flows to Options.TMax with fixed steps or adaptively and records a
// Point {T, EClover, EPlaq, Q} at t = 0 and after steps
// (measure.CloverObservables: one clover field strength per point). T0
// finds where t^2 E(t) reaches 0.3 (Luscher 2010) by quadratic
// interpolation through the three points nearest the crossing; W0 finds
// w0 with t d/dt [t^2 E(t)] = 0.3 at t = w0^2 (BMW, JHEP 1209:010), the
// derivative taken by the three-point formula on possibly uneven points.
// Both take the density (Clover or Plaquette).
//
// # Reproducibility and collective calls
//
// Per-link arithmetic does not depend on the process grid, W or the thread
// count, and the observables are summed exactly, so flows and their
// measurements are identical bit for bit on every decomposition (tested).
// Every rank must call New, Step, AdaptiveStep and Run in the same order;
// T0 and W0 are local.
//
// # Aliasing and ownership
//
// A Flower changes its gauge field in place and keeps its temporaries
// (five matrix fields: an exponent per direction and a staple; two more
// gauge-field copies once AdaptiveStep is used). The workspace must be gauge.NewWorkspace of the
// field's layout and group; it may be shared with other calls between
// steps, not during them.
//
// # Files
//
//	doc.go       this overview
//	flower.go    Flower, New, Step (the Runge-Kutta stages)
//	adaptive.go  AdaptiveStep and its step-size control
//	kernels.go   per-site force, exponential update and distance loops
//	matrix.go    per-site load/store of matrix fields
//	run.go       Point, Options, Run
//	scale.go     T0, W0, Density
//
// # Exported API
//
//	type Flower struct{ T float64; ... }
//	func New(g *gauge.Field, ws *gauge.Workspace) (*Flower, error)
//	func (f *Flower) Field() *gauge.Field
//	func (f *Flower) Step(eps float64) error
//	func (f *Flower) AdaptiveStep(eps, tol float64) (taken, next float64, err error)
//	type Point struct{ T, EClover, EPlaq, Q float64 }
//	func (p Point) T2E() float64
//	func (p Point) T2EPlaq() float64
//	type Options struct{ Eps, TMax, Tol float64; Every int }
//	func Run(g *gauge.Field, ws *gauge.Workspace, opt Options, hook func(Point) error) ([]Point, error)
//	type Density int; const Clover, Plaquette
//	const T0Reference, W0Reference = 0.3, 0.3
//	func T0(points []Point, d Density, ref float64) (float64, error)
//	func W0(points []Point, d Density, ref float64) (float64, error)
package flow
