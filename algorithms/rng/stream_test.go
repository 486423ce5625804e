package rng

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// source is the interface the SU(N) package draws from; Site must satisfy it.
type source interface {
	Float64() float64
	Gaussian() float64
}

var _ source = (*Site)(nil)

// TestSiteFollowsCounterLayout rebuilds the words of a site by hand from the
// layout stated in doc.go and compares them with Site.Uint32.
func TestSiteFollowsCounterLayout(t *testing.T) {
	const seed = 0x0123456789abcdef
	s := Stream{Seed: seed, ID: 0xabcde, Epoch: 77}
	site := uint64(0xfed_8765_4321) // uses the high 12 bits
	g := s.Site(site)
	key := [2]uint32{0x89abcdef, 0x01234567}
	for block := uint32(0); block < 5; block++ {
		ctr := [4]uint32{block, 0x87654321, 77, 0xabcde | 0xfed<<20}
		want := Philox4x32(ctr, key)
		for w := 0; w < 4; w++ {
			require.Equalf(t, want[w], g.Uint32(), "block %d word %d", block, w)
		}
	}
}

// TestCounterInjective decodes counters back to (block, site, epoch, id)
// for values at and inside the limits.
func TestCounterInjective(t *testing.T) {
	sites := []uint64{0, 1, 1<<32 - 1, 1 << 32, 1<<32 + 1, MaxSites - 1, 0x5_5555_5555}
	ids := []uint32{0, 1, 0x55555, MaxStreamID}
	u32 := []uint32{0, 1, 0x80000000, 0xffffffff}
	seen := map[[4]uint32]bool{}
	for _, site := range sites {
		for _, id := range ids {
			for _, epoch := range u32 {
				for _, block := range u32 {
					c := counter(block, site, epoch, id)
					assert.Falsef(t, seen[c], "counter %08x repeats", c)
					seen[c] = true
					gotSite := uint64(c[1]) | uint64(c[3]>>siteHighShift)<<32
					gotID := c[3] & MaxStreamID
					require.Equal(t, block, c[0])
					require.Equal(t, site, gotSite)
					require.Equal(t, epoch, c[2])
					require.Equal(t, id, gotID)
				}
			}
		}
	}
}

// firstWords returns the first n words of a site generator.
func firstWords(g Site, n int) []uint32 {
	w := make([]uint32, n)
	for i := range w {
		w[i] = g.Uint32()
	}
	return w
}

// TestSequencesDiffer checks that changing any one of seed (either half),
// stream id, epoch or site (either half) changes the sequence, and that the
// 8-word prefixes of all combinations are distinct.
func TestSequencesDiffer(t *testing.T) {
	seeds := []uint64{0, 1, 1 << 32, 0xdeadbeefcafef00d}
	ids := []uint32{0, 1, 2, MaxStreamID}
	epochs := []uint32{0, 1, 2, 1 << 31}
	sites := []uint64{0, 1, 2, 1 << 32, 1<<32 + 1, MaxSites - 1}
	seen := map[[8]uint32]string{}
	for _, seed := range seeds {
		for _, id := range ids {
			for _, epoch := range epochs {
				for _, site := range sites {
					s := Stream{Seed: seed, ID: id, Epoch: epoch}
					var key [8]uint32
					copy(key[:], firstWords(s.Site(site), 8))
					name := fmt.Sprint(seed, id, epoch, site)
					if prev, ok := seen[key]; ok {
						t.Fatalf("(seed, id, epoch, site) = (%s) repeats the sequence of (%s)", name, prev)
					}
					seen[key] = name
				}
			}
		}
	}
}

// TestSiteReproducible draws a mixed sequence twice from the same
// (seed, id, epoch, site) and once from a copy taken mid-sequence.
func TestSiteReproducible(t *testing.T) {
	s := New(42, 3)
	s.Advance()
	s.Advance()
	draw := func(g *Site) []float64 {
		var out []float64
		for i := 0; i < 50; i++ {
			out = append(out, float64(g.Uint32()), g.Float64(), g.Float64Open(),
				g.Gaussian(), float64(g.Float32()))
			a, b := g.Gaussian2()
			out = append(out, a, b)
		}
		return out
	}
	g1, g2 := s.Site(1234567), s.Site(1234567)
	first := draw(&g1)
	require.Equal(t, first, draw(&g2), "same site, same epoch")

	again := New(42, 3)
	again.Advance()
	again.Advance()
	g3 := again.Site(1234567)
	require.Equal(t, first, draw(&g3), "stream rebuilt from its integers")

	// A copy of a Site carries its position and Gaussian cache.
	g4 := s.Site(1234567)
	g4.Uint32()
	g4.Gaussian() // leaves a cached value
	g5 := g4
	require.Equal(t, draw(&g4), draw(&g5), "copy taken mid-sequence")
}

// TestZeroSite checks the documented zero value: New(0, 0).Site(0).
func TestZeroSite(t *testing.T) {
	var g Site
	require.Equal(t, firstWords(New(0, 0).Site(0), 12), firstWords(g, 12))
}

func TestAdvanceChangesEpoch(t *testing.T) {
	s := New(7, 1)
	before := firstWords(s.Site(5), 4)
	s.Advance()
	require.Equal(t, uint32(1), s.Epoch)
	require.NotEqual(t, before, firstWords(s.Site(5), 4))
}

func TestValidate(t *testing.T) {
	assert.NoError(t, New(1, MaxStreamID).Validate(MaxSites))
	assert.Error(t, New(1, MaxStreamID+1).Validate(16))
	assert.Error(t, New(1, 0).Validate(MaxSites+1))
}

// TestGaussianCache checks that Gaussian returns both Box-Muller values of
// one Gaussian2 draw, in order, and that Gaussian2 leaves the cache alone.
func TestGaussianCache(t *testing.T) {
	s := New(9, 0)
	ref := s.Site(3)
	x, y := ref.Gaussian2()
	u, v := ref.Gaussian2()

	g := s.Site(3)
	require.Equal(t, x, g.Gaussian())
	a, b := g.Gaussian2()
	require.Equal(t, []float64{u, v}, []float64{a, b})
	require.Equal(t, y, g.Gaussian(), "cached value survives Gaussian2")
}
