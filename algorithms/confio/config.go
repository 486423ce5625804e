package confio

import "fmt"

// Format names accepted by ReadAs and Write and stored in Config.Format.
const (
	FormatILDG    = "ildg"    // LIME file with ildg-format and ildg-binary-data records
	FormatSciDAC  = "scidac"  // LIME file with scidac-binary-data and no ildg-format record
	FormatNERSC   = "nersc"   // NERSC archive: ASCII header, then binary links
	FormatMILC    = "milc"    // MILC version 5 binary (read only)
	FormatOpenQCD = "openqcd" // openQCD export_cnfg ("universal" order, little-endian)
	FormatBridge  = "bridge"  // Bridge++/IroIro text, one real per line
)

// Config is an SU(3) gauge field on the whole lattice, held in memory in
// one place (rank 0 reads into it and scatters), together with what its
// file recorded about it.
//
// Links holds the 3x3 complex link matrices U_mu(x) at index
//
//	((((t*Dims[2]+z)*Dims[1]+y)*Dims[0]+x)*4+mu)*9 + 3*i + j
//
// with mu = 0,1,2,3 for x,y,z,t and (i,j) the row and column: the site
// order of ILDG (x fastest), each matrix row-major.
type Config struct {
	Dims      [4]int       // extents in x, y, z, t
	Links     []complex128 // 4*V link matrices, see above
	Format    string       // one of the Format constants: the file it came from
	Precision int          // 32 or 64: bits per real as stored in the file
	// Records are the LIME records kept as read (all but the binary data),
	// in file order. Write writes back those it does not regenerate.
	Records []Record
	// Info holds header key/values: the NERSC header, the ildg-format
	// fields, the SciDAC checksums, MILC's time stamp, xlf-info lines, ...
	Info map[string]string
	// Checks lists what was verified against the file's own records.
	Checks []Check
	// Warnings lists failed checks that ReadOptions.IgnoreChecksums turned
	// into non-fatal messages, and other oddities (trailing bytes).
	Warnings []string
}

// Record is one LIME record: its type string and its payload.
type Record struct {
	Type string
	Data []byte
}

// Check is one verification made while reading: the file's value, the
// value computed from the links, and whether they agree within the
// tolerance stated in Tol (empty for exact checks).
type Check struct {
	Name     string // e.g. "CHECKSUM", "PLAQUETTE", "scidac suma", "sum29"
	Expected string // as recorded in the file
	Computed string // from the data
	Tol      string // tolerance used, empty when the comparison is exact
	OK       bool
}

// NewConfig returns a field of unit links with the given extents.
func NewConfig(dims [4]int) (*Config, error) {
	if err := checkDims(dims); err != nil {
		return nil, err
	}
	c := &Config{Dims: dims, Precision: 64, Info: map[string]string{}}
	c.Links = make([]complex128, 36*c.Volume())
	for l := 0; l < 4*c.Volume(); l++ {
		c.Links[9*l] = 1
		c.Links[9*l+4] = 1
		c.Links[9*l+8] = 1
	}
	return c, nil
}

// maxExtent bounds each extent so that volumes and byte counts stay far
// from integer overflow even for corrupt headers.
const maxExtent = 1 << 14

func checkDims(dims [4]int) error {
	v := int64(1) // int64: 32-bit platforms too
	for mu, n := range dims {
		if n < 1 || n > maxExtent {
			return fmt.Errorf("confio: lattice extent %d in direction %d is out of range 1..%d", n, mu, maxExtent)
		}
		v *= int64(n)
		if v > 1<<34 || int64(int(v)) != v {
			return fmt.Errorf("confio: lattice %v is too large for an in-memory global field", dims)
		}
	}
	return nil
}

// Volume returns the number of lattice sites.
func (c *Config) Volume() int {
	return c.Dims[0] * c.Dims[1] * c.Dims[2] * c.Dims[3]
}

// site returns the lexicographic index of (x,y,z,t), x fastest.
func (c *Config) site(x [4]int) int {
	return ((x[3]*c.Dims[2]+x[2])*c.Dims[1]+x[1])*c.Dims[0] + x[0]
}

// coords is the inverse of site.
func (c *Config) coords(s int) [4]int {
	var x [4]int
	for mu := 0; mu < 4; mu++ {
		x[mu] = s % c.Dims[mu]
		s /= c.Dims[mu]
	}
	return x
}

// link returns the 9 elements of U_mu at site s (a view, not a copy).
func (c *Config) link(s, mu int) []complex128 {
	o := (4*s + mu) * 9
	return c.Links[o : o+9 : o+9]
}

// validate checks that Links matches Dims before a write or measurement.
func (c *Config) validate() error {
	if c == nil {
		return fmt.Errorf("confio: nil Config")
	}
	if err := checkDims(c.Dims); err != nil {
		return err
	}
	if want := 36 * c.Volume(); len(c.Links) != want {
		return fmt.Errorf("confio: Config.Links has %d elements, dims %v need %d", len(c.Links), c.Dims, want)
	}
	return nil
}
