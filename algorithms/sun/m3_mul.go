package sun

// The four products below are unrolled by hand: all of b (or a) is loaded
// into locals before the receiver is written, which makes them safe when the
// receiver aliases an argument without a temporary copy.

// Mul sets c = a b.
func (c *M3) Mul(a, b *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	b0, b1, b2 := b[0], b[1], b[2]
	b3, b4, b5 := b[3], b[4], b[5]
	b6, b7, b8 := b[6], b[7], b[8]
	c[0] = a0*b0 + a1*b3 + a2*b6
	c[1] = a0*b1 + a1*b4 + a2*b7
	c[2] = a0*b2 + a1*b5 + a2*b8
	c[3] = a3*b0 + a4*b3 + a5*b6
	c[4] = a3*b1 + a4*b4 + a5*b7
	c[5] = a3*b2 + a4*b5 + a5*b8
	c[6] = a6*b0 + a7*b3 + a8*b6
	c[7] = a6*b1 + a7*b4 + a8*b7
	c[8] = a6*b2 + a7*b5 + a8*b8
}

// MulDag sets c = a b^dagger.
func (c *M3) MulDag(a, b *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	b0, b1, b2 := b[0], b[1], b[2]
	b3, b4, b5 := b[3], b[4], b[5]
	b6, b7, b8 := b[6], b[7], b[8]
	c[0] = a0*conj(b0) + a1*conj(b1) + a2*conj(b2)
	c[1] = a0*conj(b3) + a1*conj(b4) + a2*conj(b5)
	c[2] = a0*conj(b6) + a1*conj(b7) + a2*conj(b8)
	c[3] = a3*conj(b0) + a4*conj(b1) + a5*conj(b2)
	c[4] = a3*conj(b3) + a4*conj(b4) + a5*conj(b5)
	c[5] = a3*conj(b6) + a4*conj(b7) + a5*conj(b8)
	c[6] = a6*conj(b0) + a7*conj(b1) + a8*conj(b2)
	c[7] = a6*conj(b3) + a7*conj(b4) + a8*conj(b5)
	c[8] = a6*conj(b6) + a7*conj(b7) + a8*conj(b8)
}

// DagMul sets c = a^dagger b.
func (c *M3) DagMul(a, b *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	b0, b1, b2 := b[0], b[1], b[2]
	b3, b4, b5 := b[3], b[4], b[5]
	b6, b7, b8 := b[6], b[7], b[8]
	c[0] = conj(a0)*b0 + conj(a3)*b3 + conj(a6)*b6
	c[1] = conj(a0)*b1 + conj(a3)*b4 + conj(a6)*b7
	c[2] = conj(a0)*b2 + conj(a3)*b5 + conj(a6)*b8
	c[3] = conj(a1)*b0 + conj(a4)*b3 + conj(a7)*b6
	c[4] = conj(a1)*b1 + conj(a4)*b4 + conj(a7)*b7
	c[5] = conj(a1)*b2 + conj(a4)*b5 + conj(a7)*b8
	c[6] = conj(a2)*b0 + conj(a5)*b3 + conj(a8)*b6
	c[7] = conj(a2)*b1 + conj(a5)*b4 + conj(a8)*b7
	c[8] = conj(a2)*b2 + conj(a5)*b5 + conj(a8)*b8
}

// DagDag sets c = a^dagger b^dagger = (b a)^dagger.
func (c *M3) DagDag(a, b *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	b0, b1, b2 := b[0], b[1], b[2]
	b3, b4, b5 := b[3], b[4], b[5]
	b6, b7, b8 := b[6], b[7], b[8]
	c[0] = conj(b0*a0 + b1*a3 + b2*a6)
	c[1] = conj(b3*a0 + b4*a3 + b5*a6)
	c[2] = conj(b6*a0 + b7*a3 + b8*a6)
	c[3] = conj(b0*a1 + b1*a4 + b2*a7)
	c[4] = conj(b3*a1 + b4*a4 + b5*a7)
	c[5] = conj(b6*a1 + b7*a4 + b8*a7)
	c[6] = conj(b0*a2 + b1*a5 + b2*a8)
	c[7] = conj(b3*a2 + b4*a5 + b5*a8)
	c[8] = conj(b6*a2 + b7*a5 + b8*a8)
}
