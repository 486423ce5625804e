package kernels

// Colour-vector kernels on the tiled layout: a colour vector of one tile is
// v[(c*2 + reim)*w + lane], c = 0..2, and an SU(3) matrix of one tile is
// u[((i*3+j)*2 + reim)*w + lane]. Each kernel processes the w lanes of one
// tile; lanes are independent.

// SU3MulAddVec sets dst += s * U v (or s * U^dagger v when dag) for the w
// lanes of one tile, every product rounded on its own: for each row i and
// j = 0, 1, 2 in turn, dst_i += s ((a vr - b vi), (a vi + b vr)) with
// (a, b) = U_ij (U_ji conjugated when dag). dst must not alias v.
func SU3MulAddVec[F ~float32 | ~float64](dst, u, v []F, w int, s F, dag bool) {
	_ = dst[6*w-1]
	_ = v[6*w-1]
	_ = u[18*w-1]
	for i := range 3 {
		dr, di := dst[2*i*w:(2*i+1)*w], dst[(2*i+1)*w:(2*i+2)*w]
		for j := range 3 {
			ij := (i*3 + j) * 2 * w
			si := F(1)
			if dag {
				ij = (j*3 + i) * 2 * w
				si = -1
			}
			ur, ui := u[ij:ij+w], u[ij+w:ij+2*w]
			vr, vi := v[2*j*w:(2*j+1)*w], v[(2*j+1)*w:(2*j+2)*w]
			for l := range w {
				// F() rounds each product: no fused multiply-adds, so the
				// assembly twins (MatVecAdd64/32) give the same bits
				a, b := ur[l], si*ui[l]
				dr[l] += F(s * (F(a*vr[l]) - F(b*vi[l])))
				di[l] += F(s * (F(a*vi[l]) + F(b*vr[l])))
			}
		}
	}
}

// SU3MulAddVecW1 is SU3MulAddVec for w = 1, unrolled (the portable path's
// common case). It performs the same operations in the same order, so both
// give identical bits: results do not depend on W.
func SU3MulAddVecW1[F ~float32 | ~float64](dst *[6]F, u *[18]F, v *[6]F, s F, dag bool) {
	for i := range 3 {
		r, im := dst[2*i], dst[2*i+1]
		for j := range 3 {
			var a, b F
			if dag {
				a, b = u[2*(j*3+i)], -u[2*(j*3+i)+1]
			} else {
				a, b = u[2*(i*3+j)], u[2*(i*3+j)+1]
			}
			vr, vi := v[2*j], v[2*j+1]
			r += F(s * (F(a*vr) - F(b*vi)))
			im += F(s * (F(a*vi) + F(b*vr)))
		}
		dst[2*i], dst[2*i+1] = r, im
	}
}

// MatVecAdd64 and MatVecAdd32 are the dispatched SU3MulAddVec with dag
// false (dst += s U v on one tile): assembly where the kernel set has it,
// the same bits.
var (
	MatVecAdd64 = matVecAddGo[float64]
	MatVecAdd32 = matVecAddGo[float32]
)

func matVecAddGo[F ~float32 | ~float64](dst, u, v []F, w int, s F) {
	SU3MulAddVec(dst, u, v, w, s, false)
}

// installColourGo resets the colour kernels to their portable versions.
func installColourGo() {
	MatVecAdd64, MatVecAdd32 = matVecAddGo[float64], matVecAddGo[float32]
}
