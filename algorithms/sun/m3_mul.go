package sun

// The four products below are unrolled by hand: all of b (or a) is loaded
// into locals before the receiver is written, which makes them safe when the
// receiver aliases an argument without a temporary copy. Every complex
// product goes through mulC, which rounds each real product, so that no
// architecture fuses them (the Go compiler fuses x*y + z on arm64): the
// products give the same bits everywhere, and the same bits as the link-field
// kernels (kernels.SU3Mul64) of every set.

// mulC returns a*b with Go's operation order for complex multiplication,
// each real product rounded before it is added.
func mulC(a, b complex128) complex128 {
	ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
	return complex(float64(ar*br)-float64(ai*bi), float64(ar*bi)+float64(ai*br))
}

// Mul sets c = a b.
func (c *M3) Mul(a, b *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	b0, b1, b2 := b[0], b[1], b[2]
	b3, b4, b5 := b[3], b[4], b[5]
	b6, b7, b8 := b[6], b[7], b[8]
	c[0] = mulC(a0, b0) + mulC(a1, b3) + mulC(a2, b6)
	c[1] = mulC(a0, b1) + mulC(a1, b4) + mulC(a2, b7)
	c[2] = mulC(a0, b2) + mulC(a1, b5) + mulC(a2, b8)
	c[3] = mulC(a3, b0) + mulC(a4, b3) + mulC(a5, b6)
	c[4] = mulC(a3, b1) + mulC(a4, b4) + mulC(a5, b7)
	c[5] = mulC(a3, b2) + mulC(a4, b5) + mulC(a5, b8)
	c[6] = mulC(a6, b0) + mulC(a7, b3) + mulC(a8, b6)
	c[7] = mulC(a6, b1) + mulC(a7, b4) + mulC(a8, b7)
	c[8] = mulC(a6, b2) + mulC(a7, b5) + mulC(a8, b8)
}

// MulDag sets c = a b^dagger.
func (c *M3) MulDag(a, b *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	b0, b1, b2 := b[0], b[1], b[2]
	b3, b4, b5 := b[3], b[4], b[5]
	b6, b7, b8 := b[6], b[7], b[8]
	c[0] = mulC(a0, conj(b0)) + mulC(a1, conj(b1)) + mulC(a2, conj(b2))
	c[1] = mulC(a0, conj(b3)) + mulC(a1, conj(b4)) + mulC(a2, conj(b5))
	c[2] = mulC(a0, conj(b6)) + mulC(a1, conj(b7)) + mulC(a2, conj(b8))
	c[3] = mulC(a3, conj(b0)) + mulC(a4, conj(b1)) + mulC(a5, conj(b2))
	c[4] = mulC(a3, conj(b3)) + mulC(a4, conj(b4)) + mulC(a5, conj(b5))
	c[5] = mulC(a3, conj(b6)) + mulC(a4, conj(b7)) + mulC(a5, conj(b8))
	c[6] = mulC(a6, conj(b0)) + mulC(a7, conj(b1)) + mulC(a8, conj(b2))
	c[7] = mulC(a6, conj(b3)) + mulC(a7, conj(b4)) + mulC(a8, conj(b5))
	c[8] = mulC(a6, conj(b6)) + mulC(a7, conj(b7)) + mulC(a8, conj(b8))
}

// DagMul sets c = a^dagger b.
func (c *M3) DagMul(a, b *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	b0, b1, b2 := b[0], b[1], b[2]
	b3, b4, b5 := b[3], b[4], b[5]
	b6, b7, b8 := b[6], b[7], b[8]
	c[0] = mulC(conj(a0), b0) + mulC(conj(a3), b3) + mulC(conj(a6), b6)
	c[1] = mulC(conj(a0), b1) + mulC(conj(a3), b4) + mulC(conj(a6), b7)
	c[2] = mulC(conj(a0), b2) + mulC(conj(a3), b5) + mulC(conj(a6), b8)
	c[3] = mulC(conj(a1), b0) + mulC(conj(a4), b3) + mulC(conj(a7), b6)
	c[4] = mulC(conj(a1), b1) + mulC(conj(a4), b4) + mulC(conj(a7), b7)
	c[5] = mulC(conj(a1), b2) + mulC(conj(a4), b5) + mulC(conj(a7), b8)
	c[6] = mulC(conj(a2), b0) + mulC(conj(a5), b3) + mulC(conj(a8), b6)
	c[7] = mulC(conj(a2), b1) + mulC(conj(a5), b4) + mulC(conj(a8), b7)
	c[8] = mulC(conj(a2), b2) + mulC(conj(a5), b5) + mulC(conj(a8), b8)
}

// DagDag sets c = a^dagger b^dagger = (b a)^dagger.
func (c *M3) DagDag(a, b *M3) {
	a0, a1, a2 := a[0], a[1], a[2]
	a3, a4, a5 := a[3], a[4], a[5]
	a6, a7, a8 := a[6], a[7], a[8]
	b0, b1, b2 := b[0], b[1], b[2]
	b3, b4, b5 := b[3], b[4], b[5]
	b6, b7, b8 := b[6], b[7], b[8]
	c[0] = conj(mulC(b0, a0) + mulC(b1, a3) + mulC(b2, a6))
	c[1] = conj(mulC(b3, a0) + mulC(b4, a3) + mulC(b5, a6))
	c[2] = conj(mulC(b6, a0) + mulC(b7, a3) + mulC(b8, a6))
	c[3] = conj(mulC(b0, a1) + mulC(b1, a4) + mulC(b2, a7))
	c[4] = conj(mulC(b3, a1) + mulC(b4, a4) + mulC(b5, a7))
	c[5] = conj(mulC(b6, a1) + mulC(b7, a4) + mulC(b8, a7))
	c[6] = conj(mulC(b0, a2) + mulC(b1, a5) + mulC(b2, a8))
	c[7] = conj(mulC(b3, a2) + mulC(b4, a5) + mulC(b5, a8))
	c[8] = conj(mulC(b6, a2) + mulC(b7, a5) + mulC(b8, a8))
}
