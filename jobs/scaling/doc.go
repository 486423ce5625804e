// Package scaling is goqcd's strong-scaling harness: it reads the points
// that `goqcd bench cg --json` writes (one per process grid), checks that
// they are one study of one solve, tabulates them (speed-up, parallel
// efficiency, communication share), writes the table as CSV, JSON and text,
// plots it, and holds a performance model of CG on the even-odd Wilson
// (or Wilson-clover) normal operator that predicts the time per iteration
// on a machine from a few per-rank rates and a network description.
//
// Nothing here communicates: there are no collective calls. Functions do
// not modify their arguments, except the methods of Model that say so
// (Fit, Set) and Table.AttachModel; a Model must not be changed while
// another goroutine predicts with it.
//
// # Points
//
// A Point is the JSON of one `goqcd bench cg --json` run, rank 0's output.
// Times are wall-clock seconds of the slowest rank: Repeats holds every
// timed solve, Seconds their median, SecondsPerIter = Seconds/Iterations.
// Flops is the flop count of one solve over all ranks by the conventions
// below (Iterations x FlopsPerIteration), Gflops = Flops/Seconds/1e9.
// HaloBytesIter is what all ranks send in one iteration's halo exchanges
// (HaloBytesPerIteration). CommSeconds is the time spent waiting for halos
// in one solve, the median over repeats of the maximum over ranks.
// Checksum is a hex digest of the solution as written in a fixed order,
// so that two process grids that solve identically give the same string.
//
// # One study, one solve
//
// goqcd's global sums are exact (layout.ExactSum), so CG takes the same
// iterations and reaches the same solution, bit for bit, on every process
// grid. Check therefore requires, of every point against the one with the
// fewest ranks: the same grid, solver, tolerance, precision and kernel
// set; the same iteration count; the same checksum; residuals within
// ResidualFactor; and each residual at or below its tolerance. Each
// mismatch is a *MismatchError naming both points ("the solution differs
// between 1 and 4 ranks: checksum a1b2 vs c3d4"); all are reported.
//
// # Table
//
// Rows are sorted by ranks, then threads, then process grid; the first row
// is the baseline. For row i with median time T_i on R_i ranks:
//
//	speed-up    S_i = T_0 / T_i
//	efficiency  E_i = S_i R_0 / R_i
//	comm share  C_i = comm_seconds / seconds
//
// with the spread of the repeats as min, max and the median absolute
// deviation. CSV numbers are written in the shortest form that reads back
// to the same float64; files are written atomically (temporary file in the
// same folder, fsync, rename).
//
// # Work of one CG iteration
//
// CG on M^dagger M with M the even-odd Schur complement, per site of the
// half lattice (V/2 sites, V the volume):
//
//	Wilson:  M = 1 - kappa^2 D_eo D_oe
//	clover:  M = A_ee - D_eo A_oo^-1 D_oe
//
// One iteration applies M and M^dagger (= gamma5 M gamma5, the gamma5 folded
// into the kernels): 4 hopping terms. Flops per site of V/2:
//
//	hopping term            1320  (FlopsHop; per output site, x4)
//	Wilson combine x - k^2 y  48  (12 complex: real scale 2 + subtract 2; x2)
//	clover term              504  (two Hermitian 6x6 blocks: 6 real diagonal
//	                               x complex = 12, 30 off-diagonal complex
//	                               products = 180, 5 complex adds a row x 6
//	                               rows = 60: 252 a block; x4 with A_oo^-1, A_ee)
//	clover combine  x - y     24  (x2)
//	CG linear algebra        288  (<p,q> 96, x += a p 48, r -= a q with |r|^2 96,
//	                               p = r + b p 48)
//
// so 5664 per site for Wilson (4x1320 + 2x48 + 288) and 7632 with clover
// (4x1320 + 4x504 + 2x24 + 288). Memory traffic, in reals per site of V/2
// (a spinor is 24 reals, a link 18, a clover site 72):
//
//	hopping term, no cache reuse   360  (8 links, 8 neighbour spinors, 1 result)
//	CG linear algebra              264  (11 spinor streams: reads 2+2+2+2, writes 1+1+1)
//	Wilson combine, x2             144  (3 streams each)
//	clover term, x4                480  (matrix 72 + spinor in 24 + out 24)
//	clover combine, x2             144
//
// 408 reals (Wilson) or 888 (clover) of linear-algebra traffic an
// iteration; bytes are reals x 8 (double) or x 4 (single). Two global sums
// an iteration (<p,q> and |r|^2), each an Allreduce of 67 int64 digits and
// one float64 (layout.GlobalSum). Parallel loops (thread fork/join): 10 an
// iteration for Wilson (4 hops, 4 CG, 2 combines), 14 with clover.
//
// # Halo
//
// A hopping term on a half-lattice field sends, for every direction mu
// split over ranks (P_mu > 1), two faces (+mu and -mu) of
//
//	F_mu = V_local / (2 L_mu)  sites
//
// each site a spin-projected half-spinor, 6 complex = 12 reals: 48 bytes in
// single precision, 96 in double. The receiver multiplies by its own link.
// Packing a face reads a spinor (24 reals) and writes 12 reals a site; the
// model counts it as linear-algebra traffic. A direction that is not split
// sends nothing. HaloBytesPerIteration = 4 x sum_mu 2 F_mu x 12 x
// bytes-per-real x ranks.
//
// # The model
//
// Per rank, with R_hop the hopping-term rate (GFlop/s) and B the streaming
// bandwidth (GB/s) of one rank:
//
//	t_hop  = (V_local/2) 1320 / R_hop                          one hopping term
//	t_comm = max(t_inter, t_intra)                             its halo exchange
//	t_inter = latency + Bytes_node / (min(links, messages_node) link_gbs link_efficiency)
//	t_intra = intra_latency + Bytes_rank,intra / intra_gbs
//	t_term = t_hop + t_comm                         without overlap
//	t_term = max(f_in t_hop, t_comm) + (1 - f_in) t_hop   with overlap
//	f_in   = prod over split mu of (1 - 2/L_mu)   (sites with no off-rank neighbour)
//	t_lin  = (reals x (V_local/2) + 4 x packing) x bytes-per-real / B
//	t_red  = a + b log2(P)   for P > 1 ranks, 0 for one
//	T_iter = 4 t_term + t_lin + loops x loop_overhead + 2 t_red
//
// Ranks are placed on nodes in rank order (x fastest), RanksPerNode to a
// node; NodeBlock finds the block of the process grid a node holds. A
// direction that lies wholly inside the block is intra-node; a direction
// cut by node boundaries sends its faces over the network, all ranks of
// the node at once through the node's links (Bytes_node sums them; the
// worst rank's intra-node faces make Bytes_rank,intra). When the ranks of
// a node do not form a block every split direction counts as inter-node.
// The rates do not depend on the local volume: cache effects and thread
// imbalance at small local volumes are not modelled, which makes the model
// optimistic at the largest rank counts; loop_overhead_us bounds it.
//
// Rates come from node figures, R_hop = peak x hop_efficiency /
// ranks_per_node and B = memory_gbs_node x stream_efficiency /
// ranks_per_node (single precision: the single peak, or twice the
// double), or from measured per-rank values (hop_gflops_rank_double,
// hop_gflops_rank_single, linalg_gbs_rank), which Fit sets from the point
// with the fewest ranks: its compute time (time per iteration less the
// measured halo waits and the model's reductions and loop overheads) fixes
// one factor by which both rates are scaled.
//
// # Parameters
//
// The [model] section of a machine file (jobs/machines/*.toml) and its
// [model.network] table; every key is a Model or Network field:
// ranks_per_node, threads_per_rank, peak_gflops_node_double,
// peak_gflops_node_single, hop_efficiency, memory_gbs_node,
// stream_efficiency, hop_gflops_rank_double, hop_gflops_rank_single,
// linalg_gbs_rank, loop_overhead_us, reduce_a_us, reduce_b_us;
// network.latency_us, network.link_gbs, network.links,
// network.link_efficiency, network.intra_latency_us, network.intra_gbs,
// network.overlap. Unknown keys are errors. jobs/machines/fugaku.toml
// gives the Fugaku values with their sources (A64FX: 48 cores, 3072
// GFlop/s double a node at 2.0 GHz, 1024 GB/s HBM2; TofuD: 6.8 GB/s a
// link, 6 RDMA engines, 0.49 us Put latency, 93% link efficiency) and
// marks the assumed ones (10% of peak for the hopping term, 80% of the
// memory bandwidth, reductions, intra-node copies, loop overheads).
//
// # Files
//
//	point.go          Point, Point.Validate, ReadPoint, Collect, SortPoints, PointGlob
//	check.go          Check, MismatchError, ResidualFactor
//	table.go          Table, Row, NewTable, Table.AttachModel, Median
//	write.go          Table.WriteCSV/WriteJSON/WriteText/SaveCSV/SaveJSON, ReadCSV,
//	                  ReadTableJSON, WriteFileAtomic
//	counts.go         CGCounts, IterationCounts, FlopsPerIteration, HaloBytesPerIteration,
//	                  BytesPerReal, the Flops*/Reals* constants
//	model.go          Model, Network, Problem, Prediction, Model.Validate/HopRate/
//	                  LinalgRate/ReduceSeconds/Predict/PredictNodes/PredictTable,
//	                  NodeBlock, LocalExtents
//	model_toml.go     ParseModel, LoadModel, Model.Set
//	model_fit.go      Model.Fit
//	predict_write.go  WritePredictions, WritePredictionsJSON
//	plot.go           PlotTable, PlotPredictions, TimePlot, EfficiencyPlot
//	report.go         Report (what `goqcd scaling --collect` does), TableCSV/JSON/Text
package scaling
