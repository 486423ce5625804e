package confio

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// NERSC archive format: an ASCII header "KEY = VALUE" lines between
// BEGIN_HEADER and END_HEADER, then the links site by site (x fastest,
// then y, z, t), 4 directions per site, each either the first two rows
// of the matrix (DATATYPE 4D_SU3_GAUGE, "3x2"; the third row is
// conj(row0 x row1)) or all three (4D_SU3_GAUGE_3x3), rows of (re, im)
// pairs. FLOATING_POINT IEEE32 (= IEEE32BIG), IEEE32BIG, IEEE32LITTLE,
// IEEE64BIG, IEEE64LITTLE. CHECKSUM is the uint32 sum of the data's
// 32-bit words as numbers in the file's byte order; PLAQUETTE and
// LINK_TRACE are averages of Re Tr / 3.

const (
	nerscDatatype3x2 = "4D_SU3_GAUGE"
	nerscDatatype3x3 = "4D_SU3_GAUGE_3x3"
	maxNERSCHeader   = 1 << 20
)

// nerscLayout describes the binary part of a NERSC file.
type nerscLayout struct {
	rows  int // 2 or 3 rows stored per link
	codec realCodec
}

func (l nerscLayout) siteBytes() int { return 4 * l.rows * 6 * l.codec.size }

// sum32 adds the 32-bit words of b, read in the file's byte order.
func (l nerscLayout) sum32(b []byte) uint32 {
	var s uint32
	for i := 0; i+4 <= len(b); i += 4 {
		s += l.codec.order.Uint32(b[i:])
	}
	return s
}

func nerscFloatingPoint(fp string) (realCodec, error) {
	switch strings.ToUpper(strings.TrimSpace(fp)) {
	case "IEEE32", "IEEE32BIG":
		return realCodec{binary.BigEndian, 4}, nil
	case "IEEE32LITTLE":
		return realCodec{binary.LittleEndian, 4}, nil
	case "IEEE64", "IEEE64BIG":
		return realCodec{binary.BigEndian, 8}, nil
	case "IEEE64LITTLE":
		return realCodec{binary.LittleEndian, 8}, nil
	}
	return realCodec{}, fmt.Errorf("FLOATING_POINT %q is not IEEE32, IEEE32BIG, IEEE32LITTLE, IEEE64BIG or IEEE64LITTLE", fp)
}

// parseNERSCHeader returns the header key/values and the offset of the
// first data byte (just after the END_HEADER line).
func parseNERSCHeader(f io.ReaderAt, size int64, path string) (map[string]string, int64, error) {
	n := min(size, maxNERSCHeader)
	head := make([]byte, n)
	if _, err := f.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, 0, fmt.Errorf("confio: reading %s: %w", path, err)
	}
	end := bytes.Index(head, []byte("END_HEADER"))
	if end < 0 {
		return nil, 0, fmt.Errorf("confio: %s: no END_HEADER in the first %d bytes: %w", path, n, ErrTruncated)
	}
	dataStart := int64(end + len("END_HEADER"))
	// The header ends with the END_HEADER line; skip its line end.
	if dataStart < n && head[dataStart] == '\r' {
		dataStart++
	}
	if dataStart < n && head[dataStart] == '\n' {
		dataStart++
	}
	hdr := map[string]string{}
	for _, line := range strings.Split(string(head[:end]), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok {
			hdr[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return hdr, dataStart, nil
}

func readNERSC(f *os.File, size int64, path string, opts ReadOptions) (*Config, error) {
	hdr, start, err := parseNERSCHeader(f, size, path)
	if err != nil {
		return nil, err
	}
	var dims [4]int
	for mu := 0; mu < 4; mu++ {
		key := fmt.Sprintf("DIMENSION_%d", mu+1)
		n, err := strconv.Atoi(hdr[key])
		if err != nil {
			return nil, fmt.Errorf("confio: %s: NERSC header %s = %q is not an integer: %w", path, key, hdr[key], ErrCorrupt)
		}
		dims[mu] = n
	}
	var lay nerscLayout
	switch dt := hdr["DATATYPE"]; dt {
	case nerscDatatype3x2:
		lay.rows = 2
	case nerscDatatype3x3:
		lay.rows = 3
	default:
		return nil, fmt.Errorf("confio: %s: NERSC DATATYPE %q is neither %s nor %s: %w", path, dt, nerscDatatype3x2, nerscDatatype3x3, ErrCorrupt)
	}
	if lay.codec, err = nerscFloatingPoint(hdr["FLOATING_POINT"]); err != nil {
		return nil, fmt.Errorf("confio: %s: %v: %w", path, err, ErrCorrupt)
	}
	c, err := newConfigFor(path, dims, opts)
	if err != nil {
		return nil, err
	}
	c.Format, c.Info, c.Precision = FormatNERSC, hdr, 8*lay.codec.size
	sb := lay.siteBytes()
	want := int64(sb) * int64(c.Volume())
	if err := needBytes(path, fmt.Sprintf("NERSC data for a %v lattice", dims), size-start, want); err != nil {
		return nil, err
	}
	if extra := size - start - want; extra > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("confio: %s: %d bytes after the NERSC data ignored", path, extra))
	}
	buf := make([]byte, sb)
	rd := sectionReader(f, start, want)
	var sum uint32
	per := lay.rows * 3 // complex numbers stored per link
	for s := 0; s < c.Volume(); s++ {
		if _, err := io.ReadFull(rd, buf); err != nil {
			return nil, fmt.Errorf("confio: %s: reading site %d: %w", path, s, err)
		}
		sum += lay.sum32(buf)
		for mu := 0; mu < 4; mu++ {
			u := c.link(s, mu)
			lay.codec.getComplex(u[:per], buf[mu*per*2*lay.codec.size:])
			if lay.rows == 2 {
				thirdRow(u)
			}
		}
	}
	k := checker{path: path}
	if v, ok := hdr["CHECKSUM"]; ok {
		k.hexText("CHECKSUM", v, sum)
	}
	if v, ok := hdr["PLAQUETTE"]; ok {
		p, _, _ := c.Plaquette()
		k.approx("PLAQUETTE", v, p, relTol(c.Precision))
	}
	if v, ok := hdr["LINK_TRACE"]; ok {
		k.approx("LINK_TRACE", v, c.LinkTrace(), relTol(c.Precision))
	}
	return c, k.finish(c, opts.IgnoreChecksums)
}

// nerscGenerated are the header keys the writer computes; other keys of a
// Config read from a NERSC file are copied.
var nerscGenerated = map[string]bool{
	"HDR_VERSION": true, "DATATYPE": true, "STORAGE_FORMAT": true,
	"DIMENSION_1": true, "DIMENSION_2": true, "DIMENSION_3": true, "DIMENSION_4": true,
	"CHECKSUM": true, "LINK_TRACE": true, "PLAQUETTE": true, "FLOATING_POINT": true,
	"BOUNDARY_1": true, "BOUNDARY_2": true, "BOUNDARY_3": true, "BOUNDARY_4": true,
}

func writeNERSC(w *bufio.Writer, c *Config, prec int, datatype string, little bool) error {
	lay := nerscLayout{rows: 3}
	switch datatype {
	case "", nerscDatatype3x3:
		datatype = nerscDatatype3x3
	case nerscDatatype3x2:
		lay.rows = 2
	default:
		return fmt.Errorf("confio: NERSC datatype %q is neither %s nor %s", datatype, nerscDatatype3x2, nerscDatatype3x3)
	}
	lay.codec = realCodec{binary.BigEndian, prec / 8}
	fp := fmt.Sprintf("IEEE%dBIG", prec)
	if little {
		lay.codec.order = binary.LittleEndian
		fp = fmt.Sprintf("IEEE%dLITTLE", prec)
	}
	per := lay.rows * 3
	buf := make([]byte, lay.siteBytes())
	encode := func(s int) {
		for mu := 0; mu < 4; mu++ {
			lay.codec.putComplex(buf[mu*per*2*lay.codec.size:], c.link(s, mu)[:per])
		}
	}
	// The checksum goes into the header, so the data is encoded twice.
	var sum uint32
	for s := 0; s < c.Volume(); s++ {
		encode(s)
		sum += lay.sum32(buf)
	}
	// PLAQUETTE and LINK_TRACE describe the field a reader will get back:
	// rounded to the stored precision, third row rebuilt for 3x2.
	stored := c
	if prec == 32 || lay.rows == 2 {
		stored = storedNERSC(c, prec, lay.rows)
	}
	plaq, _, _ := stored.Plaquette()
	linkTrace := stored.LinkTrace()
	var b strings.Builder
	b.WriteString("BEGIN_HEADER\n")
	put := func(k, v string) { fmt.Fprintf(&b, "%s = %s\n", k, v) }
	put("HDR_VERSION", "1.0")
	put("DATATYPE", datatype)
	put("STORAGE_FORMAT", "1.0")
	for mu := 0; mu < 4; mu++ {
		put(fmt.Sprintf("DIMENSION_%d", mu+1), strconv.Itoa(c.Dims[mu]))
	}
	for mu := 0; mu < 4; mu++ {
		put(fmt.Sprintf("BOUNDARY_%d", mu+1), "PERIODIC")
	}
	put("CHECKSUM", fmt.Sprintf("%x", sum))
	put("LINK_TRACE", strconv.FormatFloat(linkTrace, 'g', 16, 64))
	put("PLAQUETTE", strconv.FormatFloat(plaq, 'g', 16, 64))
	put("FLOATING_POINT", fp)
	if c.Format == FormatNERSC {
		keys := make([]string, 0, len(c.Info))
		for k := range c.Info {
			if !nerscGenerated[k] && validHeaderKey(k) {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			put(k, strings.ReplaceAll(c.Info[k], "\n", " "))
		}
	} else {
		put("CREATOR", "goqcd")
	}
	b.WriteString("END_HEADER\n")
	if _, err := w.WriteString(b.String()); err != nil {
		return err
	}
	for s := 0; s < c.Volume(); s++ {
		encode(s)
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// storedNERSC returns a copy of c as a reader of a NERSC file with the
// given precision and number of stored rows will see it.
func storedNERSC(c *Config, prec, rows int) *Config {
	s := &Config{Dims: c.Dims, Links: make([]complex128, len(c.Links))}
	copy(s.Links, c.Links)
	for l := 0; l < len(s.Links); l += 9 {
		u := s.Links[l : l+9]
		if prec == 32 {
			for k := range u {
				u[k] = complex(float64(float32(real(u[k]))), float64(float32(imag(u[k]))))
			}
		}
		if rows == 2 {
			thirdRow(u)
		}
	}
	return s
}

func validHeaderKey(k string) bool {
	return k != "" && !strings.ContainsAny(k, "=\n") && k != "BEGIN_HEADER" && k != "END_HEADER"
}
