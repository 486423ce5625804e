package main

// benchCommands are the subcommands of goqcd bench; each benchmark
// registers itself here from its own file (bench_halo.go, ...).
var benchCommands = map[string]*command{}

func init() {
	register(commands, &command{name: "bench",
		summary: "benchmarks: halo exchange, Dirac operator, solvers and more (goqcd help bench lists them)",
		subs:    benchCommands})
}
