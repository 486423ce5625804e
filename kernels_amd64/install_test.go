//go:build amd64 && !noasm

package kernels_amd64_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/goqcd/goqcd/kernels"
)

// forEachAmd64Set selects, through package kernels, each amd64 set this
// CPU runs and calls f with it; the selection before is restored.
func forEachAmd64Set(t *testing.T, f func(name string, set kernels.Set)) {
	t.Helper()
	before := kernels.Selected().Name
	defer func() {
		if _, err := kernels.Select(before); err != nil {
			t.Fatal(err)
		}
	}()
	for _, name := range []string{"avx2", "avx512"} {
		if !slices.Contains(kernels.Available(), name) {
			t.Logf("%s: this CPU lacks it, skipped", name)
			continue
		}
		set, err := kernels.Select(name)
		if err != nil {
			t.Fatalf("Select(%s): %v", name, err)
		}
		f(name, set)
	}
}

// TestInstalledSets selects each amd64 set this CPU runs through package
// kernels and checks that the dispatched kernels (what the Dirac operators
// call) give the portable kernels' bits at the set's natural W and at a W
// the set has no kernel for (1: the fallback).
func TestInstalledSets(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	forEachAmd64Set(t, func(name string, set kernels.Set) {
		for _, w := range []int{set.W64, 1} {
			c := newHopCase[float64](rng, w, 40, 41, true)
			want := c.clone()
			kernels.WilsonHopGo(&want.h, want.tiles)
			kernels.WilsonHop64(&c.h, c.tiles)
			if bad, _ := sameBits(c.dst, want.dst, 0); bad > 0 {
				t.Errorf("%s W=%d: dispatched WilsonHop64 differs from WilsonHopGo in %d numbers", name, w, bad)
			}
		}
		for _, w := range []int{set.W32, 1} {
			c := newHopCase[float32](rng, w, 40, 41, true)
			want := c.clone()
			kernels.WilsonHopGo(&want.h, want.tiles)
			kernels.WilsonHop32(&c.h, c.tiles)
			if bad, _ := sameBits(c.dst, want.dst, 0); bad > 0 {
				t.Errorf("%s W=%d: dispatched WilsonHop32 differs from WilsonHopGo in %d numbers", name, w, bad)
			}
		}
		clov := randSlice[float64](rng, 6*72*set.W64)
		src := randSlice[float64](rng, 6*24*set.W64)
		got, want := make([]float64, len(src)), make([]float64, len(src))
		kernels.CloverApply64(got, src, clov, set.W64, 1, 6)
		kernels.CloverApplyGo(want, src, clov, set.W64, 1, 6)
		if bad, _ := sameBits(got, want, 0); bad > 0 {
			t.Errorf("%s: dispatched CloverApply64 differs from CloverApplyGo in %d numbers", name, bad)
		}
	})
}
