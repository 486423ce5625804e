package sun

// RandomSU3 returns a Haar-random SU(3) matrix: rows 0 and 1 are complex
// Gaussians (12 Gaussian draws: real then imaginary part, row by row),
// orthonormalised by Gram-Schmidt, and row 2 = conj(row0 x row1). Rows 0
// and 1 are then distributed as those of a Haar-random U(3) matrix, and
// the completion is the unique one in SU(3), so the result is Haar on SU(3).
// It equals RandomSUN(3, src) draw for draw.
func RandomSU3(src Source) M3 {
	var m M3
	for k := 0; k < 6; k++ {
		re := src.Gaussian()
		im := src.Gaussian()
		m[k] = complex(re, im)
	}
	m.Reunitarize()
	return m
}
