//go:build !mpi

package comm

import "testing"

func TestWorldWithoutMPIIsLocal(t *testing.T) {
	c, err := World()
	if err != nil {
		t.Fatal(err)
	}
	if c.Name() != "local" || c.Size() != 1 {
		t.Fatalf("World() without the mpi tag: name %q size %d, want local with 1 rank", c.Name(), c.Size())
	}
}
