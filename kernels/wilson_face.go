package kernels

// WilsonProjectFaceGo packs the projected half-spinors of hop d (see
// HopProjection) of the sites (tiles[r], lanes[k]) of the spinor field src
// into the halo buffer
//
//	buf[((r*6 + h)*2 + reim)*nk + k],  h = a*3 + colour,  nk = len(lanes),
//
// the order in which the receiving rank reads them (WilsonHop.Recv). The
// sender only projects: the receiver multiplies by its double-stored link,
// so that a boundary tile is one SU(3) multiplication over all W lanes.
// 12 flops per site. Every lane must lie in [0, w); buf must not overlap
// src. The reference loop, per site and number:
//
//	x, y := src row (a, colour) and row (J[a], colour) at lane lanes[k]
//	+1: hr, hi = xr+yr, xi+yi     -1: hr, hi = xr-yr, xi-yi
//	+i: hr, hi = xr-yi, xi+yr     -i: hr, hi = xr+yi, xi-yr
//
// The phase is resolved once per spin a, outside the lane loops, and runs
// of consecutive lanes (the whole tile when the face takes every lane, as
// when the split direction has one lane) are done as rows; the arithmetic
// is the same single add or subtract per number, so the bits are too.
func WilsonProjectFaceGo[F Real](buf, src []F, d int, tiles, lanes []int32, w int) {
	pr := &HopProjection[d]
	nk := len(lanes)
	run := laneRun(lanes)
	size := 24 * w
	for r, t := range tiles {
		s := src[int(t)*size : (int(t)+1)*size]
		out := buf[r*12*nk : (r+1)*12*nk]
		for a := range 2 {
			x := s[6*a*w : 6*(a+1)*w]
			y := s[6*pr.J[a]*w : 6*(pr.J[a]+1)*w]
			o := out[6*a*nk : 6*(a+1)*nk]
			switch {
			case run == 0 && nk == w:
				faceBlock(o, x, y, pr.C[a], w)
			case run >= 0:
				faceRun(o, x, y, pr.C[a], run, nk, w)
			default:
				faceLanes(o, x, y, pr.C[a], lanes, w)
			}
		}
	}
}

// laneRun returns l0 when lanes are l0, l0+1, ..., l0+len-1, else -1.
func laneRun(lanes []int32) int {
	if len(lanes) == 0 {
		return -1
	}
	l0 := lanes[0]
	for k, l := range lanes {
		if l != l0+int32(k) {
			return -1
		}
	}
	return int(l0)
}

// faceBlock projects spin a of a whole tile: x and y are the three colours
// of rows a and J[a] (6 rows of w), o the 6 output rows of w. For a real
// phase re and im take the same operation, so the block is one row of 6w.
func faceBlock[F Real](o, x, y []F, c Phase, w int) {
	switch c {
	case PlusOne:
		addRow(o, x, y)
		return
	case MinusOne:
		subRow(o, x, y)
		return
	}
	for col := range 3 {
		re, im := 2*col*w, (2*col+1)*w
		or, oi := o[re:re+w], o[im:im+w]
		xr, xi := x[re:re+w], x[im:im+w]
		yr, yi := y[re:re+w], y[im:im+w]
		if c == PlusI {
			subRow(or, xr, yi)
			addRow(oi, xi, yr)
		} else {
			addRow(or, xr, yi)
			subRow(oi, xi, yr)
		}
	}
}

// faceRun is faceBlock for the nk consecutive lanes l0, l0+1, ...: output
// rows of nk.
func faceRun[F Real](o, x, y []F, c Phase, l0, nk, w int) {
	for col := range 3 {
		re, im := 2*col*w+l0, (2*col+1)*w+l0
		or, oi := o[2*col*nk:(2*col+1)*nk], o[(2*col+1)*nk:(2*col+2)*nk]
		xr, xi := x[re:re+nk], x[im:im+nk]
		yr, yi := y[re:re+nk], y[im:im+nk]
		switch c {
		case PlusOne:
			addRow(or, xr, yr)
			addRow(oi, xi, yi)
		case MinusOne:
			subRow(or, xr, yr)
			subRow(oi, xi, yi)
		case PlusI:
			subRow(or, xr, yi)
			addRow(oi, xi, yr)
		case MinusI:
			addRow(or, xr, yi)
			subRow(oi, xi, yr)
		}
	}
}

// faceLanes is faceBlock for any lane list: output rows of len(lanes).
func faceLanes[F Real](o, x, y []F, c Phase, lanes []int32, w int) {
	nk := len(lanes)
	for col := range 3 {
		re, im := 2*col*w, (2*col+1)*w
		or, oi := o[2*col*nk:(2*col+1)*nk], o[(2*col+1)*nk:(2*col+2)*nk]
		xr, xi := x[re:re+w], x[im:im+w]
		yr, yi := y[re:re+w], y[im:im+w]
		switch c {
		case PlusOne:
			addGather(or, xr, yr, lanes)
			addGather(oi, xi, yi, lanes)
		case MinusOne:
			subGather(or, xr, yr, lanes)
			subGather(oi, xi, yi, lanes)
		case PlusI:
			subGather(or, xr, yi, lanes)
			addGather(oi, xi, yr, lanes)
		case MinusI:
			addGather(or, xr, yi, lanes)
			subGather(oi, xi, yr, lanes)
		}
	}
}

// addRow sets o[k] = x[k] + y[k]; x and y are at least as long as o.
func addRow[F Real](o, x, y []F) {
	x, y = x[:len(o)], y[:len(o)]
	for k := range o {
		o[k] = x[k] + y[k]
	}
}

// subRow sets o[k] = x[k] - y[k]; x and y are at least as long as o.
func subRow[F Real](o, x, y []F) {
	x, y = x[:len(o)], y[:len(o)]
	for k := range o {
		o[k] = x[k] - y[k]
	}
}

// addGather sets o[k] = x[l] + y[l], l = lanes[k].
func addGather[F Real](o, x, y []F, lanes []int32) {
	o = o[:len(lanes)]
	for k, l := range lanes {
		o[k] = x[l] + y[l]
	}
}

// subGather sets o[k] = x[l] - y[l], l = lanes[k].
func subGather[F Real](o, x, y []F, lanes []int32) {
	o = o[:len(lanes)]
	for k, l := range lanes {
		o[k] = x[l] - y[l]
	}
}
