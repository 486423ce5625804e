//go:build amd64 && !noasm && !amd64.v3

package kernels_amd64_test

// goFusesMultiplyAdd: below GOAMD64=v3 the Go compiler fuses no
// multiply-adds, so the portable twins and the assembly give the same bits.
const goFusesMultiplyAdd = false
