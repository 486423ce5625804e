//go:build !arm64

package kernels

// archFeatures has nothing to add off arm64: cpuid reports the x86 flags.
func archFeatures() []string { return nil }
