package kernels

// CloverBlockReals is the number of reals of one packed Hermitian 6x6
// block: 6 real diagonal elements and 15 complex elements below it.
const CloverBlockReals = 36

// CloverApplyFlops is the flop count per site of CloverApplyGo.
const CloverApplyFlops = 504

// CloverPacked is the position, within a packed block, of element (i, j)
// of a Hermitian 6x6 matrix with i > j: the real part is at
// CloverPacked(i, j), the imaginary part one further. Diagonal element i
// is at i (real only).
func CloverPacked(i, j int) int { return 6 + 2*(i*(i-1)/2+j) }

// CloverApplyGo sets dst = C src on the tiles [lo, hi) of spinor fields,
// where C is block diagonal with two Hermitian 6x6 blocks per site,
// stored packed as
//
//	clov[((tile*2 + b)*36 + e)*W + lane]
//
// (e as in CloverPacked). Block b acts on the components c = 6b .. 6b+5
// (spins 2b and 2b+1: the chirality blocks of the chiral basis). dst may
// alias src (each site is read before it is written).
func CloverApplyGo[F Real](dst, src, clov []F, w, lo, hi int) {
	var x, y [24]F // one site: 12 complex, re/im interleaved
	var m [2][36]F
	for tile := lo; tile < hi; tile++ {
		s := src[tile*24*w : (tile+1)*24*w]
		o := dst[tile*24*w : (tile+1)*24*w]
		blocks := clov[tile*72*w : (tile+1)*72*w]
		if w == 1 {
			x = [24]F(s)
			cloverBlock((*[36]F)(blocks[0:36]), (*[12]F)(x[0:12]), (*[12]F)(o[0:12]))
			cloverBlock((*[36]F)(blocks[36:72]), (*[12]F)(x[12:24]), (*[12]F)(o[12:24]))
			continue
		}
		for l := range w {
			for k := range x {
				x[k] = s[k*w+l]
			}
			for b := range 2 {
				for e := range 36 {
					m[b][e] = blocks[(36*b+e)*w+l]
				}
			}
			cloverBlock(&m[0], (*[12]F)(x[0:12]), (*[12]F)(y[0:12]))
			cloverBlock(&m[1], (*[12]F)(x[12:24]), (*[12]F)(y[12:24]))
			for k, v := range y {
				o[k*w+l] = v
			}
		}
	}
}
