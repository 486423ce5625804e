package dirac

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// Params are the parameters of the Wilson and clover operators.
type Params struct {
	// Kappa is the hopping parameter 1/(2(m0 + 4)).
	Kappa float64
	// CSW is the Sheikholeslami-Wohlert coefficient (clover only).
	CSW float64
	// BC are the fermion boundary conditions per direction (zero value:
	// periodic everywhere; StandardBC is antiperiodic in time).
	BC [layout.Nd]Boundary
}

// KappaFromMass is 1/(2(m0 + 4)).
func KappaFromMass(m0 float64) float64 { return 1 / (2 * (m0 + 4)) }

// MassFromKappa is 1/(2 kappa) - 4.
func MassFromKappa(kappa float64) float64 { return 1/(2*kappa) - 4 }

func (p Params) check() error {
	if !(p.Kappa > 0) || math.IsInf(p.Kappa, 0) {
		return fmt.Errorf("dirac: kappa = %g must be positive (kappa = 1/(2(m0+4)))", p.Kappa)
	}
	if math.IsNaN(p.CSW) || math.IsInf(p.CSW, 0) {
		return fmt.Errorf("dirac: c_SW = %g is not a number", p.CSW)
	}
	return nil
}

// core is what the Wilson and clover operators share: links, hopping
// term, the clover term (nil for Wilson: A = 1) and scratch fields.
type core[F layout.Float] struct {
	l      *layout.Layout
	kappa  float64
	links  *Links[F]
	hop    *hopping[F]
	clov   *cloverTerm[F]
	tmp    *layout.Field[F] // full: gamma5 src in ApplyDag
	tmpOdd *layout.Field[F] // odd: inner vector of the Schur operator
	tmpEv  *layout.Field[F] // even: gamma5 src in the Schur ApplyDag
}

func newCore[F layout.Float](u *gauge.Field, p Params) (*core[F], error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	lk, err := NewLinks[F](u, p.BC)
	if err != nil {
		return nil, err
	}
	h, err := newHopping(lk)
	if err != nil {
		return nil, err
	}
	l := u.L
	return &core[F]{l: l, kappa: p.Kappa, links: lk, hop: h,
		tmp: NewSpinor[F](l, layout.Full), tmpOdd: NewSpinor[F](l, layout.Odd), tmpEv: NewSpinor[F](l, layout.Even)}, nil
}

// setGauge rebuilds the links from u in place (see Links.Rebuild).
func (c *core[F]) setGauge(u *gauge.Field) error {
	if err := c.links.Rebuild(u); err != nil {
		return err
	}
	c.hop.linksChanged()
	return nil
}

// halves splits a full field into its parity halves.
func halves[F layout.Float](f *layout.Field[F]) [2][]F {
	return [2][]F{parityData(f, 0), parityData(f, 1)}
}

// apply sets dst = A src - kappa H src on full fields.
func (c *core[F]) apply(dst, src *layout.Field[F]) error {
	if err := checkSpinor(c.l, dst, layout.Full, "destination"); err != nil {
		return err
	}
	if err := checkSpinor(c.l, src, layout.Full, "source"); err != nil {
		return err
	}
	if overlap(dst, src) {
		return fmt.Errorf("dirac: Apply needs distinct source and destination fields")
	}
	d, s := halves(dst), halves(src)
	x := s
	if c.clov != nil {
		c.clov.mul(dst.Data, src.Data, c.clov.a)
		x = d
	}
	return c.hop.run([]int{0, 1}, &d, &x, &s, F(-c.kappa))
}

// applyDag sets dst = M^dag src = gamma5 M gamma5 src on full fields.
func (c *core[F]) applyDag(dst, src *layout.Field[F]) error {
	if err := checkSpinor(c.l, src, layout.Full, "source"); err != nil {
		return err
	}
	if err := ApplyGamma5(c.tmp, src); err != nil {
		return err
	}
	if err := c.apply(dst, c.tmp); err != nil {
		return err
	}
	return ApplyGamma5(dst, dst)
}

// hopField applies the bare hopping term: H on full fields, D_eo (odd
// source, even destination) or D_oe (even source, odd destination).
func (c *core[F]) hopField(dst, src *layout.Field[F]) error {
	if dst == nil || src == nil {
		return fmt.Errorf("dirac: Hop: nil field")
	}
	var p int
	switch {
	case dst.Subset == layout.Full && src.Subset == layout.Full:
		p = -1
	case dst.Subset == layout.Even && src.Subset == layout.Odd:
		p = 0
	case dst.Subset == layout.Odd && src.Subset == layout.Even:
		p = 1
	default:
		return fmt.Errorf("dirac: Hop maps full to full, odd to even or even to odd fields, not %s to %s", src.Subset, dst.Subset)
	}
	if err := checkSpinor(c.l, dst, dst.Subset, "destination"); err != nil {
		return err
	}
	if err := checkSpinor(c.l, src, src.Subset, "source"); err != nil {
		return err
	}
	if overlap(dst, src) {
		return fmt.Errorf("dirac: Hop needs distinct source and destination fields")
	}
	var none [2][]F
	if p < 0 {
		d, s := halves(dst), halves(src)
		return c.hop.run([]int{0, 1}, &d, &none, &s, 1)
	}
	var d, s [2][]F
	d[p], s[1-p] = dst.Data, src.Data
	return c.hop.run([]int{p}, &d, &none, &s, 1)
}

// hopParity sets dst = x + a D_{p,1-p} src for parity fields (dst, x of
// parity p, src of parity 1-p; x nil or dst itself allowed).
func (c *core[F]) hopParity(p int, dst, x, src []F, a float64) error {
	var d, xs, s [2][]F
	d[p], xs[p], s[1-p] = dst, x, src
	return c.hop.run([]int{p}, &d, &xs, &s, F(a))
}
