package kernels_amd64

import "sync/atomic"

// ISA names an amd64 kernel set.
type ISA uint8

const (
	// AVX2 is AVX2 with FMA: 16 vector registers of 256 bits.
	AVX2 ISA = iota + 1
	// AVX512 is AVX-512F (with AVX-512VL for its 256- and 128-bit
	// kernels): 32 vector registers of 512 bits.
	AVX512
)

func (isa ISA) String() string {
	switch isa {
	case AVX2:
		return "avx2"
	case AVX512:
		return "avx512"
	}
	return "unknown amd64 kernel set"
}

// WilsonHop restates kernels.WilsonHop (this package cannot import
// kernels): the fields, their order and meaning are the same, so that
// kernels converts a *kernels.WilsonHop[F] into a *WilsonHop[F] without a
// copy. See kernels/wilson.go for the layout of every table.
type WilsonHop[F float32 | float64] struct {
	W         int
	Dst       []F
	X         []F
	A         F
	Src       []F
	Links     []F
	Nbr       []int32
	Cross     []uint8
	Perm      [8][]int32
	Halo      []int32
	HaloLanes [8][]int32
	Recv      [8][]F
	Compact   bool
	Prep      atomic.Value // *hopPrep (prep_amd64.go)
}
