package kernels_arm64

import "golang.org/x/sys/cpu"

// sveBits is the SVE vector length in bits, read once at start-up (0
// without SVE: RDVL would be an illegal instruction there).
var sveBits = func() int {
	if !cpu.ARM64.HasSVE {
		return 0
	}
	return 8 * sveVectorBytes()
}()

// sveVectorBytes returns the SVE vector length in bytes (RDVL). It must
// only run on a CPU with SVE.
func sveVectorBytes() int

// SVEVectorBits is the SVE vector length in bits as the CPU reports it to
// this process (512 on A64FX), or 0 when the CPU has no SVE. The SVE
// kernels run SVEVectorBits()/64 float64 lanes and SVEVectorBits()/32
// float32 lanes.
func SVEVectorBits() int { return sveBits }

// SVELanes64 and SVELanes32 are the lanes of the SVE kernels (0 without SVE).
func SVELanes64() int { return sveBits / 64 }
func SVELanes32() int { return sveBits / 32 }

// NEONLanes64 and NEONLanes32 are the lanes of the NEON kernels: one
// 128-bit register.
const (
	NEONLanes64 = 2
	NEONLanes32 = 4
)
