package layout

import (
	"strings"
	"testing"

	"github.com/goqcd/goqcd/comm"
)

func localComm() comm.Comm { return comm.Local() }

// TestBadInput checks that impossible geometries are refused with an error
// that names the problem.
func TestBadInput(t *testing.T) {
	cases := []struct {
		global [Nd]int
		opt    Options
		size   int
		want   string
	}{
		{[Nd]int{4, 4, 4, 6}, Options{Procs: [Nd]int{1, 1, 1, 4}}, 4, "not divisible"},
		{[Nd]int{4, 4, 4, 4}, Options{Procs: [Nd]int{1, 1, 1, 4}}, 4, "odd"},
		{[Nd]int{4, 4, 4, 5}, Options{}, 1, "odd"},
		{[Nd]int{4, 4, 4, 4}, Options{Procs: [Nd]int{1, 1, 1, 2}}, 4, "2"},
		{[Nd]int{4, 4, 4, 4}, Options{W: 3}, 1, "W = 3"},
		{[Nd]int{2, 2, 2, 4}, Options{W: 4}, 1, "does not divide"},
		{[Nd]int{2, 2, 2, 2}, Options{}, 3, "cannot split"},
	}
	for _, c := range cases {
		err := comm.RunInProc(c.size, func(cm comm.Comm) error {
			_, err := New(cm, c.global, c.opt)
			if err == nil {
				t.Errorf("New(%v, %+v) on %d ranks succeeded", c.global, c.opt, c.size)
			} else if !strings.Contains(err.Error(), c.want) {
				t.Errorf("New(%v, %+v): error %q does not mention %q", c.global, c.opt, err, c.want)
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}
	if _, err := ParseDims("8.8.8"); err == nil {
		t.Error("ParseDims accepted 8.8.8")
	}
	if d, err := ParseDims("8.4.6.12"); err != nil || d != [Nd]int{8, 4, 6, 12} {
		t.Errorf("ParseDims(8.4.6.12) = %v, %v", d, err)
	}
}

func TestAutoProcs(t *testing.T) {
	for _, c := range []struct {
		global [Nd]int
		n      int
		want   [Nd]int
	}{
		{[Nd]int{16, 16, 16, 16}, 2, [Nd]int{1, 1, 1, 2}},
		{[Nd]int{16, 16, 16, 16}, 16, [Nd]int{2, 2, 2, 2}},
		{[Nd]int{8, 8, 8, 16}, 4, [Nd]int{1, 1, 1, 4}}, // one split: the smallest halo
		{[Nd]int{8, 8, 8, 8}, 4, [Nd]int{1, 1, 2, 2}},
		{[Nd]int{4, 4, 4, 12}, 3, [Nd]int{1, 1, 1, 3}},
	} {
		got, err := AutoProcs(c.global, c.n)
		if err != nil || got != c.want {
			t.Errorf("AutoProcs(%v, %d) = %v, %v; want %v", c.global, c.n, got, err, c.want)
		}
	}
}
