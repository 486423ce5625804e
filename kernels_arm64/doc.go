// Package kernels_arm64 holds goqcd's arm64 assembly kernels: NEON (ASIMD,
// 128-bit vectors: W = 2 float64 / 4 float32 lanes) and SVE (scalable
// vectors; goqcd selects it at 512 bits, A64FX: W = 8 / 16). Only package
// kernels imports it: kernels/install_arm64.go installs these kernels as
// the "neon" and "sve" sets. The list kernels read the received halo rows
// of boundary tiles themselves where the halo lanes ascend (as the layout
// lists them); other halo tiles are gathered in Go
// (kernels/wilson_hoptile.go).
//
// # Layout
//
// Data is in goqcd's tiled layout [tile][component][re|im][lane]: a row of
// W numbers is one component of the W sites of a tile, and one vector
// register holds one row, so every complex multiply-add is lane-parallel
// fused multiply-adds with no shuffles. Rows of one tile:
//
//	spinor  2*(3*spin + colour) + reim                        SpinorRows = 24
//	links   2*(9*d + 3*i + j) + reim  (L_d(x)_ij, hop d)      LinkRows = 144
//	compact 13*d + 2*(3*i + j) + reim (i = 0, 1), 13*d + 12    CompactLinkRows = 104
//	        the sign s of hop d (kernels/wilson_compact.go)
//	clover  36*b + e  (block b, packed as kernels.CloverPacked) CloverRows = 72
//	SU(3)   2*(3*i + j) + reim  (one link matrix per site)     18 rows
//
// The SVE kernels address rows as multiples of the vector length (LDR/STR
// [x, #row, mul vl]): they are vector-length agnostic, W = VL/64 or VL/32,
// and package kernels uses them only where VL = 512.
//
// # Kernels
//
// Every assembly kernel has a Go twin with the same arguments (and the
// lane count) and the reference loop in its doc comment (tile.go), against
// which the tests hold it, bit for bit, on random data with NaN guard cells
// around the outputs (package kernels' tests hold the installed kernels to
// its own twins bit for bit as well):
//
//	WilsonTilesNEON64/32, WilsonTilesSVE64/32 (twin wilsonTilesGo): the
//	    Wilson hopping term on a list of output tiles (Hop: the fields of
//	    kernels.WilsonHop), neighbours through Nbr, lanes of hops that cross
//	    the tile boundary permuted in registers (TBL), stopping at the
//	    first tile that takes a halo row and returning how many it did;
//	    X may be Dst, Src must not overlap Dst. With Hop.Compact the links
//	    are compact (both precisions). They stop only at a halo row of a
//	    hop that HaloMode leaves out (ListStops): the others they read from
//	    Hop.Recv, a row with every lane in order as the half-spinor,
//	    otherwise loading its nk numbers into the first lanes (SVE: LD1W/LD1D
//	    under a predicate; NEON: FMOVS/FMOVD, so rows of 4 or 8 bytes),
//	    moving them to the halo lanes (TBL) and putting them over the
//	    projection (SEL; BIT); the tables below and above their perm argument
//	    are sveTable and neonTable (prep_arm64.go). Their twin
//	    wilsonTilesGo knows no halo rows: the tests compare them without
//	    Recv, and package kernels' tests hold the installed set to the
//	    portable kernel on halos of every kind.
//	WilsonListNEON64/32, WilsonListSVE64/32: the same kernels on a whole
//	    list, calling back (StopFunc, with HaloMode's mode and rows) at
//	    each tile they stop at; package kernels runs the hopping term
//	    through them. The table the kernel reads is derived from Perm and
//	    HaloLanes once and kept in Hop.Prep (kernels.WilsonHop.Prep) for
//	    the calls after it, keyed on the identities (pointer, length) of
//	    those slices and the kernel; it is never written once stored, so
//	    concurrent calls on one WilsonHop share it. Only its halo words
//	    depend on Recv: a call with other Recv rows than the table's uses
//	    a variant of it for those rows, derived once and kept beside it
//	    (the two generations of a shared halo; prep_arm64.go). The
//	    bounds that Dst, X, Src, Links, Nbr, Cross, Halo and Recv's lengths
//	    set are checked on every call.
//	WilsonTileNEON64/32, WilsonTileSVE64/32 (twin wilsonTileGo): one output
//	    tile from eight neighbour tiles already aligned by the caller (the
//	    halo tiles); x may be dst, src must not overlap dst or acc.
//	WilsonTileCompactNEON64/32, WilsonTileCompactSVE64/32 (twin
//	    wilsonTileCompactGo): the same with compact links and acc of
//	    CompactAccRows = 30 rows.
//	CloverNEON64/32, CloverSVE64/32 (twin cloverGo): dst = C src on n
//	    tiles, two packed Hermitian 6x6 blocks per site; dst may be src.
//	AxpyNEON64/32, AxpySVE64/32 (twin axpyGo): y = a*x + y, complex a, on
//	    blocks [re row | im row]; XpayNEON64/32, XpaySVE64/32 (twin
//	    xpayGo): y = x + a*y. x may be y.
//	SiteNormNEON64/32, SiteNormSVE64/32, SiteDotNEON64/32,
//	    SiteDotSVE64/32 (twins kernels.SiteNormGo, SiteDotGo, the same
//	    bits): the per-site float64 partials |x|^2 and <x, y> of the field
//	    reductions, one per lane and tile, on data of nc components per
//	    site; y may be x. The exact sum of the partials stays in Go
//	    (layout). CGUpdateNEON64/32, CGUpdateSVE64/32 (twin
//	    kernels.CGUpdateGo, the same bits): x += a p, r -= a q and the
//	    partials of the new |r|^2 in one pass; p may be x, q may be r, x
//	    must not overlap r. Every product is an FMUL and every sum an
//	    FADD/FSUB in the twins' order; float32 data is widened to float64
//	    before it is multiplied, half a row at a time (NEON FCVTL/FCVTL2;
//	    SVE UUNPKLO/UUNPKHI then FCVT, since FCVT converts the even 32-bit
//	    elements), so the partials keep the lane order. ReduceFits says
//	    which shapes they take. The external test reduce_arm64_test.go
//	    compares bit for bit.
//	SU3MulNEON64, SU3MulSVE64 (twin kernels.SU3MulGo itself, the same
//	    bits: every product an FMUL, the sums FADD/FSUB in su3Site's
//	    order, no fused multiply-adds): dst = op(a) op(b) or dst +=
//	    op(a) op(b), op the adjoint or not, on every tile of a (3x3
//	    complex matrices, float64 only); dst must not overlap a or b.
//	    The external test su3mat_arm64_test.go compares bit for bit.
//	WilsonForceNEON64, WilsonForceSVE64 (twin kernels.WilsonForceGo
//	    itself, the same bits: every product an FMUL, the sums FADD/FSUB in
//	    the twin's order, the trace's /6 an FDIV, /2 a multiply by 0.5):
//	    the Wilson-fermion HMC force of one tile and direction mu, f -=
//	    (c/2) TA(L K1 - K2 L^dag), float64 only. One TEXT block per set
//	    branches on mu to the two outer products K1 and K2 (projected
//	    half-spinors in registers, K1 and K2 to a 36-row scratch on the
//	    wrapper's stack), then forms the commutator in registers and
//	    subtracts its traceless anti-Hermitian part from f (whose diagonal
//	    real parts it leaves). The wrappers return false, doing nothing,
//	    for another W, mu outside 0..3 or an operand shorter than a tile
//	    (the SVE one also without SVE or beyond kernels.MaxLanes lanes);
//	    package kernels then runs the twin. The external test
//	    force_arm64_test.go compares bit for bit.
//	MatVecAddNEON64/32, MatVecAddSVE64/32 (twin kernels.SU3MulAddVec
//	    with dag false itself, the same bits: every product an FMUL, every
//	    sum an FADD/FSUB in the twin's order, per element p = a vr, q =
//	    b vi, t = p - q (im: a vi + b vr), t = s t, dst = dst + t; no fused
//	    multiply-adds): the staggered colour matrix-vector product dst +=
//	    s U v on one tile, U an SU(3) matrix tile, s broadcast from its
//	    bits (DUP). dst and v in registers throughout, U row by row; one
//	    TEXT block per set and precision, no loop. The wrappers return
//	    false, doing nothing, for another W or an operand shorter than a
//	    tile (the SVE ones also without SVE or beyond kernels.MaxLanes
//	    lanes); package kernels then runs the twin. dst must not overlap u
//	    or v. The external test matvec_arm64_test.go compares bit for bit.
//	ProjectFaceNEON64/32, ProjectFaceSVE64/32 (twin
//	    kernels.WilsonProjectFaceGo, the same bits): the projected
//	    half-spinors of a halo face. Each row is projected whole (one FADD
//	    or FSUB per number, the phases +-i reading the other part of
//	    psi_J), its face lanes packed into the first lanes and the first
//	    nk stored. SVE: any ascending set of face lanes, packed by COMPACT
//	    and stored by ST1W/ST1D under the first-nk predicate, one tile per
//	    assembly call. NEON: 1 to W lanes of [0, W) in any order (repeats
//	    too), gathered by a byte TBL on an index vector (no TBL when the
//	    face is every lane in order) and stored as 16, 8 or 4 bytes
//	    (FMOVQ, FMOVD, FMOVS; 12 bytes in float32 as FMOVD and the third
//	    lane through a general register), the tile list looped over in
//	    the assembly. The wrappers return false, doing nothing, for what
//	    they do not take (another W, other lanes, a spin or phase out of
//	    range, a tile outside src, a short buf); package kernels then runs
//	    the twin. The external test face_arm64_test.go compares bit for
//	    bit with NaN guard cells around buf.
//	PermuteRowsNEON64/32, PermuteRowsSVE64/32 (twin
//	    kernels.PermuteRowsGo, the same bits, NaN payloads included): the
//	    lane permutation of the rows of a tile whose hop crosses the tile
//	    boundary (layout.Halo), out row j = in row j with lane l taking
//	    lane perm[l], with amd64's contract (idx the 16 32-bit element
//	    indices of kernels.LanePerm: a pair 2q, 2q+1 per float64 lane, one
//	    per float32 lane). Pure data movement on 32-bit elements, so one
//	    TEXT block per set serves both precisions, looping over the rows
//	    four at a time, then one: NEON a byte TBL (VTBL) on 16 byte
//	    indices the wrapper derives from the first four element indices
//	    (4e..4e+3, e modulo 4) into a stack array; SVE TBL z.s on the
//	    element indices loaded as one vector from idx (at most 16
//	    elements: W <= 8 float64 / 16 float32 lanes). The wrappers return
//	    false, doing nothing, for another W, a nil idx, in not whole rows or
//	    out shorter than in (the SVE ones also without SVE or with wider
//	    vectors); package kernels then runs the twin. out must not overlap
//	    in. The external test perm_arm64_test.go compares bit for bit with
//	    NaN guard cells around out.
//	SVEVectorBits, SVELanes64, SVELanes32: the SVE vector length (RDVL),
//	    0 without SVE; NEONLanes64, NEONLanes32.
//
// Compact links hold rows 0 and 1 of each link and a sign row s (the
// boundary phase, +1 or -1 per lane); at the start of every hop the
// compact kernels rebuild the third row, s * conj(row0 x row1), into acc
// rows 24..29 in kernels.ExpandLink's order, then multiply as with full
// links: with an FMUL and three fused FMLA/FMLS per element, in both
// precisions (kernels.rebuild; the twin expandLinkGo uses math.FMA in
// float64 and writes the float32 ones one multiply-add per statement, as
// for the rows). They read 104 instead of 144 link rows per tile, the
// larger part of the hopping term's memory traffic.
//
// The twins of the fused kernels (Wilson, clover, axpy, xpay) perform the
// assembly's operations in its order, one multiply-add per statement, so
// that on arm64 (where the Go compiler fuses them) the two agree bit for
// bit with Go 1.26; their tests allow a few roundings so as not to depend
// on the compiler's choices. The SU(3) product, the reductions and the CG
// update, the force and the colour matrix-vector product fuse nothing, and
// their tests demand the same bits.
//
// The exported kernels check the lengths of their slices and the indices
// they follow (panicking on a bad one, a programming error) and pass
// pointers to the assembly; the tile-list assembly checks every tile and
// neighbour index against the operands' extent before it reads.
//
// # Generated code
//
// The .s files are written by the generator in _gen (go generate, which
// runs go run ./_gen); do not edit them. The Go assembler lacks the SVE
// instructions and the NEON FADD, FSUB, FMUL, FDIV, FNEG, FCVTL and FCVTL2
// on vectors: the generator encodes those as WORD directives with the
// instruction in a comment. TestEncodings re-assembles every such comment
// with llvm-mc (skipped without it) and TestGeneratedUpToDate reruns the
// generator.
//
// # Files
//
//	doc.go            this overview (no build tag: the package builds on every GOARCH)
//	tile.go           Hop, the Go twins (compact links too), the projection
//	                  table, operand checks, lane-index tables
//	vl_arm64.go       SVEVectorBits and the lane counts
//	wilson_arm64.go   Wilson tile and tile-list kernels, full and compact links:
//	                  declarations and checked wrappers
//	prep_arm64.go     the tile-list kernels' table, kept from call to call
//	clover_arm64.go   clover kernels: declarations and checked wrappers
//	face_arm64.go     NEON and SVE face kernels: declarations and wrappers
//	                  that refuse what they do not take
//	linalg.go         the element-wise twins and checks
//	linalg_arm64.go   element-wise kernels: declarations and checked wrappers
//	su3mat_arm64.go   SU(3) matrix product kernels: declarations and checked
//	                  wrappers (chunks of su3Chunk tiles per assembly call)
//	force_arm64.go    Wilson-fermion HMC force kernels: declarations and
//	                  wrappers that refuse what they do not take
//	matvec_arm64.go   colour matrix-vector kernels (staggered): declarations
//	                  and wrappers that refuse what they do not take
//	reduce_arm64.go   per-site reductions and the CG update: declarations,
//	                  ReduceFits and checked wrappers (chunks of reduceChunk
//	                  components per assembly call)
//	perm_arm64.go     lane permutation of rows: declarations and wrappers
//	                  that refuse what they do not take
//	*_arm64.s         generated assembly
//	_gen/             the generator (go run ./_gen): emit.go (instructions and
//	                  encodings), wilson.go, face.go, clover.go, linalg.go,
//	                  su3mat.go, force.go, matvec.go, reduce.go, perm.go,
//	                  main.go
package kernels_arm64

//go:generate go run ./_gen
