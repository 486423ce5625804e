// Package staggered is the naive (unimproved) staggered Dirac operator for
// SU(3), its even-odd normal operator, the Nf = 4 pseudofermion monomial
// for HMC and the chiral condensate.
//
// # Conventions
//
// Colour-vector fields are layout fields of NC = 3 complex components. The
// staggered phases are eta_x = 1, eta_y = (-1)^x, eta_z = (-1)^(x+y),
// eta_t = (-1)^(x+y+z) (global coordinates), and
//
//	D chi(x) = 1/2 sum_mu eta_mu(x) [ U_mu(x) chi(x+mu) - U_mu(x-mu)^dag chi(x-mu) ],
//	M = m + D,
//
// with boundary phases per direction (fermions antiperiodic in time by
// default) folded into the links of the last slice. D is anti-Hermitian and
// connects opposite parities, so M^dag M = m^2 - D^2 is parity diagonal;
// (M^dag M)_ee = m^2 - D_eo D_oe is the Hermitian positive operator of the
// even-site solves. One pseudofermion on even sites gives det (M^dag M)_ee =
// |det M|: four tastes (Nf = 4) in four dimensions.
//
// Flops: the hopping term D costs 570 flop per output site (8 SU(3) x
// colour-vector products of 66 flop, 7 colour-vector additions of 6 and the
// factor 1/2 folded into the links), the convention of MILC and Grid.
//
// # Files
//
//	operator.go  Operator: links with phases, the hopping term, M, M^dag,
//	             the even-odd normal operator
//	monomial.go  Nf = 4 pseudofermion action and force for HMC
//	condensate.go stochastic chiral condensate
package staggered
