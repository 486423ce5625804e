package jobs

import (
	"fmt"
	"slices"

	"github.com/goqcd/goqcd/jobs/scaling"
	"github.com/goqcd/goqcd/layout"
)

// ProcessGrid chooses the 4-d process grid of nodes x ranksPerNode ranks
// for a lattice. Among every factorisation P of the rank count with even
// local extents it takes, in order of preference:
//
//  1. one whose first ranksPerNode ranks (numbered x fastest, as comm.Cart
//     does, and placed on nodes in rank order, as rank-map-bychip and
//     Slurm's block distribution do) form a block of the process grid, so
//     that every node holds a box of the lattice (scaling.NodeBlock);
//  2. the smallest halo surface per rank, sum over split directions of
//     V_local / L_mu (the sites a rank sends per hopping term);
//  3. the least inter-node halo per node (more of the surface inside nodes);
//  4. more ranks along t, then z, then y (the order of layout.AutoProcs).
//
// A lattice that no factorisation splits into even local extents is an
// error that names the rank count and the extents.
func ProcessGrid(grid [layout.Nd]int, nodes, ranksPerNode int) ([layout.Nd]int, error) {
	ranks := nodes * ranksPerNode
	if nodes < 1 || ranksPerNode < 1 {
		return [layout.Nd]int{}, fmt.Errorf("%d nodes x %d ranks per node: both must be at least 1", nodes, ranksPerNode)
	}
	type cand struct {
		p       [layout.Nd]int
		blocked bool
		surface int
		inter   int
	}
	var best *cand
	better := func(a, b *cand) bool {
		if a.blocked != b.blocked {
			return a.blocked
		}
		if a.surface != b.surface {
			return a.surface < b.surface
		}
		if a.inter != b.inter {
			return a.inter < b.inter
		}
		for mu := layout.Nd - 1; mu >= 0; mu-- {
			if a.p[mu] != b.p[mu] {
				return a.p[mu] > b.p[mu]
			}
		}
		return false
	}
	for _, p := range factorisations(ranks) {
		local, err := scaling.LocalExtents(grid, p)
		if err != nil {
			continue
		}
		vol := local[0] * local[1] * local[2] * local[3]
		nb, blocked := scaling.NodeBlock(p, min(ranksPerNode, ranks))
		c := cand{p: p, blocked: blocked}
		for mu := range layout.Nd {
			if p[mu] == 1 {
				continue
			}
			face := vol / local[mu]
			c.surface += face
			if nb[mu] < p[mu] {
				c.inter += 2 * (ranksPerNode / nb[mu]) * face
			}
		}
		if best == nil || better(&c, best) {
			best = &c
		}
	}
	if best == nil {
		if _, err := layout.AutoProcs(grid, ranks); err != nil {
			return [layout.Nd]int{}, fmt.Errorf("%d nodes x %d ranks per node: %w", nodes, ranksPerNode, err)
		}
		return [layout.Nd]int{}, fmt.Errorf("cannot split lattice %s over %d ranks (%d nodes x %d ranks per node) into even local extents: choose another node count",
			layout.FormatDims(grid), ranks, nodes, ranksPerNode)
	}
	return best.p, nil
}

// factorisations returns every 4-tuple of positive integers whose product
// is n.
func factorisations(n int) [][layout.Nd]int {
	var divs []int
	for d := 1; d <= n; d++ {
		if n%d == 0 {
			divs = append(divs, d)
		}
	}
	var out [][layout.Nd]int
	for _, a := range divs {
		for _, b := range divs {
			if (n/a)%b != 0 {
				continue
			}
			for _, c := range divs {
				if (n/a/b)%c != 0 {
					continue
				}
				out = append(out, [layout.Nd]int{a, b, c, n / a / b / c})
			}
		}
	}
	return out
}

// NodeShape returns the 3-d node shape (Tofu's virtual 3-d torus) of a
// process grid whose nodes hold blocks of ranksPerNode ranks: the node grid
// G = procs / node block is 4-d, and two neighbouring directions of it are
// merged into one axis, (G0*G1, G2, G3), (G0, G1*G2, G3) or (G0, G1, G2*G3),
// the merge whose inner extent is smallest (the outer direction's
// neighbours are that far apart on the merged axis; the inner ones are
// adjacent). Nodes are numbered like ranks, x fastest, which is the order
// in which rank-map-bychip fills an AxBxC shape. ok is false when the
// ranks of a node do not form a block.
func NodeShape(procs [layout.Nd]int, ranksPerNode int) (shape [3]int, ok bool) {
	nb, ok := scaling.NodeBlock(procs, ranksPerNode)
	if !ok {
		return shape, false
	}
	var g [layout.Nd]int
	for mu := range layout.Nd {
		g[mu] = procs[mu] / nb[mu]
	}
	options := [][3]int{{g[0] * g[1], g[2], g[3]}, {g[0], g[1] * g[2], g[3]}, {g[0], g[1], g[2] * g[3]}}
	inner := []int{g[0], g[1], g[2]}
	i := slices.Index(inner, slices.Min(inner))
	return options[i], true
}

// ProcsChooser returns ProcessGrid as a function of the rank count, for
// scaling.Problem.ProcsFor, so that the model predicts the process grids
// the jobs run.
func ProcsChooser(grid [layout.Nd]int, ranksPerNode int) func(ranks int) ([layout.Nd]int, error) {
	return func(ranks int) ([layout.Nd]int, error) {
		if ranksPerNode < 1 || ranks%ranksPerNode != 0 {
			return [layout.Nd]int{}, fmt.Errorf("%d ranks are not whole nodes of %d ranks", ranks, ranksPerNode)
		}
		return ProcessGrid(grid, ranks/ranksPerNode, ranksPerNode)
	}
}
