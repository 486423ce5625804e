package dirac

import (
	"fmt"

	"github.com/goqcd/goqcd/layout"
)

// SpinorNC is the number of complex components of a Wilson spinor per
// site: 4 spins x 3 colours, c = spin*3 + colour.
const SpinorNC = 12

// NewSpinor allocates a zero spinor field on the sites of subset s.
func NewSpinor[F layout.Float](l *layout.Layout, s layout.Subset) *layout.Field[F] {
	return layout.NewField[F](l, SpinorNC, s)
}

// ApplyGamma5 sets dst = gamma5 src = diag(1, 1, -1, -1) src (spins 2 and 3
// change sign). dst may be src.
func ApplyGamma5[F layout.Float](dst, src *layout.Field[F]) error {
	if err := dst.SameShape(src); err != nil {
		return fmt.Errorf("dirac: gamma5: %w", err)
	}
	if src.NC != SpinorNC {
		return fmt.Errorf("dirac: gamma5 acts on spinor fields of %d components, got %d", SpinorNC, src.NC)
	}
	w := src.Layout.W
	n := SpinorNC * 2 * w // reals per tile
	for b := 0; b < len(src.Data); b += n {
		s, d := src.Data[b:b+n], dst.Data[b:b+n]
		copy(d[:n/2], s[:n/2])
		for k := n / 2; k < n; k++ {
			d[k] = -s[k]
		}
	}
	return nil
}

// parityData returns the data of the tiles of parity p of a full field.
func parityData[F layout.Float](f *layout.Field[F], p int) []F {
	n := len(f.Data) / 2
	return f.Data[p*n : (p+1)*n]
}

// checkSpinor reports an error unless f is a spinor field of subset s on l.
func checkSpinor[F layout.Float](l *layout.Layout, f *layout.Field[F], s layout.Subset, role string) error {
	if f == nil {
		return fmt.Errorf("dirac: %s field is nil", role)
	}
	if f.Layout != l || f.NC != SpinorNC || f.Subset != s {
		return fmt.Errorf("dirac: %s field has %d components on %s sites (or another layout), the operator needs a spinor (%d components) on %s sites of its own layout",
			role, f.NC, f.Subset, SpinorNC, s)
	}
	return nil
}

// overlap reports whether two fields share storage.
func overlap[F layout.Float](a, b *layout.Field[F]) bool {
	if len(a.Data) == 0 || len(b.Data) == 0 {
		return false
	}
	return &a.Data[0] == &b.Data[0]
}
