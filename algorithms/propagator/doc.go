// Package propagator computes Wilson and Wilson-clover quark propagators
// from point and wall sources (12 spin-colour columns, even-odd
// preconditioned solves), meson two-point functions along any direction,
// and the stochastic chiral condensate.
//
// # Conventions
//
// M = A - kappa H as in package dirac (A = 1 for Wilson); the propagator
// is S = M^{-1}: column (s, c) is the solution of M x = b with b the unit
// source of spin s and colour c at the source site (point) or on every
// site of the source slice (wall). Column index a = 3*s + c.
//
// Meson correlators along direction d, with t the distance from the
// source slice (0 .. L_d - 1, periodic):
//
//	C_Gamma(t) = sum_{x: x_d = t0 + t} Re Tr[ Gamma S(x) Gamma gamma5 S(x)^dag gamma5 ]
//
// using S(0|x) = gamma5 S(x|0)^dag gamma5. For Gamma = gamma5 (the pion)
// this is sum_x sum_ab |S_ab(x)|^2, the quantity goqcd propagator prints;
// it is positive. Sums are exact (layout.ExactSum), so correlators are the
// same bit for bit on every process grid and W.
//
// The chiral condensate of one flavour is <psi-bar psi> = (1/V) Tr D^{-1}
// with D = M / (2 kappa), estimated with Z2 x Z2 noise (Condensate).
package propagator
