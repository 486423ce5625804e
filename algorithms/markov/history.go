package markov

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/goqcd/goqcd/algorithms/confio"
)

// history appends records to a JSON-lines file (rank 0 only).
type history struct {
	f *os.File
	w *bufio.Writer
}

func openHistory(path string, truncateAfter int, resume bool) (*history, error) {
	if resume {
		if err := truncateHistory(path, truncateAfter); err != nil {
			return nil, err
		}
	}
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if !resume {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return &history{f: f, w: bufio.NewWriter(f)}, nil
}

// write appends one record and flushes it (a killed run loses at most the
// line being written, and resume truncates to the checkpoint anyway).
func (h *history) write(r Record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if _, err := h.w.Write(append(b, '\n')); err != nil {
		return err
	}
	return h.w.Flush()
}

func (h *history) close() error {
	if err := h.w.Flush(); err != nil {
		return err
	}
	if err := h.f.Sync(); err != nil {
		return err
	}
	return h.f.Close()
}

// truncateHistory keeps the lines of complete records whose "step" is at
// most last (records without a step, such as the run header, are kept).
func truncateHistory(path string, last int) error {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	var keep bytes.Buffer
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r struct {
			Step *int `json:"step"`
		}
		if json.Unmarshal(line, &r) != nil {
			continue // a line cut short by a kill
		}
		if r.Step != nil && *r.Step > last {
			continue
		}
		keep.Write(line)
		keep.WriteByte('\n')
	}
	return confio.WriteFileAtomic(path, keep.Bytes())
}
