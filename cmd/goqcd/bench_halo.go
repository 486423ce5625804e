package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func init() {
	register(benchCommands, &command{name: "bench halo",
		summary: "halo exchange latency and bandwidth of a spinor field, per direction and for all 8 faces",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			lat := addLatticeFlags(fs)
			prec := fs.String("prec", "double", "precision: double or single")
			iters := fs.Int("iters", 0, "exchanges per timed repeat; 0 chooses enough for about 50 ms")
			repeats := fs.Int("repeats", 5, "timed repeats; the median is reported")
			asJSON := fs.Bool("json", false, "print JSON instead of a table")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("bench halo takes no arguments, got %q", args)
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
				return lat.onRanks(x, func(r rankEnv) error {
					l, err := lat.spec.build(r.c, p)
					if err != nil {
						return err
					}
					var res haloBench
					if p == double {
						res, err = benchHalo[float64](l, *iters, *repeats)
					} else {
						res, err = benchHalo[float32](l, *iters, *repeats)
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

// haloBench is the result of bench halo; its JSON form is the --json output.
type haloBench struct {
	Layout     string       `json:"layout"`
	Comm       string       `json:"comm"`
	Ranks      int          `json:"ranks"`
	Kernels    string       `json:"kernels"`
	Prec       string       `json:"prec"`
	Components int          `json:"components_per_site"`
	Repeats    int          `json:"repeats"`
	Dirs       []haloTiming `json:"directions"`
	All        haloTiming   `json:"all"`
}

// haloTiming is one row: the exchange of the face of one hop direction
// (or of all faces). Bytes are sent by each rank (and as many received);
// the time is per exchange, the median over repeats of the slowest rank,
// each repeat timing Iters exchanges; GBps counts the bytes sent and
// received.
type haloTiming struct {
	Hop       string  `json:"hop"`
	Local     bool    `json:"local"` // the direction is not split: no communication
	FaceSites int     `json:"face_sites"`
	Bytes     int     `json:"bytes"`
	Iters     int     `json:"iters,omitempty"`
	Micros    float64 `json:"us,omitempty"`
	GBps      float64 `json:"gb_per_s,omitempty"`
}

// benchHalo times, for each hop direction, gathering the face of a spinor
// field and exchanging it with the neighbour rank (Isend/Irecv/Wait, as
// Halo.Start does), and the exchange of all split faces together through
// layout.Halo. Collective.
func benchHalo[F layout.Float](l *layout.Layout, iters, repeats int) (haloBench, error) {
	const nc = selfcheckNC
	c := l.Comm
	size := 4
	if _, ok := any(F(0)).(float64); ok {
		size = 8
	}
	res := haloBench{Layout: l.String(), Comm: c.Name(), Ranks: c.Size(), Kernels: kernelsLine(),
		Components: nc, Repeats: repeats}
	src := layout.NewField[F](l, nc, layout.Full)
	for i := range src.Data {
		src.Data[i] = F(i % 1000)
	}
	allBytes := 0
	for d := range layout.NHops {
		t := haloTiming{Hop: hopName(d), FaceSites: l.FaceSites(d), Local: !l.Split(d)}
		t.Bytes = t.FaceSites * nc * 2 * size
		if !t.Local {
			allBytes += t.Bytes
			send := make([]F, t.FaceSites*nc*2)
			recv := make([]F, len(send))
			sec, n, err := timeExchange(c, iters, repeats, func() error {
				layout.GatherFace(l, d, src, send)
				rr := irecv(c, recv, l.NeighbourRank(d), d)
				sr := isend(c, send, l.NeighbourRank(d^1), d)
				return comm.WaitAll(rr, sr)
			})
			if err != nil {
				return res, fmt.Errorf("hop %s: %w", t.Hop, err)
			}
			t.Iters, t.Micros, t.GBps = n, sec*1e6, 2*float64(t.Bytes)/sec/1e9
		}
		res.Dirs = append(res.Dirs, t)
	}
	res.All = haloTiming{Hop: "all", Local: allBytes == 0, FaceSites: allBytes / (nc * 2 * size), Bytes: allBytes}
	if allBytes > 0 {
		h := layout.NewHalo[F](l, nc)
		sec, n, err := timeExchange(c, iters, repeats, func() error {
			if err := h.Start(src); err != nil {
				return err
			}
			return h.Wait()
		})
		if err != nil {
			return res, fmt.Errorf("full exchange: %w", err)
		}
		res.All.Iters, res.All.Micros, res.All.GBps = n, sec*1e6, 2*float64(allBytes)/sec/1e9
	}
	return res, nil
}

// Automatic iteration counts aim at this time per repeat, within bounds.
const (
	repeatTarget = 50 * time.Millisecond
	minIters     = 5
	maxIters     = 100000
)

// timeExchange warms up, then times repeats runs of iters exchanges and
// returns the median over repeats of the slowest rank's time per
// exchange, in seconds, and the iterations per repeat. iters = 0 chooses
// them from the warm-up so that a repeat takes about repeatTarget; the
// ranks agree on the choice (the slowest rank's). Collective.
func timeExchange(c comm.Comm, iters, repeats int, exchange func() error) (float64, int, error) {
	warm := minIters
	if iters > 0 {
		warm = iters/10 + 1
	}
	// Collect the garbage of the setup first: a collection during the
	// timed calls takes a core from them (its mark workers run on one of
	// the GOMAXPROCS threads) and made --threads 2 figures vary by 3x.
	runtime.GC()
	start := time.Now()
	for range warm {
		if err := exchange(); err != nil {
			return 0, 0, err
		}
	}
	if iters == 0 {
		per := []float64{time.Since(start).Seconds() / float64(warm)}
		if err := c.AllreduceMax64(per); err != nil {
			return 0, 0, err
		}
		iters = max(minIters, min(maxIters, int(repeatTarget.Seconds()/max(per[0], 1e-9))))
	}
	times := make([]float64, repeats)
	for k := range repeats {
		if err := c.Barrier(); err != nil {
			return 0, 0, err
		}
		start := time.Now()
		for range iters {
			if err := exchange(); err != nil {
				return 0, 0, err
			}
		}
		times[k] = time.Since(start).Seconds() / float64(iters)
	}
	if err := c.AllreduceMax64(times); err != nil { // the slowest rank counts
		return 0, 0, err
	}
	slices.Sort(times)
	return times[repeats/2], iters, nil
}

// table prints the result as a table.
func (b haloBench) table(w io.Writer) {
	fmt.Fprintf(w, "bench halo: %s\ncomm %s, %d ranks; kernels %s\n", b.Layout, b.Comm, b.Ranks, b.Kernels)
	fmt.Fprintf(w, "%s precision, %d complex per site; time per exchange: median of %d repeats, slowest rank; GB/s counts bytes sent + received\n\n",
		b.Prec, b.Components, b.Repeats)
	fmt.Fprintf(w, "%-5s %10s %10s %12s %10s %8s\n", "hop", "face sites", "bytes", "us/exchange", "GB/s", "iters")
	for _, t := range append(slices.Clone(b.Dirs), b.All) {
		if t.Local {
			fmt.Fprintf(w, "%-5s %10d %10s %12s %10s %8s\n", t.Hop, t.FaceSites, "-", "local", "-", "-")
			continue
		}
		fmt.Fprintf(w, "%-5s %10d %10d %12.2f %10.3f %8d\n", t.Hop, t.FaceSites, t.Bytes, t.Micros, t.GBps, t.Iters)
	}
}

func isend[F layout.Float](c comm.Comm, buf []F, dest, tag int) comm.Request {
	switch b := any(buf).(type) {
	case []float64:
		return c.Isend64(b, dest, tag)
	case []float32:
		return c.Isend32(b, dest, tag)
	}
	panic("goqcd: unsupported float type") // unreachable: layout.Float is float32 | float64
}

func irecv[F layout.Float](c comm.Comm, buf []F, src, tag int) comm.Request {
	switch b := any(buf).(type) {
	case []float64:
		return c.Irecv64(b, src, tag)
	case []float32:
		return c.Irecv32(b, src, tag)
	}
	panic("goqcd: unsupported float type")
}
