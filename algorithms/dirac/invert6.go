package dirac

import "math/cmplx"

// invert6 inverts a 6x6 complex matrix by Gauss-Jordan elimination with
// partial pivoting and returns the inverse and the determinant; ok is
// false when a pivot vanishes (the matrix is singular).
func invert6(m *[6][6]complex128) (inv [6][6]complex128, det complex128, ok bool) {
	a := *m
	for i := range 6 {
		inv[i][i] = 1
	}
	det = 1
	for k := range 6 {
		piv, best := k, cmplx.Abs(a[k][k])
		for i := k + 1; i < 6; i++ {
			if v := cmplx.Abs(a[i][k]); v > best {
				piv, best = i, v
			}
		}
		if best == 0 {
			return inv, 0, false
		}
		if piv != k {
			a[k], a[piv] = a[piv], a[k]
			inv[k], inv[piv] = inv[piv], inv[k]
			det = -det
		}
		d := a[k][k]
		det *= d
		r := 1 / d
		for j := range 6 {
			a[k][j] *= r
			inv[k][j] *= r
		}
		for i := range 6 {
			if i == k || a[i][k] == 0 {
				continue
			}
			f := a[i][k]
			for j := range 6 {
				a[i][j] -= f * a[k][j]
				inv[i][j] -= f * inv[k][j]
			}
		}
	}
	return inv, det, true
}
