package kernels

// Colour-vector kernels on the tiled layout: a colour vector of one tile is
// v[(c*2 + reim)*w + lane], c = 0..2, and an SU(3) matrix of one tile is
// u[((i*3+j)*2 + reim)*w + lane]. Each kernel processes the w lanes of one
// tile; lanes are independent.

// SU3MulAddVec sets dst += s * U v (or s * U^dagger v when dag) for the w
// lanes of one tile. dst must not alias v.
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
				a, b := ur[l], si*ui[l]
				dr[l] += s * (a*vr[l] - b*vi[l])
				di[l] += s * (a*vi[l] + b*vr[l])
			}
		}
	}
}

// SU3MulAddVecW1 is SU3MulAddVec for w = 1, unrolled (the portable path's
// common case).
func SU3MulAddVecW1[F ~float32 | ~float64](dst *[6]F, u *[18]F, v *[6]F, s F, dag bool) {
	v0r, v0i, v1r, v1i, v2r, v2i := v[0], v[1], v[2], v[3], v[4], v[5]
	if !dag {
		dst[0] += s * (u[0]*v0r - u[1]*v0i + u[2]*v1r - u[3]*v1i + u[4]*v2r - u[5]*v2i)
		dst[1] += s * (u[0]*v0i + u[1]*v0r + u[2]*v1i + u[3]*v1r + u[4]*v2i + u[5]*v2r)
		dst[2] += s * (u[6]*v0r - u[7]*v0i + u[8]*v1r - u[9]*v1i + u[10]*v2r - u[11]*v2i)
		dst[3] += s * (u[6]*v0i + u[7]*v0r + u[8]*v1i + u[9]*v1r + u[10]*v2i + u[11]*v2r)
		dst[4] += s * (u[12]*v0r - u[13]*v0i + u[14]*v1r - u[15]*v1i + u[16]*v2r - u[17]*v2i)
		dst[5] += s * (u[12]*v0i + u[13]*v0r + u[14]*v1i + u[15]*v1r + u[16]*v2i + u[17]*v2r)
		return
	}
	dst[0] += s * (u[0]*v0r + u[1]*v0i + u[6]*v1r + u[7]*v1i + u[12]*v2r + u[13]*v2i)
	dst[1] += s * (u[0]*v0i - u[1]*v0r + u[6]*v1i - u[7]*v1r + u[12]*v2i - u[13]*v2r)
	dst[2] += s * (u[2]*v0r + u[3]*v0i + u[8]*v1r + u[9]*v1i + u[14]*v2r + u[15]*v2i)
	dst[3] += s * (u[2]*v0i - u[3]*v0r + u[8]*v1i - u[9]*v1r + u[14]*v2i - u[15]*v2r)
	dst[4] += s * (u[4]*v0r + u[5]*v0i + u[10]*v1r + u[11]*v1i + u[16]*v2r + u[17]*v2i)
	dst[5] += s * (u[4]*v0i - u[5]*v0r + u[10]*v1i - u[11]*v1r + u[16]*v2i - u[17]*v2r)
}
