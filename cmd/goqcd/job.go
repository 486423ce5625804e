package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// job is a parsed and validated job file: the common sections [lattice]
// and [run], and the section of the run kind (named after it, e.g.
// [selfcheck]), decoded into that kind's own struct.
type job struct {
	path    string
	text    string
	Lattice latticeSpec
	Run     runSection
	kind    *runKind
	section kindSection
	resume  bool // goqcd run --resume: continue from the run's checkpoint
}

// runSection is [run]: what to run and where its output goes.
type runSection struct {
	Kind   string `toml:"kind"`   // a registered run kind (runKinds)
	Seed   int64  `toml:"seed"`   // random-number seed, 0 .. 2^63-1
	Output string `toml:"output"` // directory for the run's files
}

// defaultJob holds the defaults of the common sections.
func defaultJob() job {
	return job{
		Lattice: latticeSpec{Threads: 1},
		Run:     runSection{Seed: 1, Output: "output"},
	}
}

// loadJob reads, decodes and validates a job file. Its errors are bad
// input, worded "path:line: key: problem".
func loadJob(path string) (*job, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, inputf("job file: %v", err)
	}
	j := defaultJob()
	j.path, j.text = path, string(b)
	var raw map[string]toml.Primitive
	md, err := toml.Decode(j.text, &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, inputf("%s:%d: TOML syntax: %s", path, pe.Position.Line, pe.Message)
		}
		return nil, inputf("%s: TOML syntax: %v", path, err)
	}
	for _, name := range keysInOrder(md) {
		switch name {
		case "lattice", "run":
			continue
		}
		if runKinds[name] == nil {
			return nil, j.keyErr(toml.Key{name}, "unknown section: the sections are [lattice], [run] and the run kind's own (%s)",
				strings.Join(kindNames(), ", "))
		}
	}
	if err := j.decode(&md, raw, "lattice", &j.Lattice); err != nil {
		return nil, err
	}
	if err := j.decode(&md, raw, "run", &j.Run); err != nil {
		return nil, err
	}
	if j.Run.Kind == "" {
		return nil, j.keyErr(toml.Key{"run"}, "[run] has no kind: set kind = one of %s", quoteList(kindNames()))
	}
	if j.kind = runKinds[j.Run.Kind]; j.kind == nil {
		return nil, j.keyErr(toml.Key{"run", "kind"}, "unknown run kind %q: allowed %s", j.Run.Kind, quoteList(kindNames()))
	}
	for name := range raw {
		if name != j.kind.name && runKinds[name] != nil {
			return nil, j.keyErr(toml.Key{name}, "section [%s] belongs to run kind %q, but kind = %q", name, name, j.Run.Kind)
		}
	}
	j.section = j.kind.newSection()
	if err := j.decode(&md, raw, j.kind.name, j.section); err != nil {
		return nil, err
	}
	if err := j.unknownKeys(&md); err != nil {
		return nil, err
	}
	if err := j.Lattice.check(); err != nil {
		return nil, j.fieldErr("lattice", err)
	}
	j.Lattice.word = func(err error) error { return j.fieldErr("lattice", err) }
	if j.Run.Seed < 0 {
		return nil, j.fieldErr("run", &fieldError{"seed", fmt.Sprint(j.Run.Seed), fmt.Sprintf("out of range: allowed 0 to %d", int64(math.MaxInt64))})
	}
	if strings.TrimSpace(j.Run.Output) == "" {
		return nil, j.fieldErr("run", &fieldError{"output", `""`, "empty: give a directory for the run's files"})
	}
	if err := j.section.check(); err != nil {
		return nil, j.fieldErr(j.kind.name, err)
	}
	return &j, nil
}

// decode decodes section name (if present) into v, naming the key and line
// of a value of the wrong type.
func (j *job) decode(md *toml.MetaData, raw map[string]toml.Primitive, name string, v any) error {
	p, ok := raw[name]
	if !ok {
		return nil
	}
	if md.Type(name) != "Hash" {
		return j.keyErr(toml.Key{name}, "%s must be a section [%s], not a %s value", name, name, strings.ToLower(md.Type(name)))
	}
	err := md.PrimitiveDecode(p, v)
	if err == nil {
		return nil
	}
	// The decoder words type errors as
	// toml: line N (last key "a.b"): incompatible types: ...
	if m := typeErrRE.FindStringSubmatch(err.Error()); m != nil {
		return j.keyErr(parseKey(m[1]), "wrong type: %s", strings.Replace(m[2], "; destination has type ", "; want ", 1))
	}
	var pe toml.ParseError
	if errors.As(err, &pe) && pe.LastKey != "" {
		return j.keyErr(parseKey(pe.LastKey), "%s", pe.Message)
	}
	return inputf("%s: [%s]: %v", j.path, name, err)
}

var typeErrRE = regexp.MustCompile(`last key "([^"]*)"\): (?:incompatible types: )?(.*)$`)

// unknownKeys reports every key that no section struct has, with its
// line and the keys its section allows.
func (j *job) unknownKeys(md *toml.MetaData) error {
	var msgs []string
	var reported []toml.Key
	for _, k := range md.Undecoded() {
		if slices.ContainsFunc(reported, func(r toml.Key) bool { return hasPrefix(k, r) }) {
			continue // inside a table already reported
		}
		reported = append(reported, k)
		msgs = append(msgs, j.keyErr(k, "unknown key: [%s] allows %s", k[0], strings.Join(j.allowed(k[0]), ", ")).Error())
	}
	if len(msgs) == 0 {
		return nil
	}
	return inputf("%s", strings.Join(msgs, "\n"))
}

// allowed lists the keys of a section.
func (j *job) allowed(section string) []string {
	switch section {
	case "lattice":
		return tomlKeys(&j.Lattice)
	case "run":
		return tomlKeys(&j.Run)
	}
	if j.section != nil && section == j.kind.name {
		return tomlKeys(j.section)
	}
	return nil
}

// keyErr is a bad-input error "path:line: key: message" (without the line
// when the key is not found in the file).
func (j *job) keyErr(k toml.Key, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if line := keyLine(j.text, k); line > 0 {
		return inputf("%s:%d: %s: %s", j.path, line, k, msg)
	}
	return inputf("%s: %s: %s", j.path, k, msg)
}

// fieldErr words a fieldError of a section's validation.
func (j *job) fieldErr(section string, err error) error {
	var fe *fieldError
	if !errors.As(err, &fe) {
		return inputf("%s: [%s]: %v", j.path, section, err)
	}
	k := toml.Key{section, fe.field}
	where := j.path
	if line := keyLine(j.text, k); line > 0 {
		where = fmt.Sprintf("%s:%d", j.path, line)
	}
	if fe.value != "" {
		return inputf("%s: %s = %s: %s", where, k, fe.value, fe.msg)
	}
	return inputf("%s: %s: %s", where, k, fe.msg)
}

// echo writes the effective job (defaults included) as TOML.
func (j *job) echo(w io.Writer) error {
	fmt.Fprintf(w, "# job %s: effective values, defaults included\n", j.path)
	for i, s := range []struct {
		name string
		v    any
	}{{"lattice", j.Lattice}, {"run", j.Run}, {j.kind.name, j.section}} {
		if len(tomlKeys(s.v)) == 0 {
			continue
		}
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "[%s]\n", s.name)
		if err := toml.NewEncoder(w).Encode(s.v); err != nil {
			return err
		}
	}
	fmt.Fprintln(w)
	return nil
}

// tomlKeys lists the toml tags of a section struct, in field order.
func tomlKeys(v any) []string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var keys []string
	for f := range t.Fields() {
		if name, _, _ := strings.Cut(f.Tag.Get("toml"), ","); name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// keysInOrder lists the top-level names of raw in the order of the file.
func keysInOrder(md toml.MetaData) []string {
	var names []string
	for _, k := range md.Keys() {
		if len(k) == 1 {
			names = append(names, k[0])
		}
	}
	return names
}

func hasPrefix(k, p toml.Key) bool {
	return len(k) >= len(p) && slices.Equal(k[:len(p)], p)
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
