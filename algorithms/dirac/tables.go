package dirac

import (
	"fmt"

	"github.com/goqcd/goqcd/layout"
)

// hopTables are the neighbour tables of the hopping kernels, per output
// parity p (tile indices i counted from the first tile of parity p; the
// neighbours, of parity 1-p, counted from the first tile of parity 1-p).
// See kernels.WilsonHop for their meaning.
type hopTables struct {
	nbr   [2][]int32 // [i*8+d]
	cross [2][]uint8 // [i], bit d
	halo  [2][]int32 // [i*8+d]: row in the parity-p receive buffer of hop d, or -1
	// interior tiles have every hop on this rank; boundary tiles read the
	// halo for at least one hop.
	interior, boundary [2][]int32
	// send[p][d] are the tiles of parity 1-p (counted from the first such
	// tile) whose projected half-spinors the neighbour rank needs to
	// complete hop d of its parity-p sites, in the order of its rows.
	send [2][layout.NHops][]int32
	rows [2][layout.NHops]int

	perm      [layout.NHops][]int32
	haloLanes [layout.NHops][]int32
	sendLanes [layout.NHops][]int32
}

// newHopTables derives the tables from the layout.
//
// Halo rows: the layout orders the boundary tiles of hop d by their face
// index f, and the sender orders its send tiles by the same f. A
// boundary tile and the send tile of the same f differ by Tile[mu]-1 (odd)
// in one tile coordinate, so they have opposite parities: numbering the
// boundary tiles of parity p by increasing f on the receiver and the send
// tiles of parity 1-p by increasing f on the sender gives the same rows,
// and each parity's exchange carries only the half-spinors it needs.
func newHopTables(l *layout.Layout) (*hopTables, error) {
	t := &hopTables{}
	half := l.NTiles / 2
	for p := range 2 {
		t.nbr[p] = make([]int32, layout.NHops*half)
		t.cross[p] = make([]uint8, half)
		t.halo[p] = make([]int32, layout.NHops*half)
		for i := range t.halo[p] {
			t.halo[p][i] = -1
		}
	}
	for d := range layout.NHops {
		hop := l.Hop(d)
		for tile := range l.NTiles {
			p := l.TileParity(tile)
			t.nbr[p][layout.NHops*(tile-p*half)+d] = hop[tile] - int32((1-p)*half)
		}
		for _, tile := range l.BoundaryTiles(d) {
			p := l.TileParity(int(tile))
			t.cross[p][int(tile)-p*half] |= 1 << d
		}
		t.perm[d] = toInt32(l.LanePerm(d))
		t.haloLanes[d] = toInt32(l.HaloLanes(d))
		t.sendLanes[d] = toInt32(l.SendLanes(d))
		if !l.Split(d) {
			continue
		}
		for _, tile := range l.BoundaryTiles(d) {
			p := l.TileParity(int(tile))
			t.halo[p][layout.NHops*(int(tile)-p*half)+d] = int32(t.rows[p][d])
			t.rows[p][d]++
		}
		for _, tile := range l.SendTiles(d) {
			q := l.TileParity(int(tile)) // the receiver's output parity is 1-q
			t.send[1-q][d] = append(t.send[1-q][d], tile-int32(q*half))
		}
		for p := range 2 {
			if len(t.send[p][d]) != t.rows[p][d] {
				return nil, fmt.Errorf("dirac: layout faces of hop %d do not pair parities (%d send tiles, %d boundary tiles of parity %d)",
					d, len(t.send[p][d]), t.rows[p][d], p)
			}
		}
	}
	for p := range 2 {
		for i := range half {
			onRank := true
			for d := range layout.NHops {
				if t.halo[p][layout.NHops*i+d] >= 0 {
					onRank = false
				}
			}
			if onRank {
				t.interior[p] = append(t.interior[p], int32(i))
			} else {
				t.boundary[p] = append(t.boundary[p], int32(i))
			}
		}
	}
	return t, nil
}

func toInt32(s []int) []int32 {
	o := make([]int32, len(s))
	for i, v := range s {
		o[i] = int32(v)
	}
	return o
}
