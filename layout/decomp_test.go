package layout

import (
	"fmt"
	"testing"

	"github.com/goqcd/goqcd/comm"
)

// testGrids are the process grids of 1, 2, 4, 8 and 16 ranks that the
// decomposition tests run: splits along every direction alone and several
// at once.
var testGrids = [][Nd]int{
	{1, 1, 1, 1},
	{2, 1, 1, 1}, {1, 2, 1, 1}, {1, 1, 2, 1}, {1, 1, 1, 2},
	{4, 1, 1, 1}, {1, 1, 1, 4}, {2, 2, 1, 1}, {1, 2, 1, 2}, {2, 1, 2, 1},
	{2, 2, 2, 1}, {1, 2, 2, 2}, {2, 1, 1, 4},
	{2, 2, 2, 2}, {1, 2, 2, 4},
}

var testLattices = [][Nd]int{{4, 4, 4, 4}, {8, 8, 8, 4}, {4, 8, 6, 12}}

var testWidths = []int{1, 2, 4, 8}

// forEachDecomposition runs body on every rank of every valid (process grid,
// W) combination of the lattice, using in-process ranks, and returns how
// many combinations ran. Invalid combinations (odd local extents, W that
// does not tile) are skipped: New must then fail, which is checked.
func forEachDecomposition(t *testing.T, global [Nd]int, body func(l *Layout) error) int {
	t.Helper()
	ran := 0
	for _, procs := range testGrids {
		for _, w := range testWidths {
			n := procs[0] * procs[1] * procs[2] * procs[3]
			if _, err := New(comm.Local(), global, Options{Procs: procs, W: w}); err == nil && n > 1 {
				t.Fatalf("New accepted process grid %v for 1 rank", procs)
			}
			valid := true
			err := comm.RunInProc(n, func(c comm.Comm) error {
				l, err := New(c, global, Options{Procs: procs, W: w})
				if err != nil {
					if c.Rank() == 0 {
						valid = false // every rank fails alike
					}
					return nil
				}
				return body(l)
			})
			if err != nil {
				t.Errorf("lattice %v procs %v W %d: %v", global, procs, w, err)
			}
			if valid {
				ran++
			}
		}
	}
	return ran
}

// siteValue is a test field value that encodes the global coordinate and
// the component exactly in float32.
func siteValue(l *Layout, g [Nd]int, c int) complex128 {
	i := float64(l.GlobalIndex(g))
	return complex(i+0.25*float64(c), -i-0.5*float64(c))
}

func fillCoordinates[F Float](f *Field[F]) {
	f.ForEachSite(func(tile, lane int, g [Nd]int) {
		for c := range f.NC {
			f.Set(tile, c, lane, siteValue(f.Layout, g, c))
		}
	})
}

// checkNeighbours exchanges halos of a coordinate field and checks, at every
// site and for every hop, that Neighbour returns the value of the site one
// step away (periodic).
func checkNeighbours[F Float](l *Layout) error {
	const nc = 2
	f := NewField[F](l, nc, Full)
	fillCoordinates(f)
	h := NewHalo[F](l, nc)
	if err := h.Start(f); err != nil {
		return err
	}
	if err := h.Wait(); err != nil {
		return err
	}
	out := make([]F, nc*2*l.W)
	for d := range NHops {
		mu, s := d/2, HopSign(d)
		for tile := range l.NTiles {
			h.Neighbour(d, tile, out)
			for lane := range l.W {
				g := l.GlobalCoords(tile, lane)
				g[mu] = (g[mu] + s + l.Global[mu]) % l.Global[mu]
				for c := range nc {
					want := siteValue(l, g, c)
					got := complex(float64(out[(2*c)*l.W+lane]), float64(out[(2*c+1)*l.W+lane]))
					if got != want {
						return fmt.Errorf("rank %d hop %d at %v (tile %d lane %d) comp %d: got %v, want %v",
							l.Rank, d, l.GlobalCoords(tile, lane), tile, lane, c, got, want)
					}
				}
			}
		}
	}
	return nil
}

func TestHaloNeighbours(t *testing.T) {
	for _, global := range testLattices {
		n64 := forEachDecomposition(t, global, checkNeighbours[float64])
		n32 := forEachDecomposition(t, global, checkNeighbours[float32])
		if n64 < 20 || n32 != n64 {
			t.Errorf("lattice %v: only %d (float64) / %d (float32) decompositions ran", global, n64, n32)
		}
	}
}

func TestShiftMatchesNeighbour(t *testing.T) {
	global := [Nd]int{4, 8, 6, 12}
	forEachDecomposition(t, global, func(l *Layout) error {
		src := NewField[float64](l, 3, Full)
		fillCoordinates(src)
		dst := src.Like()
		for d := range NHops {
			if err := Shift(dst, src, d); err != nil {
				return err
			}
			var err error
			dst.ForEachSite(func(tile, lane int, g [Nd]int) {
				g[d/2] += HopSign(d)
				g[d/2] = (g[d/2] + l.Global[d/2]) % l.Global[d/2]
				for c := range 3 {
					if got, want := dst.At(tile, c, lane), siteValue(l, g, c); got != want && err == nil {
						err = fmt.Errorf("shift %d at tile %d lane %d: got %v want %v", d, tile, lane, got, want)
					}
				}
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// TestCoordinateMaps checks that (rank, tile, lane) <-> global coordinate is a
// bijection and that tile parity is the global parity, for every
// decomposition.
func TestCoordinateMaps(t *testing.T) {
	for _, global := range testLattices {
		forEachDecomposition(t, global, func(l *Layout) error {
			seen := make([]bool, l.Volume)
			for tile := range l.NTiles {
				for lane := range l.W {
					g := l.GlobalCoords(tile, lane)
					x := l.LocalCoords(tile, lane)
					tl, ln := l.TileLane(x)
					if tl != tile || ln != lane {
						return fmt.Errorf("TileLane(LocalCoords(%d,%d)) = %d,%d", tile, lane, tl, ln)
					}
					r, tl2, ln2 := l.Locate(g)
					if r != l.Rank || tl2 != tile || ln2 != lane {
						return fmt.Errorf("Locate(%v) = %d,%d,%d, want %d,%d,%d", g, r, tl2, ln2, l.Rank, tile, lane)
					}
					if Parity(g) != l.TileParity(tile) {
						return fmt.Errorf("site %v has parity %d but sits in a tile of parity %d", g, Parity(g), l.TileParity(tile))
					}
					li := x[0] + l.Local[0]*(x[1]+l.Local[1]*(x[2]+l.Local[2]*x[3]))
					if seen[li] {
						return fmt.Errorf("site %v reached twice", x)
					}
					seen[li] = true
				}
			}
			return nil
		})
	}
}
