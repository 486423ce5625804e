package dirac

// Spin is a 4x4 complex matrix acting on the spin index.
type Spin [4][4]complex128

// Gamma holds the Euclidean gamma matrices gamma_x, gamma_y, gamma_z,
// gamma_t in the chiral DeGrand-Rossi basis (see doc.go). They are
// Hermitian, {gamma_mu, gamma_nu} = 2 delta_mu,nu, and each has one entry
// of modulus one per row, in the off-diagonal 2x2 blocks.
var Gamma = [4]Spin{
	{{0, 0, 0, 1i}, {0, 0, 1i, 0}, {0, -1i, 0, 0}, {-1i, 0, 0, 0}},
	{{0, 0, 0, -1}, {0, 0, 1, 0}, {0, 1, 0, 0}, {-1, 0, 0, 0}},
	{{0, 0, 1i, 0}, {0, 0, 0, -1i}, {-1i, 0, 0, 0}, {0, 1i, 0, 0}},
	{{0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}},
}

// Gamma5 = gamma_x gamma_y gamma_z gamma_t = diag(1, 1, -1, -1).
var Gamma5 = Spin{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, -1, 0}, {0, 0, 0, -1}}

// Mul returns the product a b.
func (a *Spin) Mul(b *Spin) Spin {
	var c Spin
	for i := range 4 {
		for k := range 4 {
			for j := range 4 {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}

// Sigma returns sigma_mu,nu = (i/2) [gamma_mu, gamma_nu]. In the chiral
// basis it is block diagonal: it does not mix spins {0, 1} with {2, 3}.
func Sigma(mu, nu int) Spin {
	a, b := Gamma[mu].Mul(&Gamma[nu]), Gamma[nu].Mul(&Gamma[mu])
	var s Spin
	for i := range 4 {
		for j := range 4 {
			s[i][j] = 0.5i * (a[i][j] - b[i][j])
		}
	}
	return s
}
