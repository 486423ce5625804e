package kernels_arm64

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

var wordLine = regexp.MustCompile(`^\s*WORD \$0x([0-9a-f]{8}) // (.+)$`)

// TestEncodings re-assembles the instruction in the comment of every WORD
// directive of the generated assembly with llvm-mc and compares the
// encodings (skipped without llvm-mc).
func TestEncodings(t *testing.T) {
	mc, err := exec.LookPath("llvm-mc")
	if err != nil {
		t.Skip("llvm-mc not found: the WORD encodings are not re-checked")
	}
	files, err := filepath.Glob("*_arm64.s")
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated assembly found (%v)", err)
	}
	words := map[string]string{} // instruction -> encoding
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if m := wordLine.FindStringSubmatch(sc.Text()); m != nil {
				if old, ok := words[m[2]]; ok && old != m[1] {
					t.Errorf("%s: %q encoded both as %s and %s", f, m[2], old, m[1])
				}
				words[m[2]] = m[1]
			}
		}
	}
	if len(words) == 0 {
		t.Fatal("no WORD directives found in the generated assembly")
	}
	var ins []string
	for k := range words {
		ins = append(ins, k)
	}
	cmd := exec.Command(mc, "-triple=aarch64", "-mattr=+sve", "-show-encoding")
	cmd.Stdin = strings.NewReader(strings.Join(ins, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("llvm-mc: %v\n%s", err, stderr.String())
	}
	enc := regexp.MustCompile(`encoding: \[0x([0-9a-f]{2}),0x([0-9a-f]{2}),0x([0-9a-f]{2}),0x([0-9a-f]{2})\]`)
	var got []string
	for _, l := range strings.Split(string(out), "\n") {
		if m := enc.FindStringSubmatch(l); m != nil {
			got = append(got, m[4]+m[3]+m[2]+m[1]) // little-endian bytes
		}
	}
	if len(got) != len(ins) {
		t.Fatalf("llvm-mc encoded %d of %d instructions:\n%s", len(got), len(ins), stderr.String())
	}
	for i, in := range ins {
		if got[i] != words[in] {
			t.Errorf("%s: generated 0x%s, llvm-mc says 0x%s", in, words[in], got[i])
		}
	}
	t.Logf("%d distinct WORD instructions checked with llvm-mc", len(ins))
}

// TestGeneratedUpToDate reruns the generator into a temporary directory
// and compares with the committed assembly. It runs on the build host
// (not arm64, where tests usually run under qemu).
func TestGeneratedUpToDate(t *testing.T) {
	if runtime.GOARCH == "arm64" {
		t.Skip("the generator check runs on the build host")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	dir := t.TempDir()
	cmd := exec.Command(goTool, "run", "./_gen", "-o", dir)
	cmd.Env = append(os.Environ(), "GOARCH=", "GOOS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./_gen: %v\n%s", err, out)
	}
	gen, _ := filepath.Glob(filepath.Join(dir, "*.s"))
	if len(gen) == 0 {
		t.Fatal("the generator wrote no files")
	}
	for _, g := range gen {
		name := filepath.Base(g)
		want, _ := os.ReadFile(g)
		have, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(have, want) {
			t.Errorf("%s differs from the generator's output: run go generate in kernels_arm64 (%v)", name, errOr(err))
		}
	}
}

func errOr(err error) string {
	if err == nil {
		return "contents differ"
	}
	return fmt.Sprint(err)
}
