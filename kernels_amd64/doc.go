// Package kernels_amd64 holds the amd64 assembly of goqcd's hot kernels,
// for the kernel sets avx2 (AVX2 with FMA, 16 registers of 256 bits) and
// avx512 (AVX-512F, 32 registers of 512 bits). Only package kernels imports
// it: kernels/install_amd64.go assigns these kernels to the dispatch table
// when one of the two sets is selected, and falls back to the portable
// kernels for everything they do not cover. The package builds on every
// GOARCH: off amd64, and with -tags noasm, it has no assembly and every
// function reports that it computed nothing (stubs_other.go).
//
// # Data layout
//
// The kernels work on goqcd's SIMD layout (see layout/doc.go and
// kernels/wilson.go): a field is [tile][component][re|im][lane], so one
// vector register holds one real or imaginary part of the W sites of a
// tile, and every complex multiply-add is lane-parallel vector arithmetic,
// with no shuffle inside a site. W times the size of a number must be the
// width of a register (64, 32 or 16 bytes):
//
//	spinor  src/dst[((tile*12 + spin*3 + colour)*2 + reim)*W + lane]
//	links   links[(((tile*8 + d)*9 + 3*i + j)*2 + reim)*W + lane]  (L_d: U or U^dagger, as stored)
//	clover  clov[((tile*2 + block)*36 + e)*W + lane]               (kernels.CloverPacked)
//
// # Kernels, sets and W
//
//	                          float64 W    float32 W    registers
//	WilsonHop      avx512     8, 4*, 2+    16, 8*, 4+   Z / Y, 32 of them
//	               avx2       4, 2         8, 4         Y / X, 16 of them
//	CloverApply,   avx512     8, 4, 2      16, 8, 4     Z (EVEX), Y / X (VEX), 14 of them
//	Axpy, Xpay,    avx2       4, 2         8, 4         Y / X (VEX)
//	SiteNorm,
//	SiteDot,
//	CGUpdate
//	SU3Mul64       avx512     8, 4, 2      -            Z (EVEX), Y / X (VEX), 13 of them
//	               avx2       4, 2         -            Y / X (VEX)
//
// (* with AVX-512VL; without it the avx2 kernel of that W runs. + the avx2
// kernel: narrow layouts are not worth a kernel of their own.) Axpy and
// Xpay are the element-wise y = a*x + y and y = x + a*y of layout.Axpy and
// layout.Xpay. Of the reductions (layout.Dot, Norm2) only the per-site
// float64 sums are assembly (SiteNorm, SiteDot: one partial per site, in
// component order, each product rounded; float32 data widened with
// VCVTPS2PD in two halves, so the float32 kernels keep two float64
// vectors per sum); their exact addition stays in Go. CGUpdate is
// x += a p, r -= a q (real a) and the partials of the new |r|^2 in one
// pass (layout.CGUpdate). Any other W (1 in particular) is refused:
// the function returns 0 or false and the caller runs the portable kernel.
//
// # Exactness and the Go twins
//
// Every kernel has a portable twin in package kernels with the same
// meaning: WilsonHop64/32 <-> kernels.WilsonHopGo, CloverApply64/32 <->
// kernels.CloverApplyGo, Axpy64/32 <-> kernels.AxpyGo, Xpay64/32 <->
// kernels.XpayGo, SiteNorm64/32 <-> kernels.SiteNormGo, SiteDot64/32 <->
// kernels.SiteDotGo, CGUpdate64/32 <-> kernels.CGUpdateGo, SU3Mul64 <->
// kernels.SU3MulGo (whose order is that of
// sun.M3's unrolled products). Each kernel performs, lane by lane, the
// twin's floating-point operations in the twin's order (the generator
// mirrors kernels/wilson_gen.go term by term), so its results are the same
// bits as the portable W = 1 path for every W and set; the tests demand
// zero difference. The SU(3) rows of the hopping term, the rows of the
// clover blocks and the rebuilt third rows of compact links are one
// multiply followed by fused multiply-adds (VFMADD231 / VFNMADD231), in
// both precisions; the twins compute the same roundings (math.FMA in
// float64, the exact emulation of kernels/fma.go in float32), so the
// fusing is part of the operation order rather than a compiler's choice.
// Everything else (projection, accumulation, the final A*acc + X, axpy,
// xpay, the SU(3) products of SU3Mul64) is unfused, and the twins round
// each of those products by a conversion, so that no GOAMD64 level lets
// the Go compiler fuse them (the tests pass at v1 and v3 with zero
// tolerance). This keeps goqcd's results independent of the kernel set,
// the SIMD width and the process grid. Fusing the float32 rows made that
// hopping term about a third faster here (8^4, W=16); fusing the float64
// rows gained 10-15% on cache-resident lattices (BenchmarkWilsonHop, L=4
// and 8, compact links, best-GFlop/s 21.6 -> 24.4 and 19.8 -> 22.0) and
// nothing measurable at 16^4, where the kernel waits for memory.
//
// # The hopping kernel
//
// Per tile and hop d = 0..7 it reads the neighbour spinor tile Src[Nbr[8i+d]],
// forms the two projected colour vectors h_a = psi_a + C psi_J (loads and
// one add or subtract each), applies the lane permutation Perm[d] with
// VPERMPS (Z, Y) or VPERMILPS (X) when the hop crosses the tile boundary
// (bit d of Cross[i]), multiplies by L_d row by row (memory operands for the
// link) and adds the reconstructed spin components to the accumulator
// (the first hop stores, negating with an XOR of the sign bit as Go's unary
// minus does). At the end Dst = A*acc or X + A*acc. Every kernel also
// comes in a compact-link variant (kernelID.compact, name suffix C;
// kernels/wilson_compact.go): per hop it reads rows 0 and 1 of L_d and its
// sign row (13 rows instead of 18) and first rebuilds row 2 into the frame's
// scratch, in kernels.ExpandLink's order (fused in float32); the SU(3) rows
// then read it from there. A quarter fewer bytes per site: the operator at
// 16^4 (links from memory) ran 10-25% faster, at 8^4 up to 10%. The links
// of the next tile of the list are prefetched during the current one.
//
// # Halo hops
//
// A hop that takes halo lanes (Halo[8i+d] >= 0) reads them from the
// received row Recv[d][Halo[8i+d]] (12 rows of nk = len(HaloLanes[d])
// numbers). The kernels that read halo rows themselves (the 32-register
// ones and AVX2 in Y registers, frame.go) keep such tiles in their lists:
// when the halo takes every lane in order (a split direction of one lane)
// the row is the half-spinor and is read in place; otherwise the hop is
// projected and permuted as usual and the halo lanes, which the layout
// lists in ascending order, replace their lanes row by row: VEXPANDPS/PD
// under the lane mask HaloK[d] (AVX-512), or a masked load of the first nk
// numbers, VPERMPS to the lanes and VBLENDV (AVX2). A strong-scaling
// decomposition (16 ranks of 4^4 at W = 16: every tile a boundary tile,
// every direction split in the lanes) runs the hopping term 2-3 times as
// fast with AVX-512 (1.7-2 times with AVX2) as when such tiles went one at
// a time through Go (README, strong scaling). Other halo hops
// (lanes out of order, the X-register kernels) are prepared in Go:
// wilson_amd64.go runs the tile alone and hands the kernel, per hop, a
// projected half-spinor with the lanes permuted and the received lanes
// inserted (fillHalf, halo_amd64.go).
//
// The faces a rank sends are packed by the spinProj kernels when the face
// lanes are a run (one vector), and by the compress kernels when they are
// any ascending set: project the row, then VCOMPRESSPS/PD into a register
// and store the first nk numbers (AVX-512; compressing straight to memory
// is slow on some CPUs), or VPERMPS the face lanes to the front and store
// them with VMASKMOV (AVX2, W of a Y register).
//
// What a call derives from the tables alone (the permutation indices, the
// halo masks, each tile's kind: list, alone, or refused) is kept in
// WilsonHop.Prep for the calls after it (prep_amd64.go), checked against
// the table slices each time; per call only the bounds that depend on Dst,
// Src and Recv are checked, once for the largest Nbr entry and halo row,
// and tile by tile only when one of those fails.
//
// The 32-register kernels project both colour vectors h_0, h_1 of a hop
// first and then, per row of L_d, load each link element once into a
// register for the four sums it enters (the real and imaginary parts of
// row i of U h_0 and U h_1, each in the twin's order), instead of reading
// it as a memory operand four times; the spin 2 and 3 accumulators then
// live in the frame's scratch. In cache (4^4, BenchmarkWilsonHop
// best-GFlop/s) that was 10-15% faster in both precisions.
//
// Register use of the hopping kernels (GPRs are the same in all):
//
//	32-register kernels  acc[k] (k = 2*(spin*3+colour) + reim) 0..11 for
//	                     spins 0, 1, the scratch (base R14) for spins 2, 3;
//	                     h_0 12..17, h_1 18..23 (h[2*colour + reim]), row
//	                     results 24..27, link element 28, 29 permutation
//	                     indices / A, 30 temporary
//	16-register kernels  h 0..5, 6 row result / permutation indices / A,
//	                     7 product, acc[0..7] in 8..15, acc[8..23] in the
//	                     frame's scratch (64-byte aligned, base R14)
//	DI frame, SI tile list, CX tiles left, AX tile, BX links of the tile,
//	DX neighbour spinor (or half-spinor), R8 Nbr row, R9 Cross bits (bits
//	0..7; 8+d: expand halo lanes into hop d, 16+d: hop d's half-spinor is
//	at DX), R10 links of the next tile, R11 Src, R12 Dst, R13 X (0 when
//	nil), R15 the halo row of the hop, K1 its lane mask (EVEX kernels)
//
// The SU(3) product kernels (one per shape and variant: opA, opB, add) keep
// the row of op(a) in 0..5, products in 6..9, the sums in 10 and 11 and the
// sign mask in 12, and read op(b) as memory operands; per tile they write
// dst row by row, so dst must not overlap a or b.
//
// The clover kernels keep one 6-component block of the source in 0..11,
// the output component in 12 and the product in 13; they read the whole
// block before writing it, so dst may equal src.
//
// # Generation
//
// The assembly (wilson_hop_amd64.s, clover_amd64.s, linalg_amd64.s,
// reduce_amd64.s, face_amd64.s, su3mat_amd64.s, force_amd64.s, matvec_amd64.s,
// perm_amd64.s), the
// Go declarations and call switches (kernels_gen_amd64.go,
// reduce_gen_amd64.go, face_gen_amd64.go, force_gen_amd64.go,
// matvec_gen_amd64.go, perm_gen_amd64.go; the reductions' generator is
// _gen/reduce.go, the face kernels' _gen/face.go, the force kernels'
// _gen/force.go, the colour kernels' _gen/matvec.go, the permutation's
// _gen/perm.go) and the frame
// offsets (frame_gen.go) are written by the generator in _gen (its own
// module, no dependencies): cd kernels_amd64/_gen && go run . The output
// is committed.
//
// # Files
//
//	doc.go                this overview
//	isa.go                ISA (AVX2, AVX512), WilsonHop
//	cpu_amd64.go          Runs, HopLanes, CloverLanes; which kernel runs which W
//	wilson_amd64.go       WilsonHop64, WilsonHop32: table checks, tile lists, halo rows
//	prep_amd64.go         hopPrep: what the calls on one WilsonHop derive once
//	halo_amd64.go         half-spinors of the halo hops left to Go, the projection table
//	face_amd64.go         ProjectFace64, ProjectFace32: halo packing; the spinProj and compress kernels
//	halo_test.go          fillHalf against its former lane-by-lane loop, bit for bit;
//	                      which halo hops the list kernels take
//	prep_test.go          the derived tables kept and renewed
//	clover_amd64.go       CloverApply64, CloverApply32
//	linalg_amd64.go       Axpy64, Axpy32, Xpay64, Xpay32
//	reduce_amd64.go       SiteNorm64/32, SiteDot64/32, CGUpdate64/32
//	reduce_other.go       their stubs off amd64 and with -tags noasm
//	reduce_test.go        the reductions and CG update against their twins, and as installed
//	su3mat_amd64.go       SU3Mul64 (su3mat_test.go: against kernels.SU3MulGo)
//	force_amd64.go        WilsonForce64: the Wilson-fermion HMC force of a tile, one kernel
//	                      per direction mu in 16 registers (force_test.go: against kernels.WilsonForceGo)
//	matvec_amd64.go       MatVecAdd64/32: SU(3) x colour vector of one tile, staggered fermions
//	                      (matvec_test.go: against kernels.SU3MulAddVec)
//	perm_amd64.go         PermuteRows64/32: lane permutation of rows, VPERMPS / VPERMILPS
//	                      (perm_test.go: against kernels.PermuteRowsGo)
//	frame.go              hopFrame, what the hopping kernels read
//	frame_gen.go, kernels_gen_amd64.go, reduce_gen_amd64.go, face_gen_amd64.go,
//	force_gen_amd64.go, matvec_gen_amd64.go, perm_gen_amd64.go, *_amd64.s   generated
//	stubs_other.go        the same API off amd64 and with -tags noasm
//	conformance_test.go   every kernel against its twin, for every set and W
//	install_test.go       the kernels as package kernels dispatches them
//	bench_test.go         BenchmarkWilsonHop: each kernel alone on 4^4, 8^4, 16^4
//
// # Exported API
//
//	func Runs(isa ISA) bool
//	func HopLanes(isa ISA, bits int) []int
//	func CloverLanes(isa ISA, bits int) []int
//	func WilsonHop64(isa ISA, h *WilsonHop[float64], tiles []int32) int
//	func WilsonHop32(isa ISA, h *WilsonHop[float32], tiles []int32) int
//	func ProjectFace64(isa ISA, buf, src []float64, d int, tiles, lanes []int32, w int) bool
//	func ProjectFace32(isa ISA, buf, src []float32, d int, tiles, lanes []int32, w int) bool
//	func CloverApply64(isa ISA, dst, src, clov []float64, w, lo, hi int) bool
//	func CloverApply32(isa ISA, dst, src, clov []float32, w, lo, hi int) bool
//	func Axpy64(isa ISA, ar, ai float64, x, y []float64, w int) bool
//	func Axpy32(isa ISA, ar, ai float32, x, y []float32, w int) bool
//	func Xpay64(isa ISA, x []float64, ar, ai float64, y []float64, w int) bool
//	func Xpay32(isa ISA, x []float32, ar, ai float32, y []float32, w int) bool
//	func SiteNorm64(isa ISA, part []float64, x []float64, w, nc int) bool
//	func SiteNorm32(isa ISA, part []float64, x []float32, w, nc int) bool
//	func SiteDot64(isa ISA, pr, pi []float64, x, y []float64, w, nc int) bool
//	func SiteDot32(isa ISA, pr, pi []float64, x, y []float32, w, nc int) bool
//	func CGUpdate64(isa ISA, a float64, x, r, p, q []float64, part []float64, w, nc int) bool
//	func CGUpdate32(isa ISA, a float32, x, r, p, q []float32, part []float64, w, nc int) bool
//	func SU3Mul64(isa ISA, dst, a, b []float64, w int, opA, opB, add bool) bool
//
// WilsonHop64/32 return how many leading tiles of the list they computed:
// all of them, 0 when the set has no kernel for h.W, or fewer when a tile's
// tables point outside the slices (the portable kernel then finishes and
// reports the bad index as it would have). Aliasing as in package kernels:
// X may be Dst; Src must not overlap Dst; for the clover kernel dst may be
// src; for axpy and xpay x may be y; for SiteDot x may be y; for CGUpdate
// p may be x and q may be r, but x must not overlap r. The bool functions return false, having
// done nothing, when there is no kernel for w or the slices do not fit.
// The functions are safe for concurrent use on disjoint outputs.
package kernels_amd64
