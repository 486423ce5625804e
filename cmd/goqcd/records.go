package main

import (
	"bufio"
	"encoding/json"
	"io"
)

// readRecords reads a JSON-lines history (one object per line), skipping
// lines that do not parse (a line cut by a kill).
func readRecords(r io.Reader) ([]map[string]any, error) {
	var out []map[string]any
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			out = append(out, m)
		}
	}
	return out, sc.Err()
}
