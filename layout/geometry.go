package layout

import (
	"fmt"
	"sync"

	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/kernels"
)

// Nd is the number of space-time dimensions; direction 0 is x, 3 is t.
const Nd = 4

// Layout is the geometry of a lattice distributed over a process grid and
// tiled into W SIMD lanes. It is immutable after New and shared by every
// field built on it. See doc.go for the index formulas.
type Layout struct {
	Global [Nd]int // global extents
	Procs  [Nd]int // process grid
	Local  [Nd]int // local extents, Global / Procs
	Lanes  [Nd]int // sub-lattices (virtual nodes) per direction; product W
	Tile   [Nd]int // tile extents, Local / Lanes
	W      int     // SIMD lanes per tile

	Volume       int // local sites
	GlobalVolume int // global sites
	NTiles       int // tiles, Volume / W

	Comm   comm.Comm
	Cart   comm.Cart
	Rank   int
	Coords [Nd]int // this rank's position in the process grid

	hop      [2 * Nd][]int32           // neighbour tile of each tile, per hop direction
	perm     [2 * Nd][]int             // lane permutation of a hop that crosses a tile boundary
	lanePerm [2 * Nd]*kernels.LanePerm // perm prepared for the permutation kernels
	face     [2 * Nd]faceMap           // tiles and lanes whose hop crosses the tile boundary
	nbrRank  [2 * Nd]int
	threads  int
	team     *workers // the thread team of ParallelFor, started on first use
	teamOnce sync.Once

	shared     *SharedHalo // node-shared halo memory (sharedhalo.go)
	sharedErr  error
	sharedOnce sync.Once
}

// Options are the optional settings of New.
type Options struct {
	// Procs is the process grid; the zero value asks New to factorise the
	// communicator size over the lattice (see AutoProcs).
	Procs [Nd]int
	// W is the number of SIMD lanes per tile: 1, 2, 4, 8 or 16. Zero means 1.
	W int
	// Lanes fixes the split of the W lanes over the directions; the zero
	// value lets New choose (see LaneSplitFor).
	Lanes [Nd]int
	// Threads is the number of goroutines a rank uses in its site loops;
	// zero means 1.
	Threads int
}

// New builds the layout of a lattice with the given global extents on the
// ranks of c. Every rank must call it with the same arguments (it makes no
// communication, but the geometry must agree).
func New(c comm.Comm, global [Nd]int, opt Options) (*Layout, error) {
	l := &Layout{Global: global, Comm: c, Rank: c.Rank(), W: opt.W, threads: opt.Threads}
	if l.W == 0 {
		l.W = 1
	}
	if l.threads <= 0 {
		l.threads = 1
	}
	for mu, g := range global {
		if g <= 0 {
			return nil, fmt.Errorf("lattice extent %d in direction %s must be positive (give --grid X.Y.Z.T)", g, DirName[mu])
		}
		if g%2 != 0 {
			return nil, fmt.Errorf("lattice extent %d in direction %s is odd: even-odd preconditioning needs even extents", g, DirName[mu])
		}
	}
	procs := opt.Procs
	if procs == ([Nd]int{}) {
		var err error
		if procs, err = AutoProcs(global, c.Size()); err != nil {
			return nil, err
		}
	}
	cart, err := comm.NewCart(procs, c.Size())
	if err != nil {
		return nil, fmt.Errorf("process grid %s: %w", FormatDims(procs), err)
	}
	l.Procs, l.Cart = procs, cart
	l.Coords = cart.Coords(l.Rank)
	l.Volume, l.GlobalVolume = 1, 1
	for mu := range Nd {
		if procs[mu] <= 0 || global[mu]%procs[mu] != 0 {
			return nil, fmt.Errorf("lattice extent %d in direction %s is not divisible by %d processes (--mpi %s): choose a process grid that divides --grid %s",
				global[mu], DirName[mu], procs[mu], FormatDims(procs), FormatDims(global))
		}
		l.Local[mu] = global[mu] / procs[mu]
		if l.Local[mu]%2 != 0 {
			return nil, fmt.Errorf("local extent %d in direction %s (global %d over %d processes) is odd: even-odd ordering needs even local extents; use fewer processes in %s",
				l.Local[mu], DirName[mu], global[mu], procs[mu], DirName[mu])
		}
		l.Volume *= l.Local[mu]
		l.GlobalVolume *= global[mu]
	}
	lanes := opt.Lanes
	if lanes == ([Nd]int{}) {
		if lanes, err = LaneSplitFor(l.Local, procs, l.W); err != nil {
			return nil, err
		}
	}
	prod := 1
	for mu := range Nd {
		prod *= lanes[mu]
		if lanes[mu] <= 0 || l.Local[mu]%(2*lanes[mu]) != 0 {
			return nil, fmt.Errorf("SIMD lane split %s does not divide local extents %s into even tiles", FormatDims(lanes), FormatDims(l.Local))
		}
		l.Tile[mu] = l.Local[mu] / lanes[mu]
	}
	if prod != l.W {
		return nil, fmt.Errorf("SIMD lane split %s has %d lanes, not W = %d", FormatDims(lanes), prod, l.W)
	}
	l.Lanes = lanes
	l.NTiles = l.Volume / l.W
	for d := range 2 * Nd {
		l.nbrRank[d] = cart.Neighbour(l.Rank, d/2, HopSign(d))
	}
	if err := l.buildNeighbours(); err != nil {
		return nil, err
	}
	return l, nil
}

// DirName names the four directions.
var DirName = [Nd]string{"x", "y", "z", "t"}

// FormatDims writes extents as "X.Y.Z.T", the form of --grid and --mpi.
func FormatDims(d [Nd]int) string {
	return fmt.Sprintf("%d.%d.%d.%d", d[0], d[1], d[2], d[3])
}

// ParseDims reads "X.Y.Z.T" (four positive integers separated by dots).
func ParseDims(s string) ([Nd]int, error) {
	var d [Nd]int
	var extra string
	n, _ := fmt.Sscanf(s+" end", "%d.%d.%d.%d %s", &d[0], &d[1], &d[2], &d[3], &extra)
	if n != 5 || extra != "end" {
		return d, fmt.Errorf("%q is not of the form X.Y.Z.T (four positive integers separated by dots)", s)
	}
	for _, v := range d {
		if v <= 0 {
			return d, fmt.Errorf("%q has an extent that is not positive", s)
		}
	}
	return d, nil
}

// AutoProcs factorises n ranks over the lattice: each prime factor of n,
// largest first, splits the direction with the largest local extent that it
// divides into even parts (t before z, y, x on ties), which keeps the halo
// surface small. It fails, naming n and the extents, when no split exists.
func AutoProcs(global [Nd]int, n int) ([Nd]int, error) {
	procs := [Nd]int{1, 1, 1, 1}
	if n <= 0 {
		return procs, fmt.Errorf("cannot split a lattice over %d ranks", n)
	}
	var factors []int
	for m, p := n, 2; m > 1; {
		if m%p == 0 {
			factors = append(factors, p)
			m /= p
		} else {
			p++
		}
	}
	for i := len(factors) - 1; i >= 0; i-- {
		p := factors[i]
		best := -1
		for mu := Nd - 1; mu >= 0; mu-- {
			loc := global[mu] / procs[mu]
			if loc%p != 0 || (loc/p)%2 != 0 {
				continue
			}
			if best < 0 || loc > global[best]/procs[best] {
				best = mu
			}
		}
		if best < 0 {
			return procs, fmt.Errorf("cannot split lattice %s over %d ranks into even local extents (stuck at factor %d with process grid %s): choose another rank count or give --mpi",
				FormatDims(global), n, p, FormatDims(procs))
		}
		procs[best] *= p
	}
	return procs, nil
}

// LaneSplit chooses how W lanes split over the directions of a local
// lattice: each factor 2 of W halves the direction with the largest tile
// extent that stays even (t before z, y, x on ties), as Grid does. W must be
// a power of two up to 16.
func LaneSplit(local [Nd]int, w int) ([Nd]int, error) {
	return laneSplit(local, [Nd]bool{}, w)
}

// LaneSplitFor is LaneSplit on a process grid: a direction split over
// ranks (procs[mu] > 1) gets lanes only when no other direction can take
// another factor 2. With lanes in a split direction the boundary tiles take
// the halo in some lanes only, which the hopping term must gather lane by
// lane; with one lane there, the halo rows are read in place. (8^4 on two
// ranks in t, W = 16: LaneSplit gives lanes 2.2.2.2 and tiles of t extent
// 2, every tile a boundary tile; LaneSplitFor gives 2.2.4.1.) When that
// preference leaves no even split, it returns LaneSplit's.
func LaneSplitFor(local, procs [Nd]int, w int) ([Nd]int, error) {
	var avoid [Nd]bool
	for mu, p := range procs {
		avoid[mu] = p > 1
	}
	if lanes, err := laneSplit(local, avoid, w); err == nil {
		return lanes, nil
	}
	return LaneSplit(local, w)
}

// laneSplit is LaneSplit preferring the directions not in avoid.
func laneSplit(local [Nd]int, avoid [Nd]bool, w int) ([Nd]int, error) {
	lanes := [Nd]int{1, 1, 1, 1}
	switch w {
	case 1, 2, 4, 8, 16:
	default:
		return lanes, fmt.Errorf("SIMD width W = %d: must be 1, 2, 4, 8 or 16", w)
	}
	for m := w; m > 1; m /= 2 {
		best := -1
		for mu := Nd - 1; mu >= 0; mu-- {
			tile := local[mu] / lanes[mu]
			if tile%4 != 0 {
				continue // halving must leave an even tile extent
			}
			switch {
			case best < 0:
				best = mu
			case avoid[best] != avoid[mu]: // prefer a direction that is not split over ranks
				if avoid[best] {
					best = mu
				}
			case tile > local[best]/lanes[best]:
				best = mu
			}
		}
		if best < 0 {
			return lanes, fmt.Errorf("SIMD width W = %d does not divide local extents %s into even tiles (each split direction needs a local extent divisible by 4, 8, ...): use a smaller W or fewer ranks",
				w, FormatDims(local))
		}
		lanes[best] *= 2
	}
	return lanes, nil
}

// Threads is the number of goroutines a rank uses in its site loops.
func (l *Layout) Threads() int { return l.threads }

// String describes the layout in one line.
func (l *Layout) String() string {
	return fmt.Sprintf("grid %s on %d ranks (mpi %s), local %s, W=%d lanes %s, tile %s",
		FormatDims(l.Global), l.Cart.Size(), FormatDims(l.Procs), FormatDims(l.Local), l.W,
		FormatDims(l.Lanes), FormatDims(l.Tile))
}

// ParseCoord reads a site coordinate "x.y.z.t" (four non-negative integers
// separated by dots).
func ParseCoord(s string) ([Nd]int, error) {
	var d [Nd]int
	var extra string
	n, _ := fmt.Sscanf(s+" end", "%d.%d.%d.%d %s", &d[0], &d[1], &d[2], &d[3], &extra)
	if n != 5 || extra != "end" {
		return d, fmt.Errorf("%q is not a coordinate of the form x.y.z.t (four integers separated by dots)", s)
	}
	for _, v := range d {
		if v < 0 {
			return d, fmt.Errorf("%q has a negative coordinate", s)
		}
	}
	return d, nil
}
