package main

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

func init() {
	register(commands, &command{name: "selfcheck",
		summary: "check the layout: halo exchange of every neighbour in 8 directions and the global norm",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			lat := addLatticeFlags(fs)
			prec := fs.String("prec", "both", "precision to check: double, single or both")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("selfcheck takes no arguments, got %q", args)
				}
				precs, err := parsePrecisions("prec", *prec)
				if err != nil {
					return flagError(err)
				}
				return lat.onRanks(x, func(r rankEnv) error {
					return selfcheck(r, lat.spec, precs)
				})
			}
		}})
}

// parsePrecisions reads "double", "single" or "both".
func parsePrecisions(field, s string) ([]precision, error) {
	if s == "both" {
		return []precision{double, single}, nil
	}
	p, err := parsePrecision(field, s)
	if err != nil {
		return nil, &fieldError{field, s, `unknown precision: allowed "double", "single" or "both"`}
	}
	return []precision{p}, nil
}

// selfcheckNC is the number of complex components per site of the test
// field: a Wilson spinor (4 spins x 3 colours), the usual halo payload.
const selfcheckNC = 12

// selfcheckResult is the outcome of the checks on one rank, before the
// global reduction.
type selfcheckResult struct {
	name    string
	failed  bool
	summary string // one line, printed after PASS/FAIL
}

// selfcheck runs the layout checks on this rank for each precision,
// prints a report on rank 0 and returns errCheckFailed (on every rank) when
// any check failed. Collective.
func selfcheck(r rankEnv, spec latticeSpec, precs []precision) error {
	var l *layout.Layout
	failed := false
	for i, p := range precs {
		var err error
		if l, err = spec.build(r.c, p); err != nil {
			return err
		}
		if i == 0 {
			fmt.Fprintf(r.out, "selfcheck: %s\ncomm %s, %d ranks; kernels %s\n", l, r.c.Name(), r.c.Size(), kernelsLine())
		}
		var res []selfcheckResult
		if p == double {
			res, err = checkLayout[float64](l)
		} else {
			res, err = checkLayout[float32](l)
		}
		if err != nil {
			return err
		}
		for _, c := range res {
			verdict := "PASS"
			if c.failed {
				verdict, failed = "FAIL", true
			}
			fmt.Fprintf(r.out, "%-6s W=%-2d %-22s %s  %s\n", p, l.W, c.name, verdict, c.summary)
		}
	}
	if failed {
		fmt.Fprintln(r.out, "selfcheck FAIL")
		return errCheckFailed
	}
	fmt.Fprintln(r.out, "selfcheck PASS")
	return nil
}

// checkLayout fills a field with a function of the global coordinate,
// exchanges its halos, checks the 8 neighbours of every site exactly, and
// checks that Norm2 equals its analytic value (exactly: Norm2 adds exactly
// and rounds once, and so does the analytic sum). The verdicts are global.
// Collective.
func checkLayout[F layout.Float](l *layout.Layout) ([]selfcheckResult, error) {
	const nc = selfcheckNC
	f := layout.NewField[F](l, nc, layout.Full)
	f.ForEachSite(func(tile, lane int, g [layout.Nd]int) {
		for c := range nc {
			f.Set(tile, c, lane, coordValue(g, c))
		}
	})

	h := layout.NewHalo[F](l, nc)
	if err := h.Start(f); err != nil {
		return nil, err
	}
	if err := h.Wait(); err != nil {
		return nil, fmt.Errorf("halo exchange: %w", err)
	}
	var bad []string
	nbad := 0
	out := make([]F, nc*2*l.W)
	for d := range layout.NHops {
		mu, s := d/2, layout.HopSign(d)
		for tile := range l.NTiles {
			h.Neighbour(d, tile, out)
			for lane := range l.W {
				g := l.GlobalCoords(tile, lane)
				n := g
				n[mu] = (g[mu] + s + l.Global[mu]) % l.Global[mu]
				for c := range nc {
					got := complex(float64(out[2*c*l.W+lane]), float64(out[(2*c+1)*l.W+lane]))
					if want := coordValue(n, c); got != want {
						nbad++
						if len(bad) < 5 {
							bad = append(bad, fmt.Sprintf("rank %d: hop %s of site %v (tile %d lane %d) component %d: got %v, want %v (site %v)",
								l.Rank, hopName(d), g, tile, lane, c, got, want, n))
						}
					}
				}
			}
		}
	}
	counts := []float64{float64(nbad), float64(l.Volume)}
	if err := l.Comm.AllreduceSum64(counts); err != nil {
		return nil, err
	}
	detail, err := firstFailure(l.Comm, nbad > 0, strings.Join(bad, "\n  "))
	if err != nil {
		return nil, err
	}
	nbrs := selfcheckResult{name: "halo neighbours"}
	checked := layout.NHops * l.GlobalVolume * nc
	switch {
	case int(counts[1]) != l.GlobalVolume:
		nbrs.failed = true
		nbrs.summary = fmt.Sprintf("the ranks hold %d sites, the lattice has %d", int(counts[1]), l.GlobalVolume)
	case counts[0] > 0:
		nbrs.failed = true
		nbrs.summary = fmt.Sprintf("%d of %d neighbour values wrong; first failing rank:\n  %s", int(counts[0]), checked, detail)
	default:
		nbrs.summary = fmt.Sprintf("%d neighbour values exact (8 hops x %d sites x %d components)", checked, l.GlobalVolume, nc)
	}

	norm, err := layout.Norm2(f)
	if err != nil {
		return nil, err
	}
	want := coordNorm2(l.Global, nc)
	n2 := selfcheckResult{name: "Norm2 analytic", summary: fmt.Sprintf("Norm2 = %.17g, analytic %.17g", norm, want)}
	if norm != want {
		n2.failed = true
		n2.summary += fmt.Sprintf(" (relative difference %.3g; they must agree exactly)", (norm-want)/want)
	} else {
		n2.summary += " (exact)"
	}
	return []selfcheckResult{nbrs, n2}, nil
}

// coordValue is the test field: component c holds, exactly in float32 for
// extents below 2^21, two coordinates of the site with offsets that tell
// the components apart.
//
//	re = g[c%4] + (c/4)/4,   im = -(g[(c+1)%4] + (c/4)/2)
func coordValue(g [layout.Nd]int, c int) complex128 {
	a, b := coordOffsets(c)
	return complex(float64(g[c%4])+a, -(float64(g[(c+1)%4]) + b))
}

func coordOffsets(c int) (re, im float64) {
	k := float64(c / 4)
	return k / 4, k / 2
}

// coordNorm2 is sum over the lattice and components of |coordValue|^2,
// computed exactly in rationals and rounded once to float64:
// sum over sites of (g_mu + a)^2 = (V/L_mu) sum_{x<L_mu} (x+a)^2.
func coordNorm2(global [layout.Nd]int, nc int) float64 {
	vol := 1
	for _, L := range global {
		vol *= L
	}
	sumSq := func(mu int, a float64) *big.Rat {
		s := new(big.Rat)
		ar := new(big.Rat).SetFloat64(a)
		for x := range global[mu] {
			v := new(big.Rat).Add(new(big.Rat).SetInt64(int64(x)), ar)
			s.Add(s, v.Mul(v, v))
		}
		return s.Mul(s, new(big.Rat).SetInt64(int64(vol/global[mu])))
	}
	total := new(big.Rat)
	for c := range nc {
		a, b := coordOffsets(c)
		total.Add(total, sumSq(c%4, a))
		total.Add(total, sumSq((c+1)%4, b))
	}
	f, _ := total.Float64()
	return f
}

// firstFailure gives every rank the detail text of the lowest rank that
// failed ("" when none did), so that rank 0 can print it. Collective.
func firstFailure(c comm.Comm, failed bool, detail string) (string, error) {
	lowest := []float64{-float64(c.Size())}
	if failed {
		lowest[0] = -float64(c.Rank())
	}
	if err := c.AllreduceMax64(lowest); err != nil {
		return "", err
	}
	root := int(-lowest[0])
	if root >= c.Size() {
		return "", nil
	}
	n := []float64{float64(len(detail))}
	if err := c.Bcast64(n, root); err != nil {
		return "", err
	}
	buf := make([]byte, int(n[0]))
	copy(buf, detail)
	if err := c.BcastBytes(buf, root); err != nil {
		return "", err
	}
	return string(buf), nil
}

// hopName is "+x", "-x", ... for hop directions 0..7.
func hopName(d int) string {
	sign := "+"
	if layout.HopSign(d) < 0 {
		sign = "-"
	}
	return sign + layout.DirName[d/2]
}
