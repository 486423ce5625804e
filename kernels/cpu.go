package kernels

import (
	"slices"

	"github.com/klauspost/cpuid/v2"
)

// cpuInfo is what the selection needs to know about the CPU; tests build
// their own to check the rules on CPUs they do not have.
type cpuInfo struct {
	arch     string
	features []string // relevant flags, as returned by Features
	sveBits  int      // SVE vector length in bits, 0 without SVE
	model    string
}

func (c cpuInfo) has(f string) bool { return slices.Contains(c.features, f) }

// relevantX86 maps the cpuid flags that kernel sets care about to the
// names goqcd reports.
var relevantX86 = []struct {
	id   cpuid.FeatureID
	name string
}{
	{cpuid.AVX, "avx"}, {cpuid.AVX2, "avx2"}, {cpuid.FMA3, "fma"},
	{cpuid.AVX512F, "avx512f"}, {cpuid.AVX512DQ, "avx512dq"},
	{cpuid.AVX512BW, "avx512bw"}, {cpuid.AVX512VL, "avx512vl"},
	{cpuid.AVX512CD, "avx512cd"},
}

// detectCPU reads the CPU once. cpuid reports the x86 flags on every
// architecture (none off x86); on arm64 the ASIMD and SVE flags come from
// both cpuid and golang.org/x/sys/cpu (archFeatures), since either may be
// blind in a restricted environment.
func detectCPU() cpuInfo {
	c := cpuInfo{arch: goarch, model: cpuid.CPU.BrandName}
	for _, f := range relevantX86 {
		if cpuid.CPU.Supports(f.id) {
			c.features = append(c.features, f.name)
		}
	}
	arm := archFeatures()
	if cpuid.CPU.Supports(cpuid.ASIMD) && !slices.Contains(arm, "asimd") {
		arm = append(arm, "asimd")
	}
	if cpuid.CPU.Supports(cpuid.SVE) && !slices.Contains(arm, "sve") {
		arm = append(arm, "sve")
	}
	if cpuid.CPU.Supports(cpuid.SVE2) && !slices.Contains(arm, "sve2") {
		arm = append(arm, "sve2")
	}
	c.features = append(c.features, arm...)
	if c.has("sve") {
		vl, _ := cpuid.CPU.SveLengths() // reads the vector length with ADDVL
		c.sveBits = int(vl)
		if c.sveBits%128 != 0 {
			c.sveBits = 0 // not a valid SVE length: treat as unknown
		}
	}
	if c.sveBits == 0 {
		c.features = slices.DeleteFunc(c.features, func(f string) bool { return f == "sve" || f == "sve2" })
	}
	if c.model == "" {
		c.model = "unknown " + c.arch + " CPU"
	}
	return c
}

var host = detectCPU()

// Features lists the CPU flags that matter to the kernel sets and that this
// CPU has: among avx avx2 fma avx512f avx512dq avx512bw avx512vl avx512cd
// on amd64, asimd sve sve2 on arm64.
func Features() []string { return slices.Clone(host.features) }

// SVEVectorBits is the SVE vector length in bits (512 on A64FX), or 0 when
// the CPU is not arm64 with SVE.
func SVEVectorBits() int { return host.sveBits }

// CPUModel is the CPU's brand string (or "unknown <arch> CPU").
func CPUModel() string { return host.model }
