package main

import (
	"encoding/json"
	"math/cmplx"
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
