//go:build amd64 && !noasm

package kernels_amd64

// Projection exposes the spin-projection table to the external tests,
// which compare it with kernels.HopProjection.
func Projection(d int) (j [2]int, c [2]uint8) { return projection[d].j, projection[d].c }
