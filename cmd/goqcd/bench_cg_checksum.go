package main

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strconv"
	"strings"

	"github.com/goqcd/goqcd/layout"
)

// Parameters of solutionDigest.
const (
	digestProjections = 4  // pseudo-random projections of the solution
	digestDigits      = 10 // significant digits kept of each
)

// solutionDigest is the checksum of a solution in a scaling point: a hex
// digest that is the same on every process grid, W and thread count when
// the solutions agree to far better than digestDigits digits.
//
// It is not a hash of the bytes of x: the kernels may round differently
// on another W or kernel set, and a byte hash would then differ for
// solutions that agree to 1e-15. Instead it forms digestProjections sums
//
//	P_k = sum over sites x, components c, re|im of w_k(x, c, re|im) * x(x, c, re|im)
//
// with weights w_k in [-1, 1) from a fixed hash of (k, global site index,
// c, re|im), each sum exact (layout.ExactSum, so independent of the order
// and of the process grid) and rounded once; each P_k is written with
// digestDigits significant digits, and the digest is the first 16 bytes of
// the SHA-256 of those strings. A solution that differs in earnest (a
// wrong solve, another source) changes every P_k in its leading digits; a
// rounding difference of the iteration changes them near the 15th digit,
// which the rounding to 10 digits absorbs except when a P_k lies within
// that distance of a rounding boundary (a chance of order 1e-5 per P_k).
// Collective.
func solutionDigest(x *layout.Field[float64]) (string, error) {
	l := x.Layout
	var acc [digestProjections]layout.ExactSum
	x.ForEachSite(func(tile, lane int, g [layout.Nd]int) {
		site := uint64(l.GlobalIndex(g))
		for c := range x.NC {
			v := x.At(tile, c, lane)
			for k := range digestProjections {
				key := ((site*uint64(x.NC)+uint64(c))*2)*digestProjections + uint64(k)
				acc[k].Add(digestWeight(2*key) * real(v))
				acc[k].Add(digestWeight(2*key+1) * imag(v))
			}
		}
	})
	ptr := make([]*layout.ExactSum, digestProjections)
	for k := range acc {
		ptr[k] = &acc[k]
	}
	sums, err := l.GlobalSum(ptr...)
	if err != nil {
		return "", err
	}
	parts := make([]string, len(sums))
	for k, s := range sums {
		parts[k] = strconv.FormatFloat(s, 'e', digestDigits-1, 64)
	}
	h := sha256.Sum256([]byte(strings.Join(parts, " ")))
	return hex.EncodeToString(h[:16]), nil
}

// digestWeight maps a key to a weight in [-1, 1), exactly representable:
// the top 53 bits of the splitmix64 finaliser of key, as a signed
// multiple of 2^-52.
func digestWeight(key uint64) float64 {
	z := key + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return math.Ldexp(float64(int64(z)>>11), -52)
}
