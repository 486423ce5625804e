package rng

// Scale factors of the uniform conversions: 2^-53 and 2^-24, the unit in the
// last place of a float64 / float32 mantissa at 1.
const (
	twoM53 = 1.0 / (1 << 53)
	twoM24 = 1.0 / (1 << 24)
)

// Float64 returns a uniform float64 in [0,1) with 53 random bits: the 32
// bits of the next word on top of the high 21 bits of the word after.
// Every value k * 2^-53, k = 0..2^53-1, has the same probability.
func (g *Site) Float64() float64 {
	hi := g.Uint32()
	lo := g.Uint32()
	return unitClosedOpen(hi, lo)
}

// Float64Open returns a uniform float64 in (0,1]: the value Float64 would
// have returned, plus 2^-53. Never 0, so log of it is finite.
func (g *Site) Float64Open() float64 {
	hi := g.Uint32()
	lo := g.Uint32()
	return unitOpenClosed(hi, lo)
}

// Float32 returns a uniform float32 in [0,1) from the high 24 bits of the
// next word.
func (g *Site) Float32() float32 {
	return float32(g.Uint32()>>8) * twoM24
}

// mantissa53 packs words hi and lo into a 53-bit integer.
func mantissa53(hi, lo uint32) uint64 {
	return uint64(hi)<<21 | uint64(lo>>11)
}

// unitClosedOpen maps two words to k * 2^-53 in [0,1); exact, no rounding.
func unitClosedOpen(hi, lo uint32) float64 {
	return float64(mantissa53(hi, lo)) * twoM53
}

// unitOpenClosed maps two words to (k+1) * 2^-53 in (0,1]; exact, since
// k+1 <= 2^53 is representable.
func unitOpenClosed(hi, lo uint32) float64 {
	return float64(mantissa53(hi, lo)+1) * twoM53
}
