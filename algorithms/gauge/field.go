package gauge

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/algorithms/sun"
	"github.com/goqcd/goqcd/layout"
)

// Field is an SU(N) gauge field: U[mu] is the matrix field of the links
// U_mu(x), from x to x + mu^, each a full-lattice layout field of N*N
// complex components (c = i*N + j), in float64.
type Field struct {
	L *layout.Layout
	N int
	U [layout.Nd]*layout.Field[float64]
}

// New allocates a gauge field with every link zero (not a valid start: use
// Cold, Hot or a file).
func New(l *layout.Layout, n int) (*Field, error) {
	if n < 2 {
		return nil, fmt.Errorf("gauge group SU(%d): N must be at least 2", n)
	}
	g := &Field{L: l, N: n}
	for mu := range layout.Nd {
		g.U[mu] = layout.NewField[float64](l, n*n, layout.Full)
	}
	return g, nil
}

// Cold returns the unit gauge field.
func Cold(l *layout.Layout, n int) (*Field, error) {
	g, err := New(l, n)
	if err != nil {
		return nil, err
	}
	g.SetUnit()
	return g, nil
}

// SetUnit sets every link to the unit matrix.
func (g *Field) SetUnit() {
	for mu := range layout.Nd {
		g.U[mu].Zero()
		for tile := range g.L.NTiles {
			for lane := range g.L.W {
				for i := range g.N {
					g.U[mu].Set(tile, i*g.N+i, lane, 1)
				}
			}
		}
	}
}

// Hot returns a gauge field of independent Haar-random links drawn from the
// stream (one epoch): the same field on every process grid and W.
func Hot(l *layout.Layout, n int, s *rng.Stream) (*Field, error) {
	g, err := New(l, n)
	if err != nil {
		return nil, err
	}
	m := sun.NewMat(n)
	g.U[0].ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		site := s.Site(uint64(l.GlobalIndex(x)))
		for mu := range layout.Nd {
			m = sun.RandomSUN(n, &site)
			g.Store(mu, tile, lane, m.A)
		}
	})
	s.Advance()
	return g, nil
}

// Clone returns a copy of the field.
func (g *Field) Clone() *Field {
	h := &Field{L: g.L, N: g.N}
	for mu := range layout.Nd {
		h.U[mu] = g.U[mu].Clone()
	}
	return h
}

// CopyFrom sets g = h.
func (g *Field) CopyFrom(h *Field) {
	for mu := range layout.Nd {
		layout.Copy(g.U[mu], h.U[mu])
	}
}

// Load reads the link U_mu at (tile, lane) into m (N*N elements, row-major).
func (g *Field) Load(mu, tile, lane int, m []complex128) {
	LoadMatrix(g.U[mu], g.N, tile, lane, m)
}

// Store writes m into the link U_mu at (tile, lane).
func (g *Field) Store(mu, tile, lane int, m []complex128) {
	StoreMatrix(g.U[mu], g.N, tile, lane, m)
}

// LoadMatrix reads the N x N matrix at (tile, lane) of a matrix field into m
// (row-major, N*N elements).
func LoadMatrix(f *layout.Field[float64], n, tile, lane int, m []complex128) {
	w := f.Layout.W
	base := tile*n*n*2*w + lane
	for c := range n * n {
		m[c] = complex(f.Data[base+2*c*w], f.Data[base+(2*c+1)*w])
	}
}

// StoreMatrix writes m into the matrix at (tile, lane) of a matrix field.
func StoreMatrix(f *layout.Field[float64], n, tile, lane int, m []complex128) {
	w := f.Layout.W
	base := tile*n*n*2*w + lane
	for c := range n * n {
		f.Data[base+2*c*w] = real(m[c])
		f.Data[base+(2*c+1)*w] = imag(m[c])
	}
}

// loadM3 and storeM3 are the SU(3) versions of loadMat and storeMat.
func loadM3(f *layout.Field[float64], tile, lane int, m *sun.M3) {
	w := f.Layout.W
	d := f.Data[tile*18*w+lane:]
	for c := range 9 {
		m[c] = complex(d[2*c*w], d[(2*c+1)*w])
	}
}

func storeM3(f *layout.Field[float64], tile, lane int, m *sun.M3) {
	w := f.Layout.W
	d := f.Data[tile*18*w+lane:]
	for c := range 9 {
		d[2*c*w] = real(m[c])
		d[(2*c+1)*w] = imag(m[c])
	}
}

// Unitarity is the largest deviation, over the links of every rank, of
// U U^dagger from the unit matrix and of det U from 1. Collective.
func (g *Field) Unitarity() (float64, error) {
	n := g.N
	a, b, p := sun.NewMat(n), sun.NewMat(n), sun.NewMat(n)
	worst := 0.0
	for mu := range layout.Nd {
		for tile := range g.L.NTiles {
			for lane := range g.L.W {
				g.Load(mu, tile, lane, a.A)
				copy(b.A, a.A)
				p.MulDag(&a, &b)
				for i := range n {
					p.A[i*n+i] -= 1
				}
				worst = max(worst, p.Norm(), cabs(a.Det()-1))
			}
		}
	}
	buf := []float64{worst}
	if err := g.L.Comm.AllreduceMax64(buf); err != nil {
		return 0, err
	}
	return buf[0], nil
}

func cabs(z complex128) float64 {
	r, i := real(z), imag(z)
	if r < 0 {
		r = -r
	}
	if i < 0 {
		i = -i
	}
	return max(r, i)
}
