// Package kernels holds the portable Go kernels of goqcd and the dispatch
// table that chooses, once at start-up, which implementation of every
// kernel runs.
//
// # Kernel sets
//
// A kernel set is one implementation of every kernel for one instruction
// set: "go" (portable, the reference, runs everywhere), "avx2" (AVX2+FMA)
// and "avx512" (AVX-512F) on amd64, "neon" (ASIMD) and "sve" (scalable
// vectors, A64FX) on arm64. Each set has a natural SIMD width, the lanes W
// of one vector register: W64 float64 lanes and W32 = 2*W64 float32 lanes
// (avx2 4/8, avx512 8/16, neon 2/4, sve VL/64 and VL/32 for a vector length
// of VL bits). The go set has W64 = W32 = 1 by default but runs any W, so
// the command line may override it (--simd).
//
// At package initialisation the CPU's features are read
// (github.com/klauspost/cpuid/v2, and golang.org/x/sys/cpu on arm64) and
// the best set that the CPU can run and that has kernels is selected. The
// environment variable GOQCD_KERNELS=go|avx2|avx512|neon|sve forces a set;
// when the CPU lacks it (or the set has no kernels yet) the automatic
// choice stays and EnvError reports why, naming the missing feature.
// Programs should check EnvError at start-up and refuse to run.
//
// The go set has every kernel. On amd64, avx2 and avx512 (package
// kernels_amd64, install_amd64.go) replace the Wilson hopping term, the
// clover blocks, Axpy/Xpay, the per-site reductions SiteNorm64/32 and
// SiteDot64/32, the CG update CGUpdate64/32 and SU3Mul64 at the W their
// assembly supports; on arm64, neon and sve (package kernels_arm64,
// install_arm64.go, install_reduce_arm64.go) replace the same kernels, sve
// only where the vector length is 512 bits. An assembly kernel handed a W
// it does not support leaves the work to its Go twin, so every set runs at
// every W. The installed assembly performs the Go twin's operations in the
// same order, so results are identical, bit for bit, on every set and W of
// an architecture (amd64: go, avx2, avx512; arm64: go, neon, sve). The SU(3) rows of the hopping term, the clover rows and the
// rebuilt rows of compact links are one product and fused multiply-adds,
// which the twins compute with the same roundings (math.FMA in float64,
// fma.go in float32); nothing else is fused, and the twins round every
// other product explicitly so that no compiler fuses it. The arm64 sets
// fuse the same rows (FMLA, FMLS; the arm64 compiler fuses the twins'
// float32 multiply-add statements, as fma.go's emulation computes on
// amd64) and are tested bit for bit. The portable float32 rows pay for the exact
// emulation: the go set's float32 hopping term is several times slower
// than its float64 one. A new kernel adds a function variable holding
// its Go version and, in the installer of each set that implements it,
// assigns that set's version (set.go, setInstaller).
//
// # Concurrency
//
// Select swaps the function variables of the dispatch table and must not
// run while kernels run: call it at start-up, before any goroutine uses a
// kernel. Everything else is read-only after initialisation.
//
// # Files
//
//	doc.go      this overview
//	set.go      Set, the table of known sets, their CPU requirements and installers
//	select.go   Select, Selected, Available, Implemented, EnvError, the start-up choice
//	cpu.go      Features, SVEVectorBits, CPUModel: CPU detection through cpuid
//	cpu_arm64.go  arm64 detection through golang.org/x/sys/cpu (ASIMD, SVE, SVE2)
//	cpu_other.go  the same hook on other architectures (no extra features)
//	colour.go   SU(3) x colour vector on tiles (staggered fermions; MatVecAdd64/32 dispatched,
//	            assembly in every set)
//	permute.go  LanePerm, PermuteRows64/32: the lane permutation of rows for hops across
//	            the tile boundary (layout.Halo; assembly in every set)
//	linalg.go   Axpy, Xpay: the element-wise field operations of layout
//	reduce.go   SiteNormGo, SiteDotGo, SiteNorm64/32, SiteDot64/32: the per-site
//	            float64 partial sums of layout.Norm2 and layout.Dot
//	cgupdate.go CGUpdateGo, CGUpdate64/32: x += a p, r -= a q and the per-site
//	            partials of the new |r|^2, one pass (layout.CGUpdate)
//	su3mat.go   SU3MulGo, SU3Mul64: SU(3) matrix times matrix on link tiles
//	            (op = adjoint or not, set or add), sun.M3's operation order
//	install_amd64.go, install_arm64.go  the assembly sets' installers (not with -tags noasm)
//	install_reduce_amd64.go  the amd64 reductions and CG update (called by install_amd64.go)
//	install_reduce_arm64.go  the arm64 reductions and CG update (called by install_arm64.go)
//	wilson_hoptile.go  the per-tile entry the assembly wrappers share
//	wilson.go   Wilson kernel types, the spin-projection table, the dispatch
//	            variables WilsonHop64/32, WilsonProjectFace64/32, CloverApply64/32
//	wilson_gen.go, wilson_site_gen.go  the W = 1 site kernels and their generator
//	            (go generate; the output is committed)
//	wilson_gather.go  the W > 1 path (lanes gathered per hop)
//	wilson_lanes.go   the lane-by-lane reference kernel, model for assembly
//	wilson_compact.go compact links (two rows and a sign per hop), ExpandLink
//	fma.go            the exact float32 fused multiply-add of the twins
//	wilson_face.go    halo packing (spin projection of the faces)
//	wilson_clover.go  clover blocks: two Hermitian 6x6 per site
//	wilson_force.go   the Wilson-fermion HMC force on a tile (WilsonForce64; assembly in every set)
//	staggered_force.go the staggered-fermion HMC force on a tile (StaggeredForce64)
//
// Kernels see slices and index tables only, never layouts or fields, so
// each is testable alone against its reference.
package kernels
