package dirac

import (
	"fmt"

	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// Schur is the even-odd preconditioned operator on even sites, the Schur
// complement of M = [[A_ee, -kappa D_eo], [-kappa D_oe, A_oo]]:
//
//	Mhat = A_ee - kappa^2 D_eo A_oo^-1 D_oe      (A = 1 for Wilson)
//
// With bhat = SchurSource(b), the solution of Mhat x_e = bhat gives the
// solution of M x = b through Reconstruct. Mhat^dag = gamma5 Mhat gamma5.
// It shares the scratch space of the operator it came from.
type Schur[F layout.Float] struct {
	c *core[F]
}

// Apply sets dst = Mhat src on even spinor fields. dst and src must be
// distinct. Collective.
func (s *Schur[F]) Apply(dst, src *layout.Field[F]) error {
	c := s.c
	if err := checkSpinor(c.l, dst, layout.Even, "destination"); err != nil {
		return err
	}
	if err := checkSpinor(c.l, src, layout.Even, "source"); err != nil {
		return err
	}
	if overlap(dst, src) {
		return fmt.Errorf("dirac: Schur.Apply needs distinct source and destination fields")
	}
	k := c.kappa
	// tmp_o = kappa D_oe src
	if err := c.hopParity(1, c.tmpOdd.Data, nil, src.Data, k); err != nil {
		return err
	}
	x := src.Data
	if c.clov != nil {
		c.clov.mul(c.tmpOdd.Data, c.tmpOdd.Data, parityBlocks(c.clov.inv, 1))
		c.clov.mul(dst.Data, src.Data, parityBlocks(c.clov.a, 0))
		x = dst.Data
	}
	// dst = x - kappa D_eo tmp_o
	return c.hopParity(0, dst.Data, x, c.tmpOdd.Data, -k)
}

// ApplyDag sets dst = Mhat^dag src = gamma5 Mhat gamma5 src on even
// spinor fields. Collective.
func (s *Schur[F]) ApplyDag(dst, src *layout.Field[F]) error {
	c := s.c
	if err := checkSpinor(c.l, src, layout.Even, "source"); err != nil {
		return err
	}
	if err := ApplyGamma5(c.tmpEv, src); err != nil {
		return err
	}
	if err := s.Apply(dst, c.tmpEv); err != nil {
		return err
	}
	return ApplyGamma5(dst, dst)
}

// NewField returns a zero even spinor field.
func (s *Schur[F]) NewField() *layout.Field[F] { return NewSpinor[F](s.c.l, layout.Even) }

// Flops is the number of floating-point operations of one Apply, summed
// over all ranks, per global site (V/2 even sites, two half-lattice
// hopping terms): Wilson (1320 + 24 + 1320 + 48)/2 = 1356, clover
// (1320 + 24 + 504 + 504 + 1320 + 48)/2 = 1860.
func (s *Schur[F]) Flops() float64 {
	perEven := 2*kernels.WilsonHopFlops + 24 + 48
	if s.c.clov != nil {
		perEven += 2 * kernels.CloverApplyFlops
	}
	return float64(s.c.l.GlobalVolume) / 2 * float64(perEven)
}

// SchurSource sets bhat = b_e + kappa D_eo A_oo^-1 b_o from a full source
// b. Collective.
func (s *Schur[F]) SchurSource(bhat, b *layout.Field[F]) error {
	c := s.c
	if err := checkSpinor(c.l, bhat, layout.Even, "Schur source"); err != nil {
		return err
	}
	if err := checkSpinor(c.l, b, layout.Full, "full source"); err != nil {
		return err
	}
	bo := parityData(b, 1)
	if c.clov != nil {
		c.clov.mul(c.tmpOdd.Data, bo, parityBlocks(c.clov.inv, 1))
		bo = c.tmpOdd.Data
	}
	return c.hopParity(0, bhat.Data, parityData(b, 0), bo, c.kappa)
}

// Reconstruct sets the full solution x of M x = b from the even solution
// xe of Mhat xe = SchurSource(b): x_e = xe, x_o = A_oo^-1 (b_o + kappa D_oe
// xe). x must not share storage with xe or b. Collective.
func (s *Schur[F]) Reconstruct(x, xe, b *layout.Field[F]) error {
	c := s.c
	if err := checkSpinor(c.l, x, layout.Full, "solution"); err != nil {
		return err
	}
	if err := checkSpinor(c.l, xe, layout.Even, "even solution"); err != nil {
		return err
	}
	if err := checkSpinor(c.l, b, layout.Full, "full source"); err != nil {
		return err
	}
	if overlap(x, b) {
		return fmt.Errorf("dirac: Reconstruct needs a solution field distinct from the source")
	}
	copy(parityData(x, 0), xe.Data)
	xo := parityData(x, 1)
	if err := c.hopParity(1, xo, parityData(b, 1), xe.Data, c.kappa); err != nil {
		return err
	}
	if c.clov != nil {
		c.clov.mul(xo, xo, parityBlocks(c.clov.inv, 1))
	}
	return nil
}
