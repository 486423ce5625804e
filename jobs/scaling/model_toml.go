package scaling

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// modelFile is the part of a machine file (jobs/machines/*.toml) that the
// model reads: the top-level name and the [model] section. The other
// sections belong to package jobs.
type modelFile struct {
	Name  string `toml:"name"`
	Model *Model `toml:"model"`
}

// ParseModel reads the [model] section of a machine file. source names
// the file in messages. A key of [model] that the model does not know is
// an error that names it (a misspelt parameter would otherwise be
// ignored silently); keys of other sections are left to their readers.
func ParseModel(data []byte, source string) (*Model, error) {
	var f modelFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if f.Model == nil {
		return nil, fmt.Errorf("%s: no [model] section", source)
	}
	var unknown []string
	for _, k := range md.Undecoded() {
		if len(k) > 0 && k[0] == "model" {
			unknown = append(unknown, k.String())
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%s: unknown model parameters %s (see jobs/scaling/doc.go for the list)", source, strings.Join(unknown, ", "))
	}
	m := f.Model
	m.Name = f.Name
	if m.Name == "" {
		m.Name = source
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	return m, nil
}

// LoadModel reads the [model] section of the machine file at path.
func LoadModel(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseModel(data, path)
}

// Set overrides one model parameter by its TOML key ("hop_efficiency",
// "network.latency_us", "network.overlap", ...) from a string, as a
// command line's --set key=value gives it. The model is validated after
// the change.
func (m *Model) Set(key, value string) error {
	var doc string
	section, leaf := "model", key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		section, leaf = "model."+key[:i], key[i+1:]
	}
	doc = fmt.Sprintf("[%s]\n%s = %s\n", section, leaf, value)
	var f modelFile
	f.Model = m
	md, err := toml.Decode(doc, &f)
	if err != nil {
		return fmt.Errorf("model parameter %s = %s: %w", key, value, err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return fmt.Errorf("unknown model parameter %q (see jobs/scaling/doc.go for the list)", key)
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return nil
}

// errNoFitPoint is returned by Fit when no usable point is given.
var errNoFitPoint = errors.New("no points to fit the model to")
