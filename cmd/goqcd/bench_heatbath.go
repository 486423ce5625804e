package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
)

func init() {
	register(benchCommands, &command{name: "bench heatbath",
		summary: "time of a quenched heatbath sweep and of an overrelaxation sweep, after 20 thermalising sweeps from a hot start (W: --simd, else the widest up to the kernel set's that tiles the lattice)",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			lat := addLatticeFlags(fs)
			group := fs.Int("group", 3, "N of SU(N)")
			beta := fs.Float64("beta", 6, "coupling beta = 2N/g0^2")
			sweeps := fs.Int("sweeps", 10, "timed sweeps of each kind; the median is reported")
			asJSON := fs.Bool("json", false, "print JSON instead of a table")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("bench heatbath takes no arguments, got %q", args)
				}
				if *group < 2 || *group > 16 {
					return inputf("--group %d: N of SU(N): allowed 2 to 16", *group)
				}
				if !(*beta > 0) || *beta > 1e6 {
					return inputf("--beta %g: must be positive (and below 1e6)", *beta)
				}
				if *sweeps < 1 || *sweeps > 10000 {
					return inputf("--sweeps %d: out of range: allowed 1 to 10000", *sweeps)
				}
				return lat.onRanks(x, func(r rankEnv) error {
					res, err := benchHeatbath(r.c, lat.spec, *group, *beta, *sweeps)
					if err != nil {
						return err
					}
					if *asJSON {
						return writeJSON(r.out, res)
					}
					res.table(r.out)
					return nil
				})
			}
		}})
}

// thermalisationSweeps are the untimed heatbath sweeps before the timing.
const thermalisationSweeps = 20

// heatbathReference is the published timing the table quotes.
const heatbathReference = "LatticeQCD.jl: 96.8 ms per SU(3) heatbath sweep of 8^4 on one Xeon core"

// heatbathBench is the result of bench heatbath; its JSON form is the
// --json output.
type heatbathBench struct {
	Layout    string      `json:"layout"`
	Comm      string      `json:"comm"`
	Ranks     int         `json:"ranks"`
	Threads   int         `json:"threads"`
	Kernels   string      `json:"kernels"`
	Group     int         `json:"group"`
	Beta      float64     `json:"beta"`
	Links     int         `json:"links"` // 4 V of the global lattice
	Sweeps    int         `json:"sweeps"`
	Heatbath  sweepTiming `json:"heatbath"`
	Overrelax sweepTiming `json:"overrelax"`
	Plaquette float64     `json:"plaquette"` // after the timed sweeps: a sanity check of the state
	Reference string      `json:"reference"`
}

// sweepTiming is the time of one sweep over all links: the median over
// the timed sweeps of the slowest rank. NsPerLink is wall time per link
// of the global lattice; CoreNsPerLink multiplies it by the cores used
// (ranks x threads), the cost per link of one core.
type sweepTiming struct {
	Ms            float64 `json:"ms_per_sweep"`
	MinMs         float64 `json:"min_ms_per_sweep"`
	NsPerLink     float64 `json:"ns_per_link"`
	CoreNsPerLink float64 `json:"core_ns_per_link"`
}

// benchHeatbath times heatbath and overrelaxation sweeps of a hot SU(N)
// field after one warm-up sweep of each. Collective.
func benchHeatbath(c comm.Comm, spec latticeSpec, n int, beta float64, sweeps int) (heatbathBench, error) {
	l, err := gaugeLayout(c, spec)
	if err != nil {
		return heatbathBench{}, err
	}
	res := heatbathBench{Layout: l.String(), Comm: c.Name(), Ranks: c.Size(), Threads: l.Threads(), Kernels: kernelsLine(),
		Group: n, Beta: beta, Links: 4 * l.GlobalVolume, Sweeps: sweeps, Reference: heatbathReference}
	s := rng.New(1, streamHotStart)
	g, err := gauge.Hot(l, n, &s)
	if err != nil {
		return res, err
	}
	ws := gauge.NewWorkspace(l, n)
	hb := rng.New(1, streamHeatbath)
	// thermalise first: sweeps of a hot field are slower (the SU(2)
	// samplers reject more at small coupling) and not what a run spends
	// its time on
	for range thermalisationSweeps {
		if err := g.HeatbathSweep(beta, &hb, ws); err != nil {
			return res, err
		}
	}
	kinds := []struct {
		t     *sweepTiming
		sweep func() error
	}{
		{&res.Heatbath, func() error { return g.HeatbathSweep(beta, &hb, ws) }},
		{&res.Overrelax, func() error { return g.OverrelaxSweep(ws) }},
	}
	for _, k := range kinds {
		if err := k.sweep(); err != nil { // warm-up
			return res, err
		}
		times := make([]float64, sweeps)
		for i := range times {
			if err := c.Barrier(); err != nil {
				return res, err
			}
			t0 := time.Now()
			if err := k.sweep(); err != nil {
				return res, err
			}
			times[i] = time.Since(t0).Seconds()
		}
		if err := c.AllreduceMax64(times); err != nil { // the slowest rank counts
			return res, err
		}
		slices.Sort(times)
		sec := times[sweeps/2]
		*k.t = sweepTiming{Ms: sec * 1e3, MinMs: times[0] * 1e3, NsPerLink: sec * 1e9 / float64(res.Links)}
		k.t.CoreNsPerLink = k.t.NsPerLink * float64(res.Ranks*res.Threads)
	}
	p, err := g.Plaquette(ws)
	if err != nil {
		return res, err
	}
	res.Plaquette = p.Average
	return res, nil
}

// table prints the result.
func (b heatbathBench) table(w io.Writer) {
	fmt.Fprintf(w, "bench heatbath: SU(%d), beta %g, %s\ncomm %s, %d ranks x %d threads; kernels %s\n", b.Group, b.Beta, b.Layout, b.Comm, b.Ranks, b.Threads, b.Kernels)
	fmt.Fprintf(w, "median of %d sweeps (slowest rank) from a hot start; %d links\n\n", b.Sweeps, b.Links)
	fmt.Fprintf(w, "%-10s %12s %12s %12s %16s\n", "sweep", "ms/sweep", "min ms", "ns/link", "core-ns/link")
	for _, r := range []struct {
		name string
		t    sweepTiming
	}{{"heatbath", b.Heatbath}, {"overrelax", b.Overrelax}} {
		fmt.Fprintf(w, "%-10s %12.2f %12.2f %12.1f %16.1f\n", r.name, r.t.Ms, r.t.MinMs, r.t.NsPerLink, r.t.CoreNsPerLink)
	}
	fmt.Fprintf(w, "\nplaquette after the sweeps %.6f\nreference: %s\n", b.Plaquette, b.Reference)
}
