package kernels_arm64

import (
	"fmt"
	"math"
	"sync/atomic"
	"unsafe"
)

// Float is the precision of kernel data.
type Float interface{ ~float32 | ~float64 }

// Phase codes of the spin projection, as kernels.Phase: the unit phases
// +1, -1, +i, -i.
const (
	plusOne = iota
	minusOne
	plusI
	minusI
)

// hopProjection is kernels.HopProjection, the spin projection of hop d in
// the chiral DeGrand-Rossi basis: h_a = psi_a + C[a] psi_J[a], and after
// the link multiplication r_a = u_a, r_J[a] = conj(C[a]) u_a. The
// generator (_gen/wilson.go) holds the same table; the tests of package
// kernels check the assembled kernels against dense gamma matrices.
var hopProjection = [8]struct {
	j [2]int
	c [2]int
}{
	{[2]int{3, 2}, [2]int{minusI, minusI}},     // +x: 1 - gamma_x
	{[2]int{3, 2}, [2]int{plusI, plusI}},       // -x: 1 + gamma_x
	{[2]int{3, 2}, [2]int{plusOne, minusOne}},  // +y
	{[2]int{3, 2}, [2]int{minusOne, plusOne}},  // -y
	{[2]int{2, 3}, [2]int{minusI, plusI}},      // +z
	{[2]int{2, 3}, [2]int{plusI, minusI}},      // -z
	{[2]int{2, 3}, [2]int{minusOne, minusOne}}, // +t
	{[2]int{2, 3}, [2]int{plusOne, plusOne}},   // -t
}

func conjPhase(p int) int {
	switch p {
	case plusI:
		return minusI
	case minusI:
		return plusI
	}
	return p
}

// mulPhase returns p * (re + i im).
func mulPhase[F Float](p int, re, im F) (F, F) {
	switch p {
	case minusOne:
		return -re, -im
	case plusI:
		return -im, re
	case minusI:
		return im, -re
	}
	return re, im
}

// Sizes, in rows of W numbers, of the operands of the tile kernels.
const (
	SpinorRows = 24     // one spinor tile: 12 complex components
	LinkRows   = 8 * 18 // the eight link matrices of one tile
	CloverRows = 72     // the two packed Hermitian 6x6 blocks of one tile

	// CompactLinkRows: the eight compact links of one tile (13 rows per
	// hop: rows 0 and 1 of L_d and the sign row, kernels/wilson_compact.go).
	CompactLinkRows = 8 * 13
	// CompactAccRows: the scratch of the compact-link kernels, the
	// accumulator and the rebuilt third link row of the current hop.
	CompactAccRows = SpinorRows + 6
)

// linkRows and accRows are the link rows per tile and the scratch rows of
// the full or compact kernels.
func linkRows(compact bool) int {
	if compact {
		return CompactLinkRows
	}
	return LinkRows
}

func accRows(compact bool) int {
	if compact {
		return CompactAccRows
	}
	return SpinorRows
}

// checkWilsonTile panics unless every operand of a Wilson tile kernel of
// w lanes (compact: one that reads compact links) is long enough (x may be
// empty: no added field).
func checkWilsonTile[F Float](w int, compact bool, dst, x, acc []F, src *[8][]F, links []F) {
	if w < 1 {
		panic(fmt.Sprintf("kernels_arm64: Wilson tile kernel with %d lanes (no such vector unit?)", w))
	}
	n := SpinorRows * w
	short := len(dst) < n || len(acc) < accRows(compact)*w || (len(x) > 0 && len(x) < n) || len(links) < linkRows(compact)*w
	for d := range src {
		short = short || len(src[d]) < n
	}
	if short {
		panic(fmt.Sprintf("kernels_arm64: Wilson tile kernel of %d lanes: an operand is shorter than a tile "+
			"(dst %d, x %d, acc %d, links %d reals)", w, len(dst), len(x), len(acc), len(links)))
	}
}

// checkClover panics unless the operands of a clover kernel of w lanes
// hold n tiles.
func checkClover[F Float](w int, dst, src, clov []F, n int) {
	if w < 1 || n < 0 {
		panic(fmt.Sprintf("kernels_arm64: clover kernel with %d lanes on %d tiles", w, n))
	}
	if len(dst) < n*SpinorRows*w || len(src) < n*SpinorRows*w || len(clov) < n*CloverRows*w {
		panic(fmt.Sprintf("kernels_arm64: clover kernel of %d lanes on %d tiles: dst %d, src %d, clov %d reals are too short",
			w, n, len(dst), len(src), len(clov)))
	}
}

// wilsonTileGo is the Go twin of the Wilson tile kernels (WilsonTileNEON64
// ...), for any w: with rows r of w numbers (spinor row 2*(3*spin +
// colour) + reim, link row 2*(9*d + 3*i + j) + reim),
//
//	for d := range 8:
//	    h_a  = src[d]_a + C_d[a] src[d]_J[a]                 (a = 0, 1)
//	    u_a  = L_d h_a,  L_d the 3x3 complex matrix at link rows 18d..18d+17
//	    acc_a += u_a,  acc_J[a] += conj(C_d[a]) u_a            (d = 0 stores)
//	dst = x + a*acc   (x empty: dst = a*acc)
//
// acc is scratch of one tile. x may be dst; src must not overlap dst or acc.
func wilsonTileGo[F Float](w int, dst, x, acc []F, src *[8][]F, links []F, a F) {
	checkWilsonTile(w, false, dst, x, acc, src, links)
	wilsonTileFull(w, dst, x, acc, src, links, a)
}

// wilsonTileCompactGo is the Go twin of the compact-link tile kernels
// (WilsonTileCompactNEON64/32, WilsonTileCompactSVE64/32): wilsonTileGo
// with links of CompactLinkRows rows (13 per hop), each link's third row
// rebuilt by expandLinkGo, and acc of CompactAccRows rows.
func wilsonTileCompactGo[F Float](w int, dst, x, acc []F, src *[8][]F, links []F, a F) {
	checkWilsonTile(w, true, dst, x, acc, src, links)
	full := make([]F, LinkRows*w)
	for d := range 8 {
		expandLinkGo(full[18*d*w:18*(d+1)*w], links[13*d*w:13*(d+1)*w], w)
	}
	wilsonTileFull(w, dst, x, acc, src, full, a)
}

// expandLinkGo is kernels.ExpandLink (which this package cannot import):
// the 18 rows of one link u from its 13 compact rows c, the third row
// s * conj(row0 x row1) in this order ((j, k, l) cyclic):
//
//	re = (((r0k.re r1l.re - r0k.im r1l.im) - r0l.re r1k.re) + r0l.im r1k.im) * s
//	im = (((r0l.re r1k.im + r0l.im r1k.re) - r0k.re r1l.im) - r0k.im r1l.re) * s
//
// In float64 the second to fourth products are fused into the sum with
// math.FMA, as the compact kernels' FMLA and FMLS: the same bits. In float32 the second to fourth
// products are fused into the sum (kernels.rebuild32; the kernels' FMLA
// and FMLS): expandLink32 writes them one multiply-add per statement,
// which the Go compiler fuses on arm64 (elsewhere the tests' tolerance
// covers the difference).
func expandLinkGo[F Float](u, c []F, w int) {
	copy(u[:12*w], c[:12*w])
	s := c[12*w : 13*w]
	at := func(i, j, ri, l int) F { return c[(2*(3*i+j)+ri)*w+l] }
	for j := range 3 {
		k, l := (j+1)%3, (j+2)%3
		for x := range w {
			r0kr, r0ki := at(0, k, 0, x), at(0, k, 1, x)
			r0lr, r0li := at(0, l, 0, x), at(0, l, 1, x)
			r1kr, r1ki := at(1, k, 0, x), at(1, k, 1, x)
			r1lr, r1li := at(1, l, 0, x), at(1, l, 1, x)
			var o, m F
			if isFloat32[F]() {
				o, m = expandLink32(r0kr, r0ki, r0lr, r0li, r1kr, r1ki, r1lr, r1li)
			} else {
				o, m = expandLink64(r0kr, r0ki, r0lr, r0li, r1kr, r1ki, r1lr, r1li)
			}
			u[(12+2*j)*w+x] = o * s[x]
			u[(13+2*j)*w+x] = m * s[x]
		}
	}
}

// expandLink64 is the float64 sum of expandLinkGo before the sign: the
// first product rounded, the other three fused (math.FMA), as kernels.rebuild.
func expandLink64[F Float](r0kr, r0ki, r0lr, r0li, r1kr, r1ki, r1lr, r1li F) (o, m F) {
	a, b, c, d := float64(r0kr), float64(r0ki), float64(r0lr), float64(r0li)
	e, f, g, h := float64(r1kr), float64(r1ki), float64(r1lr), float64(r1li)
	oo := g * a
	oo = math.FMA(-h, b, oo)
	oo = math.FMA(-e, c, oo)
	oo = math.FMA(f, d, oo)
	mm := f * c
	mm = math.FMA(e, d, mm)
	mm = math.FMA(-h, a, mm)
	mm = math.FMA(-g, b, mm)
	return F(oo), F(mm)
}

// expandLink32 is the float32 sum of expandLinkGo before the sign: the
// first product rounded, the other three one multiply-add per statement
// (fused on arm64: FMSUBS, FMADDS).
func expandLink32[F Float](r0kr, r0ki, r0lr, r0li, r1kr, r1ki, r1lr, r1li F) (o, m F) {
	o = F(r1lr * r0kr)
	o -= r1li * r0ki
	o -= r1kr * r0lr
	o += r1ki * r0li
	m = F(r1ki * r0lr)
	m += r1kr * r0li
	m -= r1li * r0kr
	m -= r1lr * r0ki
	return o, m
}

// isFloat32 says whether F is float32.
func isFloat32[F Float]() bool {
	var z F
	return unsafe.Sizeof(z) == 4
}

// wilsonTileFull is wilsonTileGo on checked operands.
func wilsonTileFull[F Float](w int, dst, x, acc []F, src *[8][]F, links []F, a F) {
	h := make([]F, 12*w)
	u := make([]F, 12*w)
	for d := range 8 {
		pr := hopProjection[d]
		s := src[d]
		for sa := range 2 {
			for c := range 3 {
				o := 2 * (3*sa + c) * w
				y := 2 * (3*pr.j[sa] + c) * w
				for l := range w {
					qr, qi := mulPhase(pr.c[sa], s[y+l], s[y+w+l])
					h[o+l] = s[o+l] + qr
					h[o+w+l] = s[o+w+l] + qi
				}
			}
		}
		lk := links[18*d*w : 18*(d+1)*w]
		for sa := range 2 {
			for i := range 3 {
				o := 2 * (3*sa + i) * w
				for l := range w {
					var re, im F
					for j := range 3 { // in the assembly's order of operations
						e := 2 * (3*i + j) * w
						hx := 2 * (3*sa + j) * w
						ur, ui := lk[e+l], lk[e+w+l]
						hr, hi := h[hx+l], h[hx+w+l]
						if j == 0 {
							re, im = ur*hr, ur*hi
						} else {
							re += ur * hr
							im += ur * hi
						}
						re -= ui * hi
						im += ui * hr
					}
					u[o+l], u[o+w+l] = re, im
				}
			}
		}
		for sa := range 2 {
			for c := range 3 {
				o := 2 * (3*sa + c) * w
				y := 2 * (3*pr.j[sa] + c) * w
				for l := range w {
					ur, ui := u[o+l], u[o+w+l]
					rr, ri := mulPhase(conjPhase(pr.c[sa]), ur, ui)
					if d == 0 {
						acc[o+l], acc[o+w+l] = ur, ui
						acc[y+l], acc[y+w+l] = rr, ri
						continue
					}
					acc[o+l] += ur
					acc[o+w+l] += ui
					acc[y+l] += rr
					acc[y+w+l] += ri
				}
			}
		}
	}
	for k := range SpinorRows * w {
		if len(x) == 0 {
			dst[k] = a * acc[k]
		} else {
			dst[k] = x[k] + F(a*acc[k]) // rounded product: no fused multiply-add
		}
	}
}

// cloverPacked is the row, within a packed block, of the real part of
// element (i, j), i > j, of a Hermitian 6x6 matrix (kernels.CloverPacked);
// diagonal element i is at row i.
func cloverPacked(i, j int) int { return 6 + 2*(i*(i-1)/2+j) }

// cloverGo is the Go twin of the clover kernels (CloverNEON64 ...): on the
// n tiles of w lanes, for blocks b = 0, 1 and rows i = 0..5,
//
//	dst_{6b+i} = sum_j C^b_ij src_{6b+j}
//
// with C^b the Hermitian 6x6 matrix packed at clover rows 72*tile + 36*b
// (diagonal i at row i, C_ij for i > j at rows cloverPacked(i, j) and +1,
// C_ji = conj C_ij), summed diagonal first, then j ascending. dst may be
// src.
func cloverGo[F Float](w int, dst, src, clov []F, n int) {
	checkClover(w, dst, src, clov, n)
	var x [12]F
	for t := range n {
		for b := range 2 {
			sp := (SpinorRows*t + 12*b) * w
			cb := (CloverRows*t + 36*b) * w
			for l := range w {
				for k := range x {
					x[k] = src[sp+k*w+l]
				}
				m := func(e int) F { return clov[cb+e*w+l] }
				for i := range 6 {
					d := m(i)
					yr, yi := d*x[2*i], d*x[2*i+1]
					for j := range 6 {
						switch {
						case j < i: // one multiply-add at a time, as the assembly
							r, s := m(cloverPacked(i, j)), m(cloverPacked(i, j)+1)
							yr += r * x[2*j]
							yr -= s * x[2*j+1]
							yi += r * x[2*j+1]
							yi += s * x[2*j]
						case j > i:
							r, s := m(cloverPacked(j, i)), m(cloverPacked(j, i)+1)
							yr += r * x[2*j]
							yr += s * x[2*j+1]
							yi += r * x[2*j+1]
							yi -= s * x[2*j]
						}
					}
					dst[sp+2*i*w+l] = yr
					dst[sp+(2*i+1)*w+l] = yi
				}
			}
		}
	}
}

// MaxLanes is the largest W the tile-list kernels accept (kernels.MaxLanes).
const MaxLanes = 16

// Hop holds the operands of the tile-list Wilson kernels: the fields of
// kernels.WilsonHop they read, in its layout (tile indices count from the
// first tile of Dst; Nbr holds tile indices into Src). X may be empty (no
// added field) or Dst; Src must not overlap Dst. Compact: Links holds
// CompactLinkRows rows per tile.
type Hop[F Float] struct {
	Dst, X, Src, Links []F
	A                  F
	Nbr                []int32
	Cross              []uint8
	Perm               *[8][]int32
	Halo               []int32
	Compact            bool
	// Recv and HaloLanes (nil: none) are kernels.WilsonHop's received
	// rows and their lanes: the list kernels read the halo rows of the
	// hops that HaloMode allows themselves.
	Recv      *[8][]F
	HaloLanes *[8][]int32
	// Prep (nil: none) keeps, from one call of the list kernels to the
	// next, what they derive from Perm and HaloLanes (kernels.WilsonHop's
	// Prep; prep_arm64.go). Give a Hop whose Prep is set new Perm and
	// HaloLanes slices rather than changing their contents.
	Prep *atomic.Value
}

// HaloMode returns the hops whose halo rows the tile-list kernels read
// themselves (bit d), with w lanes: those whose halo lanes are distinct
// lanes in ascending order, as the layout lists them, and whose Recv holds
// at least one whole row; rows[d] is how many. With neon, only rows of 4
// or 8 bytes or of every lane (what the NEON kernels load). Bit 8+d says
// that the rows of hop d hold every lane in order. A tile with a halo row
// of another hop, or past rows[d], stops the list (the caller computes it).
// It is recvMode after laneMode: the list kernels keep laneMode's part
// from one call to the next (prep_arm64.go).
func HaloMode[F Float](h *Hop[F], w int, neon bool) (mode uint64, rows [8]int) {
	if h.Recv == nil || h.HaloLanes == nil {
		return 0, rows
	}
	return recvMode(laneMode[F](h.HaloLanes, w, neon), h.HaloLanes, h.Recv)
}

// laneMode is HaloMode before Recv: the hops whose halo lanes a list
// kernel of w lanes (neon: a NEON one) can expand (bit d), and those whose
// lanes are every lane in order (bit 8+d). It depends on the lanes alone.
func laneMode[F Float](halo *[8][]int32, w int, neon bool) (lanes uint64) {
	var z F
	for d, l := range halo {
		nk := len(l)
		if nk == 0 || nk > w || !ascendingLanes(l, w) {
			continue
		}
		if b := nk * int(unsafe.Sizeof(z)); neon && nk < w && b != 4 && b != 8 {
			continue
		}
		lanes |= 1 << d
		if nk == w {
			lanes |= 1 << (8 + d)
		}
	}
	return lanes
}

// recvMode is HaloMode for the hops of laneMode's lanes, given the halo
// lanes and Recv: a hop stays when Recv holds a whole row of it.
func recvMode[F Float](lanes uint64, halo *[8][]int32, recv *[8][]F) (mode uint64, rows [8]int) {
	if recv == nil {
		return 0, rows
	}
	for d := range 8 {
		if lanes>>d&1 == 0 {
			continue
		}
		if rows[d] = len(recv[d]) / (12 * len(halo[d])); rows[d] > 0 {
			mode |= lanes & (1<<d | 1<<(8+d))
		}
	}
	return mode, rows
}

// ascendingLanes reports whether lanes are distinct lanes of [0, w) in
// ascending order.
func ascendingLanes(lanes []int32, w int) bool {
	for k, l := range lanes {
		if l < 0 || int(l) >= w || (k > 0 && l <= lanes[k-1]) {
			return false
		}
	}
	return true
}

// ListStops reports whether the tile-list kernel stops at tile t, given
// HaloMode's mode and rows: whether one of its halo rows is of another hop,
// or past Recv.
func ListStops[F Float](h *Hop[F], t int, mode uint64, rows [8]int) bool {
	for d, r := range h.Halo[8*t : 8*t+8] {
		if r != -1 && (mode>>d&1 == 0 || r < 0 || int(r) >= rows[d]) {
			return true
		}
	}
	return false
}

// hopExtent returns the number of output tiles that every operand of h
// covers (so the kernel may read them for any tile below it) and the
// number of tiles in Src. It panics on a lane count the kernels do not
// take. The list kernels call it on every call: Dst, X, Src, Links, Nbr,
// Cross and Halo may change from one call to the next.
func hopExtent[F Float](w int, h *Hop[F]) (nout, nsrc int) {
	if w < 1 || w > MaxLanes {
		panic(fmt.Sprintf("kernels_arm64: Wilson tile-list kernel with %d lanes (1 to %d supported)", w, MaxLanes))
	}
	nout = min(len(h.Dst)/(SpinorRows*w), len(h.Links)/(linkRows(h.Compact)*w), len(h.Nbr)/8, len(h.Cross), len(h.Halo)/8)
	if len(h.X) > 0 {
		nout = min(nout, len(h.X)/(SpinorRows*w))
	}
	return nout, len(h.Src) / (SpinorRows * w)
}

// checkPerm panics unless each of the eight lane permutations has w lanes
// of [0, w). The list kernels check it when they derive their table (the
// table holds the indices, so one derived once keeps the kernel within
// the lanes even if Perm's contents change later).
func checkPerm(w int, perm *[8][]int32) {
	for d := range 8 {
		if perm == nil || len(perm[d]) < w {
			panic(fmt.Sprintf("kernels_arm64: lane permutation of hop %d has fewer than %d lanes", d, w))
		}
		for _, p := range perm[d][:w] {
			if p < 0 || int(p) >= w {
				panic(fmt.Sprintf("kernels_arm64: lane permutation of hop %d reads lane %d of %d", d, p, w))
			}
		}
	}
}

// checkStop checks why a tile-list kernel stopped at tiles[k] (k <
// len(tiles)): it returns when the tile takes a halo row (the caller's to
// compute); otherwise the tile is out of range, and it panics.
func checkStop[F Float](h *Hop[F], tiles []int32, k, nout, nsrc int) {
	if k >= len(tiles) {
		return
	}
	t := int(tiles[k])
	if t < 0 || t >= nout {
		panic(fmt.Sprintf("kernels_arm64: output tile %d is outside the %d tiles that every operand holds", t, nout))
	}
	for d := range 8 {
		if n := int(h.Nbr[8*t+d]); n < 0 || n >= nsrc {
			panic(fmt.Sprintf("kernels_arm64: neighbour %d of tile %d along hop %d is outside the %d source tiles", n, t, d, nsrc))
		}
	}
	for d := range 8 {
		if h.Halo[8*t+d] != -1 {
			return
		}
	}
	panic(fmt.Sprintf("kernels_arm64: tile-list kernel stopped at tile %d, which needs no halo (a kernel bug)", t))
}

// wilsonTilesGo is the Go twin of the tile-list kernels (WilsonTilesNEON64
// ...): for k = 0, 1, ..., it stops at the first tile t = tiles[k] that
// takes a halo row (Halo[8t+d] != -1 for some d) and otherwise computes
//
//	Dst_t = X_t + A * sum_d R_d L_d(t) P_d perm_d(Src_{Nbr[8t+d]})
//
// (as wilsonTileGo) with perm_d taking lane l from lane Perm[d][l] when bit
// d of Cross[t] is set (with h.Compact, as wilsonTileCompactGo). It
// returns the number of tiles computed.
func wilsonTilesGo[F Float](w int, h *Hop[F], tiles []int32) int {
	nout, nsrc := hopExtent(w, h)
	checkPerm(w, h.Perm)
	n := SpinorRows * w
	var src [8][]F
	for d := range src {
		src[d] = make([]F, n)
	}
	acc := make([]F, accRows(h.Compact)*w)
	tile, lr := wilsonTileGo[F], LinkRows*w
	if h.Compact {
		tile, lr = wilsonTileCompactGo[F], CompactLinkRows*w
	}
	for k, t32 := range tiles {
		t := int(t32)
		if t < 0 || t >= nout {
			checkStop(h, tiles, k, nout, nsrc)
		}
		for d := range 8 {
			if h.Halo[8*t+d] != -1 {
				return k
			}
		}
		for d := range 8 {
			nb := int(h.Nbr[8*t+d])
			if nb < 0 || nb >= nsrc {
				checkStop(h, tiles, k, nout, nsrc)
			}
			s := h.Src[nb*n : (nb+1)*n]
			for r := range SpinorRows {
				for l := range w {
					p := l
					if h.Cross[t]>>d&1 != 0 {
						p = int(h.Perm[d][l])
					}
					src[d][r*w+l] = s[r*w+p]
				}
			}
		}
		var x []F
		if len(h.X) > 0 {
			x = h.X[t*n : (t+1)*n]
		}
		tile(w, h.Dst[t*n:(t+1)*n], x, acc, &src, h.Links[t*lr:(t+1)*lr], h.A)
	}
	return len(tiles)
}

// permIndexLanes writes the lane-index vectors of the eight permutations
// for a table lookup on whole elements (SVE TBL): idx[d*w + l] = Perm[d][l].
func permIndexLanes[I uint32 | uint64](idx []I, perm *[8][]int32, w int) {
	for d := range 8 {
		for l, p := range perm[d][:w] {
			idx[d*w+l] = I(p)
		}
	}
}

// permIndexBytes writes the byte-index vectors of the eight permutations
// for NEON TBL (16 bytes per hop) on elements of size bytes.
func permIndexBytes(idx []uint8, perm *[8][]int32, w, size int) {
	for d := range 8 {
		for l, p := range perm[d][:w] {
			for b := range size {
				idx[16*d+size*l+b] = uint8(size*int(p) + b)
			}
		}
	}
}
