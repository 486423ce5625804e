// Package sun holds SU(N) matrix algebra for the gauge code: 3x3 matrices
// (M3) specialised and unrolled for SU(3), real quaternions (SU2) for SU(2)
// and for the SU(2) subgroups of Cabibbo-Marinari updates, and N x N
// matrices (Mat) for any N. It imports nothing of goqcd. All arithmetic is
// complex128 / float64.
//
// # Conventions
//
// Storage. M3 is row-major, element (i, j) at index 3*i+j. Mat is row-major,
// element (i, j) at A[N*i+j]. SU2 = [a0, a1, a2, a3] is the quaternion
//
//	a0 1 + i (a1 s1 + a2 s2 + a3 s3) = [  a0 + i a3   a2 + i a1 ]
//	                                   [ -a2 + i a1   a0 - i a3 ]
//
// with s_k the Pauli matrices; det = a0^2+a1^2+a2^2+a3^2 and Re Tr = 2 a0.
//
// Receivers. Methods that produce a matrix write it into the receiver
// (c.Mul(a, b) sets c = a b), as math/big does. The receiver may alias any
// argument, for M3 and for Mat. M3 methods and the functions on M3 and SU2
// never allocate; Mat methods allocate only a temporary when the receiver
// aliases a product's argument, and Mat ops panic on mismatched sizes (a
// programming error in a per-site kernel, as in gonum/mat).
//
// Projections. TracelessAntiHermitian(X) = (X - X^dagger)/2 -
// Tr(X - X^dagger)/(2N) 1. Reunitarize is Gram-Schmidt on the rows in order
// followed by a determinant fix: for SU(3) row 2 = conj(row0 x row1), for
// general N the last row is multiplied by conj(det)/|det|; the two agree for
// N = 3. ProjectSU3MaxTrace / ProjectSUNMaxTrace maximise Re Tr(U V^dagger)
// over SU(N) by sweeps of SU(2) subgroup maximisations (for smearing).
//
// SU(2) subgroups. Subgroup (i, j), i < j, embeds u as E(u) = identity
// except E_ii = u00, E_ij = u01, E_ji = u10, E_jj = u11; SubgroupPairs(N)
// lists them in the order (0,1), (0,2), ..., (1,2), .... ExtractSU2(i, j)
// returns the quaternion part k of the (i, j) block (its orthogonal
// projection in Re Tr(A^dagger B)), so Re Tr(E(u) m) = Re Tr(u k) + const.
//
// Heatbath. HeatbathSU2(alpha, src) draws x with density exp(alpha x0) in
// the Haar measure (P(x0) ~ sqrt(1-x0^2) exp(alpha x0)); for the Wilson
// weight exp((beta/N) Re Tr(U S)) use alpha = 2 beta |k| / N and
// a = x k^dagger / |k|, see its documentation. OverrelaxSU2(k) returns
// (k^dagger/|k|)^2.
//
// Lie algebra. Generators T^a of su(N), a = 0 .. N^2-2, are Hermitian,
// traceless, Tr(T^a T^b) = delta_ab / 2: the generalised Gell-Mann matrices
// over 2, ordered so that N = 2 gives s1/2, s2/2, s3/2 and N = 3 gives
// lambda_1/2 .. lambda_8/2 (see algebra.go for the general order). An
// algebra element is X = i sum_a c_a T^a (anti-Hermitian, traceless), so
// c_a = 2 Im Tr(T^a X) and -Tr X^2 = sum_a c_a^2 / 2.
//
// Exponentials. Exp3(X) is the Cayley-Hamilton (Morningstar-Peardon)
// exponential of a traceless anti-Hermitian 3x3 X, exact to round-off:
// errors below 1e-14 max(1, |X|/2), |X| the Frobenius norm, tested from
// |X| = 1e-6 to 10. ExpAntiHermitian is
// Taylor with scaling and squaring for any N.
//
// Random numbers come from a Source (uniform Float64 in [0, 1) and standard
// normal Gaussian), so that a counter-based generator can drive them. The
// draws each function makes are documented with it; RandomSU3 and RandomSU2
// make the same draws as RandomSUN(3) and RandomSUN(2) and return the same
// matrices.
//
// # Files and exported API
//
//	source.go         Source
//	m3.go             M3, Identity3, SetIdentity, Add, Sub, Scale, ScaleReal, AddScaled,
//	                  Dagger, Trace, ReTrace, Det, Norm, Norm2
//	m3_mul.go         Mul (a b), MulDag (a b^+), DagMul (a^+ b), DagDag (a^+ b^+), unrolled
//	m3_project.go     TracelessAntiHermitian, Reunitarize, ProjectSU3, ReconstructThirdRow
//	m3_exp.go         Exp3
//	m3_random.go      RandomSU3
//	maxtrace.go       M3.ProjectSU3MaxTrace, Mat.ProjectSUNMaxTrace
//	su2.go            SU2, SU2Identity, Mul, Dagger, Det, Norm, Normalize, Add, Sub, Scale,
//	                  ReTrace, Matrix, SU2FromMatrix
//	su2_embed.go      SubgroupPairs, SU3Subgroups, ExtractSU2, MulSU2Left, MulSU2Right
//	                  (on M3 and Mat)
//	su2_heatbath.go   HeatbathSU2 (Kennedy-Pendleton / Creutz), RandomSU2, MaxTraceSU2,
//	                  OverrelaxSU2
//	mat.go            Mat, NewMat, IdentityN, Clone, Copy, MatFromM3, M3, MatFromSU2,
//	                  Add, Sub, Scale, Dagger, Trace, ReTrace, Norm
//	mat_mul.go        Mul, MulDag, DagMul, DagDag
//	mat_det.go        Det (LU with partial pivoting)
//	mat_project.go    TracelessAntiHermitian, Reunitarize
//	mat_exp.go        ExpAntiHermitian
//	mat_random.go     RandomSUN (Haar)
//	algebra.go        Generators, AlgebraToMatrix, MatrixToAlgebra, SetAlgebra, AlgebraInto,
//	                  AlgebraToM3, M3ToAlgebra
//
// Nothing here is collective; there is no communication.
package sun
