package solver

import "github.com/goqcd/goqcd/layout"

// HermitianOperator is a Hermitian linear map A = A^dagger on fields of one
// shape and precision. CG and MultiShiftCG need it to be positive definite
// as well; they only ever call Apply.
type HermitianOperator[F layout.Float] interface {
	// Apply sets dst = A src. dst and src do not alias. Collective.
	Apply(dst, src *layout.Field[F]) error
	// NewField returns a zero field of the shape A acts on.
	NewField() *layout.Field[F]
}

// Operator is a general (non-Hermitian) linear map with its adjoint.
// Every Operator is also a HermitianOperator as far as Go's types go; only
// pass it to CG when it really is Hermitian positive definite.
type Operator[F layout.Float] interface {
	// Apply sets dst = A src. dst and src do not alias. Collective.
	Apply(dst, src *layout.Field[F]) error
	// ApplyDag sets dst = A^dagger src. dst and src do not alias. Collective.
	ApplyDag(dst, src *layout.Field[F]) error
	// NewField returns a zero field of the shape A acts on.
	NewField() *layout.Field[F]
}

// FlopCounter is implemented by operators that know their cost: the
// floating-point operations of one Apply (or ApplyDag) on this rank's
// sites. Solvers use it for Result.Flops; without it the operator counts
// zero and only the linear algebra is counted.
type FlopCounter interface {
	Flops() float64
}

// linear is what the solvers' internals use of an operator; both
// HermitianOperator and Operator satisfy it.
type linear[F layout.Float] interface {
	Apply(dst, src *layout.Field[F]) error
	NewField() *layout.Field[F]
}

// opFlops is the cost of one application of op, or 0 when it does not say.
func opFlops(op any) float64 {
	if fc, ok := op.(FlopCounter); ok {
		return fc.Flops()
	}
	return 0
}

// Normal returns the Hermitian positive (semi-)definite operator A^dagger A
// of op (positive definite when op is invertible), e.g. for CG or
// MultiShiftCG on M^dagger M in RHMC. It holds one temporary field, so one
// Normal value must not be applied by two goroutines at once. It reports
// twice op's flops when op is a FlopCounter.
func Normal[F layout.Float](op Operator[F]) HermitianOperator[F] {
	return &normal[F]{op: op}
}

type normal[F layout.Float] struct {
	op  Operator[F]
	tmp *layout.Field[F]
}

func (n *normal[F]) Apply(dst, src *layout.Field[F]) error {
	if n.tmp == nil {
		n.tmp = n.op.NewField()
	}
	if err := n.op.Apply(n.tmp, src); err != nil {
		return err
	}
	return n.op.ApplyDag(dst, n.tmp)
}

func (n *normal[F]) NewField() *layout.Field[F] { return n.op.NewField() }

func (n *normal[F]) Flops() float64 { return 2 * opFlops(n.op) }
