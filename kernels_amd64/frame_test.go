//go:build amd64 && !noasm

package kernels_amd64

import (
	"testing"
	"unsafe"
)

// TestFrameOffsets checks that the offsets the generator wrote into the
// assembly are those of hopFrame.
func TestFrameOffsets(t *testing.T) {
	var f hopFrame
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"dst", unsafe.Offsetof(f.dst), frameOffDst},
		{"x", unsafe.Offsetof(f.x), frameOffX},
		{"src", unsafe.Offsetof(f.src), frameOffSrc},
		{"links", unsafe.Offsetof(f.links), frameOffLinks},
		{"tiles", unsafe.Offsetof(f.tiles), frameOffTiles},
		{"n", unsafe.Offsetof(f.n), frameOffN},
		{"nbr", unsafe.Offsetof(f.nbr), frameOffNbr},
		{"cross", unsafe.Offsetof(f.cross), frameOffCross},
		{"halfMask", unsafe.Offsetof(f.halfMask), frameOffHalfMask},
		{"a64", unsafe.Offsetof(f.a64), frameOffA64},
		{"a32", unsafe.Offsetof(f.a32), frameOffA32},
		{"half", unsafe.Offsetof(f.half), frameOffHalf},
		{"perm", unsafe.Offsetof(f.perm), frameOffPerm},
		{"acc", unsafe.Offsetof(f.acc), frameOffAcc},
		{"haloTab", unsafe.Offsetof(f.haloTab), frameOffHaloTab},
		{"haloMode", unsafe.Offsetof(f.haloMode), frameOffHaloMode},
		{"recv", unsafe.Offsetof(f.recv), frameOffRecv},
		{"rowBytes", unsafe.Offsetof(f.rowBytes), frameOffRowBytes},
		{"rowStride", unsafe.Offsetof(f.rowStride), frameOffRowStride},
		{"haloK", unsafe.Offsetof(f.haloK), frameOffHaloK},
		{"haloLoad", unsafe.Offsetof(f.haloLoad), frameOffHaloLoad},
		{"haloIdx", unsafe.Offsetof(f.haloIdx), frameOffHaloIdx},
		{"haloBlend", unsafe.Offsetof(f.haloBlend), frameOffHaloBlend},
	} {
		if c.got != c.want {
			t.Errorf("hopFrame.%s at offset %d, the assembly reads %d: run the generator (kernels_amd64/_gen)", c.name, c.got, c.want)
		}
	}
	// The 16-register kernels align the accumulator scratch (16 vectors of
	// up to 32 bytes) to 64 bytes inside acc.
	if len(f.acc) < 63+16*32 {
		t.Errorf("hopFrame.acc has %d bytes, the kernels need %d", len(f.acc), 63+16*32)
	}
}
