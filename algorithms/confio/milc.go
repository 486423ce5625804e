package confio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"os"
	"strconv"
)

// MILC version 5 binary gauge files (read only). Header, 96 bytes, in the
// writer's byte order: int32 magic 20103 (read in the wrong order it is
// 0x874e0000, which tells the byte order), int32 nx, ny, nz, nt, a
// 64-byte time stamp, int32 order (0 = sites in natural order), uint32
// sum29, uint32 sum31. Then for each site (x fastest, then y, z, t) the 4
// links x,y,z,t as row-major 3x3 complex float32.
//
// Checksums: the data's 32-bit words w_k (as numbers, after byte
// swapping), numbered k = 0,1,... through the whole file, give
// sum29 = XOR_k rotl(w_k, k%29) and sum31 = XOR_k rotl(w_k, k%31).

const (
	milcMagic      = 20103
	milcHeaderSize = 96
)

func readMILC(f *os.File, size int64, path string, opts ReadOptions) (*Config, error) {
	var hdr [milcHeaderSize]byte
	if err := needBytes(path, "MILC header", size, milcHeaderSize); err != nil {
		return nil, err
	}
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return nil, fmt.Errorf("confio: reading %s: %w", path, err)
	}
	var order binary.ByteOrder
	switch {
	case binary.LittleEndian.Uint32(hdr[:]) == milcMagic:
		order = binary.LittleEndian
	case binary.BigEndian.Uint32(hdr[:]) == milcMagic:
		order = binary.BigEndian
	default:
		return nil, fmt.Errorf("confio: %s: no MILC magic number %d in either byte order: %w", path, milcMagic, ErrUnknownFormat)
	}
	var dims [4]int
	for mu := 0; mu < 4; mu++ {
		dims[mu] = int(int32(order.Uint32(hdr[4+4*mu:])))
	}
	stamp := string(bytes.TrimRight(hdr[20:84], "\x00"))
	siteOrder := int32(order.Uint32(hdr[84:]))
	sum29, sum31 := order.Uint32(hdr[88:]), order.Uint32(hdr[92:])
	if siteOrder != 0 {
		return nil, fmt.Errorf("confio: %s: MILC site order flag is %d; only naturally ordered files (flag 0) are supported", path, siteOrder)
	}
	c, err := newConfigFor(path, dims, opts)
	if err != nil {
		return nil, err
	}
	c.Format, c.Precision = FormatMILC, 32
	bo := "little-endian"
	if order == binary.BigEndian {
		bo = "big-endian"
	}
	c.Info = map[string]string{
		"time_stamp": stamp, "order": strconv.Itoa(int(siteOrder)),
		"sum29": fmt.Sprintf("%x", sum29), "sum31": fmt.Sprintf("%x", sum31), "byte_order": bo,
	}
	const siteBytes = 4 * 18 * 4
	want := int64(siteBytes) * int64(c.Volume())
	if err := needBytes(path, fmt.Sprintf("MILC data for a %v lattice", dims), size-milcHeaderSize, want); err != nil {
		return nil, err
	}
	if extra := size - milcHeaderSize - want; extra > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("confio: %s: %d bytes after the MILC data ignored", path, extra))
	}
	codec := realCodec{order, 4}
	rd := sectionReader(f, milcHeaderSize, want)
	buf := make([]byte, siteBytes)
	var s29, s31 uint32
	r29, r31 := 0, 0
	for s := 0; s < c.Volume(); s++ {
		if _, err := io.ReadFull(rd, buf); err != nil {
			return nil, fmt.Errorf("confio: %s: reading site %d: %w", path, s, err)
		}
		for i := 0; i < siteBytes; i += 4 {
			w := order.Uint32(buf[i:])
			s29 ^= bits.RotateLeft32(w, r29)
			s31 ^= bits.RotateLeft32(w, r31)
			if r29++; r29 == 29 {
				r29 = 0
			}
			if r31++; r31 == 31 {
				r31 = 0
			}
		}
		codec.getComplex(c.Links[36*s:36*s+36], buf)
	}
	k := checker{path: path}
	k.hex32("sum29", sum29, s29)
	k.hex32("sum31", sum31, s31)
	return c, k.finish(c, opts.IgnoreChecksums)
}
