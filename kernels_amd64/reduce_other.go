//go:build !amd64 || noasm

package kernels_amd64

// The reductions without assembly (see stubs_other.go): nothing runs.

// SiteNorm64 does nothing here (it returns false).
func SiteNorm64(isa ISA, part []float64, x []float64, w, nc int) bool { return false }

// SiteNorm32 does nothing here (it returns false).
func SiteNorm32(isa ISA, part []float64, x []float32, w, nc int) bool { return false }

// SiteDot64 does nothing here (it returns false).
func SiteDot64(isa ISA, pr, pi []float64, x, y []float64, w, nc int) bool { return false }

// SiteDot32 does nothing here (it returns false).
func SiteDot32(isa ISA, pr, pi []float64, x, y []float32, w, nc int) bool { return false }

// CGUpdate64 does nothing here (it returns false).
func CGUpdate64(isa ISA, a float64, x, r, p, q []float64, part []float64, w, nc int) bool {
	return false
}

// CGUpdate32 does nothing here (it returns false).
func CGUpdate32(isa ISA, a float32, x, r, p, q []float32, part []float64, w, nc int) bool {
	return false
}
