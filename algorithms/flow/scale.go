package flow

import (
	"fmt"
	"math"
)

// Reference values of the scales: t0 where t^2 E(t) = 0.3 (Luscher,
// JHEP 1008:071) and w0^2 where t d/dt [t^2 E(t)] = 0.3 (BMW, JHEP 1209:010).
const (
	T0Reference = 0.3
	W0Reference = 0.3
)

// Density selects the discretisation of E in T0 and W0.
type Density int

const (
	Clover Density = iota
	Plaquette
)

func (d Density) of(p Point) float64 {
	if d == Plaquette {
		return p.EPlaq
	}
	return p.EClover
}

// T0 is the flow time where t^2 E(t) first reaches ref (T0Reference for
// the standard t0), interpolated by the quadratic through the three points
// nearest the crossing (linear when there are only two points). Points
// must be in increasing t. It fails when t^2 E stays below ref.
func T0(points []Point, d Density, ref float64) (float64, error) {
	t := make([]float64, len(points))
	y := make([]float64, len(points))
	for i, p := range points {
		t[i], y[i] = p.T, p.T*p.T*d.of(p)
	}
	return crossing(t, y, ref, "t^2 E")
}

// W0 is w0 (in lattice units) where t d/dt [t^2 E(t)] = ref at t = w0^2
// (W0Reference for the standard w0). The derivative is the second-order
// three-point difference on the (possibly uneven) points, the crossing
// interpolated as in T0.
func W0(points []Point, d Density, ref float64) (float64, error) {
	if len(points) < 3 {
		return 0, fmt.Errorf("flow: w0 needs at least 3 points, got %d", len(points))
	}
	var t, y []float64
	for i := 1; i+1 < len(points); i++ {
		a, b, c := points[i-1], points[i], points[i+1]
		ya, yb, yc := a.T*a.T*d.of(a), b.T*b.T*d.of(b), c.T*c.T*d.of(c)
		h1, h2 := b.T-a.T, c.T-b.T
		// derivative at b of the parabola through (a, b, c)
		dy := (-h2/(h1*(h1+h2)))*ya + ((h2-h1)/(h1*h2))*yb + (h1/(h2*(h1+h2)))*yc
		t = append(t, b.T)
		y = append(y, b.T*dy)
	}
	tc, err := crossing(t, y, ref, "t d/dt t^2 E")
	if err != nil {
		return 0, err
	}
	return math.Sqrt(tc), nil
}

// crossing is the first t where y(t) reaches ref from below.
func crossing(t, y []float64, ref float64, what string) (float64, error) {
	for i := 0; i+1 < len(t); i++ {
		if !(y[i] < ref && y[i+1] >= ref) {
			continue
		}
		if len(t) < 3 {
			return t[i] + (ref-y[i])*(t[i+1]-t[i])/(y[i+1]-y[i]), nil
		}
		// the three points around the bracket [t_i, t_i+1]
		j := max(min(i-1, len(t)-3), 0)
		if i+2 < len(t) && (i == 0 || math.Abs(y[i+2]-ref) < math.Abs(y[i-1]-ref)) {
			j = i
		}
		p := func(x float64) float64 { return lagrange(t[j:j+3], y[j:j+3], x) - ref }
		lo, hi := t[i], t[i+1]
		// p(lo) < 0 <= p(hi) holds at the nodes; bisect the parabola.
		for range 200 {
			mid := (lo + hi) / 2
			if p(mid) < 0 {
				lo = mid
			} else {
				hi = mid
			}
			if hi-lo <= 1e-15*hi {
				break
			}
		}
		return (lo + hi) / 2, nil
	}
	if len(y) == 0 {
		return 0, fmt.Errorf("flow: no points to find where %s = %g", what, ref)
	}
	return 0, fmt.Errorf("flow: %s never crosses %g from below (last value %g at t = %g): flow further", what, ref, y[len(y)-1], t[len(t)-1])
}

// lagrange evaluates the polynomial through (x_k, y_k) at x.
func lagrange(xs, ys []float64, x float64) float64 {
	s := 0.0
	for k := range xs {
		w := ys[k]
		for m := range xs {
			if m != k {
				w *= (x - xs[m]) / (xs[k] - xs[m])
			}
		}
		s += w
	}
	return s
}
