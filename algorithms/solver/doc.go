// Package solver holds Krylov solvers for the Dirac equation, independent
// of any particular operator: CG, CGNE and CGNR on the normal equations,
// BiCGStab, multishift CG for rational approximations (RHMC), and mixed
// float32/float64 CG and BiCGStab.
//
// # Conventions
//
// An operator is anything with Apply (dst = A src), NewField and, for a
// non-Hermitian one, ApplyDag (Operator); precision is the type parameter
// F of layout.Field[F]. Every solver takes x (the initial guess on entry,
// the solution on return; MultiShiftCG ignores it) and the source b, and
// stops when the relative residual
//
//	|b - A x| / |b|     (|v|^2 = layout.Norm2(v), summed over every rank)
//
// meets Params.Tol. The residual the iteration carries drifts from the
// true one in finite precision, so when the iterated residual meets Tol the
// solver recomputes b - A x and restarts from it if it misses. Result.Residual
// is always this recomputed true residual. CGNE and CGNR stop on the
// residual of the original system, not of the normal equations, and report
// the normal-equation residual |A^dag (b - A x)| / |A^dag b| as well. A
// zero source gives x = 0 at once.
//
// One iteration is one Apply for CG, MultiShiftCG and the float32 steps of
// MixedCG; one Apply and one ApplyDag for CGNE and CGNR; two Applies for
// BiCGStab and MixedBiCGStab. MaxIter bounds these; when it is reached
// without meeting Tol, the error wraps ErrNotConverged and names the
// solver, the iterations, the residual reached and the one requested.
// Breakdowns that restarting cannot cure wrap ErrBreakdown.
//
// All inner products use layout.Dot and layout.Norm2, which add exactly:
// every scalar of the iteration, hence every decision (convergence,
// restarts, reliable updates), is identical on every rank, process grid, W
// and thread count, and so are the iterates (tested on 1, 2 and 4 ranks,
// W = 1, 2, 4). The update of CG, CGNR, CGNE and MixedCG's float32 steps,
// x += alpha p, r -= alpha q and the new |r|^2, is one pass over the four
// fields (layout.CGUpdate, with assembly on amd64), with the bits of the
// separate axpys and norm.
//
// # Collective calls and aliasing
//
// Every solver and every operator application is collective: all ranks
// call them with the same parameters, in the same order. x, b and the
// fields of MultiShiftCG must be distinct fields (no aliasing); operators
// must not alias dst and src. The solvers allocate their temporaries with
// NewField on each call. Params.Verbose is written by every rank that is
// given one; pass nil on all but rank 0.
//
// # Precision
//
// The float32 solvers run entirely in float32 (scalars and reductions in
// float64) and stall at a relative residual around 1e-7 to 1e-6. MixedCG
// (reliable updates) and MixedBiCGStab (defect correction, falling back to
// float64 BiCGStab if a float32 cycle fails) iterate in float32 and
// correct in float64, reaching any float64 tolerance; they take the
// operator in both precisions on one layout and convert with
// layout.Convert.
//
// # Files
//
//	doc.go         this overview
//	operator.go    HermitianOperator, Operator, FlopCounter, Normal
//	params.go      Params, Result, ErrNotConverged, ErrBreakdown
//	run.go         bookkeeping of a solve (counts, timing, log) and counted linear algebra
//	fused.go       fused update-and-norm loops over Field.Data (to move into kernels)
//	cg.go          CG
//	cgnormal.go    CGNR (CGLS form), CGNE (Craig)
//	bicgstab.go    BiCGStab with breakdown restarts
//	multishift.go  Shift, MultiShiftCG (Jegerlehner)
//	mixed.go       MixedCG (reliable updates), MixedBiCGStab (defect correction)
//
// # Exported API
//
//	type HermitianOperator[F] interface{ Apply(dst, src *layout.Field[F]) error; NewField() *layout.Field[F] }
//	type Operator[F] interface{ Apply; ApplyDag(dst, src *layout.Field[F]) error; NewField }
//	type FlopCounter interface{ Flops() float64 }
//	func Normal[F](op Operator[F]) HermitianOperator[F]
//	type Params struct{ Tol float64; MaxIter int; Delta float64; Verbose io.Writer; LogEvery int; History bool }
//	type Result struct{ Iterations int; Residual, NormalResidual float64; Converged bool; Restarts, Applies int; Seconds, Flops float64; History []float64 }
//	var ErrNotConverged, ErrBreakdown error
//	func CG[F](op HermitianOperator[F], x, b *layout.Field[F], p Params) (Result, error)
//	func CGNR[F](op Operator[F], x, b *layout.Field[F], p Params) (Result, error)
//	func CGNE[F](op Operator[F], x, b *layout.Field[F], p Params) (Result, error)
//	func BiCGStab[F](op Operator[F], x, b *layout.Field[F], p Params) (Result, error)
//	type Shift struct{ Sigma, Tol float64 }
//	func MultiShiftCG[F](op HermitianOperator[F], shifts []Shift, xs []*layout.Field[F], b *layout.Field[F], p Params) ([]Result, error)
//	func MixedCG(op64 HermitianOperator[float64], op32 HermitianOperator[float32], x, b *layout.Field[float64], p Params) (Result, error)
//	func MixedBiCGStab(op64 Operator[float64], op32 Operator[float32], x, b *layout.Field[float64], p Params) (Result, error)
//
// # Tests
//
// The tests build their operators in testop_test.go: 12-component fields
// (spin x colour) with a dense 12x12 site term and eight 12x12 hopping
// matrices applied through layout.Shift (so halos are exchanged): a
// Hermitian positive definite m + S(x) + covariant Laplacian, and a
// Wilson-like 1 - kappa sum_mu [(1 - gamma_mu) U T_+mu + (1 + gamma_mu)
// U^dag T_-mu] with random SU(3)-like links, each on the full lattice and
// as an even-site Schur complement, with condition numbers from about 50
// to 200 (TestConditionNumbers).
package solver
