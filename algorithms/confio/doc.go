// Package confio reads and writes SU(3) gauge configurations in the
// community file formats, on a global in-memory field (Config). It imports
// nothing of goqcd: the distributed layout reads on rank 0 into a Config
// and scatters it, and gathers into one to write.
//
// # Conventions
//
// Config.Links holds U_mu(x) for every site and direction at
//
//	((((t*Dims[2]+z)*Dims[1]+y)*Dims[0]+x)*4+mu)*9 + 3*i + j
//
// with Dims = (X, Y, Z, T), mu = 0,1,2,3 for x,y,z,t and (i,j) = (row,
// column) of the 3x3 matrix. The link U_mu(x) points from x to x+mu. The
// lattice is periodic in all directions for the measurements.
//
// Plaquette returns averages of Re Tr U_p / 3 (1 for a unit field): over
// the 6 planes, over the 3 space-space planes and over the 3 space-time
// planes, with U_p = U_mu(x) U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag.
// LinkTrace returns the average of Re Tr U / 3 over all 4V links.
// Unitarity returns max over links of |(U U^dag - 1)_ij| and |det U - 1|.
// NERSC headers, xlf-info and CL2QCD use the same (1/3) normalisation;
// openQCD stores Re Tr U_p without the 1/3 (3 for a unit field), and MILC
// prints it so too.
//
// # Formats
//
//	ildg    LIME (magic 0x456789ab), ildg-format XML (field, precision,
//	        lx..lt), ildg-binary-data big-endian float32/float64 in
//	        Config's own order, optional scidac-checksum. Read and write.
//	scidac  the same LIME layout with scidac-binary-data and no
//	        ildg-format (QIO/MILC). Read and write.
//	nersc   ASCII header (BEGIN_HEADER..END_HEADER), 4D_SU3_GAUGE (two
//	        rows, third = conj(row0 x row1)) or 4D_SU3_GAUGE_3x3,
//	        IEEE32[BIG|LITTLE] / IEEE64BIG / IEEE64LITTLE. Read and write.
//	milc    MILC v5 binary (magic 20103 in the writer's byte order, site
//	        ordered, float32). Read only.
//	openqcd openQCD export_cnfg: little-endian, time first, odd points
//	        with their 8 links. Read and write (float64 only, even extents).
//	bridge  Bridge++ / IroIro text, one real per line, no header (the
//	        reader needs ReadOptions.Dims). Read and write.
//
// Each file's own format notes are at the top of its .go file.
//
// # Verification
//
// A reader verifies everything the file records about its data: the
// SciDAC checksum (suma, sumb: per-site CRC32 rotated by rank%29 and
// rank%31), the NERSC CHECKSUM, PLAQUETTE and LINK_TRACE, the MILC sum29
// and sum31, the openQCD plaquette and the xlf-info plaquette. Checksums
// must match exactly; header numbers must match within rel*|value| plus
// half a unit of their last printed digit, rel = 1e-6 for float32 data
// and 1e-10 for float64. Each comparison is listed in Config.Checks; a
// failure is a *CheckError naming the file, the field and both values
// (several are joined with errors.Join), or, with
// ReadOptions.IgnoreChecksums, an entry of Config.Warnings. Other errors
// wrap ErrUnknownFormat, ErrTruncated, ErrDimsMismatch or ErrCorrupt.
//
// Writers compute checksums and header values from the field as it will
// be read back (rounded to float32, third row rebuilt for NERSC 3x2). They
// write a temporary file in the target's directory, fsync it, rename it
// over the target and fsync the directory, so the target is either the
// complete new file or what it was before. Records read from a LIME file
// other than those the writer regenerates (xlf-info, ildg-data-lfn, user
// XML) are written back.
//
// Readers stream the binary data site by site; the whole field is held
// once, in Config.Links. Writing NERSC in float32 or 3x2 makes one
// temporary copy of the field for the header values.
//
// # Files
//
//	config.go           Config, Record, Check, NewConfig, Volume, index helpers
//	measure.go          Plaquette, LinkTrace, Unitarity
//	su3small.go         private 3x3 helpers (products, det, 3x2 reconstruction)
//	read.go             ReadOptions, Read, ReadAs, DetectFormat
//	write.go            WriteOptions, Write
//	checks.go           CheckError, sentinel errors, tolerance rules
//	atomicfile.go       temp file + fsync + rename + directory fsync
//	codec.go            float32/float64 in either byte order
//	lime.go             LIME record scanning and writing
//	scidac_checksum.go  SciDAC suma/sumb
//	ildg.go             ILDG and SciDAC files
//	nersc.go            NERSC files
//	milc.go             MILC v5 files
//	openqcd.go          openQCD files
//	bridge.go           Bridge++ text files
//
// # Exported API
//
//	func NewConfig(dims [4]int) (*Config, error)
//	func (c *Config) Volume() int
//	func (c *Config) Plaquette() (avg, spatial, temporal float64)
//	func (c *Config) LinkTrace() float64
//	func (c *Config) Unitarity() float64
//	func DetectFormat(path string) (string, error)
//	func Read(path string, opts ReadOptions) (*Config, error)
//	func ReadAs(path, format string, opts ReadOptions) (*Config, error)
//	func Write(path string, c *Config, format string, opts WriteOptions) error
//
// Aliasing: Write and the measurements only read c; Read returns a new
// Config that shares nothing with other values. Nothing here is
// collective or safe for concurrent writes to the same Config.
package confio
