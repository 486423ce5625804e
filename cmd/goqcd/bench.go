package main

// benchCommands are the subcommands of goqcd bench; each benchmark
// registers itself here from its own file (bench_halo.go, ...).
var benchCommands = map[string]*command{}

func init() {
	register(commands, &command{name: "bench",
		summary: "benchmarks: halo (more to come)",
		subs:    benchCommands})
}
