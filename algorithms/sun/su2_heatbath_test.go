package sun

import (
	"fmt"
	"math"
	"sort"
	"testing"
)

// a0Moment returns <a0^k> under P(a0) ~ sqrt(1-a0^2) exp(alpha a0) by the
// substitution a0 = cos t: the integrand sin^2 t exp(alpha cos t) is smooth
// and periodic, so the trapezoid rule converges exponentially.
func a0Moment(k int, alpha float64) float64 {
	const m = 4000
	var num, den float64
	for i := 0; i <= m; i++ {
		t := math.Pi * float64(i) / m
		w := 1.0
		if i == 0 || i == m {
			w = 0.5
		}
		c, s := math.Cos(t), math.Sin(t)
		f := w * s * s * math.Exp(alpha*(c-1))
		num += f * math.Pow(c, float64(k))
		den += f
	}
	return num / den
}

// a0CDF returns the distribution function of a0 tabulated on t = arccos a0.
func a0CDF(alpha float64) func(a0 float64) float64 {
	const m = 20000
	cum := make([]float64, m+1) // cum[i] = integral from t_i to pi
	h := math.Pi / m
	f := func(t float64) float64 { s := math.Sin(t); return s * s * math.Exp(alpha*(math.Cos(t)-1)) }
	for i := m - 1; i >= 0; i-- {
		t := h * float64(i)
		cum[i] = cum[i+1] + h*(f(t)+f(t+h))/2
	}
	z := cum[0]
	return func(a0 float64) float64 {
		t := math.Acos(math.Max(-1, math.Min(1, a0))) / h
		i := int(t)
		if i >= m {
			return 0
		}
		fr := t - float64(i)
		return ((1-fr)*cum[i] + fr*cum[i+1]) / z
	}
}

func TestA0MomentMatchesBessel(t *testing.T) {
	for _, alpha := range []float64{0.01, 0.5, 3, 12, 40} {
		want := besselI(2, alpha) / besselI(1, alpha)
		checkLE(t, fmt.Sprintf("quadrature <a0> - I2/I1 at alpha %g", alpha), math.Abs(a0Moment(1, alpha)-want), 1e-12)
	}
}

func TestHeatbathSU2Distribution(t *testing.T) {
	samples := 200000
	if testing.Short() {
		samples = 40000
	}
	alphas := []float64{0, 0.05, 0.5, 1.59, 1.6, 1.61, 5, 12, 40, -3}
	for ia, alpha := range alphas {
		src := newSource(40 + uint64(ia))
		a0s := make([]float64, samples)
		a0sq := make([]float64, samples)
		dirs := [3][]float64{}
		dirsq := [3][]float64{}
		for k := range dirs {
			dirs[k] = make([]float64, samples)
			dirsq[k] = make([]float64, samples)
		}
		var worstNorm float64
		for s := 0; s < samples; s++ {
			x := HeatbathSU2(alpha, src)
			worstNorm = math.Max(worstNorm, math.Abs(x.Det()-1))
			a0s[s], a0sq[s] = x[0], x[0]*x[0]
			for k := 0; k < 3; k++ {
				dirs[k][s], dirsq[k][s] = x[k+1], x[k+1]*x[k+1]
			}
		}
		name := fmt.Sprintf("HeatbathSU2(alpha=%g)", alpha)
		checkLE(t, name+" |det - 1|", worstNorm, 1e-15)

		sign, aa := 1.0, alpha
		if alpha < 0 {
			sign, aa = -1, -alpha
		}
		mean := 0.0
		if aa > 0 {
			mean = sign * besselI(2, aa) / besselI(1, aa)
		}
		second := a0Moment(2, aa)
		checkMean(t, name+" <a0> vs I2/I1", a0s, mean)
		checkMean(t, name+" <a0^2>", a0sq, second)
		for k := 0; k < 3; k++ {
			checkMean(t, fmt.Sprintf("%s <a%d>", name, k+1), dirs[k], 0)
			checkMean(t, fmt.Sprintf("%s <a%d^2>", name, k+1), dirsq[k], (1-second)/3)
		}

		checkKS(t, name, a0s, alpha)
	}
}

// checkKS runs a Kolmogorov-Smirnov test of a0 samples (sorted in place)
// against the exact distribution function for alpha; sqrt(n) D > 1.95 has
// probability 0.001 under the null hypothesis.
func checkKS(t *testing.T, name string, a0s []float64, alpha float64) {
	t.Helper()
	sign := 1.0
	if alpha < 0 {
		sign, alpha = -1, -alpha
	}
	cdf := a0CDF(alpha)
	sort.Float64s(a0s)
	n := float64(len(a0s))
	var d float64
	for i, a := range a0s {
		f := cdf(sign * a)
		if sign < 0 {
			f = 1 - f
		}
		d = math.Max(d, math.Max(math.Abs(f-float64(i)/n), math.Abs(f-float64(i+1)/n)))
	}
	checkLE(t, name+" Kolmogorov-Smirnov sqrt(n) D", math.Sqrt(n)*d, 1.95)
}

// Both samplers are exact for every alpha > 0; HeatbathSU2 only chooses the
// faster one. Test each away from its usual range too.
func TestA0SamplersBothMethods(t *testing.T) {
	const samples = 50000
	for ia, alpha := range []float64{0.3, 1.6, 6} {
		src := newSource(60 + uint64(ia))
		kp, cr := make([]float64, samples), make([]float64, samples)
		for s := range kp {
			kp[s] = kennedyPendletonA0(alpha, src)
			cr[s] = creutzA0(alpha, src)
		}
		want := besselI(2, alpha) / besselI(1, alpha)
		checkMean(t, fmt.Sprintf("Kennedy-Pendleton <a0> at alpha %g", alpha), kp, want)
		checkMean(t, fmt.Sprintf("Creutz <a0> at alpha %g", alpha), cr, want)
		checkKS(t, fmt.Sprintf("Kennedy-Pendleton alpha %g", alpha), kp, alpha)
		checkKS(t, fmt.Sprintf("Creutz alpha %g", alpha), cr, alpha)
	}
}

// The Cabibbo-Marinari recipe of the HeatbathSU2 documentation: with
// a = x k^dagger/|k|, Re Tr(a k) = 2 |k| x0.
func TestHeatbathRecipe(t *testing.T) {
	src := newSource(50)
	for n := 0; n < 100; n++ {
		k := RandomSU2(src).Scale(0.1 + 3*src.Float64())
		x := HeatbathSU2(2, src)
		a := x.Mul(k.Dagger()).Scale(1 / k.Norm())
		got := a.Mul(k).ReTrace()
		checkLE(t, "|Re Tr(a k) - 2|k| x0|", math.Abs(got-2*k.Norm()*x[0]), 1e-14)
	}
}
