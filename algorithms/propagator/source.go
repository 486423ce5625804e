package propagator

import (
	"fmt"
	"math"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/layout"
)

// Source is where the propagator starts.
type Source struct {
	Kind string         // "point" or "wall"
	At   [layout.Nd]int // point: the site; wall: At[Dir] is the slice
	Dir  int            // the correlator (and wall) direction, 0..3
}

// Validate checks the source against the lattice.
func (s Source) Validate(l *layout.Layout) error {
	if s.Dir < 0 || s.Dir >= layout.Nd {
		return fmt.Errorf("propagator: direction %d: must be 0..3 (x, y, z, t)", s.Dir)
	}
	for mu, v := range s.At {
		if v < 0 || v >= l.Global[mu] {
			return fmt.Errorf("propagator: source coordinate %d in %s is outside 0..%d", v, layout.DirName[mu], l.Global[mu]-1)
		}
	}
	if s.Kind != "point" && s.Kind != "wall" {
		return fmt.Errorf("propagator: source kind %q: choose point or wall", s.Kind)
	}
	return nil
}

// fill sets b to the unit source of spin-colour column a.
func (s Source) fill(b *layout.Field[float64], a int) {
	b.Zero()
	l := b.Layout
	if s.Kind == "point" {
		r, tile, lane := l.Locate(s.At)
		if r == l.Rank {
			b.Set(tile, a, lane, 1)
		}
		return
	}
	b.ForEachSite(func(tile, lane int, x [layout.Nd]int) {
		if x[s.Dir] == s.At[s.Dir] {
			b.Set(tile, a, lane, 1)
		}
	})
}

// Propagator is the 12 columns of S = M^{-1} from one source, with the
// solver results.
type Propagator struct {
	Source  Source
	Columns [dirac.SpinorNC]*layout.Field[float64]
	Results [dirac.SpinorNC]Result
}

// Compute solves for the 12 spin-colour columns. Collective.
func Compute(s *Solver, src Source) (*Propagator, error) {
	if err := src.Validate(s.l); err != nil {
		return nil, err
	}
	p := &Propagator{Source: src}
	b := dirac.NewSpinor[float64](s.l, layout.Full)
	for a := range dirac.SpinorNC {
		src.fill(b, a)
		x := dirac.NewSpinor[float64](s.l, layout.Full)
		r, err := s.Solve(x, b)
		p.Results[a] = r
		if err != nil {
			return p, fmt.Errorf("propagator column %d (spin %d, colour %d): %w", a, a/3, a%3, err)
		}
		p.Columns[a] = x
	}
	return p, nil
}

func sqrt(x float64) float64 { return math.Sqrt(x) }
