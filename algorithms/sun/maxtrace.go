package sun

import "math"

// Max-trace projection onto SU(N): the U in SU(N) that maximises
// Re Tr(U V^dagger), as APE and HYP smearing need. U starts from the
// Gram-Schmidt projection of V; each sweep visits the SU(2) subgroups
// (SubgroupPairs order) and left-multiplies U by the subgroup element that
// maximises Re Tr(U V^dagger) with the other entries held fixed
// (MaxTraceSU2 of the block of W = U V^dagger). The sweeps stop when every
// rotation of a sweep has |a1, a2, a3| <= tol (a rotation angle below 2 tol),
// or after maxIter sweeps. The number of sweeps made is returned; it equals
// maxIter when the tolerance was not reached. Each step increases
// Re Tr(U V^dagger), so the result is never worse than the start.

// ProjectSU3MaxTrace sets u to the max-trace projection of v onto SU(3).
// u may alias v.
func (u *M3) ProjectSU3MaxTrace(v *M3, tol float64, maxIter int) int {
	vv := *v
	u.ProjectSU3(&vv)
	var w M3
	w.MulDag(u, &vv)
	iter := 0
	for iter < maxIter {
		iter++
		var worst float64
		for _, p := range SU3Subgroups {
			a := MaxTraceSU2(w.ExtractSU2(p[0], p[1]))
			worst = math.Max(worst, math.Sqrt(a[1]*a[1]+a[2]*a[2]+a[3]*a[3]))
			w.MulSU2Left(a, p[0], p[1])
			u.MulSU2Left(a, p[0], p[1])
		}
		if worst <= tol {
			break
		}
	}
	// Products of SU(2) rotations drift from SU(3) by round-off only; remove it.
	u.Reunitarize()
	return iter
}

// ProjectSUNMaxTrace sets u to the max-trace projection of v onto SU(N).
// u may alias v.
func (u *Mat) ProjectSUNMaxTrace(v *Mat, tol float64, maxIter int) int {
	sameSize(u, v)
	vv := v.Clone()
	u.Copy(&vv)
	u.Reunitarize()
	w := NewMat(u.N)
	w.MulDag(u, &vv)
	pairs := SubgroupPairs(u.N)
	iter := 0
	for iter < maxIter {
		iter++
		var worst float64
		for _, p := range pairs {
			a := MaxTraceSU2(w.ExtractSU2(p[0], p[1]))
			worst = math.Max(worst, math.Sqrt(a[1]*a[1]+a[2]*a[2]+a[3]*a[3]))
			w.MulSU2Left(a, p[0], p[1])
			u.MulSU2Left(a, p[0], p[1])
		}
		if worst <= tol {
			break
		}
	}
	u.Reunitarize()
	return iter
}
