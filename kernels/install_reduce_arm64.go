//go:build arm64 && !noasm

package kernels

import arm "github.com/goqcd/goqcd/kernels_arm64"

// installReduceArm assigns the per-site reductions and the CG update of
// the neon set, or of the sve set (reduce.go, cgupdate.go), to the
// dispatch variables. The kernels give the Go twins' bits; for a W other
// than the set's, or slices that are not whole tiles with everything else
// long enough (arm.ReduceFits), the Go twin runs.
func installReduceArm(sve bool) {
	w64, w32 := arm.NEONLanes64, arm.NEONLanes32
	norm64, norm32 := arm.SiteNormNEON64, arm.SiteNormNEON32
	dot64, dot32 := arm.SiteDotNEON64, arm.SiteDotNEON32
	cg64, cg32 := arm.CGUpdateNEON64, arm.CGUpdateNEON32
	if sve {
		w64, w32 = arm.SVELanes64(), arm.SVELanes32()
		norm64, norm32 = arm.SiteNormSVE64, arm.SiteNormSVE32
		dot64, dot32 = arm.SiteDotSVE64, arm.SiteDotSVE32
		cg64, cg32 = arm.CGUpdateSVE64, arm.CGUpdateSVE32
	}
	SiteNorm64 = func(part []float64, x []float64, w, nc int) {
		if w != w64 || !arm.ReduceFits(w, nc, len(x), len(x), len(part)) {
			SiteNormGo(part, x, w, nc)
			return
		}
		norm64(part, x, nc)
	}
	SiteNorm32 = func(part []float64, x []float32, w, nc int) {
		if w != w32 || !arm.ReduceFits(w, nc, len(x), len(x), len(part)) {
			SiteNormGo(part, x, w, nc)
			return
		}
		norm32(part, x, nc)
	}
	SiteDot64 = func(pr, pi []float64, x, y []float64, w, nc int) {
		if w != w64 || !arm.ReduceFits(w, nc, len(x), len(y), min(len(pr), len(pi))) {
			SiteDotGo(pr, pi, x, y, w, nc)
			return
		}
		dot64(pr, pi, x, y, nc)
	}
	SiteDot32 = func(pr, pi []float64, x, y []float32, w, nc int) {
		if w != w32 || !arm.ReduceFits(w, nc, len(x), len(y), min(len(pr), len(pi))) {
			SiteDotGo(pr, pi, x, y, w, nc)
			return
		}
		dot32(pr, pi, x, y, nc)
	}
	CGUpdate64 = func(a float64, x, r, p, q []float64, part []float64, w, nc int) {
		if w != w64 || !arm.ReduceFits(w, nc, len(x), min(len(r), len(p), len(q)), len(part)) {
			CGUpdateGo(a, x, r, p, q, part, w, nc)
			return
		}
		cg64(a, x, r, p, q, part, nc)
	}
	CGUpdate32 = func(a float32, x, r, p, q []float32, part []float64, w, nc int) {
		if w != w32 || !arm.ReduceFits(w, nc, len(x), min(len(r), len(p), len(q)), len(part)) {
			CGUpdateGo(a, x, r, p, q, part, w, nc)
			return
		}
		cg32(a, x, r, p, q, part, nc)
	}
}
