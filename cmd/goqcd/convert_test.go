package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/algorithms/confio"
)

// readBack reads a converted file in its format.
func readBack(t *testing.T, path, format string, dims [4]int) *confio.Config {
	t.Helper()
	c, err := confio.ReadAs(path, format, confio.ReadOptions{Dims: dims})
	if err != nil {
		t.Fatalf("reading back %s: %v", path, err)
	}
	return c
}

// TestConvertRoundTrip converts a float64 field into every format and
// back into ILDG: 64-bit outputs must hold the links bit for bit.
func TestConvertRoundTrip(t *testing.T) {
	dir := t.TempDir()
	orig := thermalConfig(t, [4]int{4, 4, 4, 8}, 5.7, 1)
	in := writeConfig(t, dir, "in.ildg", orig, confio.FormatILDG, confio.WriteOptions{})
	for _, to := range writeFormats {
		out := filepath.Join(dir, "out."+to)
		got := wantCode(t, 0, []string{"convert", in, out, "--to", to})
		for _, f := range []string{"converted " + in, "(ildg, 4.4.4.8, float64)", out, to, "bit-identical"} {
			if !strings.Contains(got, f) {
				t.Errorf("convert --to %s: output lacks %q:\n%s", to, f, got)
			}
		}
		c := readBack(t, out, to, orig.Dims)
		if same, diff := compareLinks(orig.Links, c.Links); !same {
			t.Errorf("--to %s: links differ by up to %g", to, diff)
		}
		if c.Precision != 64 {
			t.Errorf("--to %s: precision %d, want 64", to, c.Precision)
		}
		// and back to ILDG: the same links again
		again := filepath.Join(dir, "again."+to+".ildg")
		args := []string{"convert", out, again, "--to", "ildg"}
		if to == confio.FormatBridge {
			args = append(args, "--grid", "4.4.4.8")
		}
		wantCode(t, 0, args)
		if same, _ := compareLinks(orig.Links, readBack(t, again, confio.FormatILDG, orig.Dims).Links); !same {
			t.Errorf("ildg -> %s -> ildg changed the links", to)
		}
	}
}

// TestConvertRounding: 32-bit and two-row outputs are verified within
// their rounding.
func TestConvertRounding(t *testing.T) {
	dir := t.TempDir()
	orig := thermalConfig(t, [4]int{4, 4, 4, 4}, 5.7, 1)
	in := writeConfig(t, dir, "in.nersc", orig, confio.FormatNERSC, confio.WriteOptions{})
	cases := []struct {
		to    string
		flags []string
		tol   float64
		word  string
	}{
		{confio.FormatILDG, []string{"--prec", "32"}, 6e-8, "float32"},
		{confio.FormatSciDAC, []string{"--prec", "32"}, 6e-8, "float32"},
		{confio.FormatBridge, []string{"--prec", "32"}, 6e-8, "float32"},
		{confio.FormatNERSC, []string{"--nersc-3x2"}, 1e-14, "4D_SU3_GAUGE,"},
		{confio.FormatNERSC, []string{"--nersc-3x2", "--prec", "32"}, 1e-6, "4D_SU3_GAUGE,"},
	}
	for i, c := range cases {
		out := filepath.Join(dir, "out"+string(rune('a'+i)))
		got := wantCode(t, 0, append([]string{"convert", in, out, "--to", c.to}, c.flags...))
		if !strings.Contains(got, c.word) || !strings.Contains(got, "links within") {
			t.Errorf("convert --to %s %v:\n%s", c.to, c.flags, got)
		}
		back := readBack(t, out, c.to, orig.Dims)
		same, diff := compareLinks(orig.Links, back.Links)
		if same || diff > c.tol || diff == 0 {
			t.Errorf("--to %s %v: links identical %v, largest difference %g, want (0, %g]", c.to, c.flags, same, diff, c.tol)
		}
		p0, _, _ := orig.Plaquette()
		p1, _, _ := back.Plaquette()
		if math.Abs(p1-p0) > 1e-6 {
			t.Errorf("--to %s %v: plaquette %v, input %v", c.to, c.flags, p1, p0)
		}
	}
}

// TestConvertRefdata converts a float32 two-row NERSC file to ILDG in
// 64 bits: exact, since float32 values are float64 values.
func TestConvertRefdata(t *testing.T) {
	ref := refdataDir(t)
	in := filepath.Join(ref, "nersc", "GF_555_6.1")
	src, err := confio.Read(in, confio.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "gf.ildg")
	got := wantCode(t, 0, []string{"convert", in, out, "--to", "ildg", "--prec", "64"})
	if !strings.Contains(got, "bit-identical") || !strings.Contains(got, "(nersc, 6.6.6.6, float32)") {
		t.Errorf("convert output:\n%s", got)
	}
	if same, diff := compareLinks(src.Links, readBack(t, out, confio.FormatILDG, src.Dims).Links); !same {
		t.Errorf("links differ by %g", diff)
	}
	// default precision: the input's
	out32 := filepath.Join(dir, "gf32.ildg")
	wantCode(t, 0, []string{"convert", in, out32, "--to", "ildg"})
	if c := readBack(t, out32, confio.FormatILDG, src.Dims); c.Precision != 32 {
		t.Errorf("default output precision %d, want the input's 32", c.Precision)
	}
}

func TestConvertBadInput(t *testing.T) {
	dir := t.TempDir()
	orig := thermalConfig(t, [4]int{4, 4, 4, 4}, 5.7, 0)
	in := writeConfig(t, dir, "in.ildg", orig, confio.FormatILDG, confio.WriteOptions{})
	exists := writeConfig(t, dir, "exists.ildg", orig, confio.FormatILDG, confio.WriteOptions{})
	out := filepath.Join(dir, "out")
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{"convert", in}, []string{"an input and an output"}},
		{[]string{"convert", in, out}, []string{"--to missing"}},
		{[]string{"convert", in, out, "--to", "milc"}, []string{"--to milc", "read only"}},
		{[]string{"convert", in, out, "--to", "jpeg"}, []string{"--to jpeg", "ildg, scidac"}},
		{[]string{"convert", in, out, "--to", "openqcd", "--prec", "32"}, []string{"--prec 32", "double"}},
		{[]string{"convert", in, out, "--to", "ildg", "--prec", "16"}, []string{"--prec 16"}},
		{[]string{"convert", in, out, "--to", "ildg", "--nersc-3x2"}, []string{"--nersc-3x2"}},
		{[]string{"convert", filepath.Join(dir, "none"), out, "--to", "ildg"}, []string{"none"}},
		{[]string{"convert", in, exists, "--to", "nersc"}, []string{"exists.ildg exists", "--force"}},
		{[]string{"convert", in, out, "--to", "nersc", "--grid", "4.4.4.8"}, []string{"in.ildg", "[4 4 4 8]"}},
	}
	for _, c := range cases {
		wantCode(t, 2, c.args, c.wants...)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused conversion wrote its output")
	}
	wantCode(t, 0, []string{"convert", in, exists, "--to", "nersc", "--force"})
	if c := readBack(t, exists, confio.FormatNERSC, orig.Dims); c.Format != confio.FormatNERSC {
		t.Errorf("--force did not replace the file: format %s", c.Format)
	}
	// a corrupt input is a failure (exit 1), unless checksums are ignored
	bad, _ := corruptCopy(t)
	wantCode(t, 1, []string{"convert", bad, out, "--to", "ildg"}, "CHECKSUM mismatch")
	wantCode(t, 0, []string{"convert", bad, out, "--to", "ildg", "--ignore-checksums"})
}
