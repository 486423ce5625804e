package gauge

import "github.com/goqcd/goqcd/layout"

// Workspace holds the temporary matrix fields and halo buffers of the
// staple and update loops, so that sweeps do not allocate. One workspace
// serves one gauge field layout and group at a time.
type Workspace struct {
	n       int
	halo    *layout.Halo[float64]
	hb, hc  *layout.Halo[float64] // further halos for simultaneous neighbour access
	a, b, c *layout.Field[float64]
	staple  *layout.Field[float64]
}

// NewWorkspace allocates the temporaries for SU(n) fields on l.
func NewWorkspace(l *layout.Layout, n int) *Workspace {
	f := func() *layout.Field[float64] { return layout.NewField[float64](l, n*n, layout.Full) }
	h := func() *layout.Halo[float64] { return layout.NewHalo[float64](l, n*n) }
	return &Workspace{n: n, halo: h(), hb: h(), hc: h(), a: f(), b: f(), c: f(), staple: f()}
}

// NewMatField allocates a full-lattice field of N x N matrices.
func NewMatField(l *layout.Layout, n int) *layout.Field[float64] {
	return layout.NewField[float64](l, n*n, layout.Full)
}

// Shift sets dst(x) = src(x + hop d) for matrix fields, with the
// workspace's halo buffers. Collective.
func (ws *Workspace) Shift(dst, src *layout.Field[float64], d int) error {
	return ws.halo.Shift(dst, src, d)
}

// shift sets dst(x) = src(x + hop d).
func (ws *Workspace) shift(dst, src *layout.Field[float64], d int) error {
	return ws.halo.Shift(dst, src, d)
}
