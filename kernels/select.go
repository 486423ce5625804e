package kernels

import (
	"fmt"
	"os"
	"strings"
)

// EnvVar names the environment variable that forces a kernel set.
const EnvVar = "GOQCD_KERNELS"

var (
	selected Set
	envErr   error
)

func init() {
	d := best(host)
	d.install()
	selected = setOf(d, host)
	if name := os.Getenv(EnvVar); name != "" {
		if _, err := Select(name); err != nil {
			envErr = fmt.Errorf("%s=%s: %w", EnvVar, name, err)
		}
	}
}

// Selected is the kernel set that runs.
func Selected() Set { return selected }

// EnvError reports why the set forced by GOQCD_KERNELS could not be
// selected (the automatic choice then runs), or nil.
func EnvError() error { return envErr }

// Select makes the named set run: it checks that the CPU has every feature
// the set needs and that the set has kernels, installs them and returns
// the set. On error the selection is unchanged. Not safe while kernels run
// (see doc.go).
func Select(name string) (Set, error) {
	d, err := check(host, name)
	if err != nil {
		return selected, err
	}
	d.install()
	selected = setOf(d, host)
	return selected, nil
}

// Available lists the kernel sets this CPU could run (architecture and
// features present), whether or not they have kernels yet, in the order of
// SetNames.
func Available() []string {
	var names []string
	for i := range sets {
		if cpuRuns(host, &sets[i]) == nil {
			names = append(names, sets[i].name)
		}
	}
	return names
}

// Implemented lists the kernel sets that have kernels in this build.
func Implemented() []string {
	var names []string
	for _, s := range sets {
		if s.install != nil {
			names = append(names, s.name)
		}
	}
	return names
}

// Lookup describes the named set on this CPU (its widths) without
// selecting it; the error says why it could not be selected.
func Lookup(name string) (Set, error) {
	d, err := check(host, name)
	if d == nil {
		return Set{}, err
	}
	return setOf(d, host), err
}

// check finds the named set and says why c cannot run it, if it cannot.
// It returns the definition whenever the name is known.
func check(c cpuInfo, name string) (*setDef, error) {
	d := findSet(name)
	if d == nil {
		return nil, fmt.Errorf("unknown kernel set %q: the sets are %s", name, strings.Join(SetNames(), ", "))
	}
	if err := cpuRuns(c, d); err != nil {
		return d, err
	}
	if d.install == nil {
		return d, fmt.Errorf("kernel set %q runs on this CPU but has no kernels yet: use one of %s",
			name, strings.Join(Implemented(), ", "))
	}
	return d, nil
}

// cpuRuns says why c cannot run the instructions of set d, or nil.
func cpuRuns(c cpuInfo, d *setDef) error {
	if d.arch != "" && d.arch != c.arch {
		return fmt.Errorf("kernel set %q needs an %s CPU; this one (%s) is %s", d.name, d.arch, c.model, c.arch)
	}
	var missing []string
	for _, f := range d.needs {
		if !c.has(f) {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("kernel set %q needs CPU feature %s, which this CPU (%s) lacks",
			d.name, strings.Join(missing, " and "), c.model)
	}
	if w64, _ := d.width(c); w64 < 1 {
		return fmt.Errorf("kernel set %q: could not read the vector length of this CPU (%s)", d.name, c.model)
	}
	return nil
}

// best is the widest set that c runs and that has kernels.
func best(c cpuInfo) *setDef {
	b := &sets[0]
	for i := range sets {
		if d := &sets[i]; d.install != nil && cpuRuns(c, d) == nil {
			b = d
		}
	}
	return b
}

func setOf(d *setDef, c cpuInfo) Set {
	w64, w32 := d.width(c)
	return Set{Name: d.name, W64: w64, W32: w32}
}
