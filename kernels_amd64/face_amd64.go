//go:build amd64 && !noasm

package kernels_amd64

import "unsafe"

// The spin projection of halo faces and of halo hops in assembly
// (face_amd64.s, from _gen/face.go): a kernel call projects the two spin
// blocks of one tile for n <= one vector of consecutive lanes.

// projKernel is the signature of the spinProj kernels: rows j = 2*colour +
// reim of spin block a, o[(6a+j)*os + k] = xa[j*is + k] -/+ ya[(j^swap)*is
// + k] for k < n (see projOps).
type projKernel[F float32 | float64] func(o, x0, y0, x1, y1 *F, os, is, n int, ops uint64)

// projOps[d] is the ops word of hop d: bit 8a + j subtracts in row j of
// spin block a, bit 8a + 6 takes the other part (re/im) of psi_J[a].
var projOps = func() (t [8]uint64) {
	for d, pr := range projection {
		for a, c := range pr.c {
			var ops uint64
			switch c {
			case minusOne:
				ops = 0x3f
			case plusI: // h_re = x_re - y_im, h_im = x_im + y_re
				ops = 0x15 | 1<<6
			case minusI: // h_re = x_re + y_im, h_im = x_im - y_re
				ops = 0x2a | 1<<6
			}
			t[d] |= ops << (8 * a)
		}
	}
	return t
}()

// projKernelFor returns the spinProj kernel of isa in precision F and the
// most lanes it takes, or nil when this CPU does not run isa.
func projKernelFor[F float32 | float64](isa ISA) (projKernel[F], int) {
	var z F
	is64 := unsafe.Sizeof(z) == 8
	var k any
	var lanes int
	switch {
	case isa == AVX512 && hasAVX512 && is64:
		k, lanes = spinProjZ64, 8
	case isa == AVX512 && hasAVX512:
		k, lanes = spinProjZ32, 16
	case isa == AVX2 && hasAVX2 && is64:
		k, lanes = spinProjY64, 4
	case isa == AVX2 && hasAVX2:
		k, lanes = spinProjY32, 8
	default:
		return nil, 0
	}
	f, _ := k.(func(o, x0, y0, x1, y1 *F, os, is, n int, ops uint64))
	return f, lanes
}

// ProjectFace64 is kernels.WilsonProjectFaceGo (the same bits) with the
// kernel of isa, for face lanes that are a run of consecutive lanes no
// wider than one vector (all W lanes in order when the split direction
// has one lane). It returns false, having done nothing, for other lanes,
// when this CPU does not run isa, or when a tile lies outside src or buf
// is short; the caller then runs the portable packer.
func ProjectFace64(isa ISA, buf, src []float64, d int, tiles, lanes []int32, w int) bool {
	return projectFace(isa, buf, src, d, tiles, lanes, w)
}

// ProjectFace32 is ProjectFace64 in single precision.
func ProjectFace32(isa ISA, buf, src []float32, d int, tiles, lanes []int32, w int) bool {
	return projectFace(isa, buf, src, d, tiles, lanes, w)
}

func projectFace[F float32 | float64](isa ISA, buf, src []F, d int, tiles, lanes []int32, w int) bool {
	k, vl := projKernelFor[F](isa)
	nk := len(lanes)
	run := laneRun(lanes)
	if run < 0 {
		return compressFace(isa, buf, src, d, tiles, lanes, w)
	}
	if k == nil || nk > vl || run+nk > w || uint(d) >= 8 || len(buf) < len(tiles)*12*nk || !tilesIn(tiles, src, w) {
		return false
	}
	pr := &projection[d]
	y0, y1 := 6*pr.j[0]*w+run, 6*pr.j[1]*w+run
	for r, t := range tiles {
		s := src[int(t)*24*w : (int(t)+1)*24*w]
		k(&buf[r*12*nk], &s[run], &s[y0], &s[6*w+run], &s[y1], nk, w, nk, projOps[d])
	}
	return true
}

// compressFace packs a face whose lanes are not a run but ascend (as the
// layout lists them when the split direction has several lanes) with the
// compress kernels: each row is projected and its face lanes packed into
// its first nk numbers. AVX-512 takes any W up to a Z register, AVX2 the W
// of a Y register. It reports false, having done nothing, for lanes out of
// order or outside [0, w), another W, a CPU without the set, a tile outside
// src, or a short buf.
func compressFace[F float32 | float64](isa ISA, buf, src []F, d int, tiles, lanes []int32, w int) bool {
	var z F
	size := int(unsafe.Sizeof(z))
	nk := len(lanes)
	if nk == 0 || uint(d) >= 8 || len(buf) < len(tiles)*12*nk {
		return false
	}
	mask, ok := ascendingMask(lanes, w)
	if !ok {
		return false
	}
	var idx [8]int32 // AVX2: the dwords of lane lanes[k] to number k
	if w*size == 32 {
		for k, l := range lanes {
			for e := range size / 4 {
				idx[k*size/4+e] = int32(int(l)*size/4 + e)
			}
		}
	}
	var kz func(o, x0, y0, x1, y1 *F, os, is, n int, mask, ops uint64)
	var ky func(o, x0, y0, x1, y1 *F, os, is, n int, idx *int32, ops uint64)
	switch {
	case isa == AVX512 && hasAVX512 && w*size <= 64:
		var k any = spinProjXZ32
		if size == 8 {
			k = spinProjXZ64
		}
		kz, _ = k.(func(o, x0, y0, x1, y1 *F, os, is, n int, mask, ops uint64))
	case isa == AVX2 && hasAVX2 && w*size == 32:
		var k any = spinProjXY32
		if size == 8 {
			k = spinProjXY64
		}
		ky, _ = k.(func(o, x0, y0, x1, y1 *F, os, is, n int, idx *int32, ops uint64))
	}
	if kz == nil && ky == nil || !tilesIn(tiles, src, w) {
		return false
	}
	pr := &projection[d]
	y0, y1 := 6*pr.j[0]*w, 6*pr.j[1]*w
	for r, t := range tiles {
		s := src[int(t)*24*w : (int(t)+1)*24*w]
		if kz != nil {
			kz(&buf[r*12*nk], &s[0], &s[y0], &s[6*w], &s[y1], nk, w, nk, mask, projOps[d])
		} else {
			ky(&buf[r*12*nk], &s[0], &s[y0], &s[6*w], &s[y1], nk, w, nk, &idx[0], projOps[d])
		}
	}
	return true
}

// tilesIn reports whether every tile of the list lies inside src (spinor
// tiles of w lanes).
func tilesIn[F float32 | float64](tiles []int32, src []F, w int) bool {
	nSrc := len(src) / (24 * w)
	for _, t := range tiles {
		if uint32(t) >= uint32(nSrc) {
			return false
		}
	}
	return true
}
