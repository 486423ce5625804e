package comm

import "fmt"

// Cart is a periodic four-dimensional process grid. Rank r sits at the grid
// coordinates c with r = c0 + D0*(c1 + D1*(c2 + D2*c3)): direction 0 (x)
// runs fastest, direction 3 (t) slowest.
type Cart struct {
	Dims [4]int
}

// NewCart returns the grid with the given extents after checking that every
// extent is positive and that the grid has exactly size ranks.
func NewCart(dims [4]int, size int) (Cart, error) {
	for mu, d := range dims {
		if d < 1 {
			return Cart{}, fmt.Errorf("comm: process grid %v: extent %d in direction %d must be at least 1", dims, d, mu)
		}
	}
	g := Cart{Dims: dims}
	if n := g.Size(); n != size {
		return Cart{}, fmt.Errorf("comm: process grid %v has %d ranks but the communicator has %d: choose extents whose product is %d",
			dims, n, size, size)
	}
	return g, nil
}

// Size is the number of ranks in the grid, D0*D1*D2*D3.
func (g Cart) Size() int {
	return g.Dims[0] * g.Dims[1] * g.Dims[2] * g.Dims[3]
}

// Coords returns the grid coordinates of rank. It panics if rank is outside
// [0, Size()), which is a programming error like an index out of range.
func (g Cart) Coords(rank int) [4]int {
	if rank < 0 || rank >= g.Size() {
		panic(fmt.Sprintf("comm: Cart%v.Coords: rank %d outside [0, %d)", g.Dims, rank, g.Size()))
	}
	var c [4]int
	for mu := range 4 {
		c[mu] = rank % g.Dims[mu]
		rank /= g.Dims[mu]
	}
	return c
}

// RankOf returns the rank at the grid coordinates c, each taken modulo its
// extent (periodic wrap, negative coordinates included).
func (g Cart) RankOf(c [4]int) int {
	r := 0
	for mu := 3; mu >= 0; mu-- {
		d := g.Dims[mu]
		x := c[mu] % d
		if x < 0 {
			x += d
		}
		r = r*d + x
	}
	return r
}

// Neighbour returns the rank one step from rank in direction mu (0..3),
// forward for dir = +1 and backward for dir = -1, with periodic wrap. In a
// direction of extent 1 the neighbour is rank itself. It panics on a bad
// mu or dir (a programming error).
func (g Cart) Neighbour(rank, mu, dir int) int {
	if mu < 0 || mu > 3 || (dir != 1 && dir != -1) {
		panic(fmt.Sprintf("comm: Cart.Neighbour: direction mu=%d dir=%d: need mu in 0..3 and dir = +1 or -1", mu, dir))
	}
	c := g.Coords(rank)
	c[mu] += dir
	return g.RankOf(c)
}
