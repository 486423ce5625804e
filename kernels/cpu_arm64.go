package kernels

import "golang.org/x/sys/cpu"

// archFeatures reads the arm64 SIMD flags from the kernel's HWCAP through
// golang.org/x/sys/cpu.
func archFeatures() []string {
	var f []string
	if cpu.ARM64.HasASIMD {
		f = append(f, "asimd")
	}
	if cpu.ARM64.HasSVE {
		f = append(f, "sve")
	}
	if cpu.ARM64.HasSVE2 {
		f = append(f, "sve2")
	}
	return f
}
