package main

import (
	"encoding/json"
	"math/cmplx"
	"strings"
	"testing"
)

func TestMatVec12(t *testing.T) {
	var a [144]complex128
	var x, y [12]complex128
	for i := range a {
		a[i] = complex(float64(i%7), float64(i%5)-2)
	}
	for i := range x {
		x[i] = complex(1, float64(i))
	}
	matVec12(&y, &a, &x)
	for i := range 12 {
		var want complex128
		for j := range 12 {
			want += a[12*i+j] * x[j]
		}
		if cmplx.Abs(y[i]-want) > 1e-12 {
			t.Fatalf("row %d: %v, want %v", i, y[i], want)
		}
	}
	_, out, _ := goqcd(t, "bench", "matvec", "--calls", "1000", "--repeats", "1", "--json")
	var r matvecBench
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.NsPerCall <= 0 || r.Flops != 1128 {
		t.Fatalf("bench matvec --json: %v %+v\n%s", err, r, out)
	}
}

func TestBenchMemory(t *testing.T) {
	_, out, _ := goqcd(t, "bench", "memory", "--sizes", "0.5,2", "--repeats", "1", "--json")
	var r memoryBench
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("bench memory --json: %v\n%s", err, out)
	}
	if len(r.Points) != 6 || r.W < 1 {
		t.Fatalf("bench memory: %d points, W = %d, want 6 points (2 sizes x read, copy, axpy)\n%s", len(r.Points), r.W, out)
	}
	for _, p := range r.Points {
		if !(p.GBps > 0) || p.Bytes <= 0 || p.Bytes > 2<<20+1<<16 {
			t.Errorf("point %+v: want a positive rate and a working set of at most the size asked", p)
		}
	}
	if code, _, errOut := goqcd(t, "bench", "memory", "--sizes", "0,x"); code != 2 || !strings.Contains(errOut, "--sizes") {
		t.Errorf("bench memory --sizes 0,x: exit %d, stderr %q; want 2 and a message naming --sizes", code, errOut)
	}
}
