package dirac

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// decompResults are the fields one decomposition computes, keyed by
// global site index, and the clover log determinants.
type decompResults struct {
	fields map[string]map[int][SpinorNC]complex128
	logDet [2]float64
}

var decompGlobal = dims{8, 8, 8, 8}

// decompRun computes, on the ranks of l, M psi for Wilson and clover in
// float64 and float32, the clover Schur operator on the even part and the
// log determinants, for fields defined by the global coordinate.
func decompRun(l *layout.Layout) (*decompResults, error) {
	s := rng.New(77, 0)
	u, err := gauge.Hot(l, 3, &s)
	if err != nil {
		return nil, err
	}
	p := Params{Kappa: 0.121, CSW: 1.4, BC: [4]Boundary{Twisted(0.5), Periodic, Antiperiodic, Antiperiodic}}
	r := &decompResults{fields: map[string]map[int][SpinorNC]complex128{}}
	keep := func(name string, f interface {
		ForEachSite(func(tile, lane int, g [layout.Nd]int))
	}, at func(tile, c, lane int) complex128) {
		m := map[int][SpinorNC]complex128{}
		f.ForEachSite(func(tile, lane int, g dims) {
			var v [SpinorNC]complex128
			for c := range v {
				v[c] = at(tile, c, lane)
			}
			m[l.GlobalIndex(g)] = v
		})
		r.fields[name] = m
	}
	w, err := NewWilson[float64](u, p)
	if err != nil {
		return nil, err
	}
	c, err := NewClover[float64](u, p)
	if err != nil {
		return nil, err
	}
	c32, err := NewClover[float32](u, p)
	if err != nil {
		return nil, err
	}
	psi := randomSpinor[float64](l, layout.Full, 9)
	psi32 := NewSpinor[float32](l, layout.Full)
	if err := layout.Convert(psi32, psi); err != nil {
		return nil, err
	}
	for name, o := range map[string]op[float64]{"wilson": w, "clover": c} {
		out := psi.Like()
		if err := o.Apply(out, psi); err != nil {
			return nil, err
		}
		keep(name, out, out.At)
	}
	out32 := psi32.Like()
	if err := c32.Apply(out32, psi32); err != nil {
		return nil, err
	}
	keep("clover32", out32, out32.At)
	pe := NewSpinor[float64](l, layout.Even)
	copy(pe.Data, parityData(psi, 0))
	se := pe.Like()
	if err := c.Schur().Apply(se, pe); err != nil {
		return nil, err
	}
	keep("clover schur", se, se.At)
	for i, s := range []layout.Subset{layout.Even, layout.Odd} {
		if r.logDet[i], err = c.LogDet(s); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// TestDecompositionIndependence computes the operators on 1, 2 and 4
// in-process ranks, split in every direction, for W = 1, 2, 4, 8 and with
// two threads, and compares with one rank, W = 1: bit for bit on amd64 and
// arm64 (every path and kernel set runs the twins' arithmetic, fused
// exactly where they fuse), elsewhere float64 results to 1e-13 relative
// and float32 to 1e-6; log det exactly everywhere (exact sums).
func TestDecompositionIndependence(t *testing.T) {
	ref := decompReference(t)
	grids := []dims{{1, 1, 1, 1}, {2, 1, 1, 1}, {1, 2, 1, 1}, {1, 1, 2, 1}, {1, 1, 1, 2},
		{2, 2, 1, 1}, {1, 1, 2, 2}, {2, 1, 1, 2}, {1, 4, 1, 1}}
	ws := []int{1, 2, 4, 8}
	if testing.Short() {
		grids = []dims{{2, 1, 1, 1}, {1, 1, 2, 2}}
		ws = []int{1, 4}
	}
	for _, halo := range []string{"on", "off"} {
		t.Setenv(layout.SharedHaloEnv, halo)
		decompCompare(t, ref, grids, ws, "shared-halo="+halo)
	}
}

// decompCompare runs decompRun on every grid and W and compares with ref.
func decompCompare(t *testing.T, ref *decompResults, grids []dims, ws []int, mode string) {
	var cases []decompCase
	for _, procs := range grids {
		for _, w := range ws {
			cases = append(cases, decompCase{procs: procs, w: w})
		}
	}
	decompCompareCases(t, ref, cases, mode)
}

// decompCase is one decomposition: process grid, W and, when not zero, the
// lanes of W (else the layout's choice, which avoids split directions).
type decompCase struct {
	procs dims
	w     int
	lanes dims
}

// TestDecompositionSplitLanes compares layouts whose lanes split the
// directions that the process grid splits, as small local lattices force
// (16 ranks of 4^4 with W = 16): their boundary tiles take some lanes of a
// hop from the halo and the others from a neighbour tile, and the faces are
// lanes that are not a run.
func TestDecompositionSplitLanes(t *testing.T) {
	ref := decompReference(t)
	cases := []decompCase{
		{procs: dims{2, 1, 1, 2}, w: 16, lanes: dims{2, 2, 2, 2}},
		{procs: dims{1, 2, 2, 1}, w: 8, lanes: dims{2, 2, 2, 1}},
		{procs: dims{2, 1, 1, 1}, w: 4, lanes: dims{2, 1, 2, 1}},
		{procs: dims{2, 2, 2, 2}, w: 16},
	}
	if testing.Short() {
		cases = cases[:3]
	}
	for _, halo := range []string{"on", "off"} {
		t.Setenv(layout.SharedHaloEnv, halo)
		decompCompareCases(t, ref, cases, "shared-halo="+halo)
	}
}

// decompCompareCases runs decompRun on each case and compares with ref.
func decompCompareCases(t *testing.T, ref *decompResults, cases []decompCase, mode string) {
	for _, dc := range cases {
		procs, w := dc.procs, dc.w
		n := procs[0] * procs[1] * procs[2] * procs[3]
		threads := 1
		if w == 4 {
			threads = 2
		}
		name := fmt.Sprintf("%s/mpi%s/W=%d/threads=%d", mode, layout.FormatDims(procs), w, threads)
		if dc.lanes != (dims{}) {
			name += "/lanes" + layout.FormatDims(dc.lanes)
		}
		var mu sync.Mutex
		var problems []string
		var skipped error
		err := comm.RunInProc(n, func(cm comm.Comm) error {
			l, err := layout.New(cm, decompGlobal, layout.Options{Procs: procs, W: w, Lanes: dc.lanes, Threads: threads})
			if err != nil {
				mu.Lock()
				skipped = err
				mu.Unlock()
				return nil // W does not fit this grid: the same on every rank
			}
			got, err := decompRun(l)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			problems = append(problems, decompDiff(ref, got, l.Rank)...)
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		switch {
		case skipped != nil && dc.lanes != (dims{}):
			t.Errorf("%s: the layout was refused (%v): the case tests nothing", name, skipped)
		case skipped != nil:
			t.Logf("%s: skipped (W does not tile the local lattice)", name)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
}

// TestSharedHaloInUse checks that in-process ranks exchange the hopping
// term's faces through the shared halo memory, unless it is switched off,
// so that the decomposition tests cover both paths.
func TestSharedHaloInUse(t *testing.T) {
	for _, halo := range []string{"on", "off"} {
		t.Setenv(layout.SharedHaloEnv, halo)
		err := comm.RunInProc(2, func(cm comm.Comm) error {
			w, err := twoRankWilson(cm)
			if err != nil {
				return err
			}
			h := w.c.hop
			if on := h.shared != nil; on != (halo == "on") {
				return fmt.Errorf("%s=%s: shared halo in use: %v", layout.SharedHaloEnv, halo, on)
			}
			if halo == "on" && !(h.sendShared[6] && h.sendShared[7] && h.recvShared[6] && h.recvShared[7]) {
				return fmt.Errorf("the t faces do not go through shared memory: send %v, receive %v", h.sendShared, h.recvShared)
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}
	t.Setenv(layout.SharedHaloEnv, "maybe")
	err := comm.RunInProc(2, func(cm comm.Comm) error {
		_, err := twoRankWilson(cm)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), layout.SharedHaloEnv) {
		t.Errorf("%s=maybe: got error %v, want one naming the variable", layout.SharedHaloEnv, err)
	}
}

// twoRankWilson builds a float32 Wilson operator on a 4.4.4.8 hot field
// split in t over the two ranks of cm.
func twoRankWilson(cm comm.Comm) (*Wilson[float32], error) {
	l, err := layout.New(cm, dims{4, 4, 4, 8}, layout.Options{Procs: dims{1, 1, 1, 2}})
	if err != nil {
		return nil, err
	}
	s := rng.New(5, 0)
	u, err := gauge.Hot(l, 3, &s)
	if err != nil {
		return nil, err
	}
	return NewWilson[float32](u, Params{Kappa: 0.12})
}

// decompReference is decompRun on one rank with W = 1.
func decompReference(t *testing.T) *decompResults {
	t.Helper()
	l, err := layout.New(comm.Local(), decompGlobal, layout.Options{W: 1})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := decompRun(l)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// decompDiff lists how rank's results got differ from the one-rank ref.
func decompDiff(ref, got *decompResults, rank int) []string {
	var problems []string
	if got.logDet != ref.logDet {
		problems = append(problems, fmt.Sprintf("rank %d: log det %v, one rank gives %v", rank, got.logDet, ref.logDet))
	}
	for field, m := range got.fields {
		tol := 1e-13
		if strings.HasSuffix(field, "32") {
			tol = 1e-6
		}
		if runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64" {
			tol = 0 // the same arithmetic on every path, fused only where the twins fuse
		}
		var num, den float64
		for site, v := range m {
			want := ref.fields[field][site]
			for c := range v {
				num = math.Max(num, cabs(v[c]-want[c]))
				den = math.Max(den, cabs(want[c]))
			}
		}
		if num > tol*den || len(m) == 0 {
			problems = append(problems, fmt.Sprintf("rank %d: %s differs from one rank by %.3g relative (%d sites)", rank, field, num/den, len(m)))
		}
	}
	return problems
}

// TestWorldDecomposition is the decomposition test on the ranks of an MPI
// job (go test -tags mpi -exec 'mpirun -np N'): the operators on the
// job's ranks, with the shared halo on and off, against one rank that every
// process computes for itself. Without MPI it has one rank and skips.
func TestWorldDecomposition(t *testing.T) {
	c, err := comm.World()
	if err != nil {
		t.Fatal(err)
	}
	worldComm = c
	if c.Size() == 1 {
		t.Skip("one rank: run under mpirun, built with -tags mpi")
	}
	ref := decompReference(t)
	for _, halo := range []string{"on", "off"} {
		t.Setenv(layout.SharedHaloEnv, halo)
		// W = 16 with lanes 2.2.2.2 puts lanes in every split direction
		// (TestDecompositionSplitLanes), so that the halo rows are expanded
		// into boundary tiles and the faces compressed.
		for _, opt := range []layout.Options{{W: 1}, {W: 4}, {W: 16, Lanes: dims{2, 2, 2, 2}}} {
			w := opt.W
			l, err := layout.New(c, decompGlobal, opt)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decompRun(l)
			if err != nil {
				t.Fatalf("shared-halo=%s W=%d: %v", halo, w, err)
			}
			for _, p := range decompDiff(ref, got, l.Rank) {
				t.Errorf("shared-halo=%s mpi%s W=%d lanes %s: %s", halo, layout.FormatDims(l.Procs), w, layout.FormatDims(l.Lanes), p)
			}
			// The operators above allocated the layout's shared memory, if any.
			if sh, err := l.SharedHalo(0); err != nil || (sh != nil) != (halo == "on") {
				t.Errorf("shared-halo=%s: layout's shared halo %v, error %v", halo, sh != nil, err)
			}
		}
	}
}
