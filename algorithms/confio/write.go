package confio

import (
	"bufio"
	"fmt"
)

// WriteOptions control Write.
type WriteOptions struct {
	// Precision is 32 or 64 bits per real in the file; 0 takes
	// Config.Precision, or 64 when that is unset. openQCD files are always
	// 64-bit.
	Precision int
	// NERSCDatatype is "4D_SU3_GAUGE" (two rows stored, the third rebuilt
	// on reading) or "4D_SU3_GAUGE_3x3" (the default).
	NERSCDatatype string
	// LittleEndian writes NERSC data as IEEE32LITTLE/IEEE64LITTLE instead
	// of the default big-endian.
	LittleEndian bool
}

// Write writes c to path in the given format: ildg, scidac, nersc,
// openqcd or bridge (milc is read only). The file appears complete or
// not at all: it is written under a temporary name in the same
// directory, fsynced, renamed, and the directory is fsynced. Checksums
// and header plaquette/link trace are computed from c.Links.
func Write(path string, c *Config, format string, opts WriteOptions) error {
	if err := c.validate(); err != nil {
		return err
	}
	prec := opts.Precision
	if prec == 0 {
		prec = c.Precision
	}
	if prec == 0 {
		prec = 64
	}
	if prec != 32 && prec != 64 {
		return fmt.Errorf("confio: precision %d is neither 32 nor 64", prec)
	}
	var fill func(w *bufio.Writer) error
	switch format {
	case FormatILDG, FormatSciDAC:
		fill = func(w *bufio.Writer) error { return writeLIME(w, c, prec, format == FormatILDG) }
	case FormatNERSC:
		if opts.NERSCDatatype != "" && opts.NERSCDatatype != nerscDatatype3x2 && opts.NERSCDatatype != nerscDatatype3x3 {
			return fmt.Errorf("confio: NERSC datatype %q is neither %s nor %s", opts.NERSCDatatype, nerscDatatype3x2, nerscDatatype3x3)
		}
		fill = func(w *bufio.Writer) error { return writeNERSC(w, c, prec, opts.NERSCDatatype, opts.LittleEndian) }
	case FormatOpenQCD:
		if opts.Precision == 32 {
			return fmt.Errorf("confio: openQCD files are double precision; WriteOptions.Precision 32 is not possible")
		}
		for mu, n := range c.Dims {
			if n%2 != 0 {
				return fmt.Errorf("confio: openQCD files need even extents, direction %d has %d", mu, n)
			}
		}
		fill = func(w *bufio.Writer) error { return writeOpenQCD(w, c) }
	case FormatBridge:
		fill = func(w *bufio.Writer) error { return writeBridge(w, c, prec) }
	case FormatMILC:
		return fmt.Errorf("confio: writing MILC files is not supported; write ildg or scidac, which MILC reads")
	default:
		return fmt.Errorf("confio: format %q is not one of ildg, scidac, nersc, openqcd, bridge: %w", format, ErrUnknownFormat)
	}
	return writeAtomic(path, fill)
}
