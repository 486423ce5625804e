//go:build amd64 && !noasm

package kernels

import asm "github.com/goqcd/goqcd/kernels_amd64"

// installReduceAmd64 assigns the per-site reductions and the CG update of
// isa (reduce.go, cgupdate.go) to the dispatch variables; for a W or a
// shape the assembly declines, the Go twin runs.
func installReduceAmd64(isa asm.ISA) {
	SiteNorm64 = func(part []float64, x []float64, w, nc int) {
		if !asm.SiteNorm64(isa, part, x, w, nc) {
			SiteNormGo(part, x, w, nc)
		}
	}
	SiteNorm32 = func(part []float64, x []float32, w, nc int) {
		if !asm.SiteNorm32(isa, part, x, w, nc) {
			SiteNormGo(part, x, w, nc)
		}
	}
	SiteDot64 = func(pr, pi []float64, x, y []float64, w, nc int) {
		if !asm.SiteDot64(isa, pr, pi, x, y, w, nc) {
			SiteDotGo(pr, pi, x, y, w, nc)
		}
	}
	SiteDot32 = func(pr, pi []float64, x, y []float32, w, nc int) {
		if !asm.SiteDot32(isa, pr, pi, x, y, w, nc) {
			SiteDotGo(pr, pi, x, y, w, nc)
		}
	}
	CGUpdate64 = func(a float64, x, r, p, q []float64, part []float64, w, nc int) {
		if !asm.CGUpdate64(isa, a, x, r, p, q, part, w, nc) {
			CGUpdateGo(a, x, r, p, q, part, w, nc)
		}
	}
	CGUpdate32 = func(a float32, x, r, p, q []float32, part []float64, w, nc int) {
		if !asm.CGUpdate32(isa, a, x, r, p, q, part, w, nc) {
			CGUpdateGo(a, x, r, p, q, part, w, nc)
		}
	}
}
