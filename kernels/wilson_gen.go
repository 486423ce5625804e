//go:build ignore

// wilson_gen.go writes wilson_site_gen.go, the site-by-site Wilson hopping
// kernel: for each hop direction d a function that projects the neighbour
// spinor (or takes the received half-spinor), multiplies by the link and
// adds the reconstructed four-spinor to the accumulator, with the phases of
// the spin projection resolved at generation time, and the W = 1 loop that
// calls them. Run with `go generate ./kernels` (see wilson.go).
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"log"
	"os"
)

// projection repeats kernels.HopProjection (a generator cannot import the
// package it generates); TestWilsonHopMatchesDenseGammas checks the output
// against dense gamma matrices.
var projection = [8]struct {
	j [2]int
	c [2]string
}{
	{[2]int{3, 2}, [2]string{"-i", "-i"}},
	{[2]int{3, 2}, [2]string{"+i", "+i"}},
	{[2]int{3, 2}, [2]string{"+1", "-1"}},
	{[2]int{3, 2}, [2]string{"-1", "+1"}},
	{[2]int{2, 3}, [2]string{"-i", "+i"}},
	{[2]int{2, 3}, [2]string{"+i", "-i"}},
	{[2]int{2, 3}, [2]string{"-1", "-1"}},
	{[2]int{2, 3}, [2]string{"+1", "+1"}},
}

var dirName = [8]string{"+x", "-x", "+y", "-y", "+z", "-z", "+t", "-t"}

var conj = map[string]string{"+1": "+1", "-1": "-1", "+i": "-i", "-i": "+i"}

var out bytes.Buffer

func p(format string, args ...any) { fmt.Fprintf(&out, format+"\n", args...) }

// project returns the expression of the re (ri = 0) or im part of colour
// component col of h_a = psi_a + c psi_j.
func project(a, j int, c string, col, ri int) string {
	xr, xi := fmt.Sprintf("s[%d]", 6*a+2*col), fmt.Sprintf("s[%d]", 6*a+2*col+1)
	yr, yi := fmt.Sprintf("s[%d]", 6*j+2*col), fmt.Sprintf("s[%d]", 6*j+2*col+1)
	switch c + []string{"r", "i"}[ri] {
	case "+1r":
		return xr + " + " + yr
	case "+1i":
		return xi + " + " + yi
	case "-1r":
		return xr + " - " + yr
	case "-1i":
		return xi + " - " + yi
	case "+ir":
		return xr + " - " + yi
	case "+ii":
		return xi + " + " + yr
	case "-ir":
		return xr + " + " + yi
	default: // "-ii"
		return xi + " - " + yr
	}
}

// accumulate adds (or with set, stores) c*(re + i im) at acc[k], acc[k+1].
func accumulate(k int, c, re, im string, set bool) {
	var sr, vr, si, vi string
	switch c {
	case "+1":
		sr, vr, si, vi = "+", re, "+", im
	case "-1":
		sr, vr, si, vi = "-", re, "-", im
	case "+i":
		sr, vr, si, vi = "-", im, "+", re
	case "-i":
		sr, vr, si, vi = "+", im, "-", re
	}
	for _, e := range []struct {
		k    int
		s, v string
	}{{k, sr, vr}, {k + 1, si, vi}} {
		switch {
		case set && e.s == "+":
			p("\tacc[%d] = %s", e.k, e.v)
		case set:
			p("\tacc[%d] = -%s", e.k, e.v)
		default:
			p("\tacc[%d] %s= %s", e.k, e.s, e.v)
		}
	}
}

// fma64 and fma32 write the row step lhs = a*b + c with one rounding, as
// the assembly's fused multiply-add: in float64 math.FMA (-a*b + c is the
// FMA of -a, exactly the hardware's negated form), in float32 the exact
// product in float64, whose float64 sum rounds correctly to float32 unless
// it landed on a float32 midpoint (or below the normal range), the rare
// case that calls the exact kernels.fma32.
func fma64(lhs, a, b, c string) string {
	return fmt.Sprintf("\t%s = F(math.FMA(float64(%s), float64(%s), float64(%s)))", lhs, a, b, c)
}

func fma32(lhs, a, b, c string) string {
	return fmt.Sprintf(`	fs = float64(%[2]s)*float64(%[3]s) + float64(%[4]s)
	if needsExact32(fs) {
		fs = float64(fma32(float32(%[2]s), float32(%[3]s), float32(%[4]s)))
	}
	%[1]s = F(fs)`, lhs, a, b, c)
}

// hopFunc writes one direction's function: proj reads the neighbour
// spinor s, otherwise the received half-spinor h.
func hopFunc(d int, proj, set bool) {
	pr := projection[d]
	kind, arg := "Half", "h *[12]F"
	if proj {
		kind, arg = "Proj", "s *[24]F"
	}
	suffix := ""
	if set {
		suffix = "Set"
	}
	name := fmt.Sprintf("hop%s%d%s", kind, d, suffix)
	verb := "adds"
	if set {
		verb = "stores"
	}
	src := "the received half-spinor h"
	if proj {
		src = fmt.Sprintf("the projection of s (h_0 = psi_0 %s psi_%d, h_1 = psi_1 %s psi_%d)", pr.c[0], pr.j[0], pr.c[1], pr.j[1])
	}
	p("// %s %s to acc the hop %s: U times %s,", name, verb, dirName[d], src)
	p("// reconstructed as r_0 = U h_0, r_1 = U h_1, r_%d = %s U h_0, r_%d = %s U h_1.", pr.j[0], conj[pr.c[0]], pr.j[1], conj[pr.c[1]])
	p("func %s[F Real](acc *[24]F, %s, u *[18]F) {", name, arg)
	// The float64 and float32 bodies differ only in how the row steps are
	// fused (math.FMA or the float32 emulation, see fma.go). The size test
	// is a constant of each instantiation.
	p("\tif unsafe.Sizeof(acc[0]) == 8 {")
	for _, fma := range []func(lhs, a, b, c string) string{fma64, fma32} {
		if fma("", "", "", "") == fma32("", "", "", "") {
			p("\tvar fs float64")
		}
		decl := ":="
		for a := range 2 {
			for col := range 3 {
				for ri := range 2 {
					v := fmt.Sprintf("x%d%c", col, "ri"[ri])
					if proj {
						p("\t%s %s %s", v, decl, project(a, pr.j[a], pr.c[a], col, ri))
					} else {
						p("\t%s %s h[%d]", v, decl, 6*a+2*col+ri)
					}
				}
			}
			for i := range 3 {
				// one product, then fused multiply-adds in the order of the
				// assembly (kernels_amd64/_gen: VMUL, VFNMADD231, VFMADD231)
				or, oi := fmt.Sprintf("or%d", i), fmt.Sprintf("oi%d", i)
				p("\t%s %s F(u[%d] * x0r)", or, decl, 2*(3*i))
				p("%s", fma(or, fmt.Sprintf("-u[%d]", 2*(3*i)+1), "x0i", or))
				for j := 1; j < 3; j++ {
					p("%s", fma(or, fmt.Sprintf("u[%d]", 2*(3*i+j)), fmt.Sprintf("x%dr", j), or))
					p("%s", fma(or, fmt.Sprintf("-u[%d]", 2*(3*i+j)+1), fmt.Sprintf("x%di", j), or))
				}
				p("\t%s %s F(u[%d] * x0i)", oi, decl, 2*(3*i))
				p("%s", fma(oi, fmt.Sprintf("u[%d]", 2*(3*i)+1), "x0r", oi))
				for j := 1; j < 3; j++ {
					p("%s", fma(oi, fmt.Sprintf("u[%d]", 2*(3*i+j)), fmt.Sprintf("x%di", j), oi))
					p("%s", fma(oi, fmt.Sprintf("u[%d]", 2*(3*i+j)+1), fmt.Sprintf("x%dr", j), oi))
				}
				accumulate(6*a+2*i, "+1", or, oi, set)
				accumulate(6*pr.j[a]+2*i, conj[pr.c[a]], or, oi, set)
			}
			decl = "="
		}
		if fma("", "", "", "") == fma64("", "", "", "") {
			p("\t\treturn")
			p("\t}")
		}
	}
	p("}")
	p("")
}

// cloverFunc writes cloverBlock, y = C x for one packed Hermitian 6x6
// block (diagonal reals at 0..5, element (i, j), i > j, at
// 6 + 2(i(i-1)/2 + j)).
func cloverFunc() {
	packed := func(i, j int) int { return 6 + 2*(i*(i-1)/2+j) }
	p("// cloverBlock sets y = C x for the packed Hermitian 6x6 block m (see")
	p("// CloverPacked) and the 6 complex components x (re/im interleaved).")
	p("// y must not overlap x.")
	p("func cloverBlock[F Real](m *[36]F, x, y *[12]F) {")
	p("\tif unsafe.Sizeof(m[0]) == 8 {")
	for _, fma := range []func(lhs, a, b, c string) string{fma64, fma32} {
		if fma("", "", "", "") == fma32("", "", "", "") {
			p("\tvar fs float64")
		}
		// one product, then fused multiply-adds, in the order of the assembly
		// (kernels_amd64/_gen cloverTerms)
		for i := range 6 {
			for ri := range 2 {
				y := fmt.Sprintf("y[%d]", 2*i+ri)
				p("\t%s = F(m[%d] * x[%d])", y, i, 2*i+ri)
				term := func(e int, x int, neg bool) {
					sign := ""
					if neg {
						sign = "-"
					}
					p("%s", fma(y, fmt.Sprintf("%sm[%d]", sign, e), fmt.Sprintf("x[%d]", x), y))
				}
				for j := range 6 {
					if j == i {
						continue
					}
					if i > j { // A_ij = m[e] + i m[e+1]
						e := packed(i, j)
						if ri == 0 {
							term(e, 2*j, false)
							term(e+1, 2*j+1, true)
						} else {
							term(e, 2*j+1, false)
							term(e+1, 2*j, false)
						}
					} else { // A_ij = conj(A_ji) = m[e] - i m[e+1]
						e := packed(j, i)
						if ri == 0 {
							term(e, 2*j, false)
							term(e+1, 2*j+1, false)
						} else {
							term(e, 2*j+1, false)
							term(e+1, 2*j, true)
						}
					}
				}
			}
		}
		if fma("", "", "", "") == fma64("", "", "", "") {
			p("\t\treturn")
			p("\t}")
		}
	}
	p("}")
	p("")
}

func main() {
	p("// Code generated by wilson_gen.go; DO NOT EDIT.")
	p("")
	p("package kernels")
	p("")
	p("import (")
	p("\t\"math\"")
	p("\t\"unsafe\"")
	p(")")
	p("")
	p("// wilsonHopSites is WilsonHopGo for W = 1: one site per tile, spinors of")
	p("// 24 and links of 18 consecutive numbers, one generated function per")
	p("// direction with the spin-projection phases resolved, array pointers")
	p("// of fixed size so that the compiler drops the bounds checks.")
	p("func wilsonHopSites[F Real](h *WilsonHop[F], tiles []int32) {")
	p("\tvar acc [24]F")
	p("\tvar ubuf [144]F // a site's compact links, expanded")
	p("\ta := h.A")
	p("\tfor _, t := range tiles {")
	p("\t\ti := int(t)")
	p("\t\tnb := (*[8]int32)(h.Nbr[8*i : 8*i+8])")
	p("\t\thalo := (*[8]int32)(h.Halo[8*i : 8*i+8])")
	p("\t\tu := (*[144]F)(h.tileLinks(i, ubuf[:]))")
	for d := range 8 {
		set := ""
		if d == 0 {
			set = "Set"
		}
		p("\t\tif r := halo[%d]; r >= 0 {", d)
		p("\t\t\thopHalf%d%s(&acc, (*[12]F)(h.Recv[%d][12*r:12*r+12]), (*[18]F)(u[%d:%d]))", d, set, d, 18*d, 18*d+18)
		p("\t\t} else {")
		p("\t\t\thopProj%d%s(&acc, (*[24]F)(h.Src[24*nb[%d]:24*nb[%d]+24]), (*[18]F)(u[%d:%d]))", d, set, d, d, 18*d, 18*d+18)
		p("\t\t}")
	}
	p("\t\tdst := (*[24]F)(h.Dst[24*i : 24*i+24])")
	p("\t\tif h.X == nil {")
	p("\t\t\tfor k := range dst {")
	p("\t\t\t\tdst[k] = a * acc[k]")
	p("\t\t\t}")
	p("\t\t\tcontinue")
	p("\t\t}")
	p("\t\tx := (*[24]F)(h.X[24*i : 24*i+24])")
	p("\t\tfor k := range dst {")
	p("\t\t\tdst[k] = x[k] + F(a*acc[k]) // rounded product: no fusing")
	p("\t\t}")
	p("\t}")
	p("}")
	p("")
	for _, proj := range []bool{true, false} {
		kind, arg, name := "Proj", "s *[24]F", "s"
		if !proj {
			kind, arg, name = "Half", "h *[12]F", "h"
		}
		p("// siteHop%s calls the hop%s function of direction d (the Set variant", kind, kind)
		p("// for d = 0 when set).")
		p("func siteHop%s[F Real](d int, set bool, acc *[24]F, %s, u *[18]F) {", kind, arg)
		p("\tswitch d {")
		for d := range 8 {
			p("\tcase %d:", d)
			if d == 0 {
				p("\t\tif set {")
				p("\t\t\thop%s0Set(acc, %s, u)", kind, name)
				p("\t\t\treturn")
				p("\t\t}")
			}
			p("\t\thop%s%d(acc, %s, u)", kind, d, name)
		}
		p("\t}")
		p("}")
		p("")
	}
	for d := range 8 {
		hopFunc(d, true, false)
		hopFunc(d, false, false)
		if d == 0 {
			hopFunc(d, true, true)
			hopFunc(d, false, true)
		}
	}
	cloverFunc()
	src, err := format.Source(out.Bytes())
	if err != nil {
		log.Fatalf("generated code does not parse: %v", err)
	}
	if err := os.WriteFile("wilson_site_gen.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
