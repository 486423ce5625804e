package propagator

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

var apbc = [4]dirac.Boundary{{}, {}, {}, dirac.Twisted(math.Pi)}

// freeMomentum returns a = 1 - 2 kappa sum cos p and b_mu = 2 kappa sin p_mu
// for the momentum of mode k: M(p) = a + i gamma.b... with the sign of
// doc.go: M(p) = 1 - 2 kappa sum (cos p - i gamma sin p) = a + i gamma.b.
func freeMomentum(k, global [4]int, kappa float64) (p [4]float64, a float64, b [4]float64) {
	a = 1
	for mu := range 4 {
		p[mu] = 2 * math.Pi * float64(k[mu]) / float64(global[mu])
		if mu == 3 {
			p[mu] = math.Pi * float64(2*k[mu]+1) / float64(global[mu])
		}
		a -= 2 * kappa * math.Cos(p[mu])
		b[mu] = 2 * kappa * math.Sin(p[mu])
	}
	return
}

// freePion is sum_xvec 3 Tr_spin[s(x) s(x)^dag] with
// s(x) = (1/V) sum_p e^{ipx} (a - i gamma.b)/(a^2 + b^2).
func freePion(global [4]int, kappa float64) []float64 {
	v := global[0] * global[1] * global[2] * global[3]
	type mode struct {
		p [4]float64
		s dirac.Spin
	}
	var modes []mode
	var k [4]int
	for k[0] = 0; k[0] < global[0]; k[0]++ {
		for k[1] = 0; k[1] < global[1]; k[1]++ {
			for k[2] = 0; k[2] < global[2]; k[2]++ {
				for k[3] = 0; k[3] < global[3]; k[3]++ {
					p, a, b := freeMomentum(k, global, kappa)
					den := a * a
					for mu := range 4 {
						den += b[mu] * b[mu]
					}
					var s dirac.Spin
					for i := range 4 {
						s[i][i] = complex(a/den, 0)
						for j := range 4 {
							for mu := range 4 {
								s[i][j] += complex(0, -b[mu]/den) * dirac.Gamma[mu][i][j]
							}
						}
					}
					modes = append(modes, mode{p, s})
				}
			}
		}
	}
	c := make([]float64, global[3])
	var x [4]int
	for x[3] = 0; x[3] < global[3]; x[3]++ {
		for x[2] = 0; x[2] < global[2]; x[2]++ {
			for x[1] = 0; x[1] < global[1]; x[1]++ {
				for x[0] = 0; x[0] < global[0]; x[0]++ {
					var s dirac.Spin
					for _, m := range modes {
						ph := 0.0
						for mu := range 4 {
							ph += m.p[mu] * float64(x[mu])
						}
						e := cmplx.Exp(complex(0, ph)) / complex(float64(v), 0)
						for i := range 4 {
							for j := range 4 {
								s[i][j] += e * m.s[i][j]
							}
						}
					}
					for i := range 4 {
						for j := range 4 {
							c[x[3]] += 3 * (real(s[i][j])*real(s[i][j]) + imag(s[i][j])*imag(s[i][j]))
						}
					}
				}
			}
		}
	}
	return c
}

func TestFreePionMatchesMomentumSpace(t *testing.T) {
	global := [4]int{4, 4, 4, 8}
	const kappa = 0.11
	l, err := layout.New(comm.Local(), global, layout.Options{W: 2})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := gauge.Cold(l, 3)
	s, err := NewSolver(g, Action{Kappa: kappa, BC: apbc}, Solve{Method: BiCGStab, Tol: 1e-12, MaxIter: 500})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compute(s, Source{Kind: "point", Dir: 3})
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Meson(dirac.Gamma5)
	if err != nil {
		t.Fatal(err)
	}
	want := freePion(global, kappa)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9*want[0] {
			t.Errorf("free pion C(%d) = %.12g, momentum space %.12g", i, got[i], want[i])
		}
	}
	// the condensate against (2 kappa / V) 12 sum_p a / (a^2 + b^2)
	exact := 0.0
	var k [4]int
	for k[0] = 0; k[0] < global[0]; k[0]++ {
		for k[1] = 0; k[1] < global[1]; k[1]++ {
			for k[2] = 0; k[2] < global[2]; k[2]++ {
				for k[3] = 0; k[3] < global[3]; k[3]++ {
					_, a, b := freeMomentum(k, global, kappa)
					den := a * a
					for mu := range 4 {
						den += b[mu] * b[mu]
					}
					exact += 12 * a / den
				}
			}
		}
	}
	exact *= 2 * kappa / float64(l.GlobalVolume)
	st := rng.New(4, 4)
	mean, se, _, err := Condensate(s, 8, &st)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(mean-exact) > 5*se+1e-12 {
		t.Errorf("free condensate %g +- %g, exact %g", mean, se, exact)
	}
}

// TestSolversAgreeAndDecompositionIndependent computes the pion from a wall
// source with each solver on a thermal-ish field, and on 2 ranks.
func TestSolversAgreeAndDecompositionIndependent(t *testing.T) {
	global := [4]int{4, 4, 4, 8}
	run := func(c comm.Comm, procs [4]int, w int, m Method) ([]float64, error) {
		l, err := layout.New(c, global, layout.Options{Procs: procs, W: w})
		if err != nil {
			return nil, err
		}
		st := rng.New(9, 0)
		g, err := gauge.Hot(l, 3, &st)
		if err != nil {
			return nil, err
		}
		ws := gauge.NewWorkspace(l, 3)
		for range 4 {
			if err := g.HeatbathSweep(6.0, &st, ws); err != nil {
				return nil, err
			}
		}
		s, err := NewSolver(g, Action{Kappa: 0.12, CSW: 1.0, BC: apbc}, Solve{Method: m, Tol: 1e-11, MaxIter: 2000})
		if err != nil {
			return nil, err
		}
		p, err := Compute(s, Source{Kind: "wall", At: [4]int{0, 0, 0, 2}, Dir: 3})
		if err != nil {
			return nil, err
		}
		for a, r := range p.Results {
			if r.FullResidual > 1e-9 {
				return nil, fmt.Errorf("%s column %d: full residual %g", m, a, r.FullResidual)
			}
		}
		return p.Meson(dirac.Gamma5)
	}
	ref, err := run(comm.Local(), [4]int{}, 1, BiCGStab)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []Method{CGNR, MixedBiCGStab} {
		got, err := run(comm.Local(), [4]int{}, 1, m)
		if err != nil {
			t.Fatal(err)
		}
		for i := range ref {
			if math.Abs(got[i]-ref[i]) > 1e-8*ref[0] {
				t.Errorf("%s: C(%d) = %g, bicgstab %g", m, i, got[i], ref[i])
			}
		}
	}
	err = comm.RunInProc(2, func(c comm.Comm) error {
		got, err := run(c, [4]int{1, 1, 1, 2}, 2, BiCGStab)
		if err != nil {
			return err
		}
		for i := range ref {
			if math.Abs(got[i]-ref[i]) > 1e-11*ref[0] {
				return fmt.Errorf("2 ranks W=2: C(%d) = %.15g, one rank %.15g", i, got[i], ref[i])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range ref {
		if v <= 0 {
			t.Errorf("pion correlator C(%d) = %g is not positive", i, v)
		}
	}
}
