package confio

import (
	"errors"
	"github.com/goqcd/goqcd/algorithms/confio/refdata"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// refdataDir is the reference folder (the test is skipped without it).
func refdataDir(t *testing.T) string { return refdata.Dir(t) }

// readRef reads one refdata file, failing the test on any error.
func readRef(t *testing.T, rel string, opts ReadOptions) *Config {
	t.Helper()
	c, err := Read(filepath.Join(refdataDir(t), rel), opts)
	if err != nil {
		t.Fatalf("reading %s: %v", rel, err)
	}
	return c
}

// copyToTemp copies a file into a fresh temporary directory.
func copyToTemp(t *testing.T, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// checkErrors returns all *CheckError in err (which may be joined).
func checkErrors(err error) []*CheckError {
	var out []*CheckError
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if ce, ok := e.(*CheckError); ok {
			out = append(out, ce)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		walk(errors.Unwrap(e))
	}
	walk(err)
	return out
}

// maxLinkDiff returns the largest |a-b| over all link elements.
func maxLinkDiff(a, b *Config) float64 {
	var d float64
	for k := range a.Links {
		d = math.Max(d, cmplx.Abs(a.Links[k]-b.Links[k]))
	}
	return d
}

// sameBits reports whether two fields are bit for bit identical, and the
// first differing element.
func sameBits(a, b *Config) (bool, int) {
	if a.Dims != b.Dims || len(a.Links) != len(b.Links) {
		return false, -1
	}
	for k := range a.Links {
		if math.Float64bits(real(a.Links[k])) != math.Float64bits(real(b.Links[k])) ||
			math.Float64bits(imag(a.Links[k])) != math.Float64bits(imag(b.Links[k])) {
			return false, k
		}
	}
	return true, 0
}

// randomSU3 returns a random SU(3) matrix: Gram-Schmidt on random complex
// rows, third row conj(row0 x row1) so that det = 1.
func randomSU3(r *rand.Rand) mat3 {
	var m mat3
	for k := 0; k < 6; k++ {
		m[k] = complex(r.NormFloat64(), r.NormFloat64())
	}
	normalise := func(row []complex128) {
		var n float64
		for _, z := range row {
			n += real(z)*real(z) + imag(z)*imag(z)
		}
		n = math.Sqrt(n)
		for k := range row {
			row[k] /= complex(n, 0)
		}
	}
	normalise(m[0:3])
	var p complex128
	for k := 0; k < 3; k++ {
		p += cmplx.Conj(m[k]) * m[3+k]
	}
	for k := 0; k < 3; k++ {
		m[3+k] -= p * m[k]
	}
	normalise(m[3:6])
	thirdRow(m[:])
	return m
}
