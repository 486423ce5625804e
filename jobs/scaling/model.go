package scaling

import (
	"errors"
	"fmt"
	"math"

	"github.com/goqcd/goqcd/layout"
)

// Model is a performance model of CG on the even-odd Wilson(-clover)
// normal operator on a machine: per-rank kernel rates, a network, and
// global reductions. doc.go states the formulas. Every field is a
// parameter the user may change in the machine file's [model] section.
//
// Kernel rates come either from node figures (peak x efficiency, memory
// bandwidth x efficiency, shared by RanksPerNode ranks) or, when set,
// from measured per-rank rates (HopGflopsRank*, LinalgGBsRank), which
// Fit sets from a measured point.
type Model struct {
	Name           string `toml:"-"` // the machine's name (top-level name of the machine file)
	RanksPerNode   int    `toml:"ranks_per_node"`
	ThreadsPerRank int    `toml:"threads_per_rank"` // documents the rates; the model does not scale with it

	PeakGflopsNodeDouble float64 `toml:"peak_gflops_node_double"` // per node
	PeakGflopsNodeSingle float64 `toml:"peak_gflops_node_single"` // per node; 0: twice the double
	HopEfficiency        float64 `toml:"hop_efficiency"`          // fraction of peak the hopping term sustains
	MemoryGBsNode        float64 `toml:"memory_gbs_node"`         // nominal memory bandwidth per node
	StreamEfficiency     float64 `toml:"stream_efficiency"`       // fraction of it streaming kernels reach

	HopGflopsRankDouble float64 `toml:"hop_gflops_rank_double"` // measured; 0: from peak
	HopGflopsRankSingle float64 `toml:"hop_gflops_rank_single"` // measured; 0: from peak, or twice the double
	LinalgGBsRank       float64 `toml:"linalg_gbs_rank"`        // measured; 0: from memory bandwidth

	LoopOverheadUS float64 `toml:"loop_overhead_us"` // thread fork/join and barrier per parallel loop
	ReduceAUS      float64 `toml:"reduce_a_us"`      // global sum: a + b log2(P) microseconds, P > 1
	ReduceBUS      float64 `toml:"reduce_b_us"`

	Network Network `toml:"network"`
}

// Network describes the halo exchange between ranks.
type Network struct {
	LatencyUS      float64 `toml:"latency_us"`      // inter-node message latency (MPI, one way)
	LinkGBs        float64 `toml:"link_gbs"`        // bandwidth of one link, one direction
	Links          int     `toml:"links"`           // links (RDMA engines) a node drives at once
	LinkEfficiency float64 `toml:"link_efficiency"` // fraction of the link bandwidth reached
	IntraLatencyUS float64 `toml:"intra_latency_us"`
	IntraGBs       float64 `toml:"intra_gbs"` // rank-to-rank copy bandwidth inside a node, per rank
	Overlap        bool    `toml:"overlap"`   // halo exchange overlaps the interior of the hopping term
}

// Validate reports the first parameter that is missing or out of range,
// by its TOML key.
func (m *Model) Validate() error {
	pos := func(key string, v float64) error {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("model: %s = %g: must be a positive number", key, v)
		}
		return nil
	}
	nonneg := func(key string, v float64) error {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("model: %s = %g: must be zero or positive", key, v)
		}
		return nil
	}
	frac := func(key string, v float64) error {
		if !(v > 0 && v <= 1) {
			return fmt.Errorf("model: %s = %g: must be a fraction in (0, 1]", key, v)
		}
		return nil
	}
	if m.RanksPerNode < 1 {
		return fmt.Errorf("model: ranks_per_node = %d: must be at least 1", m.RanksPerNode)
	}
	var errs []error
	if m.HopGflopsRankDouble == 0 || m.HopGflopsRankSingle == 0 || m.LinalgGBsRank == 0 {
		// Some rate comes from the node figures.
		if m.HopGflopsRankDouble == 0 && m.HopGflopsRankSingle == 0 {
			errs = append(errs, pos("peak_gflops_node_double", m.PeakGflopsNodeDouble), frac("hop_efficiency", m.HopEfficiency))
		}
		if m.LinalgGBsRank == 0 {
			errs = append(errs, pos("memory_gbs_node", m.MemoryGBsNode), frac("stream_efficiency", m.StreamEfficiency))
		}
	}
	n := m.Network
	errs = append(errs,
		nonneg("peak_gflops_node_single", m.PeakGflopsNodeSingle),
		nonneg("hop_gflops_rank_double", m.HopGflopsRankDouble),
		nonneg("hop_gflops_rank_single", m.HopGflopsRankSingle),
		nonneg("linalg_gbs_rank", m.LinalgGBsRank),
		nonneg("loop_overhead_us", m.LoopOverheadUS),
		nonneg("reduce_a_us", m.ReduceAUS), nonneg("reduce_b_us", m.ReduceBUS),
		nonneg("network.latency_us", n.LatencyUS), pos("network.link_gbs", n.LinkGBs),
		frac("network.link_efficiency", n.LinkEfficiency),
		nonneg("network.intra_latency_us", n.IntraLatencyUS), pos("network.intra_gbs", n.IntraGBs))
	if n.Links < 1 {
		errs = append(errs, fmt.Errorf("model: network.links = %d: must be at least 1", n.Links))
	}
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// HopRate is the hopping-term rate of one rank in GFlop/s.
func (m *Model) HopRate(prec string) float64 {
	peakD := m.PeakGflopsNodeDouble
	peakS := m.PeakGflopsNodeSingle
	if peakS == 0 {
		peakS = 2 * peakD
	}
	ratio := 2.0 // single over double
	if peakD > 0 {
		ratio = peakS / peakD
	}
	switch prec {
	case "single":
		switch {
		case m.HopGflopsRankSingle > 0:
			return m.HopGflopsRankSingle
		case m.HopGflopsRankDouble > 0:
			return m.HopGflopsRankDouble * ratio
		}
		return peakS * m.HopEfficiency / float64(m.RanksPerNode)
	default:
		switch {
		case m.HopGflopsRankDouble > 0:
			return m.HopGflopsRankDouble
		case m.HopGflopsRankSingle > 0:
			return m.HopGflopsRankSingle / ratio
		}
		return peakD * m.HopEfficiency / float64(m.RanksPerNode)
	}
}

// LinalgRate is the streaming bandwidth of one rank in GB/s.
func (m *Model) LinalgRate() float64 {
	if m.LinalgGBsRank > 0 {
		return m.LinalgGBsRank
	}
	return m.MemoryGBsNode * m.StreamEfficiency / float64(m.RanksPerNode)
}

// ReduceSeconds is the time of one global sum over p ranks: zero on one
// rank, else a + b log2(p) microseconds.
func (m *Model) ReduceSeconds(p int) float64 {
	if p <= 1 {
		return 0
	}
	return (m.ReduceAUS + m.ReduceBUS*math.Log2(float64(p))) * 1e-6
}

// Problem is what the model predicts: a CG solve on Grid with the process
// grid Procs (zero: ProcsFor(Ranks), or layout.AutoProcs of Ranks when
// ProcsFor is nil), precision "double" or "single", with or without the
// clover term.
type Problem struct {
	Grid     [layout.Nd]int
	Procs    [layout.Nd]int
	Ranks    int // used when Procs is zero
	Prec     string
	Clover   bool
	ProcsFor func(ranks int) ([layout.Nd]int, error) // e.g. jobs.ProcsChooser; nil: layout.AutoProcs
}

// Prediction is the model's time per CG iteration on one process grid,
// split into its parts (seconds per iteration, the slowest rank).
type Prediction struct {
	Nodes        int    `json:"nodes"`
	Ranks        int    `json:"ranks"`
	RanksPerNode int    `json:"ranks_per_node"`
	MPI          string `json:"mpi"`
	Local        string `json:"local"`
	// NodeBlock is the part of the process grid one node holds when
	// ranks fill nodes in rank order ("scattered" when they do not form
	// a block; every split direction then counts as inter-node).
	NodeBlock string `json:"node_block"`
	Prec      string `json:"prec"`

	FlopsPerIter  float64 `json:"flops_per_iter"`      // all ranks
	HaloBytesIter float64 `json:"halo_bytes_per_iter"` // all ranks

	HopSeconds         float64 `json:"hop_seconds"`          // compute of the hopping terms
	CommSeconds        float64 `json:"comm_seconds"`         // halo transfer, hidden or not
	ExposedCommSeconds float64 `json:"exposed_comm_seconds"` // the part not hidden by overlap
	LinalgSeconds      float64 `json:"linalg_seconds"`       // linear algebra, clover, Schur combination, halo packing
	OverheadSeconds    float64 `json:"overhead_seconds"`     // parallel-loop overheads
	ReduceSeconds      float64 `json:"reduce_seconds"`
	SecondsPerIter     float64 `json:"seconds_per_iter"`

	Gflops        float64 `json:"gflops"` // total
	GflopsPerNode float64 `json:"gflops_per_node"`
	CommFraction  float64 `json:"comm_fraction"` // (exposed comm + reductions) / time

	// Relative to the first prediction of a PredictTable.
	SpeedUp    float64 `json:"speed_up,omitempty"`
	Efficiency float64 `json:"efficiency,omitempty"`
}

// NodeBlock returns the extents of the block of the process grid that the
// first ranksPerNode ranks cover, ranks being numbered x fastest
// (r = c0 + P0*(c1 + P1*(c2 + P2*c3)), as comm.Cart numbers them) and
// placed on nodes in rank order (block placement: ranks 0..n-1 on the
// first node, and so on). ok is false when those ranks do not form a
// block, i.e. ranksPerNode is not P0*...*P(k-1)*m with m dividing Pk.
func NodeBlock(procs [layout.Nd]int, ranksPerNode int) (nb [layout.Nd]int, ok bool) {
	nb = [layout.Nd]int{1, 1, 1, 1}
	rem := ranksPerNode
	for mu := range layout.Nd {
		if rem == 1 {
			break
		}
		switch {
		case rem%procs[mu] == 0:
			nb[mu] = procs[mu]
			rem /= procs[mu]
		case procs[mu]%rem == 0:
			nb[mu] = rem
			rem = 1
		default:
			return [layout.Nd]int{1, 1, 1, 1}, false
		}
	}
	return nb, rem == 1
}

// Predict returns the model's time per CG iteration for p. It fails,
// naming the rank count and the extents, when the grid cannot be split.
func (m *Model) Predict(p Problem) (Prediction, error) {
	var pr Prediction
	if err := m.Validate(); err != nil {
		return pr, err
	}
	s := float64(BytesPerReal(p.Prec))
	if s == 0 {
		return pr, fmt.Errorf("precision %q: must be double or single", p.Prec)
	}
	procs := p.Procs
	if procs == ([layout.Nd]int{}) {
		choose := p.ProcsFor
		if choose == nil {
			choose = func(n int) ([layout.Nd]int, error) { return layout.AutoProcs(p.Grid, n) }
		}
		var err error
		if procs, err = choose(p.Ranks); err != nil {
			return pr, err
		}
	}
	local, err := LocalExtents(p.Grid, procs)
	if err != nil {
		return pr, err
	}
	ranks := procs[0] * procs[1] * procs[2] * procs[3]
	rpn := min(m.RanksPerNode, ranks)
	if ranks%rpn != 0 {
		return pr, fmt.Errorf("%d ranks do not fill whole nodes of %d ranks", ranks, rpn)
	}
	nb, blocked := NodeBlock(procs, rpn)
	pr = Prediction{Nodes: ranks / rpn, Ranks: ranks, RanksPerNode: rpn, MPI: layout.FormatDims(procs),
		Local: layout.FormatDims(local), NodeBlock: layout.FormatDims(nb), Prec: p.Prec}
	if !blocked {
		pr.NodeBlock = "scattered"
	}
	vol := float64(local[0] * local[1] * local[2] * local[3])
	half := vol / 2
	cnt := CGCounts(p.Clover)
	global := p.Grid[0] * p.Grid[1] * p.Grid[2] * p.Grid[3]
	pr.FlopsPerIter = FlopsPerIteration(global, p.Clover)
	pr.HaloBytesIter = HaloBytesPerIteration(p.Grid, procs, p.Prec)

	// One hopping term: compute, and the halo exchange of the worst rank.
	hop := half * FlopsHop / (m.HopRate(p.Prec) * 1e9)
	var rankIntra, nodeInter, packBytes float64
	nodeMsgs := 0
	interior := 1.0 // fraction of sites with no neighbour on another rank
	for mu := range layout.Nd {
		if procs[mu] == 1 {
			continue
		}
		face := half / float64(local[mu]) // sites of one face of the half lattice
		msg := face * RealsHalfSpinor * s
		packBytes += 2 * face * (RealsSpinor + RealsHalfSpinor) * s
		interior *= 1 - 2/float64(local[mu])
		switch {
		case blocked && nb[mu] == procs[mu]: // the whole direction lies inside a node
			rankIntra += 2 * msg
		case blocked && nb[mu] > 1: // the rank at the block's edge has one neighbour off the node
			rankIntra += msg
			nodeInter += 2 * float64(rpn/nb[mu]) * msg
			nodeMsgs += 2 * rpn / nb[mu]
		default:
			k := rpn
			if blocked {
				k = rpn / nb[mu]
			}
			nodeInter += 2 * float64(k) * msg
			nodeMsgs += 2 * k
		}
	}
	// The node's links, shared by its ranks, carry the inter-node faces.
	n := m.Network
	var tInter, tIntra float64
	if nodeInter > 0 {
		links := float64(min(n.Links, nodeMsgs))
		tInter = n.LatencyUS*1e-6 + nodeInter/(links*n.LinkGBs*n.LinkEfficiency*1e9)
	}
	if rankIntra > 0 {
		tIntra = n.IntraLatencyUS*1e-6 + rankIntra/(n.IntraGBs*1e9)
	}
	comm := max(tInter, tIntra)
	term := hop + comm
	if n.Overlap {
		term = max(interior*hop, comm) + (1-interior)*hop
	}
	pr.HopSeconds = HopsPerIteration * hop
	pr.CommSeconds = HopsPerIteration * comm
	pr.ExposedCommSeconds = HopsPerIteration * (term - hop)
	pr.LinalgSeconds = (cnt.LinalgRealsPerSite*half*s + HopsPerIteration*packBytes) / (m.LinalgRate() * 1e9)
	pr.OverheadSeconds = float64(cnt.Loops) * m.LoopOverheadUS * 1e-6
	pr.ReduceSeconds = float64(cnt.Reductions) * m.ReduceSeconds(ranks)
	pr.SecondsPerIter = HopsPerIteration*term + pr.LinalgSeconds + pr.OverheadSeconds + pr.ReduceSeconds
	pr.Gflops = pr.FlopsPerIter / pr.SecondsPerIter / 1e9
	pr.GflopsPerNode = pr.Gflops / float64(pr.Nodes)
	pr.CommFraction = (pr.ExposedCommSeconds + pr.ReduceSeconds) / pr.SecondsPerIter
	return pr, nil
}

// LocalExtents returns grid / procs, failing, with the extent and the
// process count named, when a direction does not divide or a local extent
// is odd (even-odd ordering needs even local extents).
func LocalExtents(grid, procs [layout.Nd]int) ([layout.Nd]int, error) {
	var local [layout.Nd]int
	for mu := range layout.Nd {
		if procs[mu] < 1 {
			return local, fmt.Errorf("process grid %s: extents must be positive", layout.FormatDims(procs))
		}
		if grid[mu]%procs[mu] != 0 {
			return local, fmt.Errorf("lattice extent %d in direction %s is not divisible by %d processes (process grid %s)",
				grid[mu], layout.DirName[mu], procs[mu], layout.FormatDims(procs))
		}
		local[mu] = grid[mu] / procs[mu]
		if local[mu]%2 != 0 {
			return local, fmt.Errorf("local extent %d in direction %s (lattice extent %d over %d processes) is odd: even-odd ordering needs even local extents",
				local[mu], layout.DirName[mu], grid[mu], procs[mu])
		}
	}
	return local, nil
}

// PredictNodes predicts the problem on nodes full nodes
// (nodes x RanksPerNode ranks, process grid layout.AutoProcs unless
// p.Procs is set).
func (m *Model) PredictNodes(p Problem, nodes int) (Prediction, error) {
	if nodes < 1 {
		return Prediction{}, fmt.Errorf("%d nodes: must be at least 1", nodes)
	}
	p.Ranks = nodes * m.RanksPerNode
	return m.Predict(p)
}

// PredictTable predicts the problem on each node count and fills SpeedUp
// and Efficiency relative to the first. Process grids are chosen by
// p.ProcsFor, or layout.AutoProcs (p.Procs is ignored). A node count whose rank count
// cannot split the grid is an error that names it.
func (m *Model) PredictTable(p Problem, nodes []int) ([]Prediction, error) {
	if len(nodes) == 0 {
		return nil, errors.New("no node counts")
	}
	p.Procs = [layout.Nd]int{}
	var out []Prediction
	for _, n := range nodes {
		pr, err := m.PredictNodes(p, n)
		if err != nil {
			return nil, fmt.Errorf("%d nodes (%d ranks): %w", n, n*m.RanksPerNode, err)
		}
		out = append(out, pr)
	}
	for i := range out {
		out[i].SpeedUp = out[0].SecondsPerIter / out[i].SecondsPerIter
		out[i].Efficiency = out[i].SpeedUp * float64(out[0].Ranks) / float64(out[i].Ranks)
	}
	return out, nil
}
