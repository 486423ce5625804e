// Package gauge holds SU(N) gauge fields on the distributed, SIMD-tiled
// layout, the Wilson plaquette action, and the quenched updates.
//
// # Conventions
//
// U_mu(x) is the link from x to x + mu^, stored in Field.U[mu], a
// full-lattice layout field of N*N complex components, c = i*N + j for the
// element (i, j), in float64. The plaquette is
//
//	U_mu,nu(x) = U_mu(x) U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag
//
// and the Wilson gauge action
//
//	S = beta * sum_{x, mu<nu} (1 - Re Tr U_mu,nu(x) / N),    beta = 2N / g0^2.
//
// Plaquette values are (1/N) Re Tr U_mu,nu averaged over sites: 1 on a cold
// field. The staple of U_mu(x) (Staple) is the sum over the six plaquettes
// that contain the link, with the link removed, so that their traces are
// Re Tr(U_mu(x) A_mu(x)).
//
// # Updates
//
// HeatbathSweep (Cabibbo-Marinari over the SU(2) subgroups, Kennedy-Pendleton
// with Creutz's method for small couplings) and OverrelaxSweep
// (microcanonical reflection in each subgroup) visit the links by
// direction, then parity, updating all links of one (mu, parity) at once.
// Random numbers come from a counter-based stream keyed by the global site,
// so a run gives the same configurations, bit for bit, on every process
// grid and SIMD width W (tested). N = 3 uses the unrolled sun.M3 paths,
// other N the general sun.Mat ones.
//
// # Reproducibility
//
// Plaquette sums exactly (layout.ExactSum) and is identical on every
// process grid and W. Per-site arithmetic is the same on every
// decomposition; on arm64 the Go compiler may fuse multiply-adds, so
// results there may differ in the last bits from amd64.
//
// # Collective calls
//
// Every rank must call, in the same order: Hot, Staple, HeatbathSweep,
// OverrelaxSweep, Plaquette, Unitarity, Transform, RandomTransform, Scatter,
// Gather, ReadFile, WriteFile.
//
// # Files
//
//	field.go      Field, New, Cold, Hot, Load/Store, Unitarity
//	matfield.go   matrix-field products MatMul, MatMulAdd (Plain/Dag)
//	taproduct.go  AddTAProduct: f += c TA(u a), the form of the gauge forces
//	exptimes.go   ExpTimes3: u = exp(eps x) u, the MD link update
//	workspace.go  Workspace: temporaries and halo buffers, Shift
//	staple.go     Staple
//	update.go     HeatbathSweep, OverrelaxSweep, Reunitarize
//	plaquette.go  Plaquette, ReTraceSum
//	transform.go  RandomTransform, Transform (gauge transformations)
//	fileio.go     Scatter, Gather, ReadFile, WriteFile (rank 0 does the I/O)
package gauge
