package kernels

import "runtime"

// Set describes a kernel set: its name and the number of float64 and
// float32 SIMD lanes its kernels process per vector (the layout's W).
type Set struct {
	Name string
	W64  int // lanes per vector for float64
	W32  int // lanes per vector for float32
}

// setDef is a known kernel set: which architecture and CPU features it
// needs, how wide its vectors are, and how to install its kernels into the
// dispatch table.
type setDef struct {
	name  string
	arch  string   // GOARCH it runs on; "" for any
	needs []string // CPU features (as named by Features) it requires
	// width returns (W64, W32) given the detected CPU; sve depends on the
	// vector length.
	width func(c cpuInfo) (int, int)
	// install assigns this set's kernels to the dispatch table's function
	// variables. Kernels a set does not implement keep their Go version,
	// so every installer starts from installGo. nil while the set has no
	// kernels at all.
	install func()
}

// fixed returns a width function for a set of fixed vector width.
func fixed(w64 int) func(cpuInfo) (int, int) {
	return func(cpuInfo) (int, int) { return w64, 2 * w64 }
}

// sets lists the known kernel sets, portable first; the automatic choice
// takes the last one in this order that the CPU runs and that has kernels,
// so wider sets come later.
var sets = []setDef{
	{name: "go", width: func(cpuInfo) (int, int) { return 1, 1 }, install: installGo},
	{name: "neon", arch: "arm64", needs: []string{"asimd"}, width: fixed(2)},
	{name: "avx2", arch: "amd64", needs: []string{"avx2", "fma"}, width: fixed(4)},
	{name: "avx512", arch: "amd64", needs: []string{"avx512f"}, width: fixed(8)},
	{name: "sve", arch: "arm64", needs: []string{"sve"}, width: func(c cpuInfo) (int, int) {
		return c.sveBits / 64, c.sveBits / 32
	}},
}

// installGo resets every kernel of the dispatch table to its portable Go
// version. Kernels are added here as they are written.
func installGo() {
	compactLinks64, compactLinks32 = true, true
	installWilsonGo()
	installLinalgGo()
	installReduceGo()
	installForceGo()
	installSU3MatGo()
	installColourGo()
	installPermuteGo()
}

// SetNames lists every kernel set this package knows, whether or not the
// CPU runs it, in the order: go, neon, avx2, avx512, sve.
func SetNames() []string {
	names := make([]string, len(sets))
	for i, s := range sets {
		names[i] = s.name
	}
	return names
}

func findSet(name string) *setDef {
	for i := range sets {
		if sets[i].name == name {
			return &sets[i]
		}
	}
	return nil
}

// goarch is the architecture the sets are matched against; tests replace
// it to exercise the other architecture's rules.
var goarch = runtime.GOARCH

// setInstaller gives the named set its installer. Architecture files call
// it from a package-level variable declaration
//
//	var _ = setInstaller("avx512", installAVX512)
//
// which runs before the start-up selection in init (package variables are
// initialised before init functions), so the set becomes selectable only
// in builds that contain its kernels (the right GOARCH, without -tags noasm).
func setInstaller(name string, install func()) bool {
	for i := range sets {
		if sets[i].name == name {
			sets[i].install = install
			return true
		}
	}
	panic("kernels: setInstaller: unknown kernel set " + name)
}
