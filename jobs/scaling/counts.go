package scaling

import "github.com/goqcd/goqcd/layout"

// Work of one CG iteration on the even-odd preconditioned normal operator
// M^dagger M, M = the Schur complement on even sites (doc.go derives each
// number). Counts are per site of the half lattice (V/2 sites).
const (
	FlopsHop          = 1320 // one Wilson hopping term D_eo or D_oe, per output site
	FlopsClover       = 504  // one clover term (two Hermitian 6x6 blocks) times a spinor
	FlopsCombine      = 48   // x - kappa^2 y (Wilson Schur complement), 12 complex
	FlopsCombineClov  = 24   // A_ee x - y (clover Schur complement), 12 complex
	FlopsCGLinalg     = 288  // dot 96 + axpy 48 + axpy&norm 96 + xpay 48
	RealsSpinor       = 24   // reals of a spinor (12 complex)
	RealsHalfSpinor   = 12   // reals of a spin-projected half-spinor sent in a halo
	RealsLink         = 18   // reals of an SU(3) link
	RealsCloverSite   = 72   // two Hermitian 6x6 blocks, 36 reals each
	HopsPerIteration  = 4    // two Schur applications, two hopping terms each
	ReductionsPerIter = 2    // <p, Ap> and |r|^2, one GlobalSum each
)

// IterationCounts is the work of one CG iteration per site of the half
// lattice.
type IterationCounts struct {
	Hops int // hopping terms, each FlopsHop per site and one halo exchange
	// FlopsPerSite is all the flops: hopping terms, clover, Schur
	// combination and CG linear algebra.
	FlopsPerSite float64
	// HopRealsPerSite is the memory traffic of one hopping term with no
	// cache reuse: 8 links, 8 neighbour spinors, 1 result spinor. Given
	// for reference; the model times the hopping term by its flop rate.
	HopRealsPerSite float64
	// LinalgRealsPerSite is the memory traffic of everything but the
	// hopping terms: field streams of the linear algebra and the Schur
	// combination, and the clover terms (matrix, input, output).
	LinalgRealsPerSite float64
	// Loops is the number of parallel loops (thread fork/join) per
	// iteration: one per hopping term and one per linear-algebra or
	// clover pass.
	Loops      int
	Reductions int
}

// CGCounts returns the per-iteration work of CG on the even-odd Wilson
// (clover false) or Wilson-clover (clover true) normal operator.
//
// Linear algebra of CG per iteration, in field streams (one stream = one
// read or write of a half-lattice spinor, 24 reals a site): <p,q> reads 2;
// x += a p reads 2 and writes 1; r -= a q with |r|^2 reads 2, writes 1;
// p = r + b p reads 2, writes 1: 11 streams. The Wilson Schur combination
// x - kappa^2 y reads 2, writes 1, twice: 6 streams. The clover Schur
// complement applies A_oo^-1 and A_ee (72 + 24 + 24 reals each) and
// combines (3 streams), twice.
func CGCounts(clover bool) IterationCounts {
	c := IterationCounts{Hops: HopsPerIteration, Reductions: ReductionsPerIter,
		HopRealsPerSite: 8*RealsLink + 8*RealsSpinor + RealsSpinor}
	cgStreams := 11.0
	if clover {
		c.FlopsPerSite = HopsPerIteration*FlopsHop + 4*FlopsClover + 2*FlopsCombineClov + FlopsCGLinalg
		c.LinalgRealsPerSite = cgStreams*RealsSpinor + 4*(RealsCloverSite+2*RealsSpinor) + 2*3*RealsSpinor
		c.Loops = HopsPerIteration + 4 + 4 + 2
	} else {
		c.FlopsPerSite = HopsPerIteration*FlopsHop + 2*FlopsCombine + FlopsCGLinalg
		c.LinalgRealsPerSite = cgStreams*RealsSpinor + 2*3*RealsSpinor
		c.Loops = HopsPerIteration + 4 + 2
	}
	return c
}

// FlopsPerIteration is the flop count of one CG iteration on a lattice of
// globalVolume sites (all ranks together), by the conventions of CGCounts;
// `goqcd bench cg` should report flops = iterations x this.
func FlopsPerIteration(globalVolume int, clover bool) float64 {
	return float64(globalVolume) / 2 * CGCounts(clover).FlopsPerSite
}

// BytesPerReal is 8 for "double" and 4 for "single" (0 otherwise).
func BytesPerReal(prec string) int {
	switch prec {
	case "double":
		return 8
	case "single":
		return 4
	}
	return 0
}

// HaloBytesPerIteration is the number of bytes all ranks together send in
// the halo exchanges of one CG iteration: HopsPerIteration exchanges, each
// sending, for every direction mu split over ranks (procs[mu] > 1), two
// faces (+mu and -mu) of V_local/(2 L_mu) sites of the half-lattice
// field, RealsHalfSpinor reals a site. A direction that is not split
// sends nothing. `goqcd bench cg` should report halo_bytes_per_iter by this
// definition.
func HaloBytesPerIteration(global, procs [layout.Nd]int, prec string) float64 {
	ranks := 1
	var local [layout.Nd]int
	vol := 1
	for mu := range layout.Nd {
		ranks *= procs[mu]
		local[mu] = global[mu] / procs[mu]
		vol *= local[mu]
	}
	perRank := 0.0
	for mu := range layout.Nd {
		if procs[mu] > 1 {
			perRank += 2 * float64(vol/(2*local[mu])) * RealsHalfSpinor * float64(BytesPerReal(prec))
		}
	}
	return HopsPerIteration * perRank * float64(ranks)
}
