package markov

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
)

// Record is one JSON-lines entry: named values of a step or a measurement.
// It is a plain map so that updaters need not import this package.
type Record = map[string]any

// Updater advances a gauge field by one Markov step.
type Updater interface {
	// Name is the kind of step, as written in the history ("heatbath", "hmc").
	Name() string
	// Step advances g by one step; step counts from 1. It returns what the
	// step reports (dH, acceptance, ...). Collective.
	Step(g *gauge.Field, step int) (Record, error)
	// Stream is the updater's random stream, saved in checkpoints and
	// restored on resume. Its state must be all the updater needs to
	// continue identically.
	Stream() *rng.Stream
}
