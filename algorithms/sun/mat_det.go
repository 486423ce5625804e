package sun

import "math/cmplx"

// Det returns det m by LU decomposition with partial pivoting. For N <= 8
// the working copy lives on the stack.
func (m *Mat) Det() complex128 {
	n := m.N
	var buf [64]complex128
	var w []complex128
	if n*n <= len(buf) {
		w = buf[:n*n]
	} else {
		w = make([]complex128, n*n)
	}
	copy(w, m.A)
	det := complex(1, 0)
	for k := 0; k < n; k++ {
		p, best := k, cmplx.Abs(w[n*k+k])
		for i := k + 1; i < n; i++ {
			if a := cmplx.Abs(w[n*i+k]); a > best {
				p, best = i, a
			}
		}
		if best == 0 {
			return 0
		}
		if p != k {
			for j := 0; j < n; j++ {
				w[n*k+j], w[n*p+j] = w[n*p+j], w[n*k+j]
			}
			det = -det
		}
		piv := w[n*k+k]
		det *= piv
		inv := 1 / piv
		for i := k + 1; i < n; i++ {
			f := w[n*i+k] * inv
			if f == 0 {
				continue
			}
			for j := k + 1; j < n; j++ {
				w[n*i+j] -= f * w[n*k+j]
			}
		}
	}
	return det
}
