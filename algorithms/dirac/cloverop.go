package dirac

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// Clover is the Wilson-clover operator M = A - kappa H on full spinor
// fields, A = 1 + c_SW kappa (i/2) sum_mu,nu sigma_mu,nu F_mu,nu (see
// doc.go). It holds scratch space: one Clover serves one application at a
// time.
type Clover[F layout.Float] struct {
	c   *core[F]
	csw float64
}

// NewClover builds the clover operator of an SU(3) gauge field in
// precision F: links, clover term and its inverse (6x6 blocks inverted in
// float64) and the log determinants. Collective.
func NewClover[F layout.Float](u *gauge.Field, p Params) (*Clover[F], error) {
	c, err := newCore[F](u, p)
	if err != nil {
		return nil, err
	}
	if c.clov, err = newCloverTerm[F](u, p.Kappa, p.CSW); err != nil {
		return nil, err
	}
	return &Clover[F]{c: c, csw: p.CSW}, nil
}

// SetGauge makes m the clover operator of the gauge field u, which must
// live on m's layout, with the same parameters, reusing m's links memory
// and tables (see Wilson.SetGauge). When the clover term of u cannot be
// built, m is left as it was. Collective.
func (m *Clover[F]) SetGauge(u *gauge.Field) error {
	if u.L != m.c.l {
		return fmt.Errorf("dirac: SetGauge with a gauge field on another layout (make a new operator for it)")
	}
	clov, err := newCloverTerm[F](u, m.c.kappa, m.csw)
	if err != nil {
		return err
	}
	if err := m.c.setGauge(u); err != nil {
		return err
	}
	m.c.clov = clov
	return nil
}

// Apply sets dst = M src on full spinor fields. dst and src must be
// distinct. Collective.
func (m *Clover[F]) Apply(dst, src *layout.Field[F]) error { return m.c.apply(dst, src) }

// ApplyDag sets dst = M^dag src = gamma5 M gamma5 src (A is Hermitian and
// commutes with gamma5). dst and src must be distinct. Collective.
func (m *Clover[F]) ApplyDag(dst, src *layout.Field[F]) error { return m.c.applyDag(dst, src) }

// Hop applies the hopping term alone, as Wilson.Hop. Collective.
func (m *Clover[F]) Hop(dst, src *layout.Field[F]) error { return m.c.hopField(dst, src) }

// ApplyClover sets dst = A src on spinor fields of one subset (full, even
// or odd). dst may be src. Not collective.
func (m *Clover[F]) ApplyClover(dst, src *layout.Field[F]) error {
	return m.c.cloverField(dst, src, m.c.clov.a)
}

// ApplyCloverInv sets dst = A^-1 src on spinor fields of one subset. dst
// may be src. Not collective.
func (m *Clover[F]) ApplyCloverInv(dst, src *layout.Field[F]) error {
	return m.c.cloverField(dst, src, m.c.clov.inv)
}

// LogDet is log det A restricted to the sites of subset s (Even, Odd or
// Full), summed over all ranks, computed in float64 when the operator was
// built. It fails when some 6x6 block has a non-positive determinant.
func (m *Clover[F]) LogDet(s layout.Subset) (float64, error) {
	cl := m.c.clov
	switch s {
	case layout.Even, layout.Odd:
		p := int(s) - int(layout.Even)
		return cl.logDet[p], cl.detErr[p]
	}
	if cl.detErr[0] != nil {
		return 0, cl.detErr[0]
	}
	return cl.logDet[0] + cl.logDet[1], cl.detErr[1]
}

// NewField returns a zero full spinor field.
func (m *Clover[F]) NewField() *layout.Field[F] { return NewSpinor[F](m.c.l, layout.Full) }

// Flops is the number of floating-point operations of one Apply, summed
// over all ranks: (1320 + 504 + 48) per site (hopping term, clover blocks,
// A src - kappa H src).
func (m *Clover[F]) Flops() float64 {
	return float64(m.c.l.GlobalVolume) * (kernels.WilsonHopFlops + kernels.CloverApplyFlops + 48)
}

// Kappa is the hopping parameter.
func (m *Clover[F]) Kappa() float64 { return m.c.kappa }

// Links are the double-stored links the operator uses.
func (m *Clover[F]) Links() *Links[F] { return m.c.links }

// Layout is the lattice the operator acts on.
func (m *Clover[F]) Layout() *layout.Layout { return m.c.l }

// Schur returns the even-odd preconditioned operator of m.
func (m *Clover[F]) Schur() *Schur[F] { return &Schur[F]{c: m.c} }

// cloverField applies packed blocks (A or A^-1) to a field of one subset.
func (c *core[F]) cloverField(dst, src *layout.Field[F], blocks []F) error {
	if src == nil || dst == nil {
		return fmt.Errorf("dirac: clover: nil field")
	}
	if err := checkSpinor(c.l, src, src.Subset, "source"); err != nil {
		return err
	}
	if err := checkSpinor(c.l, dst, src.Subset, "destination"); err != nil {
		return err
	}
	c.clov.mul(dst.Data, src.Data, subsetBlocks(blocks, src.Subset))
	return nil
}
