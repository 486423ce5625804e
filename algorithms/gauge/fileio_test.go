package gauge

import (
	"fmt"
	refdatapkg "github.com/goqcd/goqcd/algorithms/confio/refdata"
	"os"
	"path/filepath"
	"testing"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// refdata is the reference folder (the test is skipped without it).
func refdata(t *testing.T) string { return refdatapkg.Dir(t) }

// TestReadScatterOnEveryGrid reads a reference configuration on several
// process grids and W and checks the plaquette against the file's header
// and against the one-rank value, bit for bit.
func TestReadScatterOnEveryGrid(t *testing.T) {
	path := filepath.Join(refdata(t), "nersc", "nersc.l8t4b3360")
	global := [4]int{8, 8, 8, 4}
	var ref Plaquettes
	for i, procs := range [][4]int{{1, 1, 1, 1}, {2, 1, 1, 1}, {1, 2, 2, 1}, {2, 2, 1, 2}} {
		for _, w := range []int{1, 4} {
			np := procs[0] * procs[1] * procs[2] * procs[3]
			err := comm.RunInProc(np, func(c comm.Comm) error {
				l, err := layout.New(c, global, layout.Options{Procs: procs, W: w})
				if err != nil {
					return err
				}
				g, meta, err := ReadFile(l, path, "", confio.ReadOptions{})
				if err != nil {
					return err
				}
				p, err := g.Plaquette(NewWorkspace(l, 3))
				if err != nil {
					return err
				}
				if c.Rank() != 0 {
					return nil
				}
				if i == 0 && w == 1 {
					ref = p
					var want float64
					fmt.Sscan(meta.Info["PLAQUETTE"], &want)
					if d := p.Average - want; d > 1e-9 || d < -1e-9 {
						return fmt.Errorf("plaquette %.12f, header says %.12f", p.Average, want)
					}
				} else if p != ref {
					return fmt.Errorf("procs %v W %d: plaquette %+v differs from one rank %+v", procs, w, p, ref)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestWriteGatherSameBytes writes a hot field from 1 and 4 ranks and
// compares the files byte for byte.
func TestWriteGatherSameBytes(t *testing.T) {
	dir := t.TempDir()
	global := [4]int{4, 4, 4, 8}
	write := func(np int, procs [4]int, w int, name string) {
		err := comm.RunInProc(np, func(c comm.Comm) error {
			l, err := layout.New(c, global, layout.Options{Procs: procs, W: w})
			if err != nil {
				return err
			}
			s := rng.New(42, 0)
			g, err := Hot(l, 3, &s)
			if err != nil {
				return err
			}
			return g.WriteFile(filepath.Join(dir, name), confio.FormatILDG, nil, confio.WriteOptions{})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write(1, [4]int{1, 1, 1, 1}, 1, "a.ildg")
	write(4, [4]int{1, 1, 2, 2}, 2, "b.ildg")
	a, _ := os.ReadFile(filepath.Join(dir, "a.ildg"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.ildg"))
	if len(a) == 0 || string(a) != string(b) {
		t.Fatalf("files from 1 and 4 ranks differ (%d and %d bytes)", len(a), len(b))
	}
	// and a missing file is an error on every rank, not a hang
	err := comm.RunInProc(2, func(c comm.Comm) error {
		l, _ := layout.New(c, global, layout.Options{})
		_, _, err := ReadFile(l, filepath.Join(dir, "absent"), "", confio.ReadOptions{})
		if err == nil {
			return fmt.Errorf("rank %d: reading a missing file succeeded", c.Rank())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
