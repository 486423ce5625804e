package markov

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// CheckpointName is the checkpoint index file in the run directory.
const CheckpointName = "checkpoint.json"

// Checkpoint is the state from which a run continues.
type Checkpoint struct {
	Version int        `json:"version"`
	Updater string     `json:"updater"`
	Step    int        `json:"step"`   // steps done
	Config  string     `json:"config"` // configuration file, relative to the run directory
	Grid    string     `json:"grid"`
	Stream  rng.Stream `json:"stream"`
}

// writeCheckpoint saves g and the stream after step: first the
// configuration under a new name, then checkpoint.json, then removes the
// previous checkpoint's configuration. Collective.
func writeCheckpoint(dir string, g *gauge.Field, u Updater, step int, previous string) (string, error) {
	name := checkpointConfig(step)
	if err := g.WriteFile(filepath.Join(dir, name), confio.FormatILDG, nil, confio.WriteOptions{Precision: 64}); err != nil {
		return "", fmt.Errorf("checkpoint: %w", err)
	}
	var err error
	if g.L.Rank == 0 {
		c := Checkpoint{Version: 1, Updater: u.Name(), Step: step, Config: name,
			Grid: layout.FormatDims(g.L.Global), Stream: *u.Stream()}
		var b []byte
		b, err = json.MarshalIndent(c, "", "  ")
		if err == nil {
			err = confio.WriteFileAtomic(filepath.Join(dir, CheckpointName), append(b, '\n'))
		}
		if err == nil && previous != "" && previous != name {
			os.Remove(filepath.Join(dir, previous))
		}
	}
	if err := comm.Agree(g.L.Comm, err); err != nil {
		return "", fmt.Errorf("checkpoint: %w", err)
	}
	return name, nil
}

// checkpointConfig names the configuration file of the checkpoint after step.
func checkpointConfig(step int) string { return fmt.Sprintf("checkpoint.%06d.ildg", step) }

// ReadCheckpoint reads dir/checkpoint.json and its configuration onto l.
// It returns os.ErrNotExist (wrapped) when there is no checkpoint.
// Collective.
func ReadCheckpoint(dir string, l *layout.Layout) (*gauge.Field, *Checkpoint, error) {
	var c Checkpoint
	var err error
	if l.Rank == 0 {
		var b []byte
		b, err = os.ReadFile(filepath.Join(dir, CheckpointName))
		if err == nil {
			if err = json.Unmarshal(b, &c); err != nil {
				err = fmt.Errorf("%s: %w", filepath.Join(dir, CheckpointName), err)
			}
		}
		if err == nil && c.Grid != layout.FormatDims(l.Global) {
			err = fmt.Errorf("checkpoint in %s is for grid %s, the job's grid is %s", dir, c.Grid, layout.FormatDims(l.Global))
		}
	}
	if err := comm.Agree(l.Comm, err); err != nil {
		return nil, nil, err
	}
	if err := bcastJSON(l, &c); err != nil {
		return nil, nil, err
	}
	g, _, err := gauge.ReadFile(l, filepath.Join(dir, c.Config), confio.FormatILDG, confio.ReadOptions{})
	if err != nil {
		return nil, nil, fmt.Errorf("checkpoint configuration: %w", err)
	}
	return g, &c, nil
}

// bcastJSON copies v from rank 0 to every rank. Collective.
func bcastJSON(l *layout.Layout, v any) error {
	var b []byte
	if l.Rank == 0 {
		var err error
		if b, err = json.Marshal(v); err != nil {
			return err
		}
	}
	n := []float64{float64(len(b))}
	if err := l.Comm.Bcast64(n, 0); err != nil {
		return err
	}
	if l.Rank != 0 {
		b = make([]byte, int(n[0]))
	}
	if err := l.Comm.BcastBytes(b, 0); err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
