package rng

import "fmt"

// Limits of the counter layout (see doc.go). Within them, distinct
// (site, epoch, stream, block) map to distinct Philox counters, so no two
// draws of one seed ever share a counter.
const (
	// MaxSites is the number of global sites a stream can address: site < 2^44.
	MaxSites = 1 << 44
	// MaxStreamID is the largest stream id: id < 2^20.
	MaxStreamID = 1<<20 - 1
	// siteHighShift places bits 32..43 of the site above the 20 id bits of word 3.
	siteHighShift = 20
)

// Stream is the whole generator state: a seed, a stream id that separates
// independent uses of one seed (e.g. heatbath vs momentum refresh), and an
// epoch that separates update steps. It is a few integers, cheap to
// checkpoint and to broadcast; every rank holds the same Stream.
type Stream struct {
	Seed  uint64
	ID    uint32
	Epoch uint32
}

// New returns the stream id of seed at epoch 0.
func New(seed uint64, id uint32) Stream {
	return Stream{Seed: seed, ID: id}
}

// Advance moves the stream to the next epoch. Every update step that draws
// per site calls it exactly once (on every rank), so that the draws of
// different steps never overlap. The epoch wraps after 2^32 steps.
func (s *Stream) Advance() {
	s.Epoch++
}

// Validate reports whether the stream id and a global lattice volume are
// inside the limits of the counter layout, outside of which draws of
// different sites or streams would coincide.
func (s Stream) Validate(globalVolume uint64) error {
	if s.ID > MaxStreamID {
		return fmt.Errorf("rng: stream id %d exceeds the maximum %d; use a smaller id", s.ID, MaxStreamID)
	}
	if globalVolume > MaxSites {
		return fmt.Errorf("rng: global volume %d exceeds the %d sites the counter layout can address", globalVolume, uint64(MaxSites))
	}
	return nil
}

// Site returns the generator of one global site at the current epoch. It
// is a value: no allocation, and two calls with the same arguments draw the
// same sequence.
func (s Stream) Site(site uint64) Site {
	return Site{
		key: [2]uint32{uint32(s.Seed), uint32(s.Seed >> 32)},
		ctr: counter(0, site, s.Epoch, s.ID),
	}
}

// counter is the documented layout of a Philox counter:
//
//	word 0: block (the index of 4-word output block within the site)
//	word 1: bits 0..31 of site
//	word 2: epoch
//	word 3: id (bits 0..19) | bits 32..43 of site (bits 20..31)
//
// It is injective for block < 2^32, site < 2^44, epoch < 2^32, id < 2^20.
func counter(block uint32, site uint64, epoch, id uint32) [4]uint32 {
	return [4]uint32{block, uint32(site), epoch, id ^ uint32(site>>32)<<siteHighShift}
}
