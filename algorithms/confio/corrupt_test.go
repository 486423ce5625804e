package confio

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dataSection returns the byte range of the link data in a file.
func dataSection(t *testing.T, path, format string) (start, end int64) {
	t.Helper()
	f, size, err := openSized(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	switch format {
	case FormatILDG, FormatSciDAC:
		recs, err := scanLime(f, size, path)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if strings.HasSuffix(r.typ, "binary-data") {
				return r.offset, r.offset + r.length
			}
		}
		t.Fatalf("%s: no binary record", path)
	case FormatNERSC:
		_, start, err := parseNERSCHeader(f, size, path)
		if err != nil {
			t.Fatal(err)
		}
		return start, size
	case FormatMILC:
		return milcHeaderSize, size
	}
	t.Fatalf("no data section for %s", format)
	return 0, 0
}

// TestBitFlipsAreCaught flips one bit at a time at random places in the
// data of ILDG, SciDAC, NERSC and MILC files: every flip must be reported
// as a checksum mismatch naming the file, and IgnoreChecksums must turn it
// into a warning.
func TestBitFlipsAreCaught(t *testing.T) {
	cases := []struct {
		rel       string
		format    string
		checksums []string // check names that count as a checksum error
	}{
		{"ildg/ildg.l8t4b3360", FormatILDG, []string{"scidac suma", "scidac sumb"}},
		{"milc/lat.sample.l4444.ildg", FormatILDG, []string{"scidac suma", "scidac sumb"}},
		{"milc/lat.sample.l4448.scidac", FormatSciDAC, []string{"scidac suma", "scidac sumb"}},
		{"nersc/GF_555_6.1", FormatNERSC, []string{"CHECKSUM"}},
		{"nersc/nersc.l8t4b3360", FormatNERSC, []string{"CHECKSUM"}},
		{"milc/lat.sample.l4444", FormatMILC, []string{"sum29", "sum31"}},
		{"milc/lat.sample.l4448", FormatMILC, []string{"sum29", "sum31"}},
	}
	rng := rand.New(rand.NewPCG(2024, 11))
	for _, tc := range cases {
		t.Run(tc.rel, func(t *testing.T) {
			path := copyToTemp(t, filepath.Join(refdataDir(t), tc.rel))
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			start, end := dataSection(t, path, tc.format)
			for trial := 0; trial < 6; trial++ {
				pos := start + rng.Int64N(end-start)
				bit := byte(1) << rng.IntN(8)
				data := append([]byte(nil), orig...)
				data[pos] ^= bit
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				_, err := Read(path, ReadOptions{})
				ces := checkErrors(err)
				hit := false
				for _, ce := range ces {
					for _, name := range tc.checksums {
						hit = hit || ce.Field == name
					}
					if ce.Path != path || ce.Expected == "" || ce.Computed == "" || ce.Expected == ce.Computed {
						t.Errorf("check error does not name the file and both values: %+v", ce)
					}
				}
				if !hit {
					t.Errorf("flip of bit %#x at byte %d: no checksum error, got %v", bit, pos, err)
					continue
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				c, err := Read(path, ReadOptions{IgnoreChecksums: true})
				if err != nil || c == nil || len(c.Warnings) == 0 {
					t.Errorf("IgnoreChecksums: err %v, warnings %v", err, c)
				}
			}
		})
	}
}

// TestHeaderMismatch: a NERSC header whose PLAQUETTE was edited is an
// error naming the field and both values.
func TestHeaderMismatch(t *testing.T) {
	path := copyToTemp(t, filepath.Join(refdataDir(t), "nersc/GF_555_6.1"))
	data, _ := os.ReadFile(path)
	edited := strings.Replace(string(data), "PLAQUETTE = 0.5017457343", "PLAQUETTE = 0.5017467343", 1)
	if edited == string(data) {
		t.Fatal("PLAQUETTE line not found in GF_555_6.1")
	}
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(path, ReadOptions{})
	ces := checkErrors(err)
	if len(ces) != 1 || ces[0].Field != "PLAQUETTE" || ces[0].Expected != "0.5017467343" {
		t.Fatalf("want one PLAQUETTE mismatch, got %v", err)
	}
	for _, s := range []string{path, "PLAQUETTE", "0.5017467343", "0.50174577"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q lacks %q", err, s)
		}
	}
}

// TestTruncated cuts files of every format short: each is an error
// wrapping ErrTruncated.
func TestTruncated(t *testing.T) {
	dir := refdataDir(t)
	src := readRef(t, "ildg/ildg.l8t4b3360", ReadOptions{})
	oq := filepath.Join(t.TempDir(), "cfg.openqcd")
	if err := Write(oq, src, FormatOpenQCD, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path, format string
		opts         ReadOptions
	}{
		{filepath.Join(dir, "ildg/ildg.l8t4b3360"), "", ReadOptions{}},
		{filepath.Join(dir, "milc/lat.sample.l4444.scidac"), "", ReadOptions{}},
		{filepath.Join(dir, "nersc/nersc.l8t4b3360"), "", ReadOptions{}},
		{filepath.Join(dir, "milc/lat.sample.l4448"), "", ReadOptions{}},
		{filepath.Join(dir, "bridge/conf_04040408.txt"), "", ReadOptions{Dims: [4]int{4, 4, 4, 8}}},
		// A cut openQCD file no longer matches its header, so it is not
		// detected; read as openqcd it is truncated.
		{oq, FormatOpenQCD, ReadOptions{}},
	}
	for _, tc := range cases {
		data, err := os.ReadFile(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		for _, keep := range []int{len(data) - 1000, len(data) / 2, 120} {
			cut := filepath.Join(t.TempDir(), filepath.Base(tc.path))
			if err := os.WriteFile(cut, data[:keep], 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadAs(cut, tc.format, tc.opts)
			if !errors.Is(err, ErrTruncated) {
				t.Errorf("%s cut to %d bytes: got %v, want ErrTruncated", filepath.Base(tc.path), keep, err)
			}
		}
	}
}

// TestUnknownFormat: empty files, binary noise, prose and unknown format
// names are errors wrapping ErrUnknownFormat.
func TestUnknownFormat(t *testing.T) {
	dir := t.TempDir()
	noise := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range noise {
		noise[k] = byte(rng.IntN(256))
	}
	noise[0] = 0x01 // no accidental magic
	files := map[string][]byte{
		"empty": nil,
		"noise": noise,
		"prose": []byte("This is not a gauge configuration.\n"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(p, ReadOptions{Dims: [4]int{4, 4, 4, 4}}); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("%s: got %v, want ErrUnknownFormat", name, err)
		}
	}
	ref := filepath.Join(refdataDir(t), "ildg/conf.00200")
	if _, err := ReadAs(ref, "fits", ReadOptions{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ReadAs with format fits: got %v, want ErrUnknownFormat", err)
	}
	c := readRef(t, "ildg/conf.00200", ReadOptions{})
	if err := Write(filepath.Join(dir, "x"), c, "fits", WriteOptions{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Write with format fits: got %v, want ErrUnknownFormat", err)
	}
}

// TestDimsMismatch: expected extents that differ from the file's are an
// error wrapping ErrDimsMismatch (for Bridge++ text, which has no header,
// a smaller lattice than the file's).
func TestDimsMismatch(t *testing.T) {
	want := [4]int{4, 4, 4, 4}
	for _, rel := range []string{"ildg/ildg.l8t4b3360", "milc/lat.sample.l4448.scidac", "nersc/GF_555_6.1", "milc/lat.sample.l4448"} {
		_, err := Read(filepath.Join(refdataDir(t), rel), ReadOptions{Dims: want})
		if !errors.Is(err, ErrDimsMismatch) || !strings.Contains(err.Error(), "[4 4 4 4]") {
			t.Errorf("%s with Dims %v: got %v, want ErrDimsMismatch naming both", rel, want, err)
		}
	}
	bridge := filepath.Join(refdataDir(t), "bridge/conf_04040408.txt")
	if _, err := Read(bridge, ReadOptions{Dims: want}); !errors.Is(err, ErrDimsMismatch) {
		t.Errorf("bridge text read as 4^4: got %v, want ErrDimsMismatch", err)
	}
	if _, err := Read(bridge, ReadOptions{}); err == nil || !strings.Contains(err.Error(), "ReadOptions.Dims") {
		t.Errorf("bridge text without Dims: got %v, want an error asking for ReadOptions.Dims", err)
	}
	// ILDG metadata that contradicts the data size.
	path := copyToTemp(t, filepath.Join(refdataDir(t), "ildg/conf.00200"))
	data, _ := os.ReadFile(path)
	edited := strings.Replace(string(data), "<lt>4</lt>", "<lt>6</lt>", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path, ReadOptions{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("ILDG with lt edited to 6: got %v, want ErrCorrupt", err)
	}
}
