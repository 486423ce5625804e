package solver

import "github.com/goqcd/goqcd/layout"

// Fused linear algebra: an update and the norm of its result in one pass
// over the data, with the norm summed like layout.Norm2 (per site in
// float64 in component order, across sites exactly), so the results are
// identical, bit for bit, on every process grid and W, and equal to
// layout.Norm2 of the result. These are private Go loops over Field.Data; they are meant
// to move into the kernels package with SIMD twins.

// fusedAxpyNorm2 sets y = a*x + y (complex a) and returns the global |y|^2.
// x and y may alias. Collective.
func fusedAxpyNorm2[F layout.Float](a complex128, x, y *layout.Field[F]) (float64, error) {
	ar, ai := F(real(a)), F(imag(a))
	W := x.Layout.W
	xd, yd := x.Data, y.Data
	var acc layout.ExactSum
	nc := y.NC
	var part [16]float64 // per-site partial sums, as layout.Norm2
	for base := 0; base < len(xd); base += nc * 2 * W {
		clear(part[:W])
		for c := range nc {
			b := base + 2*c*W
			xr, xi := xd[b:b+W], xd[b+W:b+2*W]
			yr, yi := yd[b:b+W], yd[b+W:b+2*W]
			for k := range W {
				r, i := xr[k], xi[k]
				vr := yr[k] + (F(ar*r) - F(ai*i)) // rounded products: no fusing
				vi := yi[k] + (F(ar*i) + F(ai*r))
				yr[k], yi[k] = vr, vi
				fr, fi := float64(vr), float64(vi)
				part[k] += float64(fr*fr) + float64(fi*fi) // unfused, as layout.Norm2
			}
		}
		for k := range W {
			acc.Add(part[k])
		}
	}
	s, err := y.Layout.GlobalSum(&acc)
	if err != nil {
		return 0, err
	}
	return s[0], nil
}

// fusedXpayNorm2 sets y = x + a*y (complex a) and returns the global |y|^2.
// x and y may alias. Collective.
func fusedXpayNorm2[F layout.Float](x *layout.Field[F], a complex128, y *layout.Field[F]) (float64, error) {
	ar, ai := F(real(a)), F(imag(a))
	W := x.Layout.W
	xd, yd := x.Data, y.Data
	var acc layout.ExactSum
	nc := y.NC
	var part [16]float64 // per-site partial sums, as layout.Norm2
	for base := 0; base < len(xd); base += nc * 2 * W {
		clear(part[:W])
		for c := range nc {
			b := base + 2*c*W
			xr, xi := xd[b:b+W], xd[b+W:b+2*W]
			yr, yi := yd[b:b+W], yd[b+W:b+2*W]
			for k := range W {
				r, i := yr[k], yi[k]
				vr := xr[k] + (F(ar*r) - F(ai*i)) // rounded products: no fusing
				vi := xi[k] + (F(ar*i) + F(ai*r))
				yr[k], yi[k] = vr, vi
				fr, fi := float64(vr), float64(vi)
				part[k] += float64(fr*fr) + float64(fi*fi) // unfused, as layout.Norm2
			}
		}
		for k := range W {
			acc.Add(part[k])
		}
	}
	s, err := y.Layout.GlobalSum(&acc)
	if err != nil {
		return 0, err
	}
	return s[0], nil
}

// fusedAxpby sets y = a*x + b*y for real a and b. x and y may alias.
func fusedAxpby[F layout.Float](a float64, x *layout.Field[F], b float64, y *layout.Field[F]) {
	af, bf := F(a), F(b)
	yd := y.Data
	for i, v := range x.Data {
		yd[i] = af*v + bf*yd[i]
	}
}

// addConverted sets dst = dst + a*src for a = ±1, src converted to dst's
// precision.
func addConverted[D, S layout.Float](dst *layout.Field[D], src *layout.Field[S], a D) {
	d := dst.Data
	for i, v := range src.Data {
		d[i] += a * D(v)
	}
}
