package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/propagator"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/layout"
)

// propagatorOutput is what goqcd propagator --json prints.
type propagatorOutput struct {
	File       string               `json:"file"`
	Grid       string               `json:"grid"`
	Kappa      float64              `json:"kappa"`
	CSW        float64              `json:"csw"`
	BC         string               `json:"bc"`
	Source     string               `json:"source"`
	SourceAt   [4]int               `json:"source_at"`
	Direction  string               `json:"direction"`
	Solver     string               `json:"solver"`
	Tol        float64              `json:"tol"`
	Iterations [12]int              `json:"iterations"`
	Residuals  [12]float64          `json:"residuals"`
	Seconds    float64              `json:"solve_seconds"`
	Correlator map[string][]float64 `json:"correlators"`
	Condensate *[2]float64          `json:"condensate,omitempty"`
}

func init() {
	register(commands, &command{name: "propagator", args: "CONFIG",
		summary: "quark propagator S = M^-1 (M = 1 - kappa H, Wilson or clover) of a configuration and meson correlators: the pion C(t) = sum over sites, spins, colours of |S|^2",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			ff := addFileFlags(fs)
			kappa := fs.Float64("kappa", 0, "hopping parameter kappa = 1/(2(m0+4)) of M = 1 - kappa H (required)")
			csw := fs.Float64("csw", 0, "clover coefficient c_SW (0: Wilson)")
			bc := fs.String("bc", "p,p,p,a", "fermion boundary per direction x,y,z,t: p (periodic), a (antiperiodic) or a twist angle in radians")
			src := fs.String("source", "0.0.0.0", "source site `x.y.z.t` (a point source; with --wall only the direction's coordinate counts)")
			wall := fs.Bool("wall", false, "wall source on the slice of --source along --direction (no gauge fixing: the correlator is gauge dependent)")
			dir := fs.String("direction", "t", "correlator direction: x, y, z or t")
			method := fs.String("solver", "bicgstab", "even-odd solver: bicgstab, cgnr, mixed-bicgstab")
			tol := fs.Float64("tol", 1e-10, "relative residual of the even-odd solves")
			maxIter := fs.Int("maxiter", 10000, "iteration limit per solve")
			gammas := fs.String("gamma", "g5", "comma-separated gamma structures: g5 (pion), 1, gx, gy, gz, gt, gxg5, gyg5, gzg5, gtg5")
			cond := fs.Int("condensate", 0, "also estimate <psi-bar psi> = (1/V) Tr D^-1 with this many Z2 noise vectors (0: no)")
			seed := fs.Int64("seed", 1, "random seed of the condensate noise")
			asJSON := fs.Bool("json", false, "print JSON")
			return func(x *cli, args []string) error {
				if len(args) != 1 {
					return inputf("propagator needs one configuration file, got %d arguments", len(args))
				}
				if !(*kappa > 0 && *kappa < 0.25) {
					return inputf("--kappa %g: give the hopping parameter, 0 < kappa < 0.25 (M = 1 - kappa H)", *kappa)
				}
				bcs, err := parseBC(*bc)
				if err != nil {
					return err
				}
				at, err := layout.ParseCoord(*src)
				if err != nil {
					return inputf("--source %s: %v", *src, err)
				}
				d := strings.Index("xyzt", *dir)
				if len(*dir) != 1 || d < 0 {
					return inputf("--direction %s: use x, y, z or t", *dir)
				}
				m := propagator.Method(*method)
				if !containsMethod(m) {
					return inputf("--solver %s: use one of %v", *method, propagator.Methods)
				}
				names := strings.Split(*gammas, ",")
				gs := make([]dirac.Spin, len(names))
				for i, n := range names {
					if gs[i], err = propagator.Gamma(strings.TrimSpace(n)); err != nil {
						return inputf("--gamma: %v", err)
					}
				}
				if *tol <= 0 || *maxIter < 1 || *cond < 0 || *cond == 1 {
					return inputf("--tol must be positive, --maxiter at least 1, --condensate 0 or at least 2")
				}
				kind := "point"
				if *wall {
					kind = "wall"
				}
				return ff.onRanks(x, func(r rankEnv) error {
					g, _, err := ff.load(r.c, args[0])
					if err != nil {
						return err
					}
					l := g.L
					source := propagator.Source{Kind: kind, At: at, Dir: d}
					if err := source.Validate(l); err != nil {
						return inputf("%v", err)
					}
					s, err := propagator.NewSolver(g, propagator.Action{Kappa: *kappa, CSW: *csw, BC: bcs},
						propagator.Solve{Method: m, Tol: *tol, MaxIter: *maxIter})
					if err != nil {
						return err
					}
					p, err := propagator.Compute(s, source)
					if err != nil {
						return err
					}
					out := propagatorOutput{File: args[0], Grid: layout.FormatDims(l.Global), Kappa: *kappa, CSW: *csw,
						BC: *bc, Source: kind, SourceAt: at, Direction: *dir, Solver: *method, Tol: *tol,
						Correlator: map[string][]float64{}}
					for a, res := range p.Results {
						out.Iterations[a] = res.Iterations
						out.Residuals[a] = res.FullResidual
						out.Seconds += res.Seconds
					}
					for i, gm := range gs {
						c, err := p.Meson(gm)
						if err != nil {
							return err
						}
						out.Correlator[strings.TrimSpace(names[i])] = c
					}
					if *cond > 0 {
						st := rng.New(uint64(*seed), 9)
						mean, se, _, err := propagator.Condensate(s, *cond, &st)
						if err != nil {
							return err
						}
						out.Condensate = &[2]float64{mean, se}
					}
					if *asJSON {
						b, _ := json.MarshalIndent(out, "", "  ")
						fmt.Fprintln(r.out, string(b))
						return nil
					}
					printPropagator(r, &out, names)
					return nil
				})
			}
		}})
}

func containsMethod(m propagator.Method) bool {
	for _, v := range propagator.Methods {
		if v == m {
			return true
		}
	}
	return false
}

// parseBC reads "p,p,p,a" (or twist angles) into boundary phases.
func parseBC(s string) ([layout.Nd]dirac.Boundary, error) {
	var bc [layout.Nd]dirac.Boundary
	parts := strings.Split(s, ",")
	if len(parts) != layout.Nd {
		return bc, inputf("--bc %s: give four comma-separated entries for x,y,z,t (p, a, or an angle)", s)
	}
	for mu, p := range parts {
		switch p = strings.TrimSpace(p); p {
		case "p":
		case "a":
			bc[mu] = dirac.Twisted(math.Pi)
		default:
			var th float64
			if _, err := fmt.Sscanf(p, "%g", &th); err != nil {
				return bc, inputf("--bc %s: entry %q is neither p, a nor an angle", s, p)
			}
			bc[mu] = dirac.Twisted(th)
		}
	}
	return bc, nil
}

func printPropagator(r rankEnv, o *propagatorOutput, names []string) {
	w := r.out
	fmt.Fprintf(w, "propagator of %s (%s), M = 1 - kappa H with kappa %g, c_SW %g, boundary %s\n", o.File, o.Grid, o.Kappa, o.CSW, o.BC)
	fmt.Fprintf(w, "%s source at %v, direction %s; solver %s to %g\n", o.Source, o.SourceAt, o.Direction, o.Solver, o.Tol)
	fmt.Fprintf(w, "column  iterations  |b - M x|/|b|\n")
	for a := range 12 {
		fmt.Fprintf(w, "%6d  %10d  %.3e\n", a, o.Iterations[a], o.Residuals[a])
	}
	fmt.Fprintf(w, "solve time %.3f s\n\n", o.Seconds)
	fmt.Fprintf(w, "%4s", "t")
	for _, n := range names {
		fmt.Fprintf(w, "  %22s", "C_"+strings.TrimSpace(n)+"(t)")
	}
	fmt.Fprintln(w)
	n := len(o.Correlator[strings.TrimSpace(names[0])])
	for t := range n {
		fmt.Fprintf(w, "%4d", t)
		for _, nm := range names {
			fmt.Fprintf(w, "  %22.15e", o.Correlator[strings.TrimSpace(nm)][t])
		}
		fmt.Fprintln(w)
	}
	if o.Condensate != nil {
		fmt.Fprintf(w, "\n<psi-bar psi> = (1/V) Tr D^-1 = %.6g +- %.2g\n", o.Condensate[0], o.Condensate[1])
	}
	fmt.Fprintf(w, "\nC_g5(t) = sum_x sum_ab |S_ab(x)|^2 for S = M^-1, M = 1 - kappa H (the pion); C_G = sum_x Re Tr[G S G g5 S^dag g5].\n")
}
