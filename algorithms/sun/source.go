package sun

// Source supplies the random numbers for the random-matrix and heatbath
// functions of this package. It is an interface, not a *rand.Rand, so that a
// counter-based generator keyed by (seed, stream, site, draw) can drive the
// updates and give the same configuration for every process grid.
//
// Float64 must be uniform in [0, 1); Gaussian must be a standard normal
// deviate (mean 0, variance 1). The number and order of draws each function
// makes is stated in its documentation and is part of its contract.
type Source interface {
	Float64() float64
	Gaussian() float64
}
