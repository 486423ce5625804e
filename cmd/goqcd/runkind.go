package main

import "slices"

// runKind is one kind of run a job file can ask for with [run] kind. Each
// kind has its own section, named after it ([selfcheck], later [hmc],
// [quenched], ...), decoded into the kind's own struct. A kind lives in
// its own file and registers itself from an init function:
//
//	func init() {
//		registerKind(&runKind{name: "hmc", summary: "...",
//			newSection: func() kindSection { return &hmcSection{Tau: 1, Steps: 10} }})
//	}
type runKind struct {
	name    string
	summary string
	// newSection returns the kind's section with its defaults set; the
	// job file's values are decoded over them.
	newSection func() kindSection
}

// kindSection is the typed section of a run kind.
type kindSection interface {
	// check validates the decoded values; a *fieldError names the key.
	check() error
	// run executes the job on one rank. Collective.
	run(r rankEnv, j *job) error
}

// runKinds are the registered run kinds, by name.
var runKinds = map[string]*runKind{}

func registerKind(k *runKind) {
	if runKinds[k.name] != nil || k.name == "lattice" || k.name == "run" {
		panic("goqcd: run kind " + k.name + " registered twice or named after a common section")
	}
	runKinds[k.name] = k
}

func kindNames() []string {
	var n []string
	for k := range runKinds {
		n = append(n, k)
	}
	slices.Sort(n)
	return n
}
