package confio

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strconv"
)

// ReadOptions control Read and ReadAs.
type ReadOptions struct {
	// IgnoreChecksums turns failed checks (checksums, header plaquette and
	// link trace) into entries of Config.Warnings instead of an error.
	IgnoreChecksums bool
	// Dims, when non-zero, are the expected extents (x,y,z,t); a file with
	// other extents is an error wrapping ErrDimsMismatch. Bridge++ text
	// files record no extents, so reading one requires Dims.
	Dims [4]int
}

// DetectFormat inspects the content of a file and returns its format:
// LIME magic 0x456789ab (ildg, or scidac when no ildg-format record is
// present), "BEGIN_HEADER" (nersc), the MILC magic 20103 in either byte
// order (milc), an openQCD header whose sizes match the file length
// (openqcd), or text that starts with a number (bridge).
func DetectFormat(path string) (string, error) {
	f, size, err := openSized(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return detect(f, size, path)
}

func detect(f *os.File, size int64, path string) (string, error) {
	head := make([]byte, 512)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("confio: reading %s: %w", path, err)
	}
	head = head[:n]
	if n >= 4 && binary.BigEndian.Uint32(head) == limeMagic {
		recs, err := scanLime(f, size, path)
		if err != nil {
			return "", err
		}
		for _, r := range recs {
			if r.typ == "ildg-format" || r.typ == "ildg-binary-data" {
				return FormatILDG, nil
			}
		}
		return FormatSciDAC, nil
	}
	if bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("BEGIN_HEADER")) {
		return FormatNERSC, nil
	}
	if n >= 4 && (binary.LittleEndian.Uint32(head) == milcMagic || binary.BigEndian.Uint32(head) == milcMagic) {
		return FormatMILC, nil
	}
	if _, ok := openQCDDims(head, size); ok {
		return FormatOpenQCD, nil
	}
	if looksLikeBridgeText(head) {
		return FormatBridge, nil
	}
	return "", fmt.Errorf("confio: %s: no LIME magic, NERSC header, MILC magic, openQCD header or text of numbers at its start: %w", path, ErrUnknownFormat)
}

// looksLikeBridgeText reports whether the first bytes are a number
// followed by white space: Bridge++ text has no header at all.
func looksLikeBridgeText(head []byte) bool {
	fields := bytes.Fields(head)
	if len(fields) < 2 {
		return false
	}
	// The last field may be cut off by the 512-byte window.
	for _, fd := range fields[:len(fields)-1] {
		if _, err := strconv.ParseFloat(string(fd), 64); err != nil {
			return false
		}
	}
	return true
}

// Read detects the format of a file (see DetectFormat) and reads it.
func Read(path string, opts ReadOptions) (*Config, error) {
	return ReadAs(path, "", opts)
}

// ReadAs reads a file in the given format ("" detects it; ildg and scidac
// both read any LIME file and Config.Format says which it was). It verifies
// everything the file records about its data (checksums, plaquette, link
// trace) and returns a *CheckError (joined when several) on a mismatch
// unless opts.IgnoreChecksums is set.
func ReadAs(path, format string, opts ReadOptions) (*Config, error) {
	f, size, err := openSized(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if format == "" {
		if format, err = detect(f, size, path); err != nil {
			return nil, err
		}
	}
	var c *Config
	switch format {
	case FormatILDG, FormatSciDAC:
		c, err = readLIME(f, size, path, opts)
	case FormatNERSC:
		c, err = readNERSC(f, size, path, opts)
	case FormatMILC:
		c, err = readMILC(f, size, path, opts)
	case FormatOpenQCD:
		c, err = readOpenQCD(f, size, path, opts)
	case FormatBridge:
		c, err = readBridge(f, size, path, opts)
	default:
		return nil, fmt.Errorf("confio: %s: format %q is not one of ildg, scidac, nersc, milc, openqcd, bridge: %w", path, format, ErrUnknownFormat)
	}
	if c != nil && c.Format == "" {
		c.Format = format
	}
	return c, err
}

func openSized(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("confio: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("confio: %w", err)
	}
	return f, st.Size(), nil
}

// newConfigFor allocates the field once the header is parsed, checking
// the extents against opts.Dims.
func newConfigFor(path string, dims [4]int, opts ReadOptions) (*Config, error) {
	if opts.Dims != ([4]int{}) && opts.Dims != dims {
		return nil, fmt.Errorf("confio: %s holds a %v lattice, %v was expected: %w", path, dims, opts.Dims, ErrDimsMismatch)
	}
	if err := checkDims(dims); err != nil {
		return nil, fmt.Errorf("confio: %s: header extents: %w (%w)", path, err, ErrCorrupt)
	}
	return NewConfig(dims)
}

// needBytes reports a truncated (or over-long) data section.
func needBytes(path, what string, have, want int64) error {
	if have < want {
		return fmt.Errorf("confio: %s: %s needs %d bytes, the file has %d: %w", path, what, want, have, ErrTruncated)
	}
	return nil
}

// sectionReader returns a buffered reader over [off, off+n) of f.
func sectionReader(f io.ReaderAt, off, n int64) *bufio.Reader {
	return bufio.NewReaderSize(io.NewSectionReader(f, off, n), 1<<20)
}
