package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startProfile starts a CPU profile when GOQCD_CPUPROFILE names a file
// (for `go tool pprof`); under mpirun each process writes FILE.<pid>. The
// returned function stops it. A profile that cannot be written is reported
// and the run goes on without it.
func startProfile(stderr *os.File) func() {
	name := os.Getenv("GOQCD_CPUPROFILE")
	if name == "" {
		return func() {}
	}
	if mpiLaunched() {
		name = fmt.Sprintf("%s.%d", name, os.Getpid())
	}
	f, err := os.Create(name)
	if err != nil {
		fmt.Fprintf(stderr, "goqcd: GOQCD_CPUPROFILE: %v (running without a profile)\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(stderr, "goqcd: GOQCD_CPUPROFILE: %v (running without a profile)\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "goqcd: GOQCD_CPUPROFILE: %v\n", err)
		}
	}
}
