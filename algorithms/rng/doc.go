// Package rng is a counter-based parallel random number generator,
// Philox-4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as
// easy as 1, 2, 3", SC'11). Every draw is a pure function of
// (seed, stream id, epoch, global site, draw index), so random fields are
// identical for every process grid, every SIMD width W and every order in
// which sites are visited. The package imports nothing of goqcd.
//
// # Usage
//
// One Stream per independent use (heatbath, momentum refresh, noise
// sources), the same on every rank. Each update step that draws per site
// calls Advance once; within the step, the rank that owns global site x
// draws from s.Site(x):
//
//	s := rng.New(seed, streamID)
//	for step := ... {
//		s.Advance()
//		for each local site with global index x {
//			g := s.Site(x)           // a value, no allocation
//			u := g.Float64()
//			...
//		}
//	}
//
// A Stream (Seed, ID, Epoch) is the whole state to checkpoint. A Site is
// transient: it lives within one step for one site and is not checkpointed.
//
// # Counter layout
//
// Key and counter of Philox4x32 for word n of site x at epoch e of stream
// id under seed:
//
//	key     = (uint32(seed), uint32(seed >> 32))
//	counter = (n / 4,                        // block index within the site
//	           uint32(x),                    // site bits 0..31
//	           e,                            // epoch
//	           id | uint32(x >> 32) << 20)   // id in bits 0..19, site bits 32..43 in 20..31
//	word n  = Philox4x32(counter, key)[n % 4]
//
// The map (block, x, e, id) -> counter is injective, hence (Philox being a
// bijection for a fixed key) no two draws of one seed share an output block,
// as long as
//
//	x  < 2^44 = MaxSites       (global sites, e.g. 2048^4 = 2^44 exactly)
//	id < 2^20 = MaxStreamID+1  (stream ids)
//	e  < 2^32                  (epochs; Advance wraps silently after that)
//	n  < 2^34                  (2^32 blocks of 4 words per site per epoch)
//
// Stream.Validate checks the id and the global volume; out-of-range site or
// id bits would alias other sites or streams, not fail.
//
// # Conversions (draw order within a Site)
//
//	Uint32       the next word.
//	Float64      k * 2^-53 in [0,1), k = first word << 21 | second word >> 11.
//	Float64Open  (k+1) * 2^-53 in (0,1]: never 0, safe for log.
//	Float32      (word >> 8) * 2^-24 in [0,1).
//	Gaussian2    Box-Muller: u1 = Float64Open, u2 = Float64 (four words),
//	             r = sqrt(-2 ln u1), returns (r cos 2 pi u2, r sin 2 pi u2).
//	Gaussian     the first value of a fresh Gaussian2 pair, caching the
//	             second for the next call; Gaussian2 ignores that cache.
//
// Integer words and the uniform conversions are exact, so they are bitwise
// identical on every platform. Gaussians use math.Log and math.Sincos:
// identical for every process grid and W on one architecture and Go
// version, but they may differ in the last bit between architectures
// (amd64 uses an assembly log; arm64 may fuse multiply-adds).
//
// # Files
//
//	philox.go    Philox4x32: the 10-round bijection, its constants and round.
//	stream.go    Stream, New, Advance, Validate, Site; the counter layout; MaxSites, MaxStreamID.
//	site.go      Site (per-site generator state), Uint32.
//	uniform.go   Float64, Float64Open, Float32 and the word-to-float conversions.
//	gaussian.go  Gaussian, Gaussian2 (Box-Muller).
//
// # Exported API
//
//	func Philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32
//	type Stream struct{ Seed uint64; ID uint32; Epoch uint32 }
//	func New(seed uint64, id uint32) Stream
//	func (s *Stream) Advance()
//	func (s Stream) Validate(globalVolume uint64) error
//	func (s Stream) Site(site uint64) Site
//	type Site struct{ ... }
//	func (g *Site) Uint32() uint32
//	func (g *Site) Float64() float64
//	func (g *Site) Float64Open() float64
//	func (g *Site) Float32() float32
//	func (g *Site) Gaussian() float64
//	func (g *Site) Gaussian2() (float64, float64)
//
// *Site satisfies the interface { Float64() float64; Gaussian() float64 }
// that the SU(N) package draws from.
//
// # Concurrency and aliasing
//
// Nothing is shared: Stream and Site are values. Different goroutines may
// draw from different Sites of one Stream at the same time; one Site must
// not be used by two goroutines at once. No call is collective, but every
// rank must call Advance the same number of times. No function takes
// slices, so there is no aliasing to consider.
package rng
