package dirac

import (
	"fmt"

	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/layout"
)

// cloverLeaves sets q(x) = Q_mu,nu(x), the sum of the four plaquettes of
// the mu-nu plane that start and end at x, each oriented mu then nu:
//
//	U_mu(x) U_nu(x+mu) U_mu(x+nu)^dag U_nu(x)^dag
//	+ U_nu(x) U_mu(x-mu+nu)^dag U_nu(x-mu)^dag U_mu(x-mu)
//	+ U_mu(x-mu)^dag U_nu(x-mu-nu)^dag U_mu(x-mu-nu) U_nu(x-nu)
//	+ U_nu(x-nu)^dag U_mu(x-nu) U_nu(x-nu+mu) U_mu(x)^dag.
//
// The last three are the plaquette P(y) of the first line at y = x-mu,
// x-mu-nu, x-nu conjugated back to x: with V(y) = U_mu(y) U_nu(y+mu),
// leaf 2 = [U_mu^dag P U_mu](x-mu), leaf 3 = [V^dag P V](x-mu-nu),
// leaf 4 = [U_nu^dag P U_nu](x-nu). Collective.
func cloverLeaves(u *gauge.Field, mu, nu int, ws *gauge.Workspace, tmp *[5]*layout.Field[float64], q *layout.Field[float64]) error {
	a, b, v, p, y := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4]
	n, all := 3, layout.Full
	shift := func(dst, src *layout.Field[float64], d int) error {
		if err := ws.Shift(dst, src, d); err != nil {
			return fmt.Errorf("dirac: clover leaves in plane %d%d: %w", mu, nu, err)
		}
		return nil
	}
	if err := shift(a, u.U[nu], layout.HopDir(mu, +1)); err != nil { // U_nu(x+mu)
		return err
	}
	if err := shift(b, u.U[mu], layout.HopDir(nu, +1)); err != nil { // U_mu(x+nu)
		return err
	}
	gauge.MatMul(n, v, u.U[mu], a, gauge.Plain, gauge.Plain, all) // V
	gauge.MatMul(n, a, v, b, gauge.Plain, gauge.Dag, all)
	gauge.MatMul(n, p, a, u.U[nu], gauge.Plain, gauge.Dag, all) // P
	layout.Copy(q, p)
	// conj computes w^dag P w into y and shifts it back by the hops ds.
	conj := func(w *layout.Field[float64], ds ...int) error {
		gauge.MatMul(n, a, w, p, gauge.Dag, gauge.Plain, all)
		gauge.MatMul(n, y, a, w, gauge.Plain, gauge.Plain, all)
		src, dst := y, a
		for _, d := range ds {
			if err := shift(dst, src, d); err != nil {
				return err
			}
			src, dst = dst, src
		}
		layout.Axpy(1, src, q)
		return nil
	}
	if err := conj(u.U[mu], layout.HopDir(mu, -1)); err != nil {
		return err
	}
	if err := conj(u.U[nu], layout.HopDir(nu, -1)); err != nil {
		return err
	}
	return conj(v, layout.HopDir(mu, -1), layout.HopDir(nu, -1))
}

// fieldStrength returns F = (1/8)(Q - Q^dag) made traceless: the
// anti-Hermitian, traceless clover-leaf field strength from the leaf sum Q
// (3x3, row-major).
func fieldStrength(q *[9]complex128) [9]complex128 {
	var f [9]complex128
	for i := range 3 {
		for j := range 3 {
			f[3*i+j] = (q[3*i+j] - conj(q[3*j+i])) / 8
		}
	}
	tr := (f[0] + f[4] + f[8]) / 3
	for i := range 3 {
		f[4*i] -= tr
	}
	return f
}
