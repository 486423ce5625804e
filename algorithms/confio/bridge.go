package confio

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
)

// Bridge++ / IroIro (JLQCD) text format: no header, one real per line,
// 72*V lines. The order is Bridge++'s ILDG_Format as used by its "Text"
// and "Text_4x4x4x8" readers: sites lexicographic with x fastest, then for
// each site the 4 directions x,y,z,t, each a row-major 3x3 matrix of
// (re, im) pairs. That is Config's own order. (The refdata 4.4.4.8 file
// confirms it: read this way its links are SU(3) to 1e-13 and its
// plaquette is 0.625; with directions outermost or matrices transposed
// the links stay unitary but the plaquette drops to 0.08 or less.)
//
// The file records neither extents nor checksums: ReadOptions.Dims is
// required, and the count of numbers must be 72*V exactly.

func readBridge(f *os.File, size int64, path string, opts ReadOptions) (*Config, error) {
	if opts.Dims == ([4]int{}) {
		return nil, fmt.Errorf("confio: %s: Bridge++ text files do not record the lattice size; set ReadOptions.Dims", path)
	}
	c, err := newConfigFor(path, opts.Dims, opts)
	if err != nil {
		return nil, err
	}
	c.Format, c.Precision, c.Info = FormatBridge, 64, map[string]string{}
	sc := bufio.NewScanner(sectionReader(f, 0, size))
	sc.Buffer(make([]byte, 4096), 4096)
	sc.Split(bufio.ScanWords)
	n := 72 * c.Volume()
	for k := 0; k < n; k++ {
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return nil, fmt.Errorf("confio: %s: reading number %d: %v: %w", path, k+1, err, ErrCorrupt)
			}
			return nil, fmt.Errorf("confio: %s: Bridge++ text for a %v lattice needs %d numbers, the file has %d: %w", path, c.Dims, n, k, ErrTruncated)
		}
		v, err := strconv.ParseFloat(sc.Text(), 64)
		if err != nil {
			return nil, fmt.Errorf("confio: %s: number %d, %q, is not a real: %w", path, k+1, sc.Text(), ErrCorrupt)
		}
		if k%2 == 0 {
			c.Links[k/2] = complex(v, 0)
		} else {
			c.Links[k/2] = complex(real(c.Links[k/2]), v)
		}
	}
	if sc.Scan() {
		return nil, fmt.Errorf("confio: %s: more than the %d numbers of a %v lattice; check ReadOptions.Dims: %w", path, n, c.Dims, ErrDimsMismatch)
	}
	return c, nil
}

// writeBridge writes one real per line with 17 significant digits, which
// read back as the same float64; for precision 32 the values are rounded
// to float32 first.
func writeBridge(w *bufio.Writer, c *Config, prec int) error {
	var b []byte
	put := func(v float64) error {
		b = b[:0]
		if prec == 32 {
			v = float64(float32(v))
		}
		b = strconv.AppendFloat(b, v, 'E', 16, 64)
		if !math.Signbit(v) {
			if err := w.WriteByte(' '); err != nil {
				return err
			}
		}
		b = append(b, '\n')
		_, err := w.Write(b)
		return err
	}
	for _, z := range c.Links {
		if err := put(real(z)); err != nil {
			return err
		}
		if err := put(imag(z)); err != nil {
			return err
		}
	}
	return nil
}
