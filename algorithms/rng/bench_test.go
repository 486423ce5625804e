package rng

import "testing"

// sink keeps the compiler from removing benchmarked draws.
var sink float64

// BenchmarkPhilox4x32 measures throughput: the counters are independent,
// as they are when a field is filled site by site.
func BenchmarkPhilox4x32(b *testing.B) {
	key := [2]uint32{5, 6}
	var x uint32
	for i := 0; i < b.N; i++ {
		x ^= Philox4x32([4]uint32{uint32(i), 2, 3, 4}, key)[0]
	}
	sink = float64(x)
}

func BenchmarkUint32(b *testing.B) {
	g := New(1, 2).Site(3)
	var x uint32
	for i := 0; i < b.N; i++ {
		x += g.Uint32()
	}
	sink = float64(x)
}

func BenchmarkFloat64(b *testing.B) {
	g := New(1, 2).Site(3)
	x := 0.0
	for i := 0; i < b.N; i++ {
		x += g.Float64()
	}
	sink = x
}

func BenchmarkGaussian(b *testing.B) {
	g := New(1, 2).Site(3)
	x := 0.0
	for i := 0; i < b.N; i++ {
		x += g.Gaussian()
	}
	sink = x
}

// BenchmarkSiteFloat64 is the field-filling pattern: a new Site per site
// and a single draw from it.
func BenchmarkSiteFloat64(b *testing.B) {
	s := New(1, 2)
	x := 0.0
	for i := 0; i < b.N; i++ {
		g := s.Site(uint64(i))
		x += g.Float64()
	}
	sink = x
}
