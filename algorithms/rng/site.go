package rng

// Site is the generator of one global site at one epoch: the Philox key and
// counter, the current 4-word output block, and a cached Gaussian. It is a
// value type (56 bytes), made by Stream.Site, used by one goroutine, never
// allocated on the heap by this package.
//
// The zero Site is valid: it is New(0, 0).Site(0).
type Site struct {
	key   [2]uint32
	ctr   [4]uint32 // ctr[0] is the next block to compute
	buf   [4]uint32 // the current output block
	avail uint32    // unused words left in buf; 0 means compute the next block
	// hasGauss says gauss holds the second Box-Muller value.
	hasGauss bool
	gauss    float64
}

// Uint32 returns the next 32-bit word of the site's sequence: word n is
// word n mod 4 of Philox4x32(counter with block n/4, key).
func (g *Site) Uint32() uint32 {
	if g.avail == 0 {
		g.refill()
	}
	g.avail--
	return g.buf[(3-g.avail)&3]
}

// refill computes the next output block. Kept out of Uint32 so that Uint32
// stays small enough to inline.
//
//go:noinline
func (g *Site) refill() {
	g.buf[0], g.buf[1], g.buf[2], g.buf[3] = philox10(g.ctr[0], g.ctr[1], g.ctr[2], g.ctr[3], g.key[0], g.key[1])
	g.ctr[0]++
	g.avail = 4
}
