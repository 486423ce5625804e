// Package refdata locates the reference gauge configurations of
// ../shared/refdata (beside the repository root) for tests.
package refdata

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns <repository root>/../shared/refdata, found by walking up
// from the working directory to go.mod; it skips the test (t.Skip) with a
// message when the folder is absent.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory: cannot locate ../shared/refdata")
		}
		dir = parent
	}
	ref := filepath.Join(dir, "..", "shared", "refdata")
	if _, err := os.Stat(ref); err != nil {
		t.Skipf("reference configurations not found at %s (%v): skipping", ref, err)
	}
	return ref
}

// File returns the path of a file under the reference folder (parts joined
// below Dir), skipping the test when it is absent.
func File(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Dir(t)}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("reference configuration %s not found: skipping", p)
	}
	return p
}
