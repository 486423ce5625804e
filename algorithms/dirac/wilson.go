package dirac

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// Wilson is the Wilson operator M = 1 - kappa H on full spinor fields
// (see doc.go for H and the conventions). It holds scratch space: one
// Wilson serves one application at a time.
type Wilson[F layout.Float] struct {
	c *core[F]
}

// NewWilson builds the Wilson operator of an SU(3) gauge field in
// precision F (the links are converted once). Collective.
func NewWilson[F layout.Float](u *gauge.Field, p Params) (*Wilson[F], error) {
	c, err := newCore[F](u, p)
	if err != nil {
		return nil, err
	}
	return &Wilson[F]{c: c}, nil
}

// SetGauge makes w the Wilson operator of the gauge field u, which must
// live on w's layout, with the same kappa and boundary conditions. It
// reuses w's memory and derived tables, so HMC, which needs the operator
// of a new field at every force, pays only for converting the links.
// Collective.
func (w *Wilson[F]) SetGauge(u *gauge.Field) error { return w.c.setGauge(u) }

// WithKappa returns the Wilson operator of w's links at another hopping
// parameter, without building them again: it shares w's links, tables and
// scratch fields, so the two must not be applied at the same time, and a
// SetGauge on either moves both (Hasenbusch monomials use two kappas on
// one gauge field).
func (w *Wilson[F]) WithKappa(kappa float64) (*Wilson[F], error) {
	if err := (Params{Kappa: kappa}).check(); err != nil {
		return nil, err
	}
	c := *w.c
	c.kappa = kappa
	return &Wilson[F]{c: &c}, nil
}

// Apply sets dst = M src on full spinor fields. dst and src must be
// distinct. Collective.
func (w *Wilson[F]) Apply(dst, src *layout.Field[F]) error { return w.c.apply(dst, src) }

// ApplyDag sets dst = M^dag src = gamma5 M gamma5 src. dst and src must be
// distinct. Collective.
func (w *Wilson[F]) ApplyDag(dst, src *layout.Field[F]) error { return w.c.applyDag(dst, src) }

// Hop applies the hopping term alone: H on full fields (dst = H src),
// D_eo from an odd to an even field, D_oe from an even to an odd field.
// dst and src must be distinct. Collective.
func (w *Wilson[F]) Hop(dst, src *layout.Field[F]) error { return w.c.hopField(dst, src) }

// NewField returns a zero full spinor field.
func (w *Wilson[F]) NewField() *layout.Field[F] { return NewSpinor[F](w.c.l, layout.Full) }

// Flops is the number of floating-point operations of one Apply, summed
// over all ranks: (1320 + 48) per site (hopping term, then src - kappa H).
func (w *Wilson[F]) Flops() float64 {
	return float64(w.c.l.GlobalVolume) * (kernels.WilsonHopFlops + 48)
}

// Kappa is the hopping parameter.
func (w *Wilson[F]) Kappa() float64 { return w.c.kappa }

// Links are the double-stored links the operator uses.
func (w *Wilson[F]) Links() *Links[F] { return w.c.links }

// Layout is the lattice the operator acts on.
func (w *Wilson[F]) Layout() *layout.Layout { return w.c.l }

// Schur returns the even-odd preconditioned operator of w.
func (w *Wilson[F]) Schur() *Schur[F] { return &Schur[F]{c: w.c} }
