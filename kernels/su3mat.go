package kernels

// SU(3) matrix times matrix on link fields: 3x3 complex matrices in the
// layout's order, element e = 3*row + column of tile t, lane l at
//
//	re  m[((t*9 + e)*2 + 0)*w + l],  im  m[((t*9 + e)*2 + 1)*w + l]
//
// (a matrix field of gauge.MatMul with N = 3). The kernel works on whole
// tiles: len(a) = ntiles*18*w, and b and dst at least as long. dst must not
// overlap a or b.
//
// The operation order is that of sun.M3's unrolled products (Mul, MulDag,
// DagMul, DagDag, with Go's complex multiplication), so the dispatched
// kernel gives the bits of the site-by-site M3 path. Per output element
// (i, j), with x_k the factor of a (a[i,k], or a[k,i] when opA) and y_k the
// factor of b (b[k,j], or b[j,k] when opB) as stored, not conjugated:
//
//	plain, plain  and  dag, dag:  p_k = (xr*yr - xi*yi) + i (xr*yi + xi*yr)
//	plain, dag:                   p_k = (xr*yr + xi*yi) + i (xi*yr - xr*yi)
//	dag, plain:                   p_k = (xr*yr + xi*yi) + i (xr*yi - xi*yr)
//	s = (p_0 + p_1) + p_2, real and imaginary parts separately
//	dag, dag: s = conj(s) (negate the imaginary part: (B A)^dagger)
//	dst = s, or with add dst = dst + s
//
// (conj(y)*x's -(a*b) + c is c - a*b exactly, so these are Go's
// products of the conjugated numbers, bit for bit.)
//
// Every product is rounded on its own: su3Site converts each one
// explicitly, which keeps the Go compiler from fusing it into a
// multiply-add (it does on arm64 otherwise), so SU3MulGo gives the same
// bits on every architecture and its assembly twins (AVX2/AVX-512, NEON,
// SVE) use no fused multiply-adds either.

// SU3MulGo sets dst = op(a) op(b) (with add, dst += op(a) op(b)) on every
// tile of a, lane by lane, op the adjoint when opA / opB is true.
func SU3MulGo[F Real](dst, a, b []F, w int, opA, opB, add bool) {
	size := 18 * w
	ntiles := len(a) / size
	var xr, xi, yr, yi, cr, ci [9]F
	for t := range ntiles {
		base := t * size
		at, bt, dt := a[base:base+size], b[base:base+size], dst[base:base+size]
		for l := range w {
			// x[3i+k] = op(a)'s factor (i, k), y[3k+j] = op(b)'s (k, j),
			// as stored (the signs of the conjugates are in su3Site).
			for i := range 3 {
				for k := range 3 {
					ea, eb := 3*i+k, 3*i+k
					if opA {
						ea = 3*k + i
					}
					if opB {
						eb = 3*k + i
					}
					xr[3*i+k], xi[3*i+k] = at[2*ea*w+l], at[(2*ea+1)*w+l]
					yr[3*i+k], yi[3*i+k] = bt[2*eb*w+l], bt[(2*eb+1)*w+l]
				}
			}
			su3Site(&cr, &ci, &xr, &xi, &yr, &yi, opA, opB)
			for e := range 9 {
				o := 2*e*w + l
				if add {
					dt[o] += cr[e]
					dt[o+w] += ci[e]
				} else {
					dt[o], dt[o+w] = cr[e], ci[e]
				}
			}
		}
	}
}

// su3Site computes one site's product in the documented order from the
// factors x (op(a), row-major) and y (op(b), row-major) as stored. The
// conversions F(x*y) round each product (Go spec): no fused multiply-add.
func su3Site[F Real](cr, ci, xr, xi, yr, yi *[9]F, opA, opB bool) {
	for i := range 3 {
		for j := range 3 {
			a0, a1, a2 := 3*i, 3*i+1, 3*i+2
			b0, b1, b2 := j, 3+j, 6+j
			var sr, si F
			switch {
			case opA == opB:
				sr = F(xr[a0]*yr[b0]) - F(xi[a0]*yi[b0])
				si = F(xr[a0]*yi[b0]) + F(xi[a0]*yr[b0])
				sr = sr + (F(xr[a1]*yr[b1]) - F(xi[a1]*yi[b1]))
				si = si + (F(xr[a1]*yi[b1]) + F(xi[a1]*yr[b1]))
				sr = sr + (F(xr[a2]*yr[b2]) - F(xi[a2]*yi[b2]))
				si = si + (F(xr[a2]*yi[b2]) + F(xi[a2]*yr[b2]))
				if opA {
					si = -si
				}
			case opB:
				sr = F(xr[a0]*yr[b0]) + F(xi[a0]*yi[b0])
				si = F(xi[a0]*yr[b0]) - F(xr[a0]*yi[b0])
				sr = sr + (F(xr[a1]*yr[b1]) + F(xi[a1]*yi[b1]))
				si = si + (F(xi[a1]*yr[b1]) - F(xr[a1]*yi[b1]))
				sr = sr + (F(xr[a2]*yr[b2]) + F(xi[a2]*yi[b2]))
				si = si + (F(xi[a2]*yr[b2]) - F(xr[a2]*yi[b2]))
			default:
				sr = F(xr[a0]*yr[b0]) + F(xi[a0]*yi[b0])
				si = F(xr[a0]*yi[b0]) - F(xi[a0]*yr[b0])
				sr = sr + (F(xr[a1]*yr[b1]) + F(xi[a1]*yi[b1]))
				si = si + (F(xr[a1]*yi[b1]) - F(xi[a1]*yr[b1]))
				sr = sr + (F(xr[a2]*yr[b2]) + F(xi[a2]*yi[b2]))
				si = si + (F(xr[a2]*yi[b2]) - F(xi[a2]*yr[b2]))
			}
			cr[3*i+j], ci[3*i+j] = sr, si
		}
	}
}

// SU3Mul64 is the dispatched SU(3) product (SU3MulGo until an assembly set
// replaces it).
var SU3Mul64 = SU3MulGo[float64]

// installSU3MatGo resets the SU(3) product to its portable version
// (installGo should call it).
func installSU3MatGo() {
	SU3Mul64 = SU3MulGo[float64]
}
