//go:build amd64 && !noasm

package kernels_amd64

import "golang.org/x/sys/cpu"

// CPU features, read once (golang.org/x/sys/cpu also checks that the
// operating system saves the vector registers).
var (
	hasAVX    = cpu.X86.HasAVX
	hasAVX2   = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	hasAVX512 = cpu.X86.HasAVX512F
	hasVL     = cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL
)

// Runs reports whether this CPU runs the kernels of isa (and this build
// contains them).
func Runs(isa ISA) bool {
	switch isa {
	case AVX2:
		return hasAVX2
	case AVX512:
		return hasAVX512
	}
	return false
}

// shapeID is one generated kernel shape: the vector registers it uses.
type shapeID uint8

const (
	noKernel shapeID = iota
	shapeAVX512Z
	shapeAVX512Y
	shapeAVX2Y
	shapeAVX2X
)

// kernelID names one generated kernel.
type kernelID struct {
	shape   shapeID
	bits    int
	compact bool // links with 13 rows per hop
}

// hopShape picks the hopping kernel of isa for W lanes of bits-bit
// numbers, or noKernel. AVX512 runs W = 8/16 in Z registers and, with
// AVX-512VL, W = 4/8 in Y registers with all 32 of them; for W = 2/4 (and
// W = 4/8 without VL) it takes the AVX2 kernels. AVX2 runs W = 4/8 and
// 2/4.
func hopShape(isa ISA, w, bits int) shapeID {
	vb := w * bits / 8
	switch {
	case isa == AVX512 && hasAVX512:
		switch {
		case vb == 64:
			return shapeAVX512Z
		case vb == 32 && hasVL:
			return shapeAVX512Y
		}
		return hopShape(AVX2, w, bits)
	case isa == AVX2 && hasAVX2:
		switch vb {
		case 32:
			return shapeAVX2Y
		case 16:
			return shapeAVX2X
		}
	}
	return noKernel
}

// isa is the kernel set whose kernels have shape s.
func (s shapeID) isa() ISA {
	if s == shapeAVX512Z || s == shapeAVX512Y {
		return AVX512
	}
	return AVX2
}

// shape16 picks the shape of the kernels that need at most 16 registers
// (clover, axpy, xpay): the Y and X kernels (VEX) serve both sets, the Z
// kernel AVX512 alone.
func shape16(isa ISA, w, bits int) shapeID {
	if !Runs(isa) || !hasAVX {
		return noKernel
	}
	switch w * bits / 8 {
	case 64:
		if isa == AVX512 {
			return shapeAVX512Z
		}
	case 32:
		return shapeAVX2Y
	case 16:
		return shapeAVX2X
	}
	return noKernel
}

// HopLanes lists the W for which isa has a bits-bit (64 or 32) hopping
// kernel on this CPU; other W fall back to the portable kernel.
func HopLanes(isa ISA, bits int) []int {
	var ws []int
	for _, w := range []int{2, 4, 8, 16} {
		if hopShape(isa, w, bits) != noKernel {
			ws = append(ws, w)
		}
	}
	return ws
}

// CloverLanes lists the W for which isa has a bits-bit clover kernel (and
// axpy and xpay kernels).
func CloverLanes(isa ISA, bits int) []int {
	var ws []int
	for _, w := range []int{2, 4, 8, 16} {
		if shape16(isa, w, bits) != noKernel {
			ws = append(ws, w)
		}
	}
	return ws
}
