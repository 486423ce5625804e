//go:build amd64 && !noasm && amd64.v3

package kernels_amd64_test

// goFusesMultiplyAdd: with GOAMD64=v3 or above the Go compiler fuses x*y + z
// in the portable twins, which then round differently from the assembly.
const goFusesMultiplyAdd = true
