package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/goqcd/goqcd/kernels"
)

// Version is the goqcd release; the VCS revision comes from the build.
const Version = "0.1.0-dev"

func init() {
	register(commands, &command{name: "version",
		summary: "print the version, build, MPI library, CPU features and kernel sets",
		flags: func(fs *flagSet) func(x *cli, args []string) error {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(x *cli, args []string) error {
				if len(args) > 0 {
					return inputf("version takes no arguments, got %q", args)
				}
				info := collectVersion(x)
				if *asJSON {
					return writeJSON(x.out(), info)
				}
				info.print(x)
				return nil
			}
		}})
}

// versionInfo is what goqcd version reports.
type versionInfo struct {
	Version     string   `json:"version"`
	Revision    string   `json:"vcs_revision,omitempty"`
	RevTime     string   `json:"vcs_time,omitempty"`
	Modified    bool     `json:"vcs_modified,omitempty"`
	GoVersion   string   `json:"go_version"`
	OS          string   `json:"goos"`
	Arch        string   `json:"goarch"`
	MPI         string   `json:"mpi"`
	CPU         string   `json:"cpu"`
	Features    []string `json:"cpu_features"`
	SVEBits     int      `json:"sve_vector_bits,omitempty"`
	Available   []string `json:"kernel_sets_available"`
	Implemented []string `json:"kernel_sets_implemented"`
	Selected    string   `json:"kernel_set"`
	W64         int      `json:"w_float64"`
	W32         int      `json:"w_float32"`
}

func collectVersion(x *cli) versionInfo {
	set := kernels.Selected()
	v := versionInfo{
		Version: Version, GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH,
		CPU: kernels.CPUModel(), Features: kernels.Features(), SVEBits: kernels.SVEVectorBits(),
		Available: kernels.Available(), Implemented: kernels.Implemented(),
		Selected: set.Name, W64: set.W64, W32: set.W32,
	}
	switch {
	case x.world != nil:
		v.MPI = fmt.Sprintf("%s (%d ranks)", x.world.Library(), x.world.Size())
	case mpiBuild:
		v.MPI = "MPI build, not started by an MPI launcher: in-process ranks (run under mpirun to see the library)"
	default:
		v.MPI = "no MPI (built without -tags mpi): in-process ranks"
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.time":
				v.RevTime = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	return v
}

func (v versionInfo) print(x *cli) {
	w := x.out()
	rev := "unknown (no VCS information in this build)"
	if v.Revision != "" {
		rev = v.Revision + " " + v.RevTime
		if v.Modified {
			rev += " (modified)"
		}
	}
	fmt.Fprintf(w, "goqcd        %s\n", v.Version)
	fmt.Fprintf(w, "revision     %s\n", rev)
	fmt.Fprintf(w, "go           %s %s/%s\n", v.GoVersion, v.OS, v.Arch)
	fmt.Fprintf(w, "mpi          %s\n", v.MPI)
	fmt.Fprintf(w, "cpu          %s\n", v.CPU)
	fmt.Fprintf(w, "features     %s\n", orNone(v.Features))
	if v.SVEBits > 0 {
		fmt.Fprintf(w, "sve          %d-bit vectors\n", v.SVEBits)
	}
	fmt.Fprintf(w, "kernel sets  this CPU runs: %s; with kernels in this build: %s\n", orNone(v.Available), orNone(v.Implemented))
	fmt.Fprintf(w, "selected     %s, W = %d (float64) / %d (float32)", v.Selected, v.W64, v.W32)
	if v.Selected == "go" {
		fmt.Fprintf(w, "; --simd overrides W")
	}
	fmt.Fprintln(w)
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, " ")
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// kernelsLine names the running kernel set and what else the CPU runs, for
// the header of reports.
func kernelsLine() string {
	set := kernels.Selected()
	return fmt.Sprintf("%s (W %d/%d for float64/float32; this CPU runs %s)", set.Name, set.W64, set.W32, orNone(kernels.Available()))
}
