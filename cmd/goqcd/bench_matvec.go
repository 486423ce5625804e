package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// bench matvec times a dense 12x12 complex matrix times a 12-vector in
// complex128, the spin-colour matrix-vector product of the Julia and C
// comparison in the LatticeQCD.jl talk: 144 complex multiply-adds, 1128
// flop (6 per complex multiply, 2 per complex add, minus the first add of
// each row: 144*8 - 12*2).

const matvecFlops = 144*8 - 12*2

// matVec12 sets y = A x for a row-major 12x12 matrix.
func matVec12(y *[12]complex128, a *[144]complex128, x *[12]complex128) {
	for i := range 12 {
		row := (*[12]complex128)(a[12*i : 12*i+12])
		var s complex128
		for j := range 12 {
			s += row[j] * x[j]
		}
		y[i] = s
	}
}

type matvecBench struct {
	NsPerCall float64 `json:"ns_per_call"`
	GFlops    float64 `json:"gflops"`
	Flops     int     `json:"flop_per_call"`
	Calls     int     `json:"calls"`
}

func init() {
	register(benchCommands, &command{name: "bench matvec",
		summary: "dense 12x12 complex matrix times vector (complex128, one core): ns per call",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			calls := fs.Int("calls", 2000000, "calls per timed repeat")
			repeats := fs.Int("repeats", 5, "timed repeats; the median is reported")
			asJSON := fs.Bool("json", false, "print JSON instead of a line")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("bench matvec takes no arguments, got %q", args)
				}
				if *calls < 1 || *repeats < 1 {
					return inputf("--calls and --repeats must be at least 1")
				}
				r := rand.New(rand.NewPCG(1, 2))
				var a [144]complex128
				var v, y [12]complex128
				for i := range a {
					a[i] = complex(r.NormFloat64(), r.NormFloat64())
				}
				for i := range v {
					v[i] = complex(r.NormFloat64(), r.NormFloat64())
				}
				times := make([]float64, *repeats)
				for k := range times {
					t0 := time.Now()
					for range *calls {
						matVec12(&y, &a, &v)
						v[0] = y[11] * 1e-3 // a dependency, so the calls cannot be dropped
					}
					times[k] = time.Since(t0).Seconds() / float64(*calls)
				}
				slices.Sort(times)
				sec := times[len(times)/2]
				res := matvecBench{NsPerCall: sec * 1e9, GFlops: matvecFlops / sec / 1e9, Flops: matvecFlops, Calls: *calls}
				if *asJSON {
					return writeJSON(x.out(), res)
				}
				fmt.Fprintf(x.out(), "12x12 complex128 matrix x vector: %.1f ns per call, %.2f GFlop/s (%d flop per call, median of %d repeats of %d calls, one core, portable Go)\n",
					res.NsPerCall, res.GFlops, matvecFlops, *repeats, *calls)
				return nil
			}
		}})
}
