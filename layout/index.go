package layout

// Hop directions number the 8 nearest neighbours: d = 2*mu for +mu and
// d = 2*mu+1 for -mu.
const NHops = 2 * Nd

// HopSign is +1 for a forward hop direction and -1 for a backward one.
func HopSign(d int) int { return 1 - 2*(d&1) }

// HopDir is the hop direction of a step of sign s (+1 or -1) along mu.
func HopDir(mu, s int) int {
	if s > 0 {
		return 2 * mu
	}
	return 2*mu + 1
}

// TileLane gives the tile and lane of a local site coordinate
// (0 <= x[mu] < Local[mu]). See doc.go for the formulas.
func (l *Layout) TileLane(x [Nd]int) (tile, lane int) {
	var t, s [Nd]int
	for mu := range Nd {
		s[mu] = x[mu] / l.Tile[mu]
		t[mu] = x[mu] % l.Tile[mu]
	}
	return l.tileIndex(t), l.laneIndex(s)
}

// tileIndex is the even-odd tile index of tile coordinates t.
func (l *Layout) tileIndex(t [Nd]int) int {
	lex := t[0] + l.Tile[0]*(t[1]+l.Tile[1]*(t[2]+l.Tile[2]*t[3]))
	p := (t[0] + t[1] + t[2] + t[3]) & 1
	return p*(l.NTiles/2) + lex/2
}

func (l *Layout) laneIndex(s [Nd]int) int {
	return s[0] + l.Lanes[0]*(s[1]+l.Lanes[1]*(s[2]+l.Lanes[2]*s[3]))
}

// TileCoords inverts tileIndex: the tile coordinates of a tile.
func (l *Layout) TileCoords(tile int) [Nd]int {
	half := l.NTiles / 2
	p := tile / half
	h := tile % half
	// lex = 2h or 2h+1; the one whose coordinate sum has parity p.
	for lex := 2 * h; lex <= 2*h+1; lex++ {
		var t [Nd]int
		r := lex
		for mu := range Nd {
			t[mu] = r % l.Tile[mu]
			r /= l.Tile[mu]
		}
		if (t[0]+t[1]+t[2]+t[3])&1 == p {
			return t
		}
	}
	panic("layout: inconsistent tile index") // unreachable: Tile[0] is even
}

// LaneCoords is the sub-lattice coordinate of a lane.
func (l *Layout) LaneCoords(lane int) [Nd]int {
	var s [Nd]int
	for mu := range Nd {
		s[mu] = lane % l.Lanes[mu]
		lane /= l.Lanes[mu]
	}
	return s
}

// LocalCoords gives the local site coordinate of (tile, lane).
func (l *Layout) LocalCoords(tile, lane int) [Nd]int {
	t, s := l.TileCoords(tile), l.LaneCoords(lane)
	var x [Nd]int
	for mu := range Nd {
		x[mu] = s[mu]*l.Tile[mu] + t[mu]
	}
	return x
}

// GlobalCoords gives the global coordinate of (tile, lane) on this rank.
func (l *Layout) GlobalCoords(tile, lane int) [Nd]int {
	x := l.LocalCoords(tile, lane)
	for mu := range Nd {
		x[mu] += l.Coords[mu] * l.Local[mu]
	}
	return x
}

// Locate gives the rank, tile and lane that hold a global coordinate
// (taken modulo the global extents).
func (l *Layout) Locate(g [Nd]int) (rank, tile, lane int) {
	var pc, x [Nd]int
	for mu := range Nd {
		v := ((g[mu] % l.Global[mu]) + l.Global[mu]) % l.Global[mu]
		pc[mu] = v / l.Local[mu]
		x[mu] = v % l.Local[mu]
	}
	tile, lane = l.TileLane(x)
	return l.Cart.RankOf(pc), tile, lane
}

// GlobalIndex is the lexicographic index of a global coordinate, x fastest:
// x + X*(y + Y*(z + Z*t)). It keys the random number generator and file
// I/O, so it never depends on the process grid or W.
func (l *Layout) GlobalIndex(g [Nd]int) int {
	return g[0] + l.Global[0]*(g[1]+l.Global[1]*(g[2]+l.Global[2]*g[3]))
}

// Parity of a global coordinate: 0 even, 1 odd.
func Parity(g [Nd]int) int { return (g[0] + g[1] + g[2] + g[3]) & 1 }

// TileParity is the parity of every site of a tile: 0 for the first half of
// the tiles, 1 for the second.
func (l *Layout) TileParity(tile int) int { return tile / (l.NTiles / 2) }
