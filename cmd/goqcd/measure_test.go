package main

import (
	"encoding/json"
	"fmt"
	"github.com/goqcd/goqcd/algorithms/confio/refdata"
	"math"
	"math/cmplx"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// refdataDir is the reference folder (the test is skipped without it).
func refdataDir(t *testing.T) string { return refdata.Dir(t) }

// thermalConfig returns an SU(3) configuration on dims: a hot start and
// sweeps heatbath sweeps at beta (single rank, deterministic).
func thermalConfig(t *testing.T, dims [4]int, beta float64, sweeps int) *confio.Config {
	t.Helper()
	l, err := layout.New(comm.Local(), dims, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := rng.New(5, 1)
	g, err := gauge.Hot(l, 3, &s)
	if err != nil {
		t.Fatal(err)
	}
	ws := gauge.NewWorkspace(l, 3)
	hb := rng.New(5, 2)
	for range sweeps {
		if err := g.HeatbathSweep(beta, &hb, ws); err != nil {
			t.Fatal(err)
		}
	}
	links, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	return &confio.Config{Dims: dims, Links: links, Precision: 64, Info: map[string]string{}}
}

// writeConfig writes c in format into dir and returns the path.
func writeConfig(t *testing.T, dir, name string, c *confio.Config, format string, opts confio.WriteOptions) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := confio.Write(p, c, format, opts); err != nil {
		t.Fatal(err)
	}
	return p
}

// polyakovDirect is the Polyakov loop along mu computed on the global
// links: (1/3) Tr of the product of the links of each line, averaged.
func polyakovDirect(c *confio.Config, mu int) complex128 {
	d := c.Dims
	site := func(x [4]int) int { return ((x[3]*d[2]+x[2])*d[1]+x[1])*d[0] + x[0] }
	var sum complex128
	lines := 0
	var x [4]int
	for x[3] = 0; x[3] < d[3]; x[3]++ {
		for x[2] = 0; x[2] < d[2]; x[2]++ {
			for x[1] = 0; x[1] < d[1]; x[1]++ {
				for x[0] = 0; x[0] < d[0]; x[0]++ {
					if x[mu] != 0 {
						continue
					}
					p := [9]complex128{1, 0, 0, 0, 1, 0, 0, 0, 1}
					y := x
					for range d[mu] {
						u := c.Links[(site(y)*4+mu)*9:]
						var q [9]complex128
						for i := range 3 {
							for j := range 3 {
								for k := range 3 {
									q[3*i+j] += p[3*i+k] * u[3*k+j]
								}
							}
						}
						p = q
						y[mu] = (y[mu] + 1) % d[mu]
					}
					sum += (p[0] + p[4] + p[8]) / 3
					lines++
				}
			}
		}
	}
	return sum / complex(float64(lines), 0)
}

// checkMeasured compares a measure result with confio's own measurements
// and checks of the same file and a direct Polyakov loop.
func checkMeasured(t *testing.T, got measureResult, c *confio.Config) {
	t.Helper()
	const tol = 1e-12 // sums in another order
	avg, sp, tm := c.Plaquette()
	if got.Format != c.Format || got.Grid != layout.FormatDims(c.Dims) || got.Precision != c.Precision {
		t.Errorf("%s: format %s grid %s precision %d, want %s %s %d", got.File, got.Format, got.Grid, got.Precision, c.Format, layout.FormatDims(c.Dims), c.Precision)
	}
	for _, v := range []struct {
		name      string
		got, want float64
	}{{"plaquette", got.Plaquette, avg}, {"spatial", got.PlaquetteSpatial, sp}, {"temporal", got.PlaquetteTemporal, tm}, {"link trace", got.LinkTrace, c.LinkTrace()}} {
		if math.Abs(v.got-v.want) > tol {
			t.Errorf("%s: %s %.15g, confio gives %.15g", got.File, v.name, v.got, v.want)
		}
	}
	if len(got.Polyakov) != 4 {
		t.Fatalf("%s: %d Polyakov loops, want 4", got.File, len(got.Polyakov))
	}
	for mu, p := range got.Polyakov {
		want := polyakovDirect(c, mu)
		if p.Dir != dirNames[mu] || cmplx.Abs(complex(p.Re, p.Im)-want) > 1e-12 {
			t.Errorf("%s: Polyakov %s = %v%+vi, direct product gives %v", got.File, p.Dir, p.Re, p.Im, want)
		}
	}
	if len(got.Checks) != len(c.Checks) {
		t.Errorf("%s: %d checks reported, the reader made %d", got.File, len(got.Checks), len(c.Checks))
	}
	for i, ch := range got.Checks {
		if i < len(c.Checks) && (ch.Name != c.Checks[i].Name || ch.Expected != c.Checks[i].Expected || ch.Computed != c.Checks[i].Computed || ch.OK != c.Checks[i].OK) {
			t.Errorf("%s: check %+v, reader's %+v", got.File, ch, c.Checks[i])
		}
	}
}

func measureJSON(t *testing.T, args ...string) []measureResult {
	t.Helper()
	out := wantCode(t, 0, append([]string{"measure", "--json"}, args...))
	var res []measureResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("measure --json does not parse: %v\n%s", err, out)
	}
	return res
}

// TestMeasureRefdata measures the reference files on 1 and 2 ranks and
// compares with confio's own plaquette, link trace and checks, and the
// headers' recorded plaquette and link trace.
func TestMeasureRefdata(t *testing.T) {
	dir := refdataDir(t)
	files := []string{"ildg/conf.00200", "nersc/nersc.l8t4b3360", "milc/lat.sample.l4444",
		"milc/lat.sample.l4448.scidac", "ildg/ildg.l8t4b3360", "nersc/GF_555_6.1"}
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Join(dir, f))
	}
	// 6^4 (the last file) splits over no even number of ranks.
	for _, ranks := range []string{"1", "2"} {
		if ranks == "2" {
			paths = paths[:len(paths)-1]
		}
		res := measureJSON(t, append(paths, "--ranks", ranks)...)
		if len(res) != len(paths) {
			t.Fatalf("%d results for %d files", len(res), len(paths))
		}
		for i, r := range res {
			c, err := confio.Read(paths[i], confio.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if r.File != paths[i] {
				t.Errorf("result %d is for %s, want %s", i, r.File, paths[i])
			}
			checkMeasured(t, r, c)
			if len(r.Warnings) != 0 {
				t.Errorf("%s: warnings %v", r.File, r.Warnings)
			}
			// NERSC headers record the plaquette and link trace to 10
			// digits, from the data as their writer held it.
			htol := 1e-9
			if c.Precision == 32 {
				htol = 1e-6
			}
			if c.Format == confio.FormatNERSC {
				for key, v := range map[string]float64{"PLAQUETTE": r.Plaquette, "LINK_TRACE": r.LinkTrace} {
					var h float64
					if _, err := fmt.Sscan(c.Info[key], &h); err != nil || math.Abs(h-v) > htol {
						t.Errorf("%s: %s header %q, measured %.12f", r.File, key, c.Info[key], v)
					}
				}
			}
		}
	}
	// The Bridge++ text file records no extents: --grid gives them.
	bridge := filepath.Join(dir, "bridge/conf_04040408.txt")
	wantCode(t, 2, []string{"measure", bridge}, "--grid")
	res := measureJSON(t, bridge, "--grid", "4.4.4.8", "--ranks", "2")
	c, err := confio.Read(bridge, confio.ReadOptions{Dims: [4]int{4, 4, 4, 8}})
	if err != nil {
		t.Fatal(err)
	}
	checkMeasured(t, res[0], c)
	// The table shows the same numbers.
	out := wantCode(t, 0, []string{"measure", paths[1]})
	for _, f := range []string{"nersc, 8.8.8.4, float64", fmt.Sprintf("%.12f", 0.503866446950), "CHECKSUM", "PLAQUETTE", "ok", "polyakov t"} {
		if !strings.Contains(out, f) {
			t.Errorf("measure table lacks %q:\n%s", f, out)
		}
	}
}

// TestMeasureGenerated measures a generated field in every format and on
// several process grids; the numbers must be those of confio.
func TestMeasureGenerated(t *testing.T) {
	dir := t.TempDir()
	c := thermalConfig(t, [4]int{4, 4, 4, 8}, 5.7, 2)
	for _, format := range []string{confio.FormatILDG, confio.FormatNERSC, confio.FormatOpenQCD} {
		p := writeConfig(t, dir, "conf."+format, c, format, confio.WriteOptions{})
		back, err := confio.Read(p, confio.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, ranks := range [][]string{{"--ranks", "1"}, {"--ranks", "2", "--mpi", "1.1.1.2"}, {"--ranks", "4", "--threads", "2"}} {
			res := measureJSON(t, append([]string{p}, ranks...)...)
			checkMeasured(t, res[0], back)
		}
	}
}

// corruptCopy writes a NERSC file of a generated field with one data byte
// changed, and returns its path and the checks an ignoring read makes.
func corruptCopy(t *testing.T) (string, []confio.Check) {
	t.Helper()
	dir := t.TempDir()
	p := writeConfig(t, dir, "bad.nersc", thermalConfig(t, [4]int{4, 4, 4, 4}, 5.7, 1), confio.FormatNERSC, confio.WriteOptions{})
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-100] ^= 0x10
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := confio.Read(p, confio.ReadOptions{IgnoreChecksums: true})
	if err != nil {
		t.Fatal(err)
	}
	return p, c.Checks
}

func TestMeasureChecksumFailure(t *testing.T) {
	p, checks := corruptCopy(t)
	var sum confio.Check
	for _, ch := range checks {
		if ch.Name == "CHECKSUM" {
			sum = ch
		}
	}
	if sum.OK || sum.Expected == "" {
		t.Fatalf("the corrupted copy passes its checksum: %+v", checks)
	}
	for _, ranks := range []string{"1", "2"} {
		code, out, errOut := goqcd(t, "measure", p, "--ranks", ranks)
		if code != 1 || out != "" {
			t.Fatalf("measure of a corrupted file: exit %d, want 1; stdout:\n%s", code, out)
		}
		for _, f := range []string{"goqcd: " + p, "CHECKSUM mismatch", sum.Expected, sum.Computed, "--ignore-checksums"} {
			if !strings.Contains(errOut, f) {
				t.Errorf("stderr lacks %q:\n%s", f, errOut)
			}
		}
	}
	out := wantCode(t, 0, []string{"measure", p, "--ignore-checksums", "--ranks", "2"})
	for _, f := range []string{"MISMATCH", "warning", "CHECKSUM mismatch", sum.Expected, sum.Computed} {
		if !strings.Contains(out, f) {
			t.Errorf("measure --ignore-checksums output lacks %q:\n%s", f, out)
		}
	}
	res := measureJSON(t, p, "--ignore-checksums")
	if len(res[0].Warnings) == 0 || res[0].Checks[0].OK {
		t.Errorf("measure --json --ignore-checksums: warnings %v, checks %+v", res[0].Warnings, res[0].Checks)
	}
}

func TestMeasureBadInput(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.bin")
	if err := os.WriteFile(junk, []byte{0xde, 0xad, 0xbe, 0xef, 1, 2, 3}, 0o644); err != nil {
		t.Fatal(err)
	}
	good := writeConfig(t, dir, "c.ildg", thermalConfig(t, [4]int{4, 4, 4, 4}, 5.7, 0), confio.FormatILDG, confio.WriteOptions{})
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{"measure"}, []string{"at least one"}},
		{[]string{"measure", filepath.Join(dir, "none.ildg")}, []string{"none.ildg", "no such file"}},
		{[]string{"measure", junk}, []string{"junk.bin", "unknown configuration file format"}},
		{[]string{"measure", good, "--format", "gif"}, []string{"--format gif", "ildg"}},
		{[]string{"measure", good, "--grid", "4.4.4.8"}, []string{"c.ildg", "[4 4 4 8]"}},
		{[]string{"measure", good, "--mpi", "1.1.1.2"}, []string{"--mpi", "2 processes", "1 ranks"}},
		{[]string{"measure", good, "--ranks", "0"}, []string{"--ranks 0"}},
	}
	for _, c := range cases {
		wantCode(t, 2, c.args, c.wants...)
	}
}

func TestFileCommandsHelp(t *testing.T) {
	for _, args := range [][]string{{"help", "measure"}, {"flow", "-h"}, {"convert", "--help"}, {"help", "bench", "heatbath"}} {
		out := wantCode(t, 0, args)
		if !strings.Contains(out, "Usage: goqcd") || !strings.Contains(out, "-") {
			t.Errorf("goqcd %v: no usage in %q", args, out)
		}
	}
	if out := wantCode(t, 0, []string{"help", "measure"}); !strings.Contains(out, "-ignore-checksums") || !strings.Contains(out, "-grid") {
		t.Errorf("help measure lacks its flags:\n%s", out)
	}
}
