package dirac

import (
	"fmt"
	"math"
)

// Boundary is the boundary condition of the fermion field in one
// direction: psi(x + L mu^) = exp(i Theta) psi(x). Theta = 0 is periodic,
// pi antiperiodic, anything else a twist. The phase multiplies every hop
// across the global boundary; it is folded into the stored links of the
// last slice (forward) and their adjoints on the first (backward).
type Boundary struct {
	Theta float64
}

var (
	Periodic     = Boundary{Theta: 0}
	Antiperiodic = Boundary{Theta: math.Pi}
)

// Twisted is the boundary condition with phase exp(i theta).
func Twisted(theta float64) Boundary { return Boundary{Theta: theta} }

// StandardBC is the usual choice for fermions: periodic in space,
// antiperiodic in time.
var StandardBC = [4]Boundary{Periodic, Periodic, Periodic, Antiperiodic}

// Phase is exp(i Theta), exactly 1 or -1 for Theta = 0 and +-pi, so that
// periodic and antiperiodic links are not touched by rounding.
func (b Boundary) Phase() complex128 {
	switch b.Theta {
	case 0:
		return 1
	case math.Pi, -math.Pi:
		return -1
	}
	s, c := math.Sincos(b.Theta)
	return complex(c, s)
}

func (b Boundary) String() string {
	switch b.Theta {
	case 0:
		return "periodic"
	case math.Pi, -math.Pi:
		return "antiperiodic"
	}
	return fmt.Sprintf("twisted(%g)", b.Theta)
}
