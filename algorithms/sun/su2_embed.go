package sun

// SU(2) subgroups of SU(N): subgroup (i, j), i < j, acts on rows (or
// columns) i and j; its element u is embedded as the N x N matrix E(u) equal
// to the identity except E_ii = u00, E_ij = u01, E_ji = u10, E_jj = u11.
// Cabibbo-Marinari updates sweep over SubgroupPairs(N).

// SubgroupPairs returns the N(N-1)/2 pairs (i, j), i < j, in the order
// (0,1), (0,2), ..., (0,N-1), (1,2), ..., (N-2,N-1).
func SubgroupPairs(n int) [][2]int {
	var p [][2]int
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			p = append(p, [2]int{i, j})
		}
	}
	return p
}

// SU3Subgroups are SubgroupPairs(3) without the allocation.
var SU3Subgroups = [3][2]int{{0, 1}, {0, 2}, {1, 2}}

// ExtractSU2 returns the quaternion part k of the 2x2 block (rows and
// columns i, j) of m, see SU2FromMatrix: Re Tr(E(u) m) = Re Tr(u k) + const
// for every SU(2) element u. The block is k itself when m = E(k) for an
// SU(2) k. k is unnormalised; |k| = Norm(k) is what a heatbath needs.
func (m *M3) ExtractSU2(i, j int) SU2 {
	return SU2FromMatrix([4]complex128{m[3*i+i], m[3*i+j], m[3*j+i], m[3*j+j]})
}

// MulSU2Left sets m = E(u) m for subgroup (i, j): only rows i and j change.
func (m *M3) MulSU2Left(u SU2, i, j int) {
	w := u.Matrix()
	for k := 0; k < 3; k++ {
		x, y := m[3*i+k], m[3*j+k]
		m[3*i+k] = w[0]*x + w[1]*y
		m[3*j+k] = w[2]*x + w[3]*y
	}
}

// MulSU2Right sets m = m E(u) for subgroup (i, j): only columns i and j change.
func (m *M3) MulSU2Right(u SU2, i, j int) {
	w := u.Matrix()
	for k := 0; k < 3; k++ {
		x, y := m[3*k+i], m[3*k+j]
		m[3*k+i] = x*w[0] + y*w[2]
		m[3*k+j] = x*w[1] + y*w[3]
	}
}

// ExtractSU2 is the general-N twin of M3.ExtractSU2.
func (m *Mat) ExtractSU2(i, j int) SU2 {
	n := m.N
	return SU2FromMatrix([4]complex128{m.A[n*i+i], m.A[n*i+j], m.A[n*j+i], m.A[n*j+j]})
}

// MulSU2Left sets m = E(u) m for subgroup (i, j).
func (m *Mat) MulSU2Left(u SU2, i, j int) {
	w := u.Matrix()
	n := m.N
	ri, rj := m.A[n*i:n*i+n], m.A[n*j:n*j+n]
	for k := range ri {
		x, y := ri[k], rj[k]
		ri[k] = w[0]*x + w[1]*y
		rj[k] = w[2]*x + w[3]*y
	}
}

// MulSU2Right sets m = m E(u) for subgroup (i, j).
func (m *Mat) MulSU2Right(u SU2, i, j int) {
	w := u.Matrix()
	n := m.N
	for k := 0; k < n; k++ {
		x, y := m.A[n*k+i], m.A[n*k+j]
		m.A[n*k+i] = x*w[0] + y*w[2]
		m.A[n*k+j] = x*w[1] + y*w[3]
	}
}
