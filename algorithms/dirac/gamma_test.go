package dirac

import (
	"testing"

	"github.com/goqcd/goqcd/kernels"
)

func TestGammaAlgebra(t *testing.T) {
	for mu := range 4 {
		for nu := range 4 {
			a, b := Gamma[mu].Mul(&Gamma[nu]), Gamma[nu].Mul(&Gamma[mu])
			for i := range 4 {
				for j := range 4 {
					want := complex128(0)
					if mu == nu && i == j {
						want = 2
					}
					if a[i][j]+b[i][j] != want {
						t.Errorf("{gamma_%d, gamma_%d}[%d][%d] = %v, want %v", mu, nu, i, j, a[i][j]+b[i][j], want)
					}
				}
			}
		}
		for i := range 4 {
			for j := range 4 {
				if Gamma[mu][i][j] != conj(Gamma[mu][j][i]) {
					t.Errorf("gamma_%d is not Hermitian at [%d][%d]", mu, i, j)
				}
				// chiral basis: no entries inside the diagonal 2x2 blocks
				if i/2 == j/2 && Gamma[mu][i][j] != 0 {
					t.Errorf("gamma_%d has a diagonal-block entry at [%d][%d]", mu, i, j)
				}
			}
		}
	}
	g := Gamma[0].Mul(&Gamma[1])
	g = g.Mul(&Gamma[2])
	g = g.Mul(&Gamma[3])
	if g != Gamma5 {
		t.Errorf("gamma_x gamma_y gamma_z gamma_t = %v, want Gamma5 = diag(1,1,-1,-1)", g)
	}
}

// TestSigmaBlockDiagonal checks that sigma_mu,nu = (i/2)[gamma_mu, gamma_nu]
// is Hermitian and commutes with gamma5 (no entries between the
// chirality blocks), so that the clover term is two 6x6 blocks.
func TestSigmaBlockDiagonal(t *testing.T) {
	for mu := range 4 {
		for nu := range 4 {
			s := Sigma(mu, nu)
			for i := range 4 {
				for j := range 4 {
					if i/2 != j/2 && s[i][j] != 0 {
						t.Errorf("sigma_%d%d mixes chiralities at [%d][%d]", mu, nu, i, j)
					}
					if s[i][j] != conj(s[j][i]) {
						t.Errorf("sigma_%d%d is not Hermitian at [%d][%d]", mu, nu, i, j)
					}
				}
			}
		}
	}
}

// TestKernelProjectionMatchesGamma checks the kernels' spin-projection
// table against these gamma matrices: (1 -/+ gamma_mu) has upper rows
// e_a + C[a] e_J[a] and lower rows conj(C[a]) times upper row a at J[a].
func TestKernelProjectionMatchesGamma(t *testing.T) {
	for d, pr := range kernels.HopProjection {
		mu, sign := d/2, complex(float64(1-2*(d&1)), 0)
		var p Spin
		for i := range 4 {
			for j := range 4 {
				p[i][j] = -sign * Gamma[mu][i][j]
				if i == j {
					p[i][j]++
				}
			}
		}
		var want Spin
		for a := range 2 {
			want[a][a] = 1
			want[a][pr.J[a]] = pr.C[a].Complex()
			for j := range 4 {
				want[pr.J[a]][j] = pr.C[a].Conj().Complex() * want[a][j]
			}
		}
		if p != want {
			t.Errorf("hop %d: 1 -/+ gamma = %v, kernel table gives %v", d, p, want)
		}
	}
}
