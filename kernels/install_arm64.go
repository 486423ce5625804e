//go:build arm64 && !noasm

package kernels

import arm "github.com/goqcd/goqcd/kernels_arm64"

// The arm64 kernel sets: "neon" (ASIMD, W = 2 float64 / 4 float32) and
// "sve" at a vector length of 512 bits (A64FX, W = 8 / 16), from package
// kernels_arm64. Each replaces the hopping term, the clover blocks, the
// element-wise Axpy and Xpay (linalg.go), the SU(3) matrix product
// SU3Mul64 (float64 only), the Wilson-fermion HMC force WilsonForce64
// (wilson_force.go, float64), the halo face packing
// WilsonProjectFace64/32 (wilson_face.go), the staggered colour
// matrix-vector product MatVecAdd64/32 (colour.go), the per-site
// reductions SiteNorm64/32 and SiteDot64/32 (reduce.go), the CG update
// CGUpdate64/32 (cgupdate.go; install_reduce_arm64.go) and the lane
// permutation of rows PermuteRows64/32 (permute.go: a TBL per row, the
// set's W only, PermuteRowsGo's bits). SU3Mul64, WilsonForce64,
// MatVecAdd64/32 and the reductions and CG update give their Go twins'
// bits: every product rounded on its own (FMUL, no fused multiply-adds;
// the force's /6 an FDIV), the sums in the twins' order, float32 widened
// to float64 lane by lane in the reductions. MatVecAdd64/32 run the set's
// kernel at its own W (neon 2 / 4, sve SVELanes64/32) and
// SU3MulAddVec(dst, u, v, w, s, false) at any other. The face packing gives WilsonProjectFaceGo's bits too (one FADD
// or FSUB per number); its kernels take the set's W and the face lanes
// the layout lists (neon: 1 to W lanes in any order, gathered by a TBL;
// sve: ascending lanes) and leave the others to WilsonProjectFaceGo.
// Any other W or shape, and every other kernel, runs the portable Go
// version. The hopping term runs the tile-list kernel (neighbours through
// Nbr, lane permutations in registers) up to each tile that takes halo
// lanes it does not read itself, which the tile kernel computes on
// operands gathered in Go (wilson_hoptile.go), and on to the next; the
// table the list kernel derives from the lane tables is kept in
// WilsonHop.Prep (kernels_arm64/prep_arm64.go).
//
// Compact links: both hopping kernels have compact-link twins in both
// precisions that rebuild each link's third row per hop
// (kernels_arm64/_gen/wilson.go; fused in both precisions, as
// kernels.rebuild), so compactLinks64 and compactLinks32 stay true and operators
// store links compact.

var (
	_ = setInstaller("neon", installNEON)
	_ = sveAt512() && setInstaller("sve", installSVE)
)

// sveAt512 says whether the SVE kernels may be installed: the CPU has SVE
// with 512-bit vectors, as both cpuid (host) and the kernels' own RDVL
// read it. The kernels are vector-length agnostic, but only 512 bits is
// tested and tuned; at other lengths the sve set stays without kernels and
// neon runs.
func sveAt512() bool {
	return host.has("sve") && host.sveBits == 512 && arm.SVEVectorBits() == 512
}

func installNEON() {
	installGo()
	installLinalgGo()
	WilsonHop64, WilsonHop32 = wilsonHopNEON64, wilsonHopNEON32
	compactLinks64, compactLinks32 = true, true // the kernels read compact links
	CloverApply64, CloverApply32 = cloverNEON64, cloverNEON32
	Axpy64, Axpy32 = axpyNEON64, axpyNEON32
	Xpay64, Xpay32 = xpayNEON64, xpayNEON32
	SU3Mul64 = su3MulNEON64
	WilsonForce64 = wilsonForceNEON64
	WilsonProjectFace64, WilsonProjectFace32 = projectFaceNEON64, projectFaceNEON32
	MatVecAdd64, MatVecAdd32 = matVecAddNEON64, matVecAddNEON32
	PermuteRows64, PermuteRows32 = permuteNEON64, permuteNEON32
	installReduceArm(false)
}

func installSVE() {
	installGo()
	installLinalgGo()
	WilsonHop64, WilsonHop32 = wilsonHopSVE64, wilsonHopSVE32
	compactLinks64, compactLinks32 = true, true
	CloverApply64, CloverApply32 = cloverSVE64, cloverSVE32
	Axpy64, Axpy32 = axpySVE64, axpySVE32
	Xpay64, Xpay32 = xpaySVE64, xpaySVE32
	SU3Mul64 = su3MulSVE64
	WilsonForce64 = wilsonForceSVE64
	WilsonProjectFace64, WilsonProjectFace32 = projectFaceSVE64, projectFaceSVE32
	MatVecAdd64, MatVecAdd32 = matVecAddSVE64, matVecAddSVE32
	PermuteRows64, PermuteRows32 = permuteSVE64, permuteSVE32
	installReduceArm(true)
}

// projectFaceNEON64/32 and projectFaceSVE64/32 pack a halo face with the
// set's face kernel where it takes the lanes and W, else with
// WilsonProjectFaceGo (the same bits).
func projectFaceNEON64(buf, src []float64, d int, tiles, lanes []int32, w int) {
	pr := &HopProjection[d]
	if !arm.ProjectFaceNEON64(buf, src, tiles, lanes, w, pr.J, [2]int{int(pr.C[0]), int(pr.C[1])}) {
		WilsonProjectFaceGo(buf, src, d, tiles, lanes, w)
	}
}

func projectFaceNEON32(buf, src []float32, d int, tiles, lanes []int32, w int) {
	pr := &HopProjection[d]
	if !arm.ProjectFaceNEON32(buf, src, tiles, lanes, w, pr.J, [2]int{int(pr.C[0]), int(pr.C[1])}) {
		WilsonProjectFaceGo(buf, src, d, tiles, lanes, w)
	}
}

func projectFaceSVE64(buf, src []float64, d int, tiles, lanes []int32, w int) {
	pr := &HopProjection[d]
	if !arm.ProjectFaceSVE64(buf, src, tiles, lanes, w, pr.J, [2]int{int(pr.C[0]), int(pr.C[1])}) {
		WilsonProjectFaceGo(buf, src, d, tiles, lanes, w)
	}
}

func projectFaceSVE32(buf, src []float32, d int, tiles, lanes []int32, w int) {
	pr := &HopProjection[d]
	if !arm.ProjectFaceSVE32(buf, src, tiles, lanes, w, pr.J, [2]int{int(pr.C[0]), int(pr.C[1])}) {
		WilsonProjectFaceGo(buf, src, d, tiles, lanes, w)
	}
}

func wilsonHopNEON64(h *WilsonHop[float64], tiles []int32) {
	if h.W != arm.NEONLanes64 {
		WilsonHopGo(h, tiles)
		return
	}
	hop := armHop(h)
	arm.WilsonListNEON64(&hop, tiles, func(rest []int32, mode uint64, rows [8]int) []int32 {
		return haloTiles(h, &hop, mode, rows, rest, arm.WilsonTileNEON64, arm.WilsonTileCompactNEON64)
	})
}

func wilsonHopNEON32(h *WilsonHop[float32], tiles []int32) {
	if h.W != arm.NEONLanes32 {
		WilsonHopGo(h, tiles)
		return
	}
	hop := armHop(h)
	arm.WilsonListNEON32(&hop, tiles, func(rest []int32, mode uint64, rows [8]int) []int32 {
		return haloTiles(h, &hop, mode, rows, rest, arm.WilsonTileNEON32, arm.WilsonTileCompactNEON32)
	})
}

func wilsonHopSVE64(h *WilsonHop[float64], tiles []int32) {
	if h.W != arm.SVELanes64() {
		WilsonHopGo(h, tiles)
		return
	}
	hop := armHop(h)
	arm.WilsonListSVE64(&hop, tiles, func(rest []int32, mode uint64, rows [8]int) []int32 {
		return haloTiles(h, &hop, mode, rows, rest, arm.WilsonTileSVE64, arm.WilsonTileCompactSVE64)
	})
}

func wilsonHopSVE32(h *WilsonHop[float32], tiles []int32) {
	if h.W != arm.SVELanes32() {
		WilsonHopGo(h, tiles)
		return
	}
	hop := armHop(h)
	arm.WilsonListSVE32(&hop, tiles, func(rest []int32, mode uint64, rows [8]int) []int32 {
		return haloTiles(h, &hop, mode, rows, rest, arm.WilsonTileSVE32, arm.WilsonTileCompactSVE32)
	})
}

// armHop is the tile-list kernels' view of h (they read the halo rows that
// arm.HaloMode allows themselves). Its Prep is h's: the kernels keep the
// table they derive from h's lane tables there for the next call.
func armHop[F Real](h *WilsonHop[F]) arm.Hop[F] {
	return arm.Hop[F]{Dst: h.Dst, X: h.X, Src: h.Src, Links: h.Links, A: h.A,
		Nbr: h.Nbr, Cross: h.Cross, Perm: &h.Perm, Halo: h.Halo, Compact: h.Compact,
		Recv: &h.Recv, HaloLanes: &h.HaloLanes, Prep: &h.Prep}
}

// haloTiles is the list kernels' arm.StopFunc: it computes, with the tile
// kernel on gathered operands (compactTile with compact links), the tile
// where a tile-list kernel stopped (the first of tiles) and those after it
// where it would stop again (arm.ListStops with the halo mode and rows the
// kernel passes), and returns the rest of the list.
func haloTiles[F Real](h *WilsonHop[F], hop *arm.Hop[F], mode uint64, rows [8]int, tiles []int32, tile, compactTile wilsonTileKernel[F]) []int32 {
	j := 0
	for j < len(tiles) && (j == 0 || arm.ListStops(hop, int(tiles[j]), mode, rows)) {
		j++
	}
	switch {
	case j == 0:
	case h.Compact:
		wilsonHopByCompactTile(h, tiles[:j], compactTile)
	default:
		wilsonHopByTile(h, tiles[:j], tile)
	}
	return tiles[j:]
}

func cloverNEON64(dst, src, clov []float64, w, lo, hi int) {
	cloverArm(dst, src, clov, w, lo, hi, arm.NEONLanes64, arm.CloverNEON64)
}

func cloverNEON32(dst, src, clov []float32, w, lo, hi int) {
	cloverArm(dst, src, clov, w, lo, hi, arm.NEONLanes32, arm.CloverNEON32)
}

func cloverSVE64(dst, src, clov []float64, w, lo, hi int) {
	cloverArm(dst, src, clov, w, lo, hi, arm.SVELanes64(), arm.CloverSVE64)
}

func cloverSVE32(dst, src, clov []float32, w, lo, hi int) {
	cloverArm(dst, src, clov, w, lo, hi, arm.SVELanes32(), arm.CloverSVE32)
}

// cloverArm runs the clover kernel of kw lanes on tiles [lo, hi), or the
// portable kernel when w is another.
func cloverArm[F Real](dst, src, clov []F, w, lo, hi, kw int, kern func(dst, src, clov []F, n int)) {
	if w != kw || hi <= lo {
		CloverApplyGo(dst, src, clov, w, lo, hi)
		return
	}
	kern(dst[lo*24*w:hi*24*w], src[lo*24*w:hi*24*w], clov[lo*72*w:hi*72*w], hi-lo)
}

// asmLinalg says whether an element-wise kernel of kw lanes takes x and y
// of layout width w: whole blocks of x, y at least as long.
func asmLinalg[F Real](x, y []F, w, kw int) bool {
	return w == kw && len(x)%(2*w) == 0 && len(y) >= len(x)
}

func axpyNEON64(ar, ai float64, x, y []float64, w int) {
	if !asmLinalg(x, y, w, arm.NEONLanes64) {
		AxpyGo(ar, ai, x, y, w)
		return
	}
	arm.AxpyNEON64(ar, ai, x, y)
}

func axpyNEON32(ar, ai float32, x, y []float32, w int) {
	if !asmLinalg(x, y, w, arm.NEONLanes32) {
		AxpyGo(ar, ai, x, y, w)
		return
	}
	arm.AxpyNEON32(ar, ai, x, y)
}

func axpySVE64(ar, ai float64, x, y []float64, w int) {
	if !asmLinalg(x, y, w, arm.SVELanes64()) {
		AxpyGo(ar, ai, x, y, w)
		return
	}
	arm.AxpySVE64(ar, ai, x, y)
}

func axpySVE32(ar, ai float32, x, y []float32, w int) {
	if !asmLinalg(x, y, w, arm.SVELanes32()) {
		AxpyGo(ar, ai, x, y, w)
		return
	}
	arm.AxpySVE32(ar, ai, x, y)
}

func xpayNEON64(x []float64, ar, ai float64, y []float64, w int) {
	if !asmLinalg(x, y, w, arm.NEONLanes64) {
		XpayGo(x, ar, ai, y, w)
		return
	}
	arm.XpayNEON64(x, ar, ai, y)
}

func xpayNEON32(x []float32, ar, ai float32, y []float32, w int) {
	if !asmLinalg(x, y, w, arm.NEONLanes32) {
		XpayGo(x, ar, ai, y, w)
		return
	}
	arm.XpayNEON32(x, ar, ai, y)
}

func xpaySVE64(x []float64, ar, ai float64, y []float64, w int) {
	if !asmLinalg(x, y, w, arm.SVELanes64()) {
		XpayGo(x, ar, ai, y, w)
		return
	}
	arm.XpaySVE64(x, ar, ai, y)
}

func xpaySVE32(x []float32, ar, ai float32, y []float32, w int) {
	if !asmLinalg(x, y, w, arm.SVELanes32()) {
		XpayGo(x, ar, ai, y, w)
		return
	}
	arm.XpaySVE32(x, ar, ai, y)
}

func su3MulNEON64(dst, a, b []float64, w int, opA, opB, add bool) {
	su3MulArm(dst, a, b, w, opA, opB, add, arm.NEONLanes64, arm.SU3MulNEON64)
}

func su3MulSVE64(dst, a, b []float64, w int, opA, opB, add bool) {
	su3MulArm(dst, a, b, w, opA, opB, add, arm.SVELanes64(), arm.SU3MulSVE64)
}

// su3MulArm runs the SU(3) kernel of kw lanes when w is kw and the slices
// hold whole tiles (a a multiple of 18*w reals, b and dst at least as
// long), else the portable kernel.
func su3MulArm(dst, a, b []float64, w int, opA, opB, add bool, kw int,
	kern func(dst, a, b []float64, opA, opB, add bool)) {
	if w != kw || len(a)%(18*w) != 0 || len(b) < len(a) || len(dst) < len(a) {
		SU3MulGo(dst, a, b, w, opA, opB, add)
		return
	}
	kern(dst, a, b, opA, opB, add)
}

// wilsonForceNEON64 and wilsonForceSVE64 run the force kernel of the set
// when it takes the tile (W the set's float64 lanes, mu a direction, whole
// operands), else WilsonForceGo.
func wilsonForceNEON64(f, link, a, b, as, bs []float64, w, mu int, c float64) {
	if !arm.WilsonForceNEON64(f, link, a, b, as, bs, w, mu, c) {
		WilsonForceGo(f, link, a, b, as, bs, w, mu, c)
	}
}

func wilsonForceSVE64(f, link, a, b, as, bs []float64, w, mu int, c float64) {
	if !arm.WilsonForceSVE64(f, link, a, b, as, bs, w, mu, c) {
		WilsonForceGo(f, link, a, b, as, bs, w, mu, c)
	}
}

// matVecAddNEON64/32 and matVecAddSVE64/32 run the colour matrix-vector
// kernel of the set when it takes the tile (W the set's lanes, whole
// operands), else SU3MulAddVec (the same bits).
func matVecAddNEON64(dst, u, v []float64, w int, s float64) {
	if !arm.MatVecAddNEON64(dst, u, v, w, s) {
		SU3MulAddVec(dst, u, v, w, s, false)
	}
}

func matVecAddNEON32(dst, u, v []float32, w int, s float32) {
	if !arm.MatVecAddNEON32(dst, u, v, w, s) {
		SU3MulAddVec(dst, u, v, w, s, false)
	}
}

func matVecAddSVE64(dst, u, v []float64, w int, s float64) {
	if !arm.MatVecAddSVE64(dst, u, v, w, s) {
		SU3MulAddVec(dst, u, v, w, s, false)
	}
}

func matVecAddSVE32(dst, u, v []float32, w int, s float32) {
	if !arm.MatVecAddSVE32(dst, u, v, w, s) {
		SU3MulAddVec(dst, u, v, w, s, false)
	}
}

// permuteNEON64/32 and permuteSVE64/32 permute the lanes of rows with the
// set's kernel where it takes them (p's W the set's lanes, whole rows, out
// as long as in), else with PermuteRowsGo (the same bits). The float64
// kernels take the pairs of element indices of p.index64 (nil beyond 8
// lanes, which the wrappers refuse), the float32 ones p.index32.
func permuteNEON64(out, in []float64, p *LanePerm) {
	if !arm.PermuteRowsNEON64(out, in, p.index64(), p.w) {
		PermuteRowsGo(out, in, p)
	}
}

func permuteNEON32(out, in []float32, p *LanePerm) {
	if !arm.PermuteRowsNEON32(out, in, p.index32(), p.w) {
		PermuteRowsGo(out, in, p)
	}
}

func permuteSVE64(out, in []float64, p *LanePerm) {
	if !arm.PermuteRowsSVE64(out, in, p.index64(), p.w) {
		PermuteRowsGo(out, in, p)
	}
}

func permuteSVE32(out, in []float32, p *LanePerm) {
	if !arm.PermuteRowsSVE32(out, in, p.index32(), p.w) {
		PermuteRowsGo(out, in, p)
	}
}
