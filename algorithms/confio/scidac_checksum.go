package confio

import (
	"hash/crc32"
	"math/bits"
)

// scidacSum is the SciDAC (QIO/LIME) checksum: each site's bytes, as
// stored in the file, get a CRC32 (IEEE polynomial, as zlib's crc32), which
// is rotated left by rank%29 and xor-ed into suma and rotated left by
// rank%31 and xor-ed into sumb, rank being the lexicographic site index
// (x fastest). Both are printed in hex.
type scidacSum struct{ a, b uint32 }

func (s *scidacSum) add(rank int, site []byte) {
	crc := crc32.ChecksumIEEE(site)
	s.a ^= bits.RotateLeft32(crc, rank%29)
	s.b ^= bits.RotateLeft32(crc, rank%31)
}
