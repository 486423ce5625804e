package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/goqcd/goqcd/algorithms/flow"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

func init() {
	register(commands, &command{name: "flow", args: "config",
		summary: "Wilson flow of a gauge configuration: E, t^2 E and Q along the flow, the scales t0 and w0",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			ff := addFileFlags(fs)
			eps := fs.Float64("eps", 0.01, "step size (the first trial step with --tol)")
			tmax := fs.Float64("tmax", 0, "flow time to reach, in lattice units (required)")
			tol := fs.Float64("tol", 0, "adaptive step size with this bound on the local error per step; 0: fixed steps of --eps")
			every := fs.Int("every", 1, "measure after every n-th step (fixed steps; adaptive flows measure after each step)")
			asJSON := fs.Bool("json", false, "print JSON instead of a table")
			return func(x *cli, args []string) error {
				if len(args) != 1 {
					return inputf("flow needs exactly one configuration file, got %d arguments (goqcd flow [flags] config --tmax T)", len(args))
				}
				opt := flow.Options{Eps: *eps, TMax: *tmax, Tol: *tol, Every: *every}
				if err := checkFlowOptions(opt); err != nil {
					return err
				}
				return ff.onRanks(x, func(r rankEnv) error {
					res, err := flowFile(r, ff, args[0], opt, !*asJSON)
					if err != nil {
						return err
					}
					if *asJSON {
						return writeJSON(r.out, res)
					}
					res.scales(r.out)
					return nil
				})
			}
		}})
}

// maxFlowSteps bounds tmax/eps for fixed steps, against typing errors.
const maxFlowSteps = 1e7

func checkFlowOptions(o flow.Options) error {
	switch {
	case !(o.Eps > 0) || math.IsInf(o.Eps, 0):
		return inputf("--eps %g: the step size must be positive", o.Eps)
	case o.TMax == 0:
		return inputf("--tmax: missing: give the flow time to reach (e.g. --tmax 4)")
	case !(o.TMax > 0) || math.IsInf(o.TMax, 0):
		return inputf("--tmax %g: the flow time must be positive and finite", o.TMax)
	case !(o.Tol >= 0) || math.IsInf(o.Tol, 0):
		return inputf("--tol %g: must be 0 (fixed steps) or positive", o.Tol)
	case o.Every < 1:
		return inputf("--every %d: must be at least 1", o.Every)
	case o.Tol == 0 && o.TMax/o.Eps > maxFlowSteps:
		return inputf("--tmax %g with --eps %g is %.3g steps, more than %.0g: take a larger step or --tol", o.TMax, o.Eps, o.TMax/o.Eps, float64(maxFlowSteps))
	}
	return nil
}

// flowResult is the result of goqcd flow; its JSON form is the --json
// output. E is the action density in lattice units (measure.Energy): the
// clover and the plaquette discretisation. T0 and W0 are nil when t^2 E
// (or t d/dt t^2 E) does not reach 0.3 by tmax; Notes then say so.
type flowResult struct {
	File   string      `json:"file"`
	Grid   string      `json:"grid"`
	Eps    float64     `json:"eps"`
	TMax   float64     `json:"tmax"`
	Tol    float64     `json:"tol"`
	Points []flowPoint `json:"points"`
	T0     *float64    `json:"t0"`           // clover E
	T0Plaq *float64    `json:"t0_plaquette"` // plaquette E
	W0     *float64    `json:"w0"`
	W0Plaq *float64    `json:"w0_plaquette"`
	Notes  []string    `json:"notes"`
}

// flowPoint is one measurement along the flow.
type flowPoint struct {
	T       float64 `json:"t"`
	EClover float64 `json:"e_clover"`
	EPlaq   float64 `json:"e_plaquette"`
	T2E     float64 `json:"t2e_clover"`
	T2EPlaq float64 `json:"t2e_plaquette"`
	Q       float64 `json:"q"`
}

// flowFile reads path onto the job's ranks and flows it, printing each
// point on rank 0 as it comes when table is set. Collective.
func flowFile(r rankEnv, ff *fileFlags, path string, opt flow.Options, table bool) (flowResult, error) {
	g, _, err := ff.load(r.c, path)
	if err != nil {
		return flowResult{}, err
	}
	res := flowResult{File: path, Grid: layout.FormatDims(g.L.Global), Eps: opt.Eps, TMax: opt.TMax, Tol: opt.Tol, Notes: []string{}}
	if table {
		integrator := fmt.Sprintf("fixed steps eps = %g", opt.Eps)
		if opt.Tol > 0 {
			integrator = fmt.Sprintf("adaptive steps, tol = %g, first eps = %g", opt.Tol, opt.Eps)
		}
		fmt.Fprintf(r.out, "Wilson flow of %s (%s, %s): RK3, %s, to t = %g\n", path, res.Grid, g.L.String(), integrator, opt.TMax)
		fmt.Fprintf(r.out, "%10s %16s %16s %12s %12s %12s\n", "t", "E (clover)", "E (plaquette)", "t^2 E", "t^2 E plaq", "Q")
	}
	ws := gauge.NewWorkspace(g.L, g.N)
	points, err := flow.Run(g, ws, opt, func(p flow.Point) error {
		if table {
			fmt.Fprintf(r.out, "%10.5f %16.10e %16.10e %12.8f %12.8f %12.6f\n", p.T, p.EClover, p.EPlaq, p.T2E(), p.T2EPlaq(), p.Q)
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	for _, p := range points {
		res.Points = append(res.Points, flowPoint{T: p.T, EClover: p.EClover, EPlaq: p.EPlaq, T2E: p.T2E(), T2EPlaq: p.T2EPlaq(), Q: p.Q})
	}
	scale := func(name string, f func([]flow.Point, flow.Density, float64) (float64, error), d flow.Density, ref float64) *float64 {
		v, err := f(points, d, ref)
		if err != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("%s not reached by t = %g: %s", name, opt.TMax, strings.TrimPrefix(err.Error(), "flow: ")))
			return nil
		}
		return &v
	}
	res.T0 = scale("t0 (clover E)", flow.T0, flow.Clover, flow.T0Reference)
	res.T0Plaq = scale("t0 (plaquette E)", flow.T0, flow.Plaquette, flow.T0Reference)
	res.W0 = scale("w0 (clover E)", flow.W0, flow.Clover, flow.W0Reference)
	res.W0Plaq = scale("w0 (plaquette E)", flow.W0, flow.Plaquette, flow.W0Reference)
	return res, nil
}

// scales prints t0 and w0 (or why not) after the table.
func (f flowResult) scales(w io.Writer) {
	fmt.Fprintln(w)
	show := func(name string, v *float64, unit string) {
		if v != nil {
			fmt.Fprintf(w, "%-18s %.8f%s\n", name, *v, unit)
		}
	}
	show("t0 (clover E)", f.T0, " (t^2 E = 0.3), lattice units a^2")
	show("t0 (plaquette E)", f.T0Plaq, "")
	show("w0 (clover E)", f.W0, " (t d/dt t^2 E = 0.3 at t = w0^2), lattice units a")
	show("w0 (plaquette E)", f.W0Plaq, "")
	for _, n := range f.Notes {
		fmt.Fprintln(w, n)
	}
}
