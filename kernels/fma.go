package kernels

import "math"

// Fused multiply-add in float32, the one rounding of a*b + c.
//
// The SU(3) rows of the hopping term, the clover rows and the rebuilt third
// rows of compact links are one product followed by fused multiply-adds:
// the assembly sets do them in hardware (AVX2, AVX-512: VFMADD231 /
// VFNMADD231), and the portable kernels (wilson_site_gen.go,
// wilson_compact.go) compute the same roundings, so every set gives the
// same bits. A negated product is the fused multiply-add of -a, which
// equals the hardware's -(a*b) + c exactly (negation is exact). Fusing made
// the float32 hopping term about a third faster and the float64 one
// 10-15% (cache-resident lattices). In float64 the twins call math.FMA:
// compiled for GOAMD64=v3 it is one instruction; at the default v1 it is a
// run-time CPU check per call, which makes the portable float64 hopping
// term about four times slower than unfused (that path runs only where no
// assembly set does).
//
// Go has no float32 FMA: the product of two float32 numbers is exact in
// float64, and the float64 sum rounded to float32 is correct except when
// it is a float32 midpoint (where rounding twice can break the tie the
// wrong way) or below the float32 normal range. fma32 handles every case by
// rounding the float64 sum to odd first, which makes the second rounding
// exact (a format at least two bits wider than the target; Boldo and
// Melquiond, IEEE Trans. Comput. 57 (2008) 462).

// The float64 sum s of an exact float32 product and a float32 rounds to
// float32 correctly unless it is a float32 midpoint (the low 29 of its 52
// fraction bits 1 followed by zeros: then the first rounding may have
// created the tie) or below the float32 normal range (coarser spacing);
// the generated float32 kernels test these bits and call fma32 only then.
const (
	midMask     = 1<<29 - 1
	midBits     = 1 << 28
	expMask     = 0x7ff << 52
	minNormal32 = (1023 - 126) << 52 // the float64 exponent field of 2^-126
)

// needsExact32 reports whether the float64 sum s (of an exact float32
// product and a float32) may round to the wrong float32: the generated
// float32 kernels compute s inline and call fma32 only when this holds.
func needsExact32(s float64) bool {
	b := math.Float64bits(s)
	return b&midMask == midBits || b&expMask < minNormal32
}

// fma32 returns a*b + c rounded once to float32.
func fma32(a, b, c float32) float32 {
	p := float64(a) * float64(b) // exact: two 24-bit significands
	cc := float64(c)
	s := p + cc
	// TwoSum: e = (p + cc) - s exactly.
	bb := s - p
	e := (p - (s - bb)) + (cc - bb)
	if e != 0 && math.Float64bits(s)&1 == 0 {
		// s is inexact with an even last bit: round to odd instead,
		// the neighbour of s on the side of the exact sum.
		s = math.Nextafter(s, math.Copysign(math.Inf(1), e))
	}
	return float32(s)
}
