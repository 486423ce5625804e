package kernels_arm64

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
)

// listKernels are the tile-list kernels this CPU runs, with their kinds.
type listKernels[F Float] struct {
	name  string
	k     listKind
	tiles func(*Hop[F], []int32) int
	list  func(*Hop[F], []int32, StopFunc)
}

func kernels64(t *testing.T) []listKernels[float64] {
	ks := []listKernels[float64]{{"NEON", neon64, WilsonTilesNEON64, WilsonListNEON64}}
	if SVEVectorBits() > 0 && SVELanes64() <= MaxLanes {
		ks = append(ks, listKernels[float64]{"SVE", sve64, WilsonTilesSVE64, WilsonListSVE64})
	} else {
		t.Log("no SVE: the SVE list kernels are not tested")
	}
	return ks
}

func kernels32(t *testing.T) []listKernels[float32] {
	ks := []listKernels[float32]{{"NEON", neon32, WilsonTilesNEON32, WilsonListNEON32}}
	if SVEVectorBits() > 0 && SVELanes32() <= MaxLanes {
		ks = append(ks, listKernels[float32]{"SVE", sve32, WilsonTilesSVE32, WilsonListSVE32})
	}
	return ks
}

// addHalo gives the random hop h (randomHop: halo rows 0..4) halo lanes of
// every kind the list kernels meet: ascending lanes they read (every
// other lane, a single lane, every lane in order) and lanes out of order
// they leave to the caller, with Recv for 5 rows, except hop 4, whose
// Recv holds 3 (rows 3 and 4 stop the list).
func addHalo[F Float](rng *rand.Rand, h *Hop[F], w int) {
	h.HaloLanes, h.Recv = new([8][]int32), new([8][]F)
	for d := range 8 {
		var lanes []int32
		switch d % 4 {
		case 0:
			for l := 0; l < w; l += 2 {
				lanes = append(lanes, int32(l))
			}
		case 1:
			lanes = []int32{int32(w - 1)}
		case 2:
			for l := range w {
				lanes = append(lanes, int32(l))
			}
		case 3:
			lanes = []int32{1, 0}
		}
		h.HaloLanes[d] = lanes
		rows := 5
		if d == 4 {
			rows = 3
		}
		h.Recv[d] = newGuarded[F](rng, rows*12*len(lanes), 16).body()
	}
}

// stopAt is a StopFunc that leaves the tile where the kernel stopped
// untouched (the caller's to compute) and records where the kernel
// stopped and the mode and rows it passed.
type stopAt struct {
	at   []int
	mode []uint64
	rows [][8]int
}

func (s *stopAt) stop(tiles []int32, mode uint64, rows [8]int) []int32 {
	s.at = append(s.at, len(tiles))
	s.mode = append(s.mode, mode)
	s.rows = append(s.rows, rows)
	return tiles[1:]
}

// TestWilsonList holds the whole-list kernels to the stretch kernels run
// again after each stop (which derive their table per call): the same
// bits, the same stops, and HaloMode's mode and rows passed at each, on
// hops whose halo rows the kernels partly read themselves.
func TestWilsonList(t *testing.T) {
	for _, k := range kernels64(t) {
		checkList(t, k, k.k.lanes())
	}
	for _, k := range kernels32(t) {
		checkList(t, k, k.k.lanes())
	}
}

func checkList[F Float](t *testing.T, k listKernels[F], w int) {
	rng := rand.New(rand.NewPCG(uint64(w), 41))
	for _, compact := range []bool{false, true} {
		what := fmt.Sprintf("%s W=%d compact %v", k.name, w, compact)
		h, tiles := randomHop[F](rng, w, 24, 17, compact)
		addHalo(rng, h, w)
		want := make([]F, 24*SpinorRows*w)
		ref := *h
		ref.Dst = want
		wantAt := runList(&ref, tiles, k.tiles)
		for _, prep := range []bool{false, true} {
			h.Dst, h.Prep = make([]F, len(want)), nil
			if prep {
				h.Prep = new(atomic.Value)
			}
			var s stopAt
			k.list(h, tiles, s.stop)
			if bad := firstDiff(h.Dst, want); bad >= 0 {
				t.Errorf("%s prep %v: Dst[%d] = %v, the stretch kernel gives %v", what, prep, bad, h.Dst[bad], want[bad])
			}
			var at []int // the tiles left at each stop of the stretch kernel
			rest := len(tiles)
			for _, n := range wantAt {
				if rest -= n; rest > 0 {
					at = append(at, rest)
					rest--
				}
			}
			if !slices.Equal(s.at, at) {
				t.Errorf("%s prep %v: stopped with %v tiles left, want %v", what, prep, s.at, at)
			}
			if len(s.at) == 0 {
				t.Errorf("%s: the kernel never stopped; want a case with stops", what)
			}
			mode, rows := HaloMode(h, w, k.k.neon())
			for i := range s.mode {
				if s.mode[i] != mode || s.rows[i] != rows {
					t.Errorf("%s prep %v: stop %d got mode %#x rows %v, HaloMode gives %#x %v", what, prep, i, s.mode[i], s.rows[i], mode, rows)
				}
			}
			if mode&0xff == 0 || mode&0xff == 0xff {
				t.Errorf("%s: halo mode %#x, want some hops read by the kernel and some not", what, mode)
			}
		}
	}
}

// firstDiff is the first index where a and b differ in their bits, -1 if
// none.
func firstDiff[F Float](a, b []F) int {
	for i := range a {
		if math.Float64bits(float64(a[i])) != math.Float64bits(float64(b[i])) {
			return i
		}
	}
	return -1
}

// TestPrepReused checks that the list kernels derive their table once per
// Hop.Prep, keep it for a call with other Recv rows (patching a copy,
// with the same bits as a table derived for them), and derive it again
// when Perm or HaloLanes is a new slice or the kernel changes.
func TestPrepReused(t *testing.T) {
	for _, k := range kernels64(t) {
		checkPrepReused(t, k, k.k.lanes())
	}
	for _, k := range kernels32(t) {
		checkPrepReused(t, k, k.k.lanes())
	}
}

func checkPrepReused[F Float](t *testing.T, k listKernels[F], w int) {
	rng := rand.New(rand.NewPCG(uint64(w), 43))
	h, tiles := randomHop[F](rng, w, 16, 16, false)
	addHalo(rng, h, w)
	h.Prep = new(atomic.Value)
	// run computes the list on h and on a Hop without Prep (a table
	// derived for this call), and says whether they agree bit for bit.
	run := func(what string) {
		t.Helper()
		fresh := *h
		fresh.Prep, fresh.Dst = nil, make([]F, 16*SpinorRows*w)
		h.Dst = make([]F, len(fresh.Dst))
		var s, sFresh stopAt
		k.list(h, tiles, s.stop)
		k.list(&fresh, tiles, sFresh.stop)
		if bad := firstDiff(h.Dst, fresh.Dst); bad >= 0 || !slices.Equal(s.at, sFresh.at) {
			t.Errorf("%s W=%d %s: Dst differs at %d, stops %v (without Prep %v)", k.name, w, what, bad, s.at, sFresh.at)
		}
	}
	prep := func() *listPrep { p, _ := h.Prep.Load().(*listPrep); return p }

	run("first call")
	p1 := prep()
	if p1 == nil || p1.key != keyOf(k.k, w, h) {
		t.Fatalf("%s W=%d: no prep stored for the tables of the call", k.name, w)
	}
	run("second call")
	if p := prep(); p != p1 {
		t.Errorf("%s W=%d second call: prep %p, first %p; want the first one kept", k.name, w, p, p1)
	}
	recv := *h.Recv
	other := new([8][]F)
	for d := range 8 {
		other[d] = newGuarded[F](rng, len(recv[d]), 16).body()
	}
	other[0] = other[0][:len(other[0])-12*len(h.HaloLanes[0])] // a row less: the mode keeps hop 0
	other[2] = other[2][:1]                                    // no whole row: the mode drops hop 2
	h.Recv = other
	run("other Recv")
	if p := prep(); p != p1 {
		t.Errorf("%s W=%d other Recv: prep renewed; want it kept (a variant beside it)", k.name, w)
	}
	a1 := p1.alt.Load()
	if a1 == nil || a1.recv != recvIDs(h, p1.lanes) {
		t.Errorf("%s W=%d other Recv: no variant kept for it", k.name, w)
	}
	h.Recv = &recv
	run("first Recv again")
	h.Recv = other
	run("other Recv again")
	if a := p1.alt.Load(); a != a1 {
		t.Errorf("%s W=%d: the variant for the other Recv was derived again; want it kept", k.name, w)
	}
	h.Recv = &recv

	old := h.Perm
	h.Perm = new([8][]int32)
	for d := range 8 {
		h.Perm[d] = slices.Clone(old[d])
		slices.Reverse(h.Perm[d]) // another permutation
	}
	run("new Perm")
	p2 := prep()
	if p2 == p1 || p2.key.perm[3] != idOf(h.Perm[3]) {
		t.Errorf("%s W=%d after a new Perm: prep kept (%v) or derived from the old tables", k.name, w, p2 == p1)
	}
	lanes := *h.HaloLanes
	lanes[1] = []int32{0} // another lane
	h.HaloLanes = &lanes
	run("new HaloLanes")
	if p3 := prep(); p3 == p2 || p3.key.haloLanes[1] != idOf(h.HaloLanes[1]) {
		t.Errorf("%s W=%d after a new HaloLanes: prep kept (%v) or derived from the old tables", k.name, w, p3 == p2)
	}
}

// TestPrepKindChange: a Hop run by the NEON and the SVE kernel in turn
// keeps the table of the kernel that ran last.
func TestPrepKindChange(t *testing.T) {
	skipWithoutSVE(t)
	h := &Hop[float64]{Perm: new([8][]int32), Prep: new(atomic.Value)}
	for d := range 8 {
		for l := range MaxLanes { // the identity: a permutation of the first w lanes for any w
			h.Perm[d] = append(h.Perm[d], int32(l))
		}
	}
	for _, k := range []listKind{neon64, sve64, neon64} {
		if k == neon64 {
			WilsonListNEON64(h, nil, nil) // no tiles: the table alone
		} else {
			WilsonListSVE64(h, nil, nil)
		}
		if p, _ := h.Prep.Load().(*listPrep); p == nil || p.key.k != k || p.key.w != k.lanes() {
			t.Errorf("after kernel %d: prep %+v, want one for it", k, p)
		}
	}
}

// TestPatchedTable: a table derived for one Recv with its halo words
// rewritten for another (forRecv) is word for word the table derived
// for the other, also where the other Recv drops a hop from the mode.
func TestPatchedTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, k := range []listKind{neon64, neon32, sve64, sve32} {
		w := []int{NEONLanes64, NEONLanes32, 8, 16}[k]
		if k == neon32 || k == sve32 {
			checkPatched[float32](t, rng, k, w)
		} else {
			checkPatched[float64](t, rng, k, w)
		}
	}
}

func checkPatched[F Float](t *testing.T, rng *rand.Rand, k listKind, w int) {
	h, _ := randomHop[F](rng, w, 4, 4, false)
	addHalo(rng, h, w)
	key := keyOf(k, w, h)
	p := newPrep(key, h)
	if p.mode&0xff == 0 {
		t.Fatalf("kind %d W=%d: no hop in the halo mode", k, w)
	}
	recv := *h.Recv
	for d := range 8 {
		recv[d] = slices.Clone(recv[d])
	}
	recv[0] = recv[0][:5] // no whole row
	h.Recv = &recv
	patched := slices.Clone(p.tab)
	mode, rows := recvMode(p.lanes, h.HaloLanes, h.Recv)
	haloWords(patched[:sveHaloWords], h, mode, rows)
	q := newPrep(key, h)
	if mode != q.mode || rows != q.rows || mode == p.mode {
		t.Errorf("kind %d W=%d: patched mode %#x rows %v, derived %#x %v (first Recv %#x)", k, w, mode, rows, q.mode, q.rows, p.mode)
	}
	if !slices.Equal(patched, q.tab) {
		t.Errorf("kind %d W=%d: the patched table differs from the one derived for its Recv", k, w)
	}
}

// TestListRefusesAfterFirstCall: what a first call derived and kept in
// Hop.Prep must not let a later call read outside slices it shortened:
// the kernel panics at a tile outside Dst, Src or Links, after the tiles
// before it, and stops (for the caller) at a halo row past Recv.
func TestListRefusesAfterFirstCall(t *testing.T) {
	for _, k := range kernels64(t) {
		checkRefuses(t, k, k.k.lanes())
	}
	for _, k := range kernels32(t) {
		checkRefuses(t, k, k.k.lanes())
	}
}

func checkRefuses[F Float](t *testing.T, k listKernels[F], w int) {
	rng := rand.New(rand.NewPCG(uint64(w), 47))
	for _, breakIt := range []struct {
		name  string
		f     func(h *Hop[F])
		panic bool
	}{
		{"Dst shortened", func(h *Hop[F]) { h.Dst = h.Dst[:10*SpinorRows*w] }, true},
		{"Src shortened", func(h *Hop[F]) { h.Src = h.Src[:10*SpinorRows*w] }, true},
		{"Links shortened", func(h *Hop[F]) { h.Links = h.Links[:10*LinkRows*w] }, true},
		{"Recv shortened", func(h *Hop[F]) { h.Recv[5] = h.Recv[5][:len(h.Recv[5])-1] }, false},
	} {
		what := fmt.Sprintf("%s W=%d %s", k.name, w, breakIt.name)
		h, _ := randomHop[F](rng, w, 20, 20, false)
		tiles := []int32{0, 1, 2, 10, 11}
		clear(h.Cross)
		for i := range 20 {
			for d := range 8 {
				h.Nbr[8*i+d] = int32(i % 10)
				h.Halo[8*i+d] = -1
			}
		}
		h.Nbr[8*10+3] = 15
		var lanes []int32 // ascending, of 4 or 8 bytes (NEON) or more: the kernels read them
		for l := 0; l < w; l += 2 {
			lanes = append(lanes, int32(l))
		}
		h.HaloLanes, h.Recv = new([8][]int32), new([8][]F)
		h.HaloLanes[5] = lanes
		h.Recv[5] = newGuarded[F](rng, 12*len(lanes), 16).body()
		h.Halo[8*10+5] = 0
		dst := newGuarded[F](rng, 20*SpinorRows*w, 16)
		h.Dst, h.Prep = dst.body(), new(atomic.Value)
		if n := k.tiles(h, tiles); n != len(tiles) {
			t.Fatalf("%s, before: computed %d of %d tiles", what, n, len(tiles))
		}
		breakIt.f(h)
		for i := range dst.all {
			dst.all[i] = F(math.NaN())
		}
		n, panicked := tilesOrPanic(k.tiles, h, tiles)
		if panicked != breakIt.panic || (!panicked && n != 3) {
			t.Errorf("%s after a first call: computed %d tiles, panicked %v; want the 3 before the bad one, panic %v",
				what, n, panicked, breakIt.panic)
		}
		if done := tilesWritten(dst.all[dst.g:], w); !slices.Equal(done, []int{0, 1, 2}) {
			t.Errorf("%s after a first call: wrote tiles %v, want 0, 1, 2", what, done)
		}
	}
}

// tilesOrPanic runs kern, recovering from a panic.
func tilesOrPanic[F Float](kern func(*Hop[F], []int32) int, h *Hop[F], tiles []int32) (n int, panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	return kern(h, tiles), false
}

// tilesWritten lists the tiles of s (NaN before the call) with a number
// that is not NaN.
func tilesWritten[F Float](s []F, w int) []int {
	var done []int
	for i := 0; i+SpinorRows*w <= len(s); i += SpinorRows * w {
		if slices.ContainsFunc(s[i:i+SpinorRows*w], func(v F) bool { return v == v }) {
			done = append(done, i/(SpinorRows*w))
		}
	}
	return done
}
