package sun

// mulInto sets c = op(a) op(b) with op = identity or dagger as selected;
// c must not alias a or b.
func mulInto(c, a, b *Mat, dagA, dagB bool) {
	n := c.N
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var s complex128
			for k := 0; k < n; k++ {
				var x, y complex128
				if dagA {
					x = conj(a.A[n*k+i])
				} else {
					x = a.A[n*i+k]
				}
				if dagB {
					y = conj(b.A[n*j+k])
				} else {
					y = b.A[n*k+j]
				}
				s += x * y
			}
			c.A[n*i+j] = s
		}
	}
}

func (c *Mat) product(a, b *Mat, dagA, dagB bool) {
	sameSize(c, a, b)
	if aliased(c, a) || aliased(c, b) {
		t := NewMat(c.N)
		mulInto(&t, a, b, dagA, dagB)
		copy(c.A, t.A)
		return
	}
	mulInto(c, a, b, dagA, dagB)
}

// Mul sets c = a b.
func (c *Mat) Mul(a, b *Mat) { c.product(a, b, false, false) }

// MulDag sets c = a b^dagger.
func (c *Mat) MulDag(a, b *Mat) { c.product(a, b, false, true) }

// DagMul sets c = a^dagger b.
func (c *Mat) DagMul(a, b *Mat) { c.product(a, b, true, false) }

// DagDag sets c = a^dagger b^dagger.
func (c *Mat) DagDag(a, b *Mat) { c.product(a, b, true, true) }
