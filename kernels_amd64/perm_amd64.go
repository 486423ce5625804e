//go:build amd64 && !noasm

package kernels_amd64

import "unsafe"

// PermuteRows64 permutes the lanes of the len(in)/w rows of in into out
// (kernels.PermuteRowsGo) with the kernels of isa: idx holds, for each
// 32-bit element of a row, the element it takes (a pair 2q, 2q+1 for a
// float64 lane taking lane q; kernels.LanePerm prepares them). Indices
// select within one register whatever their value, so no idx reads
// outside a row. It returns false, having done nothing, when isa has no
// kernel for w, in is not whole rows or out is shorter than in.
func PermuteRows64(isa ISA, out, in []float64, idx *[16]uint32, w int) bool {
	return permRows(isa, unsafe.Pointer(unsafe.SliceData(out)), unsafe.Pointer(unsafe.SliceData(in)), len(out), len(in), w, 64, idx)
}

// PermuteRows32 is PermuteRows64 in float32 (one index per lane).
func PermuteRows32(isa ISA, out, in []float32, idx *[16]uint32, w int) bool {
	return permRows(isa, unsafe.Pointer(unsafe.SliceData(out)), unsafe.Pointer(unsafe.SliceData(in)), len(out), len(in), w, 32, idx)
}

func permRows(isa ISA, out, in unsafe.Pointer, nOut, nIn, w, bits int, idx *[16]uint32) bool {
	s := shape16(isa, w, bits)
	if s == noKernel || idx == nil || nIn%w != 0 || nOut < nIn {
		return false
	}
	if rows := nIn / w; rows > 0 {
		callPermRows(s, (*uint32)(out), (*uint32)(in), &idx[0], rows)
	}
	return true
}
