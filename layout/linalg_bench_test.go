package layout

import (
	"fmt"
	"testing"

	"github.com/goqcd/goqcd/kernels"
)

// The linear-algebra benchmarks: spinor fields (12 complex components per
// site) on the full 8^4 and 16^4 lattices, one rank, at the W of the
// selected kernel set. GB/s counts the bytes an operation must move at
// least (each field read once, each output written once): Dot 2 fields,
// Norm2 1, the CG update 6 (x, r, p, q read; x, r written), for the fused
// CGUpdate and its three-pass equivalent alike, so the two rates compare
// directly.

func benchFields[F Float](b *testing.B, l int, n int) []*Field[F] {
	set := kernels.Selected()
	w := set.W64
	var z F
	if _, ok := any(z).(float32); ok {
		w = set.W32
	}
	lay, err := New(localComm(), [Nd]int{l, l, l, l}, Options{W: w})
	if err != nil {
		b.Fatal(err)
	}
	fs := make([]*Field[F], n)
	for i := range fs {
		fs[i] = NewField[F](lay, 12, Full)
		fillSmooth(fs[i], 0.3+0.2*float64(i))
	}
	return fs
}

// rate reports GB/s for nField fields' worth of bytes per operation.
func rate[F Float](b *testing.B, f *Field[F], nField int) {
	var z F
	bytes := float64(nField*len(f.Data)) * float64(sizeOf(z))
	b.ReportMetric(bytes*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
}

func sizeOf[F Float](F) int {
	var z F
	if _, ok := any(z).(float32); ok {
		return 4
	}
	return 8
}

func benchLinalg[F Float](b *testing.B, l int) {
	b.Run("Norm2", func(b *testing.B) {
		f := benchFields[F](b, l, 1)
		for b.Loop() {
			if _, err := Norm2(f[0]); err != nil {
				b.Fatal(err)
			}
		}
		rate(b, f[0], 1)
	})
	b.Run("Dot", func(b *testing.B) {
		f := benchFields[F](b, l, 2)
		for b.Loop() {
			if _, err := Dot(f[0], f[1]); err != nil {
				b.Fatal(err)
			}
		}
		rate(b, f[0], 2)
	})
	b.Run("CG3pass", func(b *testing.B) {
		f := benchFields[F](b, l, 4)
		x, r, p, q := f[0], f[1], f[2], f[3]
		a := 1e-3
		for b.Loop() {
			// alternate the sign so that the fields stay bounded
			a = -a
			Axpy(complex(a, 0), p, x)
			Axpy(complex(-a, 0), q, r)
			if _, err := Norm2(r); err != nil {
				b.Fatal(err)
			}
		}
		rate(b, x, 6)
	})
	benchCGUpdate[F](b, l)
}

func BenchmarkLinalg(b *testing.B) {
	for _, l := range []int{8, 16} {
		b.Run(fmt.Sprintf("f64/L=%d", l), func(b *testing.B) { benchLinalg[float64](b, l) })
		b.Run(fmt.Sprintf("f32/L=%d", l), func(b *testing.B) { benchLinalg[float32](b, l) })
	}
}

func benchCGUpdate[F Float](b *testing.B, l int) {
	b.Run("CGUpdate", func(b *testing.B) {
		f := benchFields[F](b, l, 4)
		x, r, p, q := f[0], f[1], f[2], f[3]
		a := 1e-3
		for b.Loop() {
			a = -a
			if _, err := CGUpdate(x, r, p, q, a); err != nil {
				b.Fatal(err)
			}
		}
		rate(b, x, 6)
	})
}
