// Package hmc is hybrid Monte Carlo for gauge fields with dynamical
// fermions: momenta, monomials (terms of the action, each with its action,
// force and refresh), nested integrators, and the trajectory with its
// Metropolis test. RHMC and self-learning HMC build on the same interfaces.
//
// # Conventions
//
// Momenta P_mu(x) are traceless anti-Hermitian, P = i sum_a c_a T^a with
// Tr(T^a T^b) = delta_ab/2 and the c_a standard normal (the Grid and
// Bridge++ convention); the kinetic energy is K = -sum Tr P^2 =
// sum c_a^2 / 2. The molecular dynamics is
//
//	dU_mu(x)/dt = P_mu(x) U_mu(x),    dP_mu(x)/dt = -F_mu(x),
//
// with the force F of a monomial defined by
// d/dt S(exp(tX) U)|_0 = -2 sum Re Tr(X F) (see Monomial). The links are
// updated with the exact exponential. H = K + sum of the actions is
// conserved up to the integration error.
//
// # Integrators
//
// Leapfrog, Omelyan 2MN (lambda = 0.1931833) and the Omelyan force-gradient
// integrator (with the Yin-Mawhinney displaced-force approximation) on
// nested time scales (Sexton-Weingarten): Integrator.Levels[0] is the
// outermost. Adjacent momentum kicks of consecutive steps are merged.
// Tested: reversibility to 1e-10, |dH| ~ eps^2 (leapfrog, Omelyan) and
// eps^4 (force gradient), <exp(-dH)> = 1, forces equal the numerical
// derivatives of the actions in every algebra direction.
//
// # Reproducibility
//
// Momenta, pseudofermions and the Metropolis number come from one stream
// keyed by global site; actions and kinetic energy are summed exactly. A
// stream of trajectories is the same, bit for bit, on every process grid
// and W (tested for the gauge action).
//
// # Files
//
//	momenta.go      Algebra (momenta, forces), Refresh, Kinetic
//	linkupdate.go   UpdateLinks: U <- exp(eps P) U
//	monomial.go     Monomial
//	gaugeaction.go  WilsonGauge
//	integrator.go   Integrator, Level, Scheme
//	trajectory.go   HMC, Trajectory: one trajectory with Metropolis
//	updater.go      Updater: HMC as a markov.Updater
//
// Every call that takes a gauge field is collective.
package hmc
