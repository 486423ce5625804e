package layout

import "testing"

// TestLaneSplit checks the lane choice: Grid's rule (halve the largest
// tile extent, t first on ties) on one rank, and on a process grid the
// directions split over ranks last.
func TestLaneSplit(t *testing.T) {
	for _, c := range []struct {
		local, procs [Nd]int
		w            int
		want         [Nd]int
	}{
		{[Nd]int{8, 8, 8, 8}, [Nd]int{1, 1, 1, 1}, 16, [Nd]int{2, 2, 2, 2}},
		{[Nd]int{8, 8, 8, 8}, [Nd]int{1, 1, 1, 1}, 4, [Nd]int{1, 1, 2, 2}},
		{[Nd]int{8, 8, 8, 4}, [Nd]int{1, 1, 1, 2}, 16, [Nd]int{2, 2, 4, 1}}, // t split: no lanes in t
		{[Nd]int{8, 8, 4, 4}, [Nd]int{1, 1, 2, 2}, 16, [Nd]int{4, 4, 1, 1}}, // z and t split
		{[Nd]int{4, 4, 8, 8}, [Nd]int{1, 1, 2, 2}, 16, [Nd]int{2, 2, 2, 2}}, // x, y take only 4: z, t too
		{[Nd]int{16, 8, 8, 8}, [Nd]int{2, 1, 1, 1}, 8, [Nd]int{1, 2, 2, 2}}, // the largest extent is split
	} {
		got, err := LaneSplitFor(c.local, c.procs, c.w)
		if err != nil || got != c.want {
			t.Errorf("LaneSplitFor(%v, %v, %d) = %v, %v; want %v", c.local, c.procs, c.w, got, err, c.want)
		}
		plain, err := LaneSplit(c.local, c.w)
		if one, err1 := LaneSplitFor(c.local, [Nd]int{1, 1, 1, 1}, c.w); err != nil || err1 != nil || one != plain {
			t.Errorf("LaneSplitFor on one rank %v, LaneSplit %v (%v, %v)", one, plain, err1, err)
		}
	}
	if _, err := LaneSplitFor([Nd]int{4, 4, 4, 2}, [Nd]int{1, 1, 1, 2}, 16); err == nil {
		t.Error("LaneSplitFor(4.4.4.2, W=16): no error, but no even split exists")
	}
}
