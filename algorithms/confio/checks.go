package confio

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Sentinel errors, wrapped by the readers with the file name and the
// details, for errors.Is.
var (
	ErrUnknownFormat = errors.New("unknown configuration file format")
	ErrTruncated     = errors.New("file is truncated")
	ErrDimsMismatch  = errors.New("lattice extents differ from the expected ones")
	ErrCorrupt       = errors.New("malformed configuration file")
)

// CheckError reports a recorded value (checksum, plaquette, link trace)
// that disagrees with the value computed from the links.
type CheckError struct {
	Path     string // file name
	Field    string // what was compared, as named in the file (CHECKSUM, suma, sum29, ...)
	Expected string // recorded in the file
	Computed string // computed from the data
	Tol      string // tolerance, empty for exact comparisons
}

func (e *CheckError) Error() string {
	tol := "exact comparison"
	if e.Tol != "" {
		tol = "tolerance " + e.Tol
	}
	return fmt.Sprintf("confio: %s: %s mismatch: file records %s, data gives %s (%s); "+
		"the file is corrupt or its header does not describe its data "+
		"(ReadOptions.IgnoreChecksums reads it anyway)", e.Path, e.Field, e.Expected, e.Computed, tol)
}

// checker collects the comparisons a reader makes and turns the failed
// ones into errors or warnings at the end.
type checker struct {
	path   string
	checks []Check
}

func (k *checker) exact(name, expected, computed string) {
	k.checks = append(k.checks, Check{Name: name, Expected: expected, Computed: computed, OK: expected == computed})
}

// hex32 compares two 32-bit checksums, printed as lower-case hex.
func (k *checker) hex32(name string, expected, computed uint32) {
	k.exact(name, fmt.Sprintf("%x", expected), fmt.Sprintf("%x", computed))
}

// hexText compares a checksum printed in hex in the file (any case,
// optional 0x, leading zeros or not) with a computed one.
func (k *checker) hexText(name, recorded string, computed uint32) {
	t := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(recorded)), "0x")
	v, err := strconv.ParseUint(t, 16, 32)
	k.checks = append(k.checks, Check{Name: name, Expected: strings.TrimSpace(recorded),
		Computed: fmt.Sprintf("%x", computed), OK: err == nil && uint32(v) == computed})
}

// approx compares a number printed in a header with the computed value.
// The tolerance is rel*|computed| plus half a unit in the last printed
// digit, so a header printed with few digits is not held to more than
// it says.
func (k *checker) approx(name, recorded string, computed, rel float64) {
	want, err := strconv.ParseFloat(strings.TrimSpace(recorded), 64)
	tol := rel*math.Abs(computed) + printResolution(recorded)
	ok := err == nil && math.Abs(want-computed) <= tol
	k.checks = append(k.checks, Check{
		Name: name, Expected: strings.TrimSpace(recorded),
		Computed: strconv.FormatFloat(computed, 'g', 15, 64),
		Tol:      strconv.FormatFloat(tol, 'g', 3, 64), OK: ok,
	})
}

// printResolution returns half a unit in the last digit of a printed
// decimal number ("0.5017457343" -> 5e-11, "1.25e-3" -> 5e-6).
func printResolution(s string) float64 {
	s = strings.TrimSpace(s)
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err == nil {
			exp = e
		}
		s = s[:i]
	}
	decimals := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	return 0.5 * math.Pow(10, float64(exp-decimals))
}

// finish stores the checks in c and returns the failures joined into one
// error, or, when ignore is set, records them as warnings and returns nil.
func (k *checker) finish(c *Config, ignore bool) error {
	c.Checks = append(c.Checks, k.checks...)
	var errs []error
	for _, ch := range k.checks {
		if ch.OK {
			continue
		}
		e := &CheckError{Path: k.path, Field: ch.Name, Expected: ch.Expected, Computed: ch.Computed, Tol: ch.Tol}
		if ignore {
			c.Warnings = append(c.Warnings, e.Error())
		} else {
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// relTol is the relative tolerance for header values computed from data
// stored with the given precision.
func relTol(precision int) float64 {
	if precision == 32 {
		return 1e-6
	}
	return 1e-10
}
