package kernels

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// fakeCPU builds a CPU description for the selection rules.
func fakeCPU(arch string, sveBits int, features ...string) cpuInfo {
	return cpuInfo{arch: arch, features: features, sveBits: sveBits, model: "test CPU"}
}

func TestForceGo(t *testing.T) {
	defer restore(t)()
	s, err := Select("go")
	if err != nil {
		t.Fatalf("Select(go): %v", err)
	}
	if s.Name != "go" || s.W64 != 1 || s.W32 != 1 {
		t.Errorf("Select(go) = %+v, want go with W64 = W32 = 1", s)
	}
	if Selected() != s {
		t.Errorf("Selected() = %+v after Select(go) = %+v", Selected(), s)
	}
}

func TestGoAlwaysAvailable(t *testing.T) {
	if a := Available(); len(a) == 0 || a[0] != "go" {
		t.Errorf("Available() = %v, want go first", a)
	}
	if !slices.Contains(Implemented(), "go") {
		t.Errorf("Implemented() = %v lacks go", Implemented())
	}
	if !slices.Contains(Available(), Selected().Name) {
		t.Errorf("selected set %q is not among the available %v", Selected().Name, Available())
	}
}

func TestUnknownSet(t *testing.T) {
	defer restore(t)()
	before := Selected()
	_, err := Select("altivec")
	if err == nil || !strings.Contains(err.Error(), "altivec") || !strings.Contains(err.Error(), "avx512") {
		t.Errorf("Select(altivec) error %v: want the name and the list of sets", err)
	}
	if Selected() != before {
		t.Errorf("failed Select changed the selection to %+v", Selected())
	}
}

// TestForceMissingSet forces, on the real CPU, a set of the other
// architecture: the error must name it and the architecture.
func TestForceMissingSet(t *testing.T) {
	defer restore(t)()
	other := map[string]string{"amd64": "sve", "arm64": "avx512"}[goarch]
	if other == "" {
		other = "avx2"
	}
	before := Selected()
	_, err := Select(other)
	if err == nil {
		t.Fatalf("Select(%s) on %s succeeded", other, goarch)
	}
	if !strings.Contains(err.Error(), other) || !strings.Contains(err.Error(), goarch) {
		t.Errorf("Select(%s) error %q: want the set and this architecture named", other, err)
	}
	if Selected() != before {
		t.Errorf("failed Select changed the selection to %+v", Selected())
	}
}

// TestMissingFeatureNamed checks the rules on CPUs this machine is not.
func TestMissingFeatureNamed(t *testing.T) {
	cases := []struct {
		cpu     cpuInfo
		set     string
		missing string // "" when the CPU runs the set
	}{
		{fakeCPU("amd64", 0, "avx", "avx2"), "avx2", "fma"},
		{fakeCPU("amd64", 0, "avx2", "fma"), "avx512", "avx512f"},
		{fakeCPU("amd64", 0, "avx2", "fma", "avx512f"), "avx512", ""},
		{fakeCPU("amd64", 0), "avx2", "avx2 and fma"},
		{fakeCPU("arm64", 0, "asimd"), "sve", "sve"},
		{fakeCPU("arm64", 512, "asimd", "sve"), "sve", ""},
		{fakeCPU("arm64", 0), "neon", "asimd"},
	}
	for _, c := range cases {
		err := cpuRuns(c.cpu, findSet(c.set))
		switch {
		case c.missing == "" && err != nil:
			t.Errorf("%s on %v: %v", c.set, c.cpu.features, err)
		case c.missing != "" && (err == nil || !strings.Contains(err.Error(), "needs CPU feature "+c.missing)):
			t.Errorf("%s on %v: error %v, want it to name %q", c.set, c.cpu.features, err, c.missing)
		}
	}
}

func TestWidths(t *testing.T) {
	want := map[string][2]int{"go": {1, 1}, "neon": {2, 4}, "avx2": {4, 8}, "avx512": {8, 16}, "sve": {8, 16}}
	a64fx := fakeCPU("arm64", 512, "asimd", "sve")
	for name, w := range want {
		s := setOf(findSet(name), a64fx)
		if s.W64 != w[0] || s.W32 != w[1] {
			t.Errorf("%s: W64, W32 = %d, %d, want %d, %d", name, s.W64, s.W32, w[0], w[1])
		}
	}
	if s := setOf(findSet("sve"), fakeCPU("arm64", 256, "sve")); s.W64 != 4 || s.W32 != 8 {
		t.Errorf("sve at 256 bits: %+v, want 4/8 lanes", s)
	}
}

// TestBestIsImplemented: the automatic choice never picks a set without
// kernels, and picks the widest of those that have them.
func TestBestIsImplemented(t *testing.T) {
	for _, c := range []cpuInfo{
		fakeCPU("amd64", 0), fakeCPU("amd64", 0, "avx2", "fma", "avx512f"),
		fakeCPU("arm64", 512, "asimd", "sve"), fakeCPU("riscv64", 0),
	} {
		b := best(c)
		if b.install == nil || cpuRuns(c, b) != nil {
			t.Errorf("best on %s %v = %s, which cannot run", c.arch, c.features, b.name)
		}
		bw, _ := b.width(c)
		for i := range sets {
			d := &sets[i]
			if d.install == nil || cpuRuns(c, d) != nil {
				continue
			}
			if w, _ := d.width(c); w > bw {
				t.Errorf("best on %v = %s, but %s is wider", c.features, b.name, d.name)
			}
		}
	}
}

// TestUnimplementedSetRefused: a set the CPU runs but without kernels is
// available yet cannot be selected, and says so.
func TestUnimplementedSetRefused(t *testing.T) {
	for i := range sets {
		d := &sets[i]
		if d.install != nil || cpuRuns(host, d) != nil {
			continue
		}
		if !slices.Contains(Available(), d.name) {
			t.Errorf("%s runs on this CPU but is not in Available() = %v", d.name, Available())
		}
		if _, err := Select(d.name); err == nil || !strings.Contains(err.Error(), "no kernels") {
			t.Errorf("Select(%s) = %v, want a 'no kernels yet' error", d.name, err)
		}
	}
}

func TestFeaturesConsistent(t *testing.T) {
	f := Features()
	switch goarch {
	case "amd64":
		if slices.Contains(f, "sve") || slices.Contains(f, "asimd") {
			t.Errorf("amd64 reports arm features %v", f)
		}
		if SVEVectorBits() != 0 {
			t.Errorf("SVEVectorBits() = %d on amd64", SVEVectorBits())
		}
	case "arm64":
		if !slices.Contains(f, "asimd") {
			t.Errorf("arm64 without asimd: %v", f)
		}
		if slices.Contains(f, "avx2") {
			t.Errorf("arm64 reports x86 features %v", f)
		}
	}
	if b := SVEVectorBits(); slices.Contains(f, "sve") != (b > 0) || b%128 != 0 {
		t.Errorf("SVEVectorBits() = %d with features %v: want a positive multiple of 128 exactly when sve is present", b, f)
	}
	t.Logf("CPU %q features %v, SVE bits %d, available %v, selected %+v", CPUModel(), f, SVEVectorBits(), Available(), Selected())
}

// TestEnvironment: when GOQCD_KERNELS forces a set (as in a CI matrix), the
// forcing worked.
func TestEnvironment(t *testing.T) {
	name := os.Getenv(EnvVar)
	if name == "" {
		if EnvError() != nil {
			t.Errorf("EnvError() = %v without %s set", EnvError(), EnvVar)
		}
		t.Skipf("%s not set", EnvVar)
	}
	if err := EnvError(); err != nil {
		t.Fatal(err)
	}
	if Selected().Name != name {
		t.Errorf("%s=%s but %s runs", EnvVar, name, Selected().Name)
	}
}

// restore returns a function that reselects the set that ran before.
func restore(t *testing.T) func() {
	before := Selected()
	return func() {
		if _, err := Select(before.Name); err != nil {
			t.Errorf("restoring %s: %v", before.Name, err)
		}
	}
}
