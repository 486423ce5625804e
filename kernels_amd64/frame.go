//go:build amd64 && !noasm

package kernels_amd64

import "unsafe"

// hopFrame is what a hopping kernel reads: the base pointers of the
// operands, the tile list to run, and per-hop tables prepared in Go. The
// assembly addresses its fields at the offsets of frame_gen.go (written by
// the generator; TestFrameOffsets keeps both in step).
type hopFrame struct {
	dst, x, src, links unsafe.Pointer // x nil: no added field
	tiles              unsafe.Pointer // *int32, n entries
	n                  int
	nbr                unsafe.Pointer // *int32: WilsonHop.Nbr
	cross              unsafe.Pointer // *uint8: WilsonHop.Cross
	// halfMask bit d: hop d of the (single) tile reads the projected
	// half-spinor at half[d] (12 rows of W lanes, lanes permuted and halo
	// lanes inserted by Go) instead of projecting the neighbour spinor.
	halfMask uint64
	a64      float64
	a32      float32
	_        uint32
	half     [8]unsafe.Pointer
	// perm[d] are the dword indices of VPERMPS / VPERMILPS for the lane
	// permutation of hop d: lane l of the result takes lane Perm[d][l]
	// (float64 lane p is the dword pair 2p, 2p+1).
	perm [8][16]int32
	// acc is the scratch of the kernels, 64-byte aligned by the kernel
	// inside this array: the accumulator vectors kept in memory (16 in
	// the 16-register kernels, the 12 of spins 2 and 3 in the 32-register
	// ones), then the 6 vectors of the rebuilt third link row of the
	// compact-link kernels.
	acc [22*64 + 64]byte

	// Halo rows read by the list kernels (the 32-register ones, hopBoth, and
	// AVX2 in Y registers, expandVEX):
	// for hop d with haloMode bit d, tile i's entry haloTab[8*i+d] >= 0 is a
	// row of recv[d] (rowBytes[d] apart): with haloMode bit 8+d it holds all
	// W lanes in order and is the half-spinor; otherwise its 12 rows of
	// rowStride[d] bytes hold the lanes of mask haloK[d], in ascending order,
	// which replace those lanes of the projected half-spinor (VEXPANDPS/PD;
	// AVX2 uses the tables below).
	haloTab   unsafe.Pointer // *int32: WilsonHop.Halo
	haloMode  uint64
	recv      [8]unsafe.Pointer
	rowBytes  [8]int64
	rowStride [8]int64
	haloK     [8]uint64
	// The AVX2 kernels' form of haloK (expandVEX): the masked load of a
	// row's first nk numbers, the VPERMPS indices that move number k to
	// lane HaloLanes[d][k], and the blend mask of those lanes.
	haloLoad, haloIdx, haloBlend [8][8]int32
}
