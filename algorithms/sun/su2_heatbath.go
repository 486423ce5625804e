package sun

import "math"

// HeatbathSU2 draws x in SU(2) from dP(x) ~ exp(alpha a0(x)) dHaar(x), i.e.
// a0 from P(a0) ~ sqrt(1 - a0^2) exp(alpha a0) on [-1, 1] and (a1, a2, a3)
// uniform on the sphere of radius sqrt(1 - a0^2).
//
// In a Cabibbo-Marinari update of a link U with staple sum S under the
// weight exp((beta/N) Re Tr(U S)), take k = ExtractSU2(U S, i, j), draw
// x = HeatbathSU2(2 beta |k| / N, src) and apply a = x k^dagger / |k| as
// U <- E(a) U (MulSU2Left): then Re Tr(a k) = 2 |k| x0.
//
// alpha >= 0 uses Kennedy-Pendleton (Phys. Lett. B 156 (1985) 393) above
// hbCreutzAlpha and Creutz's method (Phys. Rev. D 21 (1980) 2308) below,
// where Kennedy-Pendleton's acceptance falls off; negative alpha is handled
// by the symmetry a0 -> -a0. Both are rejection methods, so the number of
// draws from src varies: per trial Kennedy-Pendleton takes Float64,
// Gaussian, Float64 and Creutz takes Float64, Float64; the direction then
// takes two Float64.
func HeatbathSU2(alpha float64, src Source) SU2 {
	flip := alpha < 0
	if flip {
		alpha = -alpha
	}
	var a0 float64
	if alpha < hbCreutzAlpha {
		a0 = creutzA0(alpha, src)
	} else {
		a0 = kennedyPendletonA0(alpha, src)
	}
	if flip {
		a0 = -a0
	}
	return completeSU2(a0, src)
}

// hbCreutzAlpha is the alpha below which HeatbathSU2 uses Creutz's method.
// The acceptance rates cross there at about 0.7 (Kennedy-Pendleton: 0.28 at
// alpha = 0.5, 0.92 at 5; Creutz: 0.78 at 0.5, 0.52 at 5).
const hbCreutzAlpha = 1.6

// kennedyPendletonA0: with a0 = 1 - 2 d, P(d) ~ sqrt(d) exp(-2 alpha d) * sqrt(1 - d).
// The first factor is a Gamma(3/2) law with rate 2 alpha, drawn as
// (Exp(1) + g^2/2)/(2 alpha); the second is the acceptance probability.
func kennedyPendletonA0(alpha float64, src Source) float64 {
	s := 1 / (2 * alpha)
	for {
		e := -math.Log(1 - src.Float64()) // 1 - U in (0, 1]: no log(0)
		g := src.Gaussian()
		d := (e + 0.5*g*g) * s
		r := src.Float64()
		if r*r <= 1-d {
			return 1 - 2*d
		}
	}
}

// creutzA0 draws a0 from exp(alpha a0) on [-1, 1] by inverting its
// distribution function, written with expm1/log1p so that it stays exact as
// alpha -> 0, and accepts with probability sqrt(1 - a0^2).
func creutzA0(alpha float64, src Source) float64 {
	if alpha == 0 {
		for {
			a0 := 2*src.Float64() - 1
			r := src.Float64()
			if r*r <= 1-a0*a0 {
				return a0
			}
		}
	}
	em := math.Expm1(-2 * alpha) // e^{-2 alpha} - 1, in (-1, 0)
	inv := 1 / alpha
	for {
		a0 := 1 + math.Log1p((1-src.Float64())*em)*inv
		if a0 < -1 {
			a0 = -1
		}
		r := src.Float64()
		if r*r <= 1-a0*a0 {
			return a0
		}
	}
}

// completeSU2 returns (a0, a) with a uniform on the sphere of radius
// sqrt(1 - a0^2): cos(theta) and phi uniform, two Float64 draws.
func completeSU2(a0 float64, src Source) SU2 {
	r := math.Sqrt(math.Max(0, 1-a0*a0))
	ct := 2*src.Float64() - 1
	st := math.Sqrt(math.Max(0, 1-ct*ct))
	sp, cp := math.Sincos(2 * math.Pi * src.Float64())
	return SU2{a0, r * st * cp, r * st * sp, r * ct}
}

// RandomSU2 returns a Haar-random SU(2) element: four Gaussian draws
// (g0..g3), normalised, taken as the first row (g0 + i g1, g2 + i g3) of the
// matrix, so that it equals RandomSUN(2, src) draw for draw.
func RandomSU2(src Source) SU2 {
	g0, g1, g2, g3 := src.Gaussian(), src.Gaussian(), src.Gaussian(), src.Gaussian()
	// Row 0 is (a0 + i a3, a2 + i a1).
	return SU2{g0, g3, g2, g1}.Normalize()
}

// MaxTraceSU2 returns the SU(2) element a maximising Re Tr(a k), namely
// k^dagger / |k| (the identity for k = 0).
func MaxTraceSU2(k SU2) SU2 {
	n := k.Norm()
	if n == 0 {
		return SU2Identity()
	}
	return k.Dagger().Scale(1 / n)
}

// OverrelaxSU2 returns the microcanonical overrelaxation step for the
// subgroup with quaternion part k: a = (k^dagger / |k|)^2, which reflects the
// link through the maximum of Re Tr and leaves Re Tr(a k) = Re Tr(k)
// unchanged. Apply it as U <- E(a) U. The identity is returned for k = 0.
func OverrelaxSU2(k SU2) SU2 {
	v := MaxTraceSU2(k)
	return v.Mul(v)
}
