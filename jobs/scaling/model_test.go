package scaling

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goqcd/goqcd/layout"
)

// simpleModel has round numbers, one rank per node and no overlap, so
// that its predictions can be computed by hand.
func simpleModel() *Model {
	return &Model{Name: "simple", RanksPerNode: 1, ThreadsPerRank: 1,
		HopGflopsRankDouble: 10, LinalgGBsRank: 10,
		LoopOverheadUS: 0.5, ReduceAUS: 2, ReduceBUS: 1,
		Network: Network{LatencyUS: 1, LinkGBs: 1, Links: 8, LinkEfficiency: 1, IntraLatencyUS: 0.5, IntraGBs: 5}}
}

func TestModelHandComputed(t *testing.T) {
	m := simpleModel()
	// 8^4 double on 1.1.1.2: local 8.8.8.4, V = 2048, V/2 = 1024 sites.
	pr, err := m.Predict(Problem{Grid: [4]int{8, 8, 8, 8}, Procs: [4]int{1, 1, 1, 2}, Prec: "double"})
	require.NoError(t, err)
	const us = 1e-6
	// Hopping term: 1024 x 1320 flop / 10 GFlop/s = 135.168 us; 4 an iteration.
	hop := 135.168 * us
	// Halo: t is split; a face of the half lattice has 1024/4 = 256 sites
	// of 12 reals x 8 bytes = 24576 bytes; two faces, both off-node (one
	// rank a node), on min(8 links, 2 messages) = 2 links at 1 GB/s:
	// 1 us + 49152 B / 2e9 B/s = 25.576 us.
	comm := 25.576 * us
	// Linear algebra: 408 reals a site (11 CG streams + 6 Schur streams of
	// 24 reals) x 1024 sites x 8 bytes = 3342336 B, plus halo packing of 4
	// hopping terms x 2 faces x 256 sites x 36 reals x 8 bytes = 589824 B,
	// at 10 GB/s: 393.216 us.
	lin := 393.216 * us
	over := 10 * 0.5 * us   // 10 parallel loops (4 hops, 4 CG, 2 Schur)
	red := 2 * (2 + 1) * us // 2 global sums of a + b log2(2)
	want := 4*(hop+comm) + lin + over + red
	assert.InDelta(t, 1047.192*us, want, 1e-15, "the hand sum itself")
	rel := func(a, b float64) float64 { return math.Abs(a-b) / math.Abs(b) }
	assert.Less(t, rel(pr.SecondsPerIter, want), 1e-12, "time per iteration %g, want %g", pr.SecondsPerIter, want)
	assert.Less(t, rel(pr.HopSeconds, 4*hop), 1e-12)
	assert.Less(t, rel(pr.CommSeconds, 4*comm), 1e-12)
	assert.Less(t, rel(pr.ExposedCommSeconds, 4*comm), 1e-12, "no overlap: all of the halo is exposed")
	assert.Less(t, rel(pr.LinalgSeconds, lin), 1e-12)
	assert.Less(t, rel(pr.ReduceSeconds, red), 1e-12)
	// Flops: 8^4/2 = 2048 sites x (4 x 1320 + 2 x 48 + 288 = 5664).
	assert.Equal(t, 2048.0*5664, pr.FlopsPerIter)
	assert.Less(t, rel(pr.Gflops, 2048*5664/want/1e9), 1e-12)
	// Halo bytes of all ranks: 2 ranks x 4 hops x 2 faces x 24576 B.
	assert.Equal(t, 2.0*4*2*24576, pr.HaloBytesIter)
	assert.Equal(t, "1.1.1.1", pr.NodeBlock)
	assert.Equal(t, 2, pr.Nodes)

	// With overlap, the interior half of the sites (t = 1, 2 of 0..3 have
	// no off-rank neighbour) hides the 25.576 us exchange under 67.584 us
	// of compute: nothing is exposed.
	m.Network.Overlap = true
	po, err := m.Predict(Problem{Grid: [4]int{8, 8, 8, 8}, Procs: [4]int{1, 1, 1, 2}, Prec: "double"})
	require.NoError(t, err)
	assert.InDelta(t, 0, po.ExposedCommSeconds, 1e-18)
	assert.Less(t, rel(po.SecondsPerIter, want-4*comm), 1e-12)
	// A slow link (0.1 GB/s): the exchange takes 1 us + 49152 B / 2e8 B/s
	// = 246.76 us, longer than the interior's 67.584 us; the boundary half
	// (67.584 us) follows it: 314.344 us a hopping term, 179.176 exposed.
	m.Network.LinkGBs = 0.1
	po, err = m.Predict(Problem{Grid: [4]int{8, 8, 8, 8}, Procs: [4]int{1, 1, 1, 2}, Prec: "double"})
	require.NoError(t, err)
	assert.Less(t, rel(po.ExposedCommSeconds, 4*179.176*us), 1e-12)
	assert.Less(t, rel(po.SecondsPerIter, 4*314.344*us+lin+over+red), 1e-12)
	m.Network.LinkGBs = 1

	// Single precision halves the bytes and doubles the hop rate (no
	// measured single rate: twice the double).
	ps, err := m.Predict(Problem{Grid: [4]int{8, 8, 8, 8}, Procs: [4]int{1, 1, 1, 2}, Prec: "single"})
	require.NoError(t, err)
	assert.Less(t, rel(ps.HopSeconds, 2*hop), 1e-12)
	assert.Equal(t, pr.HaloBytesIter/2, ps.HaloBytesIter)
	assert.Equal(t, 20.0, m.HopRate("single"))
}

func TestModelCloverCounts(t *testing.T) {
	c := CGCounts(true)
	assert.Equal(t, 4*1320+4*504+2*24+288.0, c.FlopsPerSite)
	assert.Equal(t, 11*24+4*(72+48)+6*24.0, c.LinalgRealsPerSite)
	w := CGCounts(false)
	assert.Equal(t, 5664.0, w.FlopsPerSite)
	assert.Equal(t, 360.0, w.HopRealsPerSite)
	assert.Equal(t, 16.0*16*16*16/2*5664, FlopsPerIteration(16*16*16*16, false))
}

func TestNodeBlock(t *testing.T) {
	for _, c := range []struct {
		procs [4]int
		rpn   int
		nb    [4]int
		ok    bool
	}{
		{[4]int{4, 8, 8, 16}, 4, [4]int{4, 1, 1, 1}, true},
		{[4]int{2, 2, 4, 4}, 4, [4]int{2, 2, 1, 1}, true},
		{[4]int{1, 2, 4, 8}, 4, [4]int{1, 2, 2, 1}, true},
		{[4]int{1, 1, 1, 8}, 4, [4]int{1, 1, 1, 4}, true},
		{[4]int{8, 1, 1, 1}, 1, [4]int{1, 1, 1, 1}, true},
		{[4]int{3, 2, 1, 1}, 4, [4]int{1, 1, 1, 1}, false}, // ranks 0..3 cover x 0..2 at y 0 and x 0 at y 1
		{[4]int{6, 1, 1, 1}, 4, [4]int{1, 1, 1, 1}, false},
	} {
		nb, ok := NodeBlock(c.procs, c.rpn)
		assert.Equal(t, c.ok, ok, "%v over %d", c.procs, c.rpn)
		assert.Equal(t, c.nb, nb, "%v over %d", c.procs, c.rpn)
	}
}

func TestModelEfficiencyFallsWithRanks(t *testing.T) {
	m := simpleModel()
	prob := Problem{Grid: [4]int{32, 32, 32, 32}, Prec: "double"}
	nodes := []int{1, 2, 4, 8, 16, 32, 64, 128, 256}
	preds, err := m.PredictTable(prob, nodes)
	require.NoError(t, err)
	require.Len(t, preds, len(nodes))
	assert.Equal(t, 1.0, preds[0].Efficiency)
	for i := 1; i < len(preds); i++ {
		a, b := preds[i-1], preds[i]
		assert.Less(t, b.Efficiency, a.Efficiency, "efficiency must fall from %d to %d ranks", a.Ranks, b.Ranks)
		assert.Less(t, b.SecondsPerIter, a.SecondsPerIter, "more ranks are still faster at %d ranks", b.Ranks)
		// Surface to volume: halo bytes per rank per local site grow.
		sa := a.HaloBytesIter / float64(a.Ranks) / localVolume(t, a.Local)
		sb := b.HaloBytesIter / float64(b.Ranks) / localVolume(t, b.Local)
		assert.GreaterOrEqual(t, sb, sa, "surface to volume at %d ranks", b.Ranks)
	}
	// The global volume cannot be split over 3 ranks: the error names the count.
	_, err = m.PredictTable(prob, []int{1, 3})
	assert.ErrorContains(t, err, "3 nodes (3 ranks)")
}

func localVolume(t *testing.T, s string) float64 {
	t.Helper()
	d, err := layout.ParseDims(s)
	require.NoError(t, err)
	return float64(d[0] * d[1] * d[2] * d[3])
}

// fugakuModel reads the Fugaku machine file of package jobs.
func fugakuModel(t *testing.T) *Model {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	m, err := LoadModel(filepath.Join(filepath.Dir(file), "..", "machines", "fugaku.toml"))
	require.NoError(t, err)
	return m
}

func TestFugakuPredictionTable(t *testing.T) {
	m := fugakuModel(t)
	assert.Equal(t, "fugaku", m.Name)
	assert.Equal(t, 4, m.RanksPerNode)
	assert.InDelta(t, 76.8, m.HopRate("double"), 1e-12, "3072 GFlop/s x 10% / 4 ranks")
	assert.InDelta(t, 204.8, m.LinalgRate(), 1e-12, "1024 GB/s x 80% / 4 ranks")
	nodes := []int{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}
	preds, err := m.PredictTable(Problem{Grid: [4]int{64, 64, 64, 128}, Prec: "double"}, nodes)
	require.NoError(t, err)
	require.Len(t, preds, len(nodes))
	peakHop := 3072 * 0.10
	for i, p := range preds {
		assert.Equal(t, nodes[i], p.Nodes)
		assert.Equal(t, 4*nodes[i], p.Ranks)
		assert.LessOrEqual(t, p.Efficiency, 1+1e-12)
		assert.Less(t, p.GflopsPerNode, peakHop, "no node beats the hopping-term rate")
		if i == 0 {
			continue
		}
		q := preds[i-1]
		assert.Less(t, p.SecondsPerIter, q.SecondsPerIter, "time falls from %d to %d nodes", q.Nodes, p.Nodes)
		assert.Greater(t, p.Gflops, q.Gflops, "total rate grows")
		assert.LessOrEqual(t, p.Efficiency, q.Efficiency+1e-12, "efficiency does not grow")
		assert.GreaterOrEqual(t, p.CommFraction, q.CommFraction-1e-12, "communication share does not shrink")
	}
	last := preds[len(preds)-1]
	assert.Greater(t, last.Efficiency, 0.3, "the model's 1024-node efficiency is not absurdly low")
	assert.Less(t, last.Efficiency, 0.95, "nor perfect: 16.8.8.8 sites a rank")
	var buf bytes.Buffer
	require.NoError(t, WritePredictions(&buf, "64^3x128 double on Fugaku", preds))
	assert.Contains(t, buf.String(), "1024")
	if testing.Verbose() {
		t.Log("\n" + buf.String())
	}
}

func TestParseModelRejectsUnknownKeys(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "machines", "fugaku.toml"))
	require.NoError(t, err)
	bad := bytes.Replace(data, []byte("hop_efficiency = "), []byte("hop_eficiency = "), 1)
	_, err = ParseModel(bad, "bad.toml")
	assert.ErrorContains(t, err, "model.hop_eficiency")
	_, err = ParseModel([]byte("name = \"x\"\n"), "x.toml")
	assert.ErrorContains(t, err, "no [model] section")
	neg := bytes.Replace(data, []byte("link_gbs = 6.8"), []byte("link_gbs = -1"), 1)
	_, err = ParseModel(neg, "neg.toml")
	assert.ErrorContains(t, err, "network.link_gbs")
}

func TestModelSet(t *testing.T) {
	m := fugakuModel(t)
	require.NoError(t, m.Set("hop_efficiency", "0.2"))
	assert.Equal(t, 0.2, m.HopEfficiency)
	require.NoError(t, m.Set("network.overlap", "false"))
	assert.False(t, m.Network.Overlap)
	require.NoError(t, m.Set("network.links", "4"))
	assert.Equal(t, 4, m.Network.Links)
	assert.Equal(t, 6.8, m.Network.LinkGBs, "other parameters are kept")
	assert.ErrorContains(t, m.Set("no_such", "1"), "unknown model parameter")
	assert.Error(t, m.Set("network.links", "0"))
}

func TestFitRecoversRates(t *testing.T) {
	truth := simpleModel()
	truth.RanksPerNode = 4
	grid := [4]int{16, 16, 16, 16}
	pr, err := truth.Predict(Problem{Grid: grid, Procs: [4]int{1, 1, 1, 1}, Prec: "double"})
	require.NoError(t, err)
	p := synth("1.1.1.1", 1, pr.SecondsPerIter*100)
	p.CommSeconds = 0
	guess := simpleModel()
	guess.RanksPerNode = 4
	guess.HopGflopsRankDouble /= 3
	guess.LinalgGBsRank /= 3
	require.NoError(t, guess.Fit([]Point{synth("1.1.1.2", 2, 1), p}, false))
	assert.InDelta(t, truth.HopGflopsRankDouble, guess.HopGflopsRankDouble, 1e-9)
	assert.InDelta(t, truth.LinalgGBsRank, guess.LinalgGBsRank, 1e-9)

	p.Oversubscribed = true
	assert.ErrorContains(t, guess.Fit([]Point{p}, false), "oversubscribed")
	assert.Error(t, guess.Fit(nil, false))
}
