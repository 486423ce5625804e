package layout

import "fmt"

// Float is the precision of a field: float32 or float64.
type Float interface{ ~float32 | ~float64 }

// Subset is the set of sites a field lives on.
type Subset int

const (
	Full Subset = iota // every site: tiles 0 .. NTiles-1
	Even               // even sites: tiles 0 .. NTiles/2-1
	Odd                // odd sites: tiles NTiles/2 .. NTiles-1
)

func (s Subset) String() string { return [...]string{"full", "even", "odd"}[s] }

// Field is a set of NC complex numbers per site on a subset of the local
// lattice, stored as Data[((tile*NC + c)*2 + reim)*W + lane] with tile
// counted from the first tile of the subset. See doc.go.
type Field[F Float] struct {
	Layout *Layout
	NC     int // complex components per site
	Subset Subset
	Data   []F
}

// Components per site of the usual fields for Nc colours.
func ColourVectorNC(nc int) int { return nc }
func SpinorNC(nc int) int       { return 4 * nc }
func LinkNC(nc int) int         { return Nd * nc * nc }

// NewField allocates a zero field of nc complex components per site.
func NewField[F Float](l *Layout, nc int, s Subset) *Field[F] {
	return &Field[F]{Layout: l, NC: nc, Subset: s, Data: make([]F, l.SubsetTiles(s)*nc*2*l.W)}
}

// SubsetTiles is the number of tiles in a subset.
func (l *Layout) SubsetTiles(s Subset) int {
	if s == Full {
		return l.NTiles
	}
	return l.NTiles / 2
}

// FirstTile is the full-lattice index of the first tile of a subset.
func (l *Layout) FirstTile(s Subset) int {
	if s == Odd {
		return l.NTiles / 2
	}
	return 0
}

// Tiles is the number of tiles the field holds.
func (f *Field[F]) Tiles() int { return f.Layout.SubsetTiles(f.Subset) }

// Index is the position in Data of the real part of component c at (tile,
// lane), tile counted on the full lattice; the imaginary part follows W
// entries later.
func (f *Field[F]) Index(tile, c, lane int) int {
	t := tile - f.Layout.FirstTile(f.Subset)
	return ((t*f.NC+c)*2)*f.Layout.W + lane
}

// At reads component c of the site (tile, lane) (tile on the full lattice).
func (f *Field[F]) At(tile, c, lane int) complex128 {
	i := f.Index(tile, c, lane)
	return complex(float64(f.Data[i]), float64(f.Data[i+f.Layout.W]))
}

// Set writes component c of the site (tile, lane).
func (f *Field[F]) Set(tile, c, lane int, v complex128) {
	i := f.Index(tile, c, lane)
	f.Data[i] = F(real(v))
	f.Data[i+f.Layout.W] = F(imag(v))
}

// Like allocates a zero field of the same shape.
func (f *Field[F]) Like() *Field[F] { return NewField[F](f.Layout, f.NC, f.Subset) }

// Clone returns a copy.
func (f *Field[F]) Clone() *Field[F] {
	g := f.Like()
	copy(g.Data, f.Data)
	return g
}

// SameShape reports an error unless g has f's layout, components and subset.
func (f *Field[F]) SameShape(g *Field[F]) error {
	if f.Layout != g.Layout || f.NC != g.NC || f.Subset != g.Subset {
		return fmt.Errorf("fields differ in shape: %d components on %s sites vs %d on %s (or another layout)",
			f.NC, f.Subset, g.NC, g.Subset)
	}
	return nil
}

// ForEachSite calls fn for every site of the field with its tile (on the
// full lattice), lane and global coordinate, on this rank. It is for
// set-up, I/O and tests, not for hot loops.
func (f *Field[F]) ForEachSite(fn func(tile, lane int, g [Nd]int)) {
	l := f.Layout
	first := l.FirstTile(f.Subset)
	for tile := first; tile < first+f.Tiles(); tile++ {
		for lane := range l.W {
			fn(tile, lane, l.GlobalCoords(tile, lane))
		}
	}
}

// Convert copies src into dst, changing precision (rounding to nearest).
func Convert[D, S Float](dst *Field[D], src *Field[S]) error {
	if dst.Layout != src.Layout || dst.NC != src.NC || dst.Subset != src.Subset {
		return fmt.Errorf("convert: fields differ in shape")
	}
	for i, v := range src.Data {
		dst.Data[i] = D(v)
	}
	return nil
}
