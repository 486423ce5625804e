package main

import (
	"encoding/json"
	"github.com/goqcd/goqcd/algorithms/confio/refdata"
	"testing"
)

// conf00200 is the CL2QCD reference configuration (4^4, ILDG float64).
func conf00200(t *testing.T) string {
	t.Helper()
	return refdata.File(t, "ildg", "conf.00200")
}

func TestPropagatorOnReference(t *testing.T) {
	path := conf00200(t)
	var outs [2]propagatorOutput
	for i, ranks := range []string{"1", "2"} {
		code, out, errOut := goqcd(t, "propagator", path, "--kappa", "0.12", "--csw", "1", "--ranks", ranks,
			"--gamma", "g5,gt", "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if err := json.Unmarshal([]byte(out), &outs[i]); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, out)
		}
	}
	for i, r := range outs[0].Residuals {
		if r > 1e-9 || outs[0].Iterations[i] == 0 {
			t.Errorf("column %d: residual %g after %d iterations", i, r, outs[0].Iterations[i])
		}
	}
	c1, c2 := outs[0].Correlator["g5"], outs[1].Correlator["g5"]
	if len(c1) != 4 {
		t.Fatalf("pion correlator has %d entries, want 4", len(c1))
	}
	for i := range c1 {
		if c1[i] <= 0 {
			t.Errorf("pion C(%d) = %g is not positive", i, c1[i])
		}
		if d := c1[i] - c2[i]; d > 1e-10*c1[0] || d < -1e-10*c1[0] {
			t.Errorf("pion C(%d): %g on 1 rank, %g on 2", i, c1[i], c2[i])
		}
	}
	// the pion falls from the source and is symmetric about L/2 (periodic in t)
	if !(c1[0] > c1[1] && c1[0] > c1[2]) {
		t.Errorf("pion correlator does not fall from the source: %v", c1)
	}
}

func TestPropagatorBadInput(t *testing.T) {
	path := conf00200(t)
	wantCode(t, 2, []string{"propagator", path}, "--kappa")
	wantCode(t, 2, []string{"propagator", path, "--kappa", "0.12", "--bc", "p,p,a"}, "four")
	wantCode(t, 2, []string{"propagator", path, "--kappa", "0.12", "--source", "9.0.0.0"}, "outside")
	wantCode(t, 2, []string{"propagator", path, "--kappa", "0.12", "--gamma", "g7"}, "gamma")
	wantCode(t, 2, []string{"propagator", path, "--kappa", "0.12", "--solver", "gmres"}, "solver")
}
