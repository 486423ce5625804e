package confio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteIsAtomic: a successful write leaves exactly the target file
// (no temporary), replaces an existing file completely, and a failed
// write leaves the old file untouched.
func TestWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cfg")
	if err := os.WriteFile(path, []byte("old content"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := NewConfig([4]int{2, 2, 2, 3})
	// Odd extent: openQCD refuses before touching anything.
	if err := Write(path, c, FormatOpenQCD, WriteOptions{}); err == nil {
		t.Fatal("openQCD write of an odd lattice succeeded")
	}
	if err := Write(path, c, FormatMILC, WriteOptions{}); err == nil {
		t.Fatal("MILC write succeeded; MILC is read only")
	}
	if data, _ := os.ReadFile(path); string(data) != "old content" {
		t.Fatalf("failed write changed the file to %q", data)
	}
	if err := Write(path, c, FormatNERSC, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "cfg" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v after the write, want only cfg", names)
	}
	back, err := Read(path, ReadOptions{})
	if err != nil || back.Format != FormatNERSC {
		t.Fatalf("replaced file: %v", err)
	}
	if err := Write(filepath.Join(dir, "no", "such", "dir", "cfg"), c, FormatNERSC, WriteOptions{}); err == nil ||
		!strings.Contains(err.Error(), "no") {
		t.Errorf("write into a missing directory: %v", err)
	}
}

func TestWriteRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	c, _ := NewConfig([4]int{2, 2, 2, 2})
	bad := []struct {
		name   string
		c      *Config
		format string
		opts   WriteOptions
	}{
		{"precision 16", c, FormatILDG, WriteOptions{Precision: 16}},
		{"openqcd float32", c, FormatOpenQCD, WriteOptions{Precision: 32}},
		{"nersc datatype", c, FormatNERSC, WriteOptions{NERSCDatatype: "4D_SU3_GAUGE_2x3"}},
		{"short links", &Config{Dims: [4]int{2, 2, 2, 2}, Links: make([]complex128, 10)}, FormatILDG, WriteOptions{}},
		{"nil config", nil, FormatILDG, WriteOptions{}},
	}
	for _, b := range bad {
		if err := Write(filepath.Join(dir, "x"), b.c, b.format, b.opts); err == nil {
			t.Errorf("%s: Write succeeded", b.name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); !os.IsNotExist(err) {
		t.Errorf("rejected writes left a file behind: %v", err)
	}
}
