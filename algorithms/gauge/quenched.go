package gauge

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/rng"
)

// Quenched is the quenched Markov step: one heatbath sweep followed by
// Overrelax overrelaxation sweeps, with the links reunitarised every
// ReunitariseEvery steps (0: never). It implements markov.Updater.
type Quenched struct {
	Beta             float64
	Overrelax        int
	ReunitariseEvery int
	Rand             rng.Stream
	ws               *Workspace
}

// Name implements markov.Updater.
func (q *Quenched) Name() string { return "quenched" }

// Stream implements markov.Updater.
func (q *Quenched) Stream() *rng.Stream { return &q.Rand }

// Step implements markov.Updater: heatbath, then the overrelaxation sweeps.
// Collective.
func (q *Quenched) Step(g *Field, step int) (map[string]any, error) {
	if q.Overrelax < 0 {
		return nil, fmt.Errorf("quenched: %d overrelaxation sweeps per step: must not be negative", q.Overrelax)
	}
	if q.ws == nil || q.ws.n != g.N {
		q.ws = NewWorkspace(g.L, g.N)
	}
	if err := g.HeatbathSweep(q.Beta, &q.Rand, q.ws); err != nil {
		return nil, err
	}
	for range q.Overrelax {
		if err := g.OverrelaxSweep(q.ws); err != nil {
			return nil, err
		}
	}
	if q.ReunitariseEvery > 0 && step%q.ReunitariseEvery == 0 {
		g.Reunitarize()
	}
	return nil, nil
}
