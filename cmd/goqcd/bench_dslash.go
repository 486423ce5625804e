package main

import (
	"fmt"
	"io"
	"unsafe"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

func init() {
	register(benchCommands, &command{name: "bench dslash",
		summary: "GFlop/s of the Wilson hopping term (1320 flop/site) and of the even-odd Schur operator",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			lat := addLatticeFlags(fs)
			prec := fs.String("prec", "double", "precision: double or single")
			kern := fs.String("kernels", "", "force a kernel set: go, avx2, avx512, neon, sve (default: the best this CPU runs, or $GOQCD_KERNELS); W follows it unless --simd is given")
			csw := fs.Float64("clover", 0, "clover coefficient c_SW of the Schur operator (0: Wilson)")
			iters := fs.Int("iters", 0, "calls per timed repeat; 0 chooses enough for about 50 ms")
			repeats := fs.Int("repeats", 5, "timed repeats; the median is reported")
			asJSON := fs.Bool("json", false, "print JSON instead of a table")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("bench dslash takes no arguments, got %q", args)
				}
				p, err := parsePrecision("prec", *prec)
				if err != nil {
					return flagError(err)
				}
				if *iters < 0 || *iters > 1e7 {
					return inputf("--iters %d: out of range: allowed 1 to 10000000, or 0 for automatic", *iters)
				}
				if *repeats < 1 || *repeats > 1000 {
					return inputf("--repeats %d: out of range: allowed 1 to 1000", *repeats)
				}
				restore, err := forceKernels(*kern)
				if err != nil {
					return err
				}
				defer restore()
				return lat.onRanks(x, func(r rankEnv) error {
					l, err := lat.spec.build(r.c, p)
					if err != nil {
						return err
					}
					var res dslashBench
					if p == double {
						res, err = benchDslash[float64](l, *csw, *iters, *repeats)
					} else {
						res, err = benchDslash[float32](l, *csw, *iters, *repeats)
					}
					if err != nil {
						return err
					}
					res.Prec = string(p)
					if *asJSON {
						return writeJSON(r.out, res)
					}
					res.table(r.out)
					return nil
				})
			}
		}})
}

// dslashBench is what goqcd bench dslash reports (its --json form).
type dslashBench struct {
	Layout  string       `json:"layout"`
	Grid    string       `json:"grid"`
	MPI     string       `json:"mpi"`
	Ranks   int          `json:"ranks"`
	Threads int          `json:"threads"`
	Comm    string       `json:"comm"`
	Kernels string       `json:"kernels"` // the kernel set that ran
	W       int          `json:"w"`
	Prec    string       `json:"prec"`
	CSW     float64      `json:"csw"`
	Repeats int          `json:"repeats"`
	Hop     dslashTiming `json:"hop"`   // H on full fields
	Schur   dslashTiming `json:"schur"` // Mhat on even fields
	// HopBytesPerSite is the least memory traffic of H per site: the
	// links as the kernels read them (8 hops x 18 reals, or 13 with
	// compact links) plus one spinor read and one written (2 x 24 reals);
	// HopGBpsPerRank is that traffic per rank over H's time, to set
	// beside goqcd bench memory.
	HopBytesPerSite int     `json:"hop_bytes_per_site"`
	CompactLinks    bool    `json:"compact_links"`
	HopGBpsPerRank  float64 `json:"hop_gbps_per_rank"`
}

// dslashTiming is the timing of one operator. Seconds are the median over
// repeats of the slowest rank's time per call; rates divide the flops of
// all ranks by it.
type dslashTiming struct {
	Operator      string  `json:"operator"`
	FlopsPerSite  float64 `json:"flops_per_site"`  // per site of the full global lattice
	FlopsPerCall  float64 `json:"flops_per_call"`  // all ranks
	Iters         int     `json:"iters"`           // calls per timed repeat
	Micros        float64 `json:"us_per_call"`     // median over repeats, slowest rank
	Gflops        float64 `json:"gflops"`          // total
	GflopsPerRank float64 `json:"gflops_per_rank"` // total / ranks
	NsPerSite     float64 `json:"ns_per_site"`     // time per call / local sites of the full lattice
}

// benchDslash times the hopping term H on full spinor fields (1320 flops
// per site, the convention of Grid and DESIGN.md) and the even-odd Schur
// operator Mhat (dirac.Schur.Flops) on a hot gauge field, after a
// warm-up, as the median of repeats of the slowest rank. Collective.
func benchDslash[F layout.Float](l *layout.Layout, csw float64, iters, repeats int) (dslashBench, error) {
	c := l.Comm
	res := dslashBench{Layout: l.String(), Grid: layout.FormatDims(l.Global), MPI: layout.FormatDims(l.Procs),
		Ranks: c.Size(), Threads: l.Threads(), Comm: c.Name(), Kernels: kernels.Selected().Name, W: l.W,
		CSW: csw, Repeats: repeats}
	g, _, err := benchGauge(l, 1, 0, 0)
	if err != nil {
		return res, err
	}
	op, err := newFermion[F](g, 0.12, csw)
	if err != nil {
		return res, err
	}
	src := dirac.NewSpinor[F](l, layout.Full)
	if err := layout.Convert(src, gaussianSource(l, 1)); err != nil {
		return res, err
	}
	dst := op.NewField()
	schur := op.Schur()
	se, de := schur.NewField(), schur.NewField()
	copy(se.Data, src.Data[:len(se.Data)])

	gv := float64(l.GlobalVolume)
	timings := []struct {
		t     *dslashTiming
		name  string
		flops float64
		call  func() error
	}{
		{&res.Hop, "hopping term H (full lattice)", kernels.WilsonHopFlops * gv, func() error { return op.Hop(dst, src) }},
		{&res.Schur, "even-odd Schur Mhat", schur.Flops(), func() error { return schur.Apply(de, se) }},
	}
	for _, k := range timings {
		sec, n, err := timeExchange(c, iters, repeats, k.call)
		if err != nil {
			return res, fmt.Errorf("%s: %w", k.name, err)
		}
		*k.t = dslashTiming{Operator: k.name, FlopsPerSite: k.flops / gv, FlopsPerCall: k.flops, Iters: n,
			Micros: sec * 1e6, Gflops: k.flops / sec / 1e9, NsPerSite: sec * 1e9 / float64(l.Volume)}
		k.t.GflopsPerRank = k.t.Gflops / float64(res.Ranks)
	}
	var z F
	rows := 18
	if res.CompactLinks = op.Links().Compact != nil; res.CompactLinks {
		rows = kernels.CompactLinkRows
	}
	res.HopBytesPerSite = (layout.NHops*rows + 2*24) * int(unsafe.Sizeof(z))
	res.HopGBpsPerRank = float64(res.HopBytesPerSite*l.Volume) / (res.Hop.Micros * 1e-6) / 1e9
	return res, nil
}

// table prints the result for a terminal.
func (b dslashBench) table(w io.Writer) {
	fmt.Fprintf(w, "bench dslash: %s\n", b.Layout)
	fmt.Fprintf(w, "comm %s, %d ranks x %d threads; kernels %s, W = %d; %s precision, %s\n",
		b.Comm, b.Ranks, b.Threads, kernelsLine(), b.W, b.Prec, operatorName(b.CSW))
	fmt.Fprintf(w, "time per call: median of %d repeats, slowest rank; GFlop/s: flops of all ranks / that time; ns/site: per local site\n\n", b.Repeats)
	fmt.Fprintf(w, "%-30s %9s %12s %10s %10s %9s %8s\n", "operator", "flop/site", "us/call", "GFlop/s", "GF/s/rank", "ns/site", "iters")
	for _, t := range []dslashTiming{b.Hop, b.Schur} {
		fmt.Fprintf(w, "%-30s %9.0f %12.2f %10.3f %10.3f %9.2f %8d\n",
			t.Operator, t.FlopsPerSite, t.Micros, t.Gflops, t.GflopsPerRank, t.NsPerSite, t.Iters)
	}
	links := "full links"
	if b.CompactLinks {
		links = "compact links"
	}
	fmt.Fprintf(w, "\nH memory traffic: at least %d bytes/site (%s, one spinor read and one written): %.1f GB/s per rank (compare goqcd bench memory)\n",
		b.HopBytesPerSite, links, b.HopGBpsPerRank)
}
