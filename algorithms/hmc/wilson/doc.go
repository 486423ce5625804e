// Package wilson holds the pseudofermion monomials of two flavours of
// Wilson fermions for HMC, on the even-odd preconditioned operator of
// package dirac:
//
//	Nf2:   S = phi^dag (Mhat^dag Mhat)^{-1} phi,             det Mhat^dag Mhat
//	Ratio: S = phi^dag Mhat_h (Mhat^dag Mhat)^{-1} Mhat_h^dag phi,
//	       det (Mhat^dag Mhat) / det (Mhat_h^dag Mhat_h)       (Hasenbusch)
//
// with Mhat = 1 - kappa^2 D_eo D_oe the Schur complement on even sites
// (det M = det Mhat for Wilson fermions, up to a constant). Mass
// preconditioning uses Ratio(kappa, kappa_h) together with Nf2(kappa_h),
// kappa_h < kappa, usually on a finer time scale.
//
// # Force
//
// With H the hopping term (package dirac), every variation of these
// actions is a sum of terms c Re(A^dag dH B) for full spinor fields A, B.
// For dU_mu(x) = T U_mu(x) and L = L_{2mu}(x) (the forward link with its
// boundary phase),
//
//	Re(A^dag dH B) = sum_{x,mu} Re Tr_colour[ T ( L K1 - K2 L^dag ) ]
//	K1 = sum_spin ((1 - gamma_mu) B(x+mu)) A(x)^dag
//	K2 = sum_spin B(x) ((1 + gamma_mu) A(x+mu))^dag
//
// and the force (hmc.Monomial convention) is F = -(c/2) TA(L K1 - K2 L^dag).
// The forces are checked against numerical derivatives of the actions
// (hmctest.CheckForce). The clover force is not implemented: these
// monomials take c_SW = 0.
//
// Solves use CG on Mhat^dag Mhat in float64 to the tolerance Tol.
package wilson
