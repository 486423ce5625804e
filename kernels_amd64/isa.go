package kernels_amd64

// ISA names an amd64 kernel set.
type ISA uint8

const (
	// AVX2 is AVX2 with FMA: 16 vector registers of 256 bits.
	AVX2 ISA = iota + 1
	// AVX512 is AVX-512F (with AVX-512VL for its 256- and 128-bit
	// kernels): 32 vector registers of 512 bits.
	AVX512
	// AVX2Fused and AVX512Fused are the same sets with fused
	// multiply-adds in the SU(3) and clover products: fewer instructions,
	// but results that differ from the portable kernels at round-off
	// instead of agreeing bit for bit.
	AVX2Fused
	AVX512Fused
)

func (isa ISA) String() string {
	switch isa {
	case AVX2:
		return "avx2"
	case AVX512:
		return "avx512"
	case AVX2Fused:
		return "avx2-fused"
	case AVX512Fused:
		return "avx512-fused"
	}
	return "unknown amd64 kernel set"
}

// base is the instruction set of isa, without the fused variant.
func (isa ISA) base() ISA {
	switch isa {
	case AVX2Fused:
		return AVX2
	case AVX512Fused:
		return AVX512
	}
	return isa
}

// fused reports whether isa's kernels fuse multiply-adds.
func (isa ISA) fused() bool { return isa == AVX2Fused || isa == AVX512Fused }

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
}
