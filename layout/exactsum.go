package layout

import (
	"math"
	"math/big"
	"math/bits"
)

// ExactSum accumulates float64 values without rounding: every finite
// float64 is an integer multiple of 2^-1074, and the sum is kept as such an
// integer in base-2^32 digits. The result (rounded once, to nearest) does
// not depend on the order of the additions, so a global sum is the same
// bit for bit on every process grid, every SIMD width and every number of
// threads. It costs a few integer operations per value.
type ExactSum struct {
	d      [exactDigits]int64
	n      int  // additions since the last carry propagation
	nonfin bool // a NaN or infinity was added
	nan    float64
}

const (
	exactDigits = 67        // 2^-1074 .. 2^1024 plus carry room, 32 bits a digit
	exactFlush  = 1<<30 - 1 // additions before carries must be propagated
)

// Add adds x exactly.
func (a *ExactSum) Add(x float64) {
	a.AddAll([]float64{x})
}

// AddAll adds every value of xs exactly: Add over xs, several times
// faster. Add is too large for the compiler to inline, and a call per value
// (with the spills around it) cost more than the addition itself; here the
// loop body is Add's, inline, with the sign applied without a branch (the
// signs of a dot product's partials are random).
func (a *ExactSum) AddAll(xs []float64) {
	for len(xs) > 0 {
		n := min(len(xs), exactFlush-a.n)
		if n == 0 {
			a.normalise()
			continue
		}
		d := &a.d
		for _, x := range xs[:n] {
			b := math.Float64bits(x)
			e := int(b>>52) & 0x7ff
			if e == 0x7ff {
				a.addNonFinite(x)
				continue
			}
			m := b & (1<<52 - 1)
			if e == 0 {
				e = 1 // subnormal: same scale as the smallest normal
			} else {
				m |= 1 << 52
			}
			s := uint(e - 1)
			// s <= 2045, so j <= 63: the mask changes nothing but lets the
			// compiler drop the bounds checks of d[j..j+2].
			j, sh := (s>>5)&63, s&31
			neg := -int64(b >> 63)            // 0 or -1: w^neg - neg is w or -w
			hi, lo := bits.Mul64(m, pow2[sh]) // m << sh in 128 bits: one multiply, no variable shifts
			d[j] += int64(lo&0xffffffff) ^ neg - neg
			d[j+1] += int64(lo>>32) ^ neg - neg
			d[j+2] += int64(hi) ^ neg - neg
		}
		a.n += n
		xs = xs[n:]
	}
}

// pow2[k] = 2^k.
var pow2 = func() (p [32]uint64) {
	for k := range p {
		p[k] = 1 << k
	}
	return p
}()

// addNonFinite records a NaN or infinity (the sum is then NaN or that
// infinity, as float64 addition gives).
func (a *ExactSum) addNonFinite(x float64) {
	if !a.nonfin {
		a.nonfin, a.nan = true, x
	} else {
		a.nan += x
	}
}

// AddSum adds another accumulator.
func (a *ExactSum) AddSum(b *ExactSum) {
	a.normalise()
	c := *b
	c.normalise()
	for i := range a.d {
		a.d[i] += c.d[i]
	}
	if c.nonfin {
		if a.nonfin {
			a.nan += c.nan
		} else {
			a.nonfin, a.nan = true, c.nan
		}
	}
	a.normalise()
}

// normalise propagates carries so that every digit but the last lies in
// [0, 2^32); the last carries the sign.
func (a *ExactSum) normalise() {
	var carry int64
	for i := range exactDigits - 1 {
		v := a.d[i] + carry
		carry = v >> 32 // arithmetic shift: floor division
		a.d[i] = v & 0xffffffff
	}
	a.d[exactDigits-1] += carry
	a.n = 0
}

// Float64 is the sum rounded to the nearest float64 (NaN or ±Inf when a
// non-finite value was added).
func (a *ExactSum) Float64() float64 {
	if a.nonfin {
		return a.nan
	}
	c := *a
	c.normalise()
	v := new(big.Int)
	digit := new(big.Int)
	for i := exactDigits - 1; i >= 0; i-- {
		v.Lsh(v, 32)
		v.Add(v, digit.SetInt64(c.d[i]))
	}
	f := new(big.Float).SetPrec(0).SetInt(v) // exact
	f.SetMantExp(f, -1074)
	r, _ := f.Float64()
	return r
}

// Reset clears the accumulator.
func (a *ExactSum) Reset() { *a = ExactSum{} }

// GlobalSum adds the accumulators of every rank (exactly) and returns the
// rounded totals, identical on every rank. Collective.
func (l *Layout) GlobalSum(acc ...*ExactSum) ([]float64, error) {
	buf := make([]int64, 0, len(acc)*(exactDigits+1))
	nonfin := make([]float64, len(acc))
	for i, a := range acc {
		c := *a
		c.normalise()
		buf = append(buf, c.d[:]...)
		if c.nonfin {
			nonfin[i] = c.nan
		}
	}
	if l.Comm.Size() > 1 {
		if err := l.Comm.AllreduceSumInt64(buf); err != nil {
			return nil, err
		}
		if err := l.Comm.AllreduceSum64(nonfin); err != nil {
			return nil, err
		}
	}
	out := make([]float64, len(acc))
	for i := range acc {
		var s ExactSum
		copy(s.d[:], buf[i*exactDigits:(i+1)*exactDigits])
		out[i] = s.Float64()
		if nonfin[i] != 0 {
			out[i] = nonfin[i]
		}
	}
	return out, nil
}
