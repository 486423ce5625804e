package confio

import (
	"math"
	"path/filepath"
	"testing"
)

// refFile describes one reference configuration and what a correct reader
// must find in it.
type refFile struct {
	rel       string
	format    string
	dims      [4]int
	precision int
	checks    []string // names of the checks the file allows (all must pass)
	unitarity float64  // max deviation from SU(3) allowed
	plaq      float64  // measured average plaquette (Re Tr / 3), pinned to 1e-9
}

// Unitarity tolerances: float32 storage gives |U U^dag - 1| of a few 1e-7;
// GF_555_6.1 stores only two rows, whose own deviation is 7.5e-7 (SZIN
// wrote them from float32 arithmetic), and the rebuilt third row doubles
// it, hence 2e-6 there. float64 files are unitary to round-off (1e-12),
// the Bridge++ text one to its 14 printed digits.
var refFiles = []refFile{
	{"milc/lat.sample.l4444", FormatMILC, [4]int{4, 4, 4, 4}, 32, []string{"sum29", "sum31"}, 1e-6, 0.594850158947},
	{"milc/lat.sample.l4444.ildg", FormatILDG, [4]int{4, 4, 4, 4}, 32, []string{"scidac suma", "scidac sumb"}, 1e-6, 0.594850158947},
	{"milc/lat.sample.l4444.scidac", FormatSciDAC, [4]int{4, 4, 4, 4}, 32, []string{"scidac suma", "scidac sumb"}, 1e-6, 0.594850158947},
	{"milc/lat.sample.l4448", FormatMILC, [4]int{4, 4, 4, 8}, 32, []string{"sum29", "sum31"}, 1e-6, 0.569055724369},
	{"milc/lat.sample.l4448.gf", FormatMILC, [4]int{4, 4, 4, 8}, 32, []string{"sum29", "sum31"}, 1e-6, 0.569055725854},
	{"milc/lat.sample.l4448.scidac", FormatSciDAC, [4]int{4, 4, 4, 8}, 32, []string{"scidac suma", "scidac sumb"}, 1e-6, 0.569055724369},
	{"nersc/GF_555_6.1", FormatNERSC, [4]int{6, 6, 6, 6}, 32, []string{"CHECKSUM", "PLAQUETTE", "LINK_TRACE"}, 2e-6, 0.501745775251},
	{"nersc/t_nersc.cfg", FormatNERSC, [4]int{4, 4, 4, 4}, 32, []string{"CHECKSUM", "PLAQUETTE", "LINK_TRACE"}, 1e-6, 0.038242289324},
	{"nersc/nersc.l8t4b3360", FormatNERSC, [4]int{8, 8, 8, 4}, 64, []string{"CHECKSUM", "PLAQUETTE", "LINK_TRACE"}, 1e-12, 0.503866446950},
	{"ildg/ildg.l8t4b3360", FormatILDG, [4]int{8, 8, 8, 4}, 64, []string{"scidac suma", "scidac sumb"}, 1e-12, 0.503866446950},
	{"ildg/conf.00200", FormatILDG, [4]int{4, 4, 4, 4}, 64, []string{"scidac suma", "scidac sumb", "xlf-info plaquette"}, 1e-12, 0.571077111695},
	{"bridge/conf_04040408.txt", FormatBridge, [4]int{4, 4, 4, 8}, 64, nil, 1e-12, 0.625129946975},
}

func refOpts(f refFile) ReadOptions {
	if f.format == FormatBridge {
		return ReadOptions{Dims: f.dims} // the text format records no extents
	}
	return ReadOptions{}
}

func TestRefdataDetect(t *testing.T) {
	dir := refdataDir(t)
	for _, f := range refFiles {
		got, err := DetectFormat(filepath.Join(dir, f.rel))
		if err != nil || got != f.format {
			t.Errorf("%s: detected %q (err %v), want %q", f.rel, got, err, f.format)
		}
	}
}

// TestRefdataRead reads every reference file and requires that it agrees
// with everything it records, that its links are SU(3) to the stored
// precision, and that its plaquette is the one measured when this reader
// was validated.
func TestRefdataRead(t *testing.T) {
	for _, f := range refFiles {
		t.Run(f.rel, func(t *testing.T) {
			c := readRef(t, f.rel, refOpts(f))
			if c.Format != f.format || c.Dims != f.dims || c.Precision != f.precision {
				t.Errorf("format %q dims %v precision %d, want %q %v %d", c.Format, c.Dims, c.Precision, f.format, f.dims, f.precision)
			}
			if len(c.Warnings) != 0 {
				t.Errorf("unexpected warnings: %v", c.Warnings)
			}
			got := map[string]bool{}
			for _, ch := range c.Checks {
				if !ch.OK {
					t.Errorf("check %s failed: file %s, data %s", ch.Name, ch.Expected, ch.Computed)
				}
				got[ch.Name] = true
			}
			if len(c.Checks) != len(f.checks) {
				t.Errorf("%d checks made, want %d (%v)", len(c.Checks), len(f.checks), f.checks)
			}
			for _, name := range f.checks {
				if !got[name] {
					t.Errorf("check %q was not made", name)
				}
			}
			if u := c.Unitarity(); !(u <= f.unitarity) {
				t.Errorf("unitarity deviation %g exceeds %g", u, f.unitarity)
			}
			p, ps, pt := c.Plaquette()
			if math.Abs(p-f.plaq) > 1e-9 {
				t.Errorf("plaquette %.12f, want %.12f", p, f.plaq)
			}
			if math.Abs(p-(ps+pt)/2) > 1e-15 {
				t.Errorf("plaquette %v is not the mean of spatial %v and temporal %v", p, ps, pt)
			}
		})
	}
}

// TestRefdataSameField compares files that hold the same field in
// different formats. MILC wrote its three float32 files from the same
// float32 numbers: they agree bit for bit. SIMULATeQCD's NERSC and ILDG
// files (both float64) differ in the last bits (6e-16: its two writers
// convert the field differently), so they must agree to 1e-14.
func TestRefdataSameField(t *testing.T) {
	groups := []struct {
		files []string
		tol   float64 // 0: bit for bit
	}{
		{[]string{"milc/lat.sample.l4444", "milc/lat.sample.l4444.ildg", "milc/lat.sample.l4444.scidac"}, 0},
		{[]string{"milc/lat.sample.l4448", "milc/lat.sample.l4448.scidac"}, 0},
		{[]string{"nersc/nersc.l8t4b3360", "ildg/ildg.l8t4b3360"}, 1e-14},
	}
	for _, g := range groups {
		first := readRef(t, g.files[0], ReadOptions{})
		for _, other := range g.files[1:] {
			c := readRef(t, other, ReadOptions{})
			if c.Dims != first.Dims {
				t.Fatalf("%s has dims %v, %s has %v", g.files[0], first.Dims, other, c.Dims)
			}
			if g.tol == 0 {
				if ok, k := sameBits(first, c); !ok {
					t.Errorf("%s and %s differ (first at element %d; max difference %g)", g.files[0], other, k, maxLinkDiff(first, c))
				}
			} else if d := maxLinkDiff(first, c); !(d <= g.tol) {
				t.Errorf("%s and %s differ by %g > %g", g.files[0], other, d, g.tol)
			}
		}
	}
}

// TestRefdataGaugeInvariance: lat.sample.l4448.gf is lat.sample.l4448
// after Coulomb gauge fixing, so the plaquette agrees (to float32
// rounding of the stored links) while the spatial link trace, which the
// gauge fixing maximises, grows.
func TestRefdataGaugeInvariance(t *testing.T) {
	a := readRef(t, "milc/lat.sample.l4448", ReadOptions{})
	b := readRef(t, "milc/lat.sample.l4448.gf", ReadOptions{})
	pa, sa, ta := a.Plaquette()
	pb, sb, tb := b.Plaquette()
	for _, d := range []float64{pa - pb, sa - sb, ta - tb} {
		if math.Abs(d) > 1e-6 {
			t.Errorf("plaquettes differ under gauge fixing: %v %v %v vs %v %v %v", pa, sa, ta, pb, sb, tb)
		}
	}
	spatialTrace := func(c *Config) float64 {
		var s float64
		for l := 0; l < 4*c.Volume(); l++ {
			if l%4 != 3 {
				s += real(c.Links[9*l] + c.Links[9*l+4] + c.Links[9*l+8])
			}
		}
		return s / (9 * float64(c.Volume()))
	}
	if ga, gb := spatialTrace(a), spatialTrace(b); !(gb > ga+0.5) {
		t.Errorf("Coulomb gauge spatial link trace %v is not well above the original %v", gb, ga)
	}
}
