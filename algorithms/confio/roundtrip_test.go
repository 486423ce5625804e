package confio

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// writeRead writes c in a format and reads the file back, requiring that
// the reader detects the format and that every check it makes passes.
func writeRead(t *testing.T, c *Config, format string, opts WriteOptions) *Config {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cfg."+format)
	if err := Write(path, c, format, opts); err != nil {
		t.Fatalf("Write %s: %v", format, err)
	}
	if got, err := DetectFormat(path); err != nil || got != format {
		t.Fatalf("written %s file detected as %q (%v)", format, got, err)
	}
	back, err := Read(path, ReadOptions{Dims: c.Dims})
	if err != nil {
		t.Fatalf("reading back %s: %v", format, err)
	}
	for _, ch := range back.Checks {
		if !ch.OK {
			t.Errorf("check %s of the written %s file failed: %s vs %s", ch.Name, format, ch.Expected, ch.Computed)
		}
	}
	return back
}

type roundTripCase struct {
	name   string
	format string
	opts   WriteOptions
	prec   int      // precision the re-read Config reports
	checks []string // checks the re-read must make
	rows2  bool     // only two rows stored: the third is rebuilt
}

var roundTripCases = []roundTripCase{
	{"ildg64", FormatILDG, WriteOptions{Precision: 64}, 64, []string{"scidac suma", "scidac sumb"}, false},
	{"ildg32", FormatILDG, WriteOptions{Precision: 32}, 32, []string{"scidac suma", "scidac sumb"}, false},
	{"scidac64", FormatSciDAC, WriteOptions{Precision: 64}, 64, []string{"scidac suma", "scidac sumb"}, false},
	{"scidac32", FormatSciDAC, WriteOptions{Precision: 32}, 32, []string{"scidac suma", "scidac sumb"}, false},
	{"nersc3x3-64big", FormatNERSC, WriteOptions{Precision: 64}, 64, nerscChecks, false},
	{"nersc3x3-64little", FormatNERSC, WriteOptions{Precision: 64, LittleEndian: true}, 64, nerscChecks, false},
	{"nersc3x3-32big", FormatNERSC, WriteOptions{Precision: 32}, 32, nerscChecks, false},
	{"nersc3x3-32little", FormatNERSC, WriteOptions{Precision: 32, LittleEndian: true}, 32, nerscChecks, false},
	{"nersc3x2-64big", FormatNERSC, WriteOptions{Precision: 64, NERSCDatatype: "4D_SU3_GAUGE"}, 64, nerscChecks, true},
	{"nersc3x2-64little", FormatNERSC, WriteOptions{Precision: 64, NERSCDatatype: "4D_SU3_GAUGE", LittleEndian: true}, 64, nerscChecks, true},
	{"nersc3x2-32big", FormatNERSC, WriteOptions{Precision: 32, NERSCDatatype: "4D_SU3_GAUGE"}, 32, nerscChecks, true},
	{"nersc3x2-32little", FormatNERSC, WriteOptions{Precision: 32, NERSCDatatype: "4D_SU3_GAUGE", LittleEndian: true}, 32, nerscChecks, true},
	{"openqcd", FormatOpenQCD, WriteOptions{}, 64, []string{"plaquette"}, false},
	{"bridge64", FormatBridge, WriteOptions{Precision: 64}, 64, nil, false},
	{"bridge32", FormatBridge, WriteOptions{Precision: 32}, 64, nil, false},
}

var nerscChecks = []string{"CHECKSUM", "PLAQUETTE", "LINK_TRACE"}

// TestRoundTrip writes and re-reads a float64 field (SIMULATeQCD 8^3x4)
// and a float32 one (MILC 4^3x8) in every writable format. Reading back
// the first write gives c1; writing c1 and reading again must give c1 bit
// for bit. c1 must equal the source bit for bit where nothing is rounded
// (64-bit, three rows), else to the rounding of the stored precision.
func TestRoundTrip(t *testing.T) {
	sources := []string{"ildg/ildg.l8t4b3360", "milc/lat.sample.l4448"}
	for _, src := range sources {
		c0 := readRef(t, src, ReadOptions{})
		for _, tc := range roundTripCases {
			t.Run(filepath.Base(src)+"/"+tc.name, func(t *testing.T) {
				c1 := writeRead(t, c0, tc.format, tc.opts)
				if c1.Format != tc.format || c1.Precision != tc.prec || c1.Dims != c0.Dims {
					t.Fatalf("re-read as %s precision %d dims %v, want %s %d %v", c1.Format, c1.Precision, c1.Dims, tc.format, tc.prec, c0.Dims)
				}
				names := map[string]bool{}
				for _, ch := range c1.Checks {
					names[ch.Name] = true
				}
				for _, n := range tc.checks {
					if !names[n] {
						t.Errorf("check %s not made on re-read", n)
					}
				}
				c2 := writeRead(t, c1, tc.format, tc.opts)
				if ok, k := sameBits(c1, c2); !ok {
					t.Errorf("second round trip changed element %d: %v -> %v", k, c1.Links[k], c2.Links[k])
				}
				// Rounding allowed between the source and the first read.
				var tol float64
				switch {
				case tc.opts.Precision == 32 && c0.Precision == 64:
					tol = 1e-7 // float32 rounding of |elements| <= 1
				case tc.rows2:
					tol = 4e-16 // third row recomputed in float64
					if c0.Precision == 32 {
						tol = 2e-6 // the source's own float32 non-unitarity shows in row 3
					}
				}
				if tol == 0 {
					if ok, k := sameBits(c0, c1); !ok {
						t.Errorf("first round trip changed element %d: %v -> %v", k, c0.Links[k], c1.Links[k])
					}
				} else if d := maxLinkDiff(c0, c1); !(d <= tol) {
					t.Errorf("first round trip changed the links by %g > %g", d, tol)
				}
				if tc.rows2 {
					// The two stored rows are exact whatever the rebuilt third row.
					for l := 0; l < len(c0.Links); l += 9 {
						for k := 0; k < 6; k++ {
							a, b := c0.Links[l+k], c1.Links[l+k]
							if tc.opts.Precision == 32 {
								a = complex(float64(float32(real(a))), float64(float32(imag(a))))
							}
							if a != b {
								t.Fatalf("stored row element %d of link %d changed: %v -> %v", k, l/9, a, b)
							}
						}
					}
				}
			})
		}
	}
}

// TestILDGKeepsRecords: records other than the ones the writer generates
// (xlf-info, ildg-data-lfn, user XML) come back after a write.
func TestILDGKeepsRecords(t *testing.T) {
	for _, src := range []string{"ildg/conf.00200", "milc/lat.sample.l4444.ildg"} {
		c0 := readRef(t, src, ReadOptions{})
		c1 := writeRead(t, c0, FormatILDG, WriteOptions{})
		for _, r0 := range c0.Records {
			if limeGenerated[r0.Type] {
				continue
			}
			found := false
			for _, r1 := range c1.Records {
				if r1.Type == r0.Type && bytes.Equal(r1.Data, r0.Data) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: record %q lost in the round trip", src, r0.Type)
			}
		}
	}
	// conf.00200's xlf-info plaquette is checked again after the round trip.
	c := writeRead(t, readRef(t, "ildg/conf.00200", ReadOptions{}), FormatILDG, WriteOptions{})
	found := false
	for _, ch := range c.Checks {
		found = found || (ch.Name == "xlf-info plaquette" && ch.OK)
	}
	if !found {
		t.Errorf("xlf-info plaquette not checked after the round trip: %+v", c.Checks)
	}
}

// TestOpenQCDLayout reads the bytes of a written openQCD file by hand,
// following openQCD's main/README.io, on a field whose every link is
// distinct: the header sizes are N0 = T, N1..N3 = X, Y, Z, and the first
// odd point (x0,x1,x2,x3) = (0,0,0,1) carries U(x,0), U(x-0,0), U(x,1),
// U(x-1,1), ... where direction 0 is time.
func TestOpenQCDLayout(t *testing.T) {
	c, err := NewConfig([4]int{2, 4, 6, 8})
	if err != nil {
		t.Fatal(err)
	}
	for k := range c.Links {
		c.Links[k] = complex(float64(k), -float64(k)/7)
	}
	path := filepath.Join(t.TempDir(), "cfg")
	if err := Write(path, c, FormatOpenQCD, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := 24 + 4*c.Volume()*144; len(data) != want {
		t.Fatalf("file has %d bytes, want %d", len(data), want)
	}
	for k, want := range []uint32{8, 2, 4, 6} {
		if got := binary.LittleEndian.Uint32(data[4*k:]); got != want {
			t.Errorf("header N%d = %d, want %d", k, got, want)
		}
	}
	p, _, _ := c.Plaquette()
	if got := math.Float64frombits(binary.LittleEndian.Uint64(data[16:])); got != 3*p {
		t.Errorf("header plaquette %v, want 3 x %v", got, p)
	}
	// Odd point openQCD (0,0,0,1) = our (x,y,z,t) = (0,0,1,0).
	type linkRef struct {
		x  [4]int
		mu int
	}
	want := []linkRef{
		{[4]int{0, 0, 1, 0}, 3}, {[4]int{0, 0, 1, 7}, 3}, // U(x,0), U(x-0,0): time
		{[4]int{0, 0, 1, 0}, 0}, {[4]int{1, 0, 1, 0}, 0}, // direction 1 = x (x-1 wraps to 1)
		{[4]int{0, 0, 1, 0}, 1}, {[4]int{0, 3, 1, 0}, 1}, // direction 2 = y
		{[4]int{0, 0, 1, 0}, 2}, {[4]int{0, 0, 0, 0}, 2}, // direction 3 = z
	}
	for m, w := range want {
		u := c.link(c.site(w.x), w.mu)
		for e := 0; e < 9; e++ {
			off := 24 + 144*m + 16*e
			re := math.Float64frombits(binary.LittleEndian.Uint64(data[off:]))
			im := math.Float64frombits(binary.LittleEndian.Uint64(data[off+8:]))
			if complex(re, im) != u[e] {
				t.Fatalf("matrix %d element %d: file has %v, want U_%d%v = %v", m, e, complex(re, im), w.mu, w.x, u[e])
			}
		}
	}
	// And the reader puts every link back where it came from.
	back, err := ReadAs(path, FormatOpenQCD, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, k := sameBits(c, back); !ok {
		t.Errorf("openQCD round trip of distinct links moved element %d", k)
	}
}
