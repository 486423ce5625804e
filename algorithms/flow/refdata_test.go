package flow

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"github.com/goqcd/goqcd/algorithms/confio/refdata"
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// limeRecords splits a LIME file into its records by type: 144-byte
// big-endian headers (magic 0x456789ab, version, flags, 64-bit length,
// 128-byte type name), payloads padded to 8 bytes. A minimal reader for
// this test only; the confio package is the real one.
func limeRecords(b []byte) (map[string][]byte, error) {
	recs := map[string][]byte{}
	for off := 0; off+144 <= len(b); {
		if binary.BigEndian.Uint32(b[off:]) != 0x456789ab {
			return nil, fmt.Errorf("bad LIME magic at byte %d", off)
		}
		n := int(binary.BigEndian.Uint64(b[off+8:]))
		name := string(bytes.TrimRight(b[off+16:off+144], "\x00"))
		start := off + 144
		if start+n > len(b) {
			return nil, fmt.Errorf("LIME record %q runs past the end of the file", name)
		}
		recs[name] = b[start : start+n]
		off = start + (n+7)/8*8
	}
	return recs, nil
}

// readILDG reads a float64 SU(3) ILDG file of the given extents (site
// order t, z, y, x with x fastest; mu = x, y, z, t; row-major 3x3) into a
// single-rank gauge field, and returns the plaquette its xlf-info record
// states.
func readILDG(t *testing.T, path string, global [4]int) (*gauge.Field, float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := limeRecords(b)
	if err != nil {
		t.Fatal(err)
	}
	data, ok := recs["ildg-binary-data"]
	vol := global[0] * global[1] * global[2] * global[3]
	if !ok || len(data) != vol*4*9*16 {
		t.Fatalf("%s: no float64 ildg-binary-data record of %d bytes", path, vol*4*9*16)
	}
	m := regexp.MustCompile(`plaquette\s*=\s*([0-9.eE+-]+)`).FindSubmatch(recs["xlf-info"])
	if m == nil {
		t.Fatalf("%s: no plaquette in xlf-info", path)
	}
	plaq, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	l := newLayout(t, global, 1)
	g, err := gauge.New(l, 3)
	if err != nil {
		t.Fatal(err)
	}
	u := make([]complex128, 9)
	g.U[0].ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		site := l.GlobalIndex(x)
		for mu := range layout.Nd {
			off := (site*4 + mu) * 9 * 16
			for c := range 9 {
				re := math.Float64frombits(binary.BigEndian.Uint64(data[off+16*c:]))
				im := math.Float64frombits(binary.BigEndian.Uint64(data[off+16*c+8:]))
				u[c] = complex(re, im)
			}
			g.Store(mu, tile, lane, u)
		}
	})
	return g, plaq
}

// TestReferenceConfigurationCharge flows the CL2QCD 4^4 configuration
// (beta 5.69, dynamical) and checks that the clover charge settles near an
// integer. The file's stated plaquette checks the reader.
func TestReferenceConfigurationCharge(t *testing.T) {
	g, plaq := readILDG(t, refdata.File(t, "ildg", "conf.00200"), [4]int{4, 4, 4, 4})
	ws := gauge.NewWorkspace(g.L, 3)
	p, err := g.Plaquette(ws)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Average-plaq) > 1e-6 {
		t.Fatalf("conf.00200: plaquette %.7f, the file states %.6f", p.Average, plaq)
	}
	pts, err := Run(g, ws, Options{Eps: 0.05, TMax: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, pt := range pts {
		if math.Mod(pt.T+1e-9, 0.5) < 1e-6 {
			t.Logf("t = %.2f: E = %.5f (plaquette %.5f), t^2 E = %.4f, Q = %.5f", pt.T, pt.EClover, pt.EPlaq, pt.T2E(), pt.Q)
		}
	}
	q := pts[len(pts)-1].Q
	if d := math.Abs(q - math.Round(q)); d > 0.1 {
		t.Errorf("conf.00200 flowed to t = 3: Q = %.4f, %.3f from the nearest integer", q, d)
	}
}
