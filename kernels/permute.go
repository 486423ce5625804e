package kernels

import "fmt"

// LanePerm is a permutation of the w lanes of a tile, prepared for the
// kernels: lane l of the result takes lane Lane(l) of the source (the
// lanes of a hop that crosses the tile boundary; layout.Halo). Build it
// once with NewLanePerm.
type LanePerm struct {
	w    int
	lane [MaxLanes]int
	// idx are the indices of 32-bit elements the assembly permutes by:
	// [0] for float64 rows (a pair per lane, when 2w <= 16), [1] for
	// float32 rows.
	idx [2][16]uint32
}

// NewLanePerm prepares perm, a map of w <= MaxLanes lanes into [0, w).
func NewLanePerm(perm []int) (*LanePerm, error) {
	w := len(perm)
	if w < 1 || w > MaxLanes {
		return nil, fmt.Errorf("kernels: a lane permutation of %d lanes (1..%d)", w, MaxLanes)
	}
	p := &LanePerm{w: w}
	for l, q := range perm {
		if q < 0 || q >= w {
			return nil, fmt.Errorf("kernels: lane permutation %v maps lane %d outside [0, %d)", perm, l, w)
		}
		p.lane[l] = q
		if 2*w <= 16 {
			p.idx[0][2*l], p.idx[0][2*l+1] = uint32(2*q), uint32(2*q+1)
		}
		p.idx[1][l] = uint32(q)
	}
	return p, nil
}

// index64 is the element indices for float64 rows, nil when they do not
// fit in 16 (more than 8 lanes): the kernels refuse a nil index.
func (p *LanePerm) index64() *[16]uint32 {
	if 2*p.w > 16 {
		return nil
	}
	return &p.idx[0]
}

// index32 is the element indices for float32 rows.
func (p *LanePerm) index32() *[16]uint32 { return &p.idx[1] }

// W is the number of lanes.
func (p *LanePerm) W() int { return p.w }

// Lane is the source lane of lane l.
func (p *LanePerm) Lane(l int) int { return p.lane[l] }

// PermuteRowsGo sets out[j*w + l] = in[j*w + p.Lane(l)] for the len(in)/w
// rows of in. out must not overlap in.
func PermuteRowsGo[F ~float32 | ~float64](out, in []F, p *LanePerm) {
	w := p.w
	perm := p.lane[:w]
	out = out[:len(in)]
	for j := 0; j+w <= len(in); j += w {
		// row slices of length w: the compiler drops the bounds checks but
		// the permutation's
		o, i := out[j:j+w], in[j:j+w]
		for l, q := range perm {
			o[l] = i[q]
		}
	}
}

// PermuteRows64 and PermuteRows32 are the dispatched PermuteRowsGo:
// assembly where the kernel set has it.
var (
	PermuteRows64 = PermuteRowsGo[float64]
	PermuteRows32 = PermuteRowsGo[float32]
)

// installPermuteGo resets the permutation kernels to the portable ones.
func installPermuteGo() {
	PermuteRows64, PermuteRows32 = PermuteRowsGo[float64], PermuteRowsGo[float32]
}
