package hmc

import (
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
)

// Updater makes HMC a Markov step (markov.Updater): trajectory number step
// skips the Metropolis test while step <= NoMetropolis (early
// thermalisation from a hot or cold start).
type Updater struct {
	*HMC
	NoMetropolis int
}

// Name implements markov.Updater.
func (u *Updater) Name() string { return "hmc" }

// Stream implements markov.Updater.
func (u *Updater) Stream() *rng.Stream { return &u.HMC.Stream }

// Step implements markov.Updater: one trajectory. Collective.
func (u *Updater) Step(g *gauge.Field, step int) (map[string]any, error) {
	tr, err := u.Run(g, step > u.NoMetropolis)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"dH": tr.DH, "exp_minus_dH": tr.ExpMinusDH, "accepted": tr.Accepted,
		"metropolis": tr.Metropolis, "forces": tr.Forces, "md_seconds": tr.Seconds,
	}, nil
}
