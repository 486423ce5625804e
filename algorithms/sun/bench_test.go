package sun

import "testing"

// Flop counts: a 3x3 complex product is 27 complex multiplications (6 flops)
// and 18 complex additions (2 flops).
const m3MulFlops = 27*6 + 18*2

var (
	sinkM3  M3
	sinkSU2 SU2
)

func BenchmarkM3Mul(b *testing.B) {
	src := newSource(1)
	x, y := gaussM3(src), gaussM3(src)
	var c M3
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Mul(&x, &y)
		x[0] = c[0] * 1e-3 // keep a dependency so the loop is not hoisted
	}
	sinkM3 = c
	b.ReportMetric(float64(m3MulFlops)*float64(b.N)/b.Elapsed().Seconds()/1e9, "Gflop/s")
}

func BenchmarkM3MulDag(b *testing.B) {
	src := newSource(1)
	x, y := gaussM3(src), gaussM3(src)
	var c M3
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.MulDag(&x, &y)
		x[0] = c[0] * 1e-3
	}
	sinkM3 = c
	b.ReportMetric(float64(m3MulFlops)*float64(b.N)/b.Elapsed().Seconds()/1e9, "Gflop/s")
}

func benchExp3(b *testing.B, nrm float64) {
	src := newSource(2)
	xs := make([]M3, 64)
	for i := range xs {
		xs[i] = randomSU3Algebra(nrm, src)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkM3 = Exp3(&xs[i&63])
	}
}

// 0.1 is a typical HMC step times momentum, 3 a stout-smearing extreme.
func BenchmarkExp3Small(b *testing.B) { benchExp3(b, 0.1) }
func BenchmarkExp3Large(b *testing.B) { benchExp3(b, 3) }

func BenchmarkReunitarize(b *testing.B) {
	src := newSource(3)
	u := gaussM3(src)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := u
		v.Reunitarize()
		sinkM3 = v
	}
}

func BenchmarkProjectSU3MaxTrace(b *testing.B) {
	src := newSource(4)
	v := RandomSU3(src)
	g := gaussM3(src)
	v.AddScaled(0.3, &g)
	var u M3
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.ProjectSU3MaxTrace(&v, 1e-12, 100)
	}
	sinkM3 = u
}

func BenchmarkRandomSU3(b *testing.B) {
	src := newSource(5)
	for i := 0; i < b.N; i++ {
		sinkM3 = RandomSU3(src)
	}
}

// alpha = 2 beta |k| / 3 is about 2 to 10 in SU(3) runs at beta near 6.
func benchHeatbath(b *testing.B, alpha float64) {
	src := newSource(6)
	for i := 0; i < b.N; i++ {
		sinkSU2 = HeatbathSU2(alpha, src)
	}
}

func BenchmarkHeatbathSU2Alpha1(b *testing.B)  { benchHeatbath(b, 1) }
func BenchmarkHeatbathSU2Alpha5(b *testing.B)  { benchHeatbath(b, 5) }
func BenchmarkHeatbathSU2Alpha20(b *testing.B) { benchHeatbath(b, 20) }
