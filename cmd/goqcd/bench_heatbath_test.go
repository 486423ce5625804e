package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestBenchHeatbathJSON(t *testing.T) {
	for _, c := range []struct {
		group string
		ranks string
	}{{"3", "2"}, {"2", "1"}} {
		out := wantCode(t, 0, []string{"bench", "heatbath", "--grid", "4.4.4.4", "--group", c.group, "--ranks", c.ranks,
			"--sweeps", "3", "--beta", "5.5", "--json"})
		var b heatbathBench
		if err := json.Unmarshal([]byte(out), &b); err != nil {
			t.Fatalf("bench heatbath --json does not parse: %v\n%s", err, out)
		}
		if b.Links != 4*256 || b.Sweeps != 3 || b.Beta != 5.5 || b.Comm != "inproc" || b.Kernels == "" || !strings.Contains(b.Layout, "4.4.4.4") ||
			b.Group != map[string]int{"3": 3, "2": 2}[c.group] || b.Ranks != map[string]int{"2": 2, "1": 1}[c.ranks] {
			t.Errorf("bench heatbath --json = %+v", b)
		}
		for name, s := range map[string]sweepTiming{"heatbath": b.Heatbath, "overrelax": b.Overrelax} {
			close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Abs(b) }
			if !(s.Ms > 0 && s.MinMs > 0 && s.MinMs <= s.Ms) || !close(s.NsPerLink, s.Ms*1e6/float64(b.Links)) || !close(s.CoreNsPerLink, s.NsPerLink*float64(b.Ranks)) {
				t.Errorf("%s timing %+v", name, s)
			}
		}
		// 4 heatbath sweeps from a hot start (plaquette near 0) at beta
		// 5.5 bring the plaquette above 0.2.
		if !(b.Plaquette > 0.2 && b.Plaquette < 1) {
			t.Errorf("plaquette after the sweeps %v", b.Plaquette)
		}
	}
	out := wantCode(t, 0, []string{"bench", "heatbath", "--grid", "4.4.4.4", "--sweeps", "1"})
	for _, f := range []string{"heatbath", "overrelax", "ms/sweep", "ns/link", "kernels", "LatticeQCD.jl: 96.8 ms"} {
		if !strings.Contains(out, f) {
			t.Errorf("bench heatbath table lacks %q:\n%s", f, out)
		}
	}
	for _, c := range []struct{ args, wants []string }{
		{[]string{"bench", "heatbath", "--group", "1"}, []string{"--group 1"}},
		{[]string{"bench", "heatbath", "--beta", "0"}, []string{"--beta 0"}},
		{[]string{"bench", "heatbath", "--sweeps", "0"}, []string{"--sweeps 0"}},
		{[]string{"bench", "heatbath", "extra"}, []string{"no arguments"}},
	} {
		wantCode(t, 2, c.args, c.wants...)
	}
}
