package layout

import (
	"fmt"

	"github.com/goqcd/goqcd/kernels"
)

// faceMap lists, for one hop direction, the sites whose neighbour lies across
// the tile boundary, and the sites a rank sends so that its neighbour rank
// can complete that hop. Face tiles are ordered by the face index f, the
// lexicographic index of the three tile coordinates other than mu; face
// lanes by k, the lexicographic index of the three lane coordinates other
// than mu. Sender and receiver enumerate f and k alike, so a halo buffer
// ordered [f][component][re|im][k] needs no index exchange.
type faceMap struct {
	recvTiles []int32 // tiles whose hop crosses the tile boundary, by f
	sendTiles []int32 // tiles of the opposite face, by f
	recvLanes []int   // lanes whose hop crosses the rank boundary, by k
	sendLanes []int   // lanes of the opposite face, by k
	interior  []int32 // tiles whose hop stays inside the tile grid
	faceOf    []int32 // face index f of each tile, -1 for interior tiles
}

func (l *Layout) buildNeighbours() error {
	for d := range NHops {
		mu, s := d/2, HopSign(d)
		l.hop[d] = make([]int32, l.NTiles)
		l.perm[d] = make([]int, l.W)
		fm := &l.face[d]
		nf := l.NTiles / l.Tile[mu]
		fm.recvTiles = make([]int32, nf)
		fm.sendTiles = make([]int32, nf)
		fm.faceOf = make([]int32, l.NTiles)
		for tile := range l.NTiles {
			t := l.TileCoords(tile)
			n := t
			n[mu] = (t[mu] + s + l.Tile[mu]) % l.Tile[mu]
			l.hop[d][tile] = int32(l.tileIndex(n))
			edge := l.Tile[mu] - 1 // coordinate whose forward hop crosses
			if s < 0 {
				edge = 0
			}
			switch t[mu] {
			case edge:
				fm.recvTiles[l.faceIndex(t, mu)] = int32(tile)
				fm.faceOf[tile] = int32(l.faceIndex(t, mu))
			default:
				fm.interior = append(fm.interior, int32(tile))
				fm.faceOf[tile] = -1
			}
			if t[mu] == l.Tile[mu]-1-edge {
				fm.sendTiles[l.faceIndex(t, mu)] = int32(tile)
			}
		}
		nk := l.W / l.Lanes[mu]
		fm.recvLanes = make([]int, nk)
		fm.sendLanes = make([]int, nk)
		edge := l.Lanes[mu] - 1
		if s < 0 {
			edge = 0
		}
		for lane := range l.W {
			c := l.LaneCoords(lane)
			n := c
			n[mu] = (c[mu] + s + l.Lanes[mu]) % l.Lanes[mu]
			l.perm[d][lane] = l.laneIndex(n)
			if c[mu] == edge {
				fm.recvLanes[l.laneFaceIndex(c, mu)] = lane
			}
			if c[mu] == l.Lanes[mu]-1-edge {
				fm.sendLanes[l.laneFaceIndex(c, mu)] = lane
			}
		}
		p, err := kernels.NewLanePerm(l.perm[d])
		if err != nil {
			return fmt.Errorf("layout: lanes of hop %d: %w", d, err)
		}
		l.lanePerm[d] = p
	}
	return nil
}

// faceIndex is the lexicographic index of the tile coordinates other than mu.
func (l *Layout) faceIndex(t [Nd]int, mu int) int {
	f, stride := 0, 1
	for nu := range Nd {
		if nu == mu {
			continue
		}
		f += t[nu] * stride
		stride *= l.Tile[nu]
	}
	return f
}

func (l *Layout) laneFaceIndex(c [Nd]int, mu int) int {
	k, stride := 0, 1
	for nu := range Nd {
		if nu == mu {
			continue
		}
		k += c[nu] * stride
		stride *= l.Lanes[nu]
	}
	return k
}

// Hop returns the neighbour tile of every tile for hop direction d: the
// site (tile, lane) has its neighbour at (Hop(d)[tile], lane) when the hop
// stays inside the tile grid, and at (Hop(d)[tile], LanePerm(d)[lane]) when
// it crosses the tile boundary (see BoundaryTiles); lanes in
// HaloLanes(d) of boundary tiles take their value from the halo instead
// when the process grid is split along the hop (Split).
func (l *Layout) Hop(d int) []int32 { return l.hop[d] }

// LanePerm is the lane rotation of a hop across the tile boundary: lane i
// of a boundary tile reads lane LanePerm(d)[i] of its neighbour tile.
func (l *Layout) LanePerm(d int) []int { return l.perm[d] }

// BoundaryTiles are the tiles whose hop d crosses the tile boundary, in face
// order f (the order of the halo buffers).
func (l *Layout) BoundaryTiles(d int) []int32 { return l.face[d].recvTiles }

// InteriorTiles are the tiles whose hop d stays inside the tile grid.
func (l *Layout) InteriorTiles(d int) []int32 { return l.face[d].interior }

// SendTiles are the tiles this rank packs, in face order f, for the
// neighbour rank that completes hop d with them.
func (l *Layout) SendTiles(d int) []int32 { return l.face[d].sendTiles }

// HaloLanes are the lanes of boundary tiles whose hop d leaves the rank, in
// face lane order k.
func (l *Layout) HaloLanes(d int) []int { return l.face[d].recvLanes }

// SendLanes are the lanes of SendTiles that this rank packs, in order k.
func (l *Layout) SendLanes(d int) []int { return l.face[d].sendLanes }

// Split reports whether the process grid is split along the direction of
// hop d, so that the hop needs a halo exchange.
func (l *Layout) Split(d int) bool { return l.Procs[d/2] > 1 }

// NeighbourRank is the rank that holds the neighbours of hop d across the
// rank boundary.
func (l *Layout) NeighbourRank(d int) int { return l.nbrRank[d] }

// FaceSites is the number of sites in the face of hop d (the halo size).
func (l *Layout) FaceSites(d int) int { return l.Volume / l.Local[d/2] }
