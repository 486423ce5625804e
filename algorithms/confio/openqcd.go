package confio

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
)

// openQCD export format (export_cnfg, main/README.io of openQCD), all
// little-endian: int32 N0, N1, N2, N3 (N0 = time, N1..N3 = x, y, z), a
// float64 average plaquette normalised as openQCD's plaq_sum_dble, i.e.
// the average of Re Tr U_p without the 1/3 (a unit field gives 3), then
// for each odd point x (x0+x1+x2+x3 odd) in the order x3 fastest, then
// x2, x1, x0, the 8 links U(x,0), U(x-0,0), U(x,1), U(x-1,1), U(x,2),
// U(x-2,2), U(x,3), U(x-3,3), each a row-major 3x3 complex float64
// matrix. Every link of the periodic lattice appears exactly once, which
// needs even extents. openQCD direction 0 is our t (mu=3) and 1,2,3 are
// x,y,z (mu=0,1,2).

const openQCDHeaderSize = 4*4 + 8

// openQCDDims decodes the header sizes and checks them against the
// file size.
func openQCDDims(head []byte, size int64) ([4]int, bool) {
	var dims [4]int // x,y,z,t
	if len(head) < openQCDHeaderSize {
		return dims, false
	}
	vol := int64(1)
	for k := 0; k < 4; k++ {
		n := int32(binary.LittleEndian.Uint32(head[4*k:]))
		if n < 2 || n > maxExtent || n%2 != 0 {
			return dims, false
		}
		vol *= int64(n)
		dims[(k+3)%4] = int(n) // N0 -> t, N1 -> x, N2 -> y, N3 -> z
	}
	return dims, size == openQCDHeaderSize+vol*4*144
}

// openQCDMu maps openQCD's direction (0 = time) to ours (3 = time).
func openQCDMu(k int) int { return (k + 3) % 4 }

// forOddPoints calls fn for each odd point in openQCD's file order with
// the site index of x and of x - e_k for each openQCD direction k.
func (c *Config) forOddPoints(fn func(x int, back [4]int)) {
	n := [4]int{c.Dims[3], c.Dims[0], c.Dims[1], c.Dims[2]} // N0..N3
	var q [4]int                                            // openQCD coordinates x0..x3
	for q[0] = 0; q[0] < n[0]; q[0]++ {
		for q[1] = 0; q[1] < n[1]; q[1]++ {
			for q[2] = 0; q[2] < n[2]; q[2]++ {
				for q[3] = 0; q[3] < n[3]; q[3]++ {
					if (q[0]+q[1]+q[2]+q[3])%2 == 0 {
						continue
					}
					ours := [4]int{q[1], q[2], q[3], q[0]}
					var back [4]int
					for k := 0; k < 4; k++ {
						y := ours
						mu := openQCDMu(k)
						y[mu] = (y[mu] + c.Dims[mu] - 1) % c.Dims[mu]
						back[k] = c.site(y)
					}
					fn(c.site(ours), back)
				}
			}
		}
	}
}

func readOpenQCD(f *os.File, size int64, path string, opts ReadOptions) (*Config, error) {
	var hdr [openQCDHeaderSize]byte
	if err := needBytes(path, "openQCD header", size, openQCDHeaderSize); err != nil {
		return nil, err
	}
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return nil, fmt.Errorf("confio: reading %s: %w", path, err)
	}
	var dims [4]int
	for k := 0; k < 4; k++ {
		dims[openQCDMu(k)] = int(int32(binary.LittleEndian.Uint32(hdr[4*k:])))
	}
	for mu, n := range dims {
		if n < 2 || n > maxExtent || n%2 != 0 {
			return nil, fmt.Errorf("confio: %s: openQCD header extent %d in direction %d is not an even number in 2..%d: %w", path, n, mu, maxExtent, ErrCorrupt)
		}
	}
	c, err := newConfigFor(path, dims, opts)
	if err != nil {
		return nil, err
	}
	plaqText := strconv.FormatFloat(math.Float64frombits(binary.LittleEndian.Uint64(hdr[16:])), 'g', 17, 64)
	c.Format, c.Precision = FormatOpenQCD, 64
	c.Info = map[string]string{"plaquette": plaqText}
	want := int64(c.Volume()) * 4 * 144
	if err := needBytes(path, fmt.Sprintf("openQCD data for a %v lattice", dims), size-openQCDHeaderSize, want); err != nil {
		return nil, err
	}
	if extra := size - openQCDHeaderSize - want; extra > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("confio: %s: %d bytes after the openQCD data ignored", path, extra))
	}
	codec := realCodec{binary.LittleEndian, 8}
	rd := sectionReader(f, openQCDHeaderSize, want)
	buf := make([]byte, 8*144)
	var rerr error
	c.forOddPoints(func(x int, back [4]int) {
		if rerr != nil {
			return
		}
		if _, err := io.ReadFull(rd, buf); err != nil {
			rerr = fmt.Errorf("confio: %s: reading links: %w", path, err)
			return
		}
		for k := 0; k < 4; k++ {
			mu := openQCDMu(k)
			codec.getComplex(c.link(x, mu), buf[(2*k)*144:])
			codec.getComplex(c.link(back[k], mu), buf[(2*k+1)*144:])
		}
	})
	if rerr != nil {
		return nil, rerr
	}
	k := checker{path: path}
	p, _, _ := c.Plaquette()
	k.approx("plaquette", plaqText, 3*p, relTol(64))
	return c, k.finish(c, opts.IgnoreChecksums)
}

func writeOpenQCD(w *bufio.Writer, c *Config) error {
	for mu, n := range c.Dims {
		if n%2 != 0 {
			return fmt.Errorf("confio: openQCD files need even extents, direction %d has %d", mu, n)
		}
	}
	var hdr [openQCDHeaderSize]byte
	for k := 0; k < 4; k++ {
		binary.LittleEndian.PutUint32(hdr[4*k:], uint32(c.Dims[openQCDMu(k)]))
	}
	p, _, _ := c.Plaquette()
	binary.LittleEndian.PutUint64(hdr[16:], math.Float64bits(3*p))
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	codec := realCodec{binary.LittleEndian, 8}
	buf := make([]byte, 8*144)
	var werr error
	c.forOddPoints(func(x int, back [4]int) {
		if werr != nil {
			return
		}
		for k := 0; k < 4; k++ {
			mu := openQCDMu(k)
			codec.putComplex(buf[(2*k)*144:], c.link(x, mu))
			codec.putComplex(buf[(2*k+1)*144:], c.link(back[k], mu))
		}
		_, werr = w.Write(buf)
	})
	return werr
}
