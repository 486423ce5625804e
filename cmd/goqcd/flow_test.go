package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/goqcd/goqcd/algorithms/confio"
	"github.com/goqcd/goqcd/algorithms/flow"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/comm"
	"github.com/goqcd/goqcd/layout"
)

// flowDirect flows the configuration at path on one rank with the flow
// package itself.
func flowDirect(t *testing.T, path string, dims [4]int, opt flow.Options) []flow.Point {
	t.Helper()
	c, err := confio.Read(path, confio.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := layout.New(comm.Local(), dims, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := scatterConfig(l, c)
	if err != nil {
		t.Fatal(err)
	}
	points, err := flow.Run(g, gauge.NewWorkspace(l, 3), opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return points
}

func flowJSON(t *testing.T, args ...string) flowResult {
	t.Helper()
	out := wantCode(t, 0, append([]string{"flow", "--json"}, args...))
	var res flowResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("flow --json does not parse: %v\n%s", err, out)
	}
	return res
}

// TestFlowMatchesPackage: goqcd flow on 2 ranks gives the points of
// flow.Run on one rank bit for bit (the flow is decomposition independent),
// and t0, w0 as flow.T0, flow.W0 find them on those points. A lightly
// thermalised 4^4 field at beta 5 reaches t^2 E = 0.3 near t = 0.36.
func TestFlowMatchesPackage(t *testing.T) {
	dims := [4]int{4, 4, 4, 4}
	path := writeConfig(t, t.TempDir(), "c.ildg", thermalConfig(t, dims, 5.0, 1), confio.FormatILDG, confio.WriteOptions{})
	opts := []flow.Options{{Eps: 0.05, TMax: 0.8, Every: 2}, {Eps: 0.05, TMax: 0.8, Tol: 1e-3}}
	if testing.Short() {
		opts = opts[:1] // the adaptive flow costs more (seconds under qemu)
	}
	for _, opt := range opts {
		// The command's default W (the kernel set's) against W = 1 here:
		// the pure-gauge code gives the same bits on every W.
		args := []string{path, "--ranks", "2", "--eps", "0.05", "--tmax", "0.8"}
		if opt.Tol > 0 {
			args = append(args, "--tol", "0.001")
		} else {
			args = append(args, "--every", "2")
		}
		got := flowJSON(t, args...)
		want := flowDirect(t, path, dims, opt)
		if len(got.Points) != len(want) || len(want) < 5 {
			t.Fatalf("%+v: %d points, flow.Run gives %d", opt, len(got.Points), len(want))
		}
		for i, p := range want {
			g := got.Points[i]
			if g.T != p.T || g.EClover != p.EClover || g.EPlaq != p.EPlaq || g.Q != p.Q || g.T2E != p.T2E() || g.T2EPlaq != p.T2EPlaq() {
				t.Errorf("%+v: point %d = %+v, flow.Run gives %+v", opt, i, g, p)
			}
		}
		if last := got.Points[len(got.Points)-1].T; last != 0.8 {
			t.Errorf("%+v: last t = %v, want tmax", opt, last)
		}
		for i := 1; i < len(want); i++ {
			if !(want[i].EPlaq < want[i-1].EPlaq) {
				t.Errorf("%+v: the plaquette action density rises along the flow at t = %v", opt, want[i].T)
			}
		}
		for _, s := range []struct {
			name string
			got  *float64
			f    func([]flow.Point, flow.Density, float64) (float64, error)
			d    flow.Density
		}{{"t0", got.T0, flow.T0, flow.Clover}, {"t0_plaquette", got.T0Plaq, flow.T0, flow.Plaquette},
			{"w0", got.W0, flow.W0, flow.Clover}, {"w0_plaquette", got.W0Plaq, flow.W0, flow.Plaquette}} {
			v, err := s.f(want, s.d, 0.3)
			switch {
			case err != nil && s.got != nil:
				t.Errorf("%+v: %s = %v, but flow says %v", opt, s.name, *s.got, err)
			case err == nil && (s.got == nil || *s.got != v):
				t.Errorf("%+v: %s = %v, flow finds %v", opt, s.name, s.got, v)
			}
		}
		if got.T0 == nil || math.Abs(*got.T0-0.36) > 0.05 {
			t.Errorf("%+v: t0 = %v, want near 0.36 for this field", opt, got.T0)
		}
	}
	// The table: a row per point, and the scales.
	out := wantCode(t, 0, []string{"flow", path, "--eps", "0.1", "--tmax", "0.3"})
	for _, f := range []string{"t^2 E", "E (clover)", "   0.30000 ", "t0 (plaquette E)", "t0 (clover E) not reached by t = 0.3"} {
		if !strings.Contains(out, f) {
			t.Errorf("flow table lacks %q:\n%s", f, out)
		}
	}
}

func TestFlowBadInput(t *testing.T) {
	path := writeConfig(t, t.TempDir(), "c.ildg", thermalConfig(t, [4]int{4, 4, 4, 4}, 5.0, 0), confio.FormatILDG, confio.WriteOptions{})
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{"flow", "--tmax", "1"}, []string{"exactly one"}},
		{[]string{"flow", path, path, "--tmax", "1"}, []string{"exactly one"}},
		{[]string{"flow", path}, []string{"--tmax", "missing"}},
		{[]string{"flow", path, "--tmax", "-1"}, []string{"--tmax -1"}},
		{[]string{"flow", path, "--tmax", "1", "--eps", "0"}, []string{"--eps 0"}},
		{[]string{"flow", path, "--tmax", "1", "--tol", "-1"}, []string{"--tol -1"}},
		{[]string{"flow", path, "--tmax", "1", "--every", "0"}, []string{"--every 0"}},
		{[]string{"flow", path, "--tmax", "1e9", "--eps", "1e-3"}, []string{"steps"}},
	}
	for _, c := range cases {
		wantCode(t, 2, c.args, c.wants...)
	}
}
