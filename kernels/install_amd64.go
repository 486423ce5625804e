//go:build amd64 && !noasm

package kernels

import asm "github.com/goqcd/goqcd/kernels_amd64"

// The amd64 kernel sets: the assembly of package kernels_amd64. Their
// kernels give the same bits as the portable ones (the same operations in
// the same order, fused where the twins fuse), for every W they support; for
// other W, and for tiles whose tables point outside the slices, the
// portable kernels run.
var (
	_ = setInstaller("avx2", installAVX2)
	_ = setInstaller("avx512", installAVX512)
)

func installAVX2() {
	installGo()
	installLinalgGo()
	installAmd64(asm.AVX2)
	installReduceAmd64(asm.AVX2)
}

func installAVX512() {
	installGo()
	installLinalgGo()
	installAmd64(asm.AVX512)
	installReduceAmd64(asm.AVX512)
}

// installAmd64 assigns the kernels of isa to the dispatch variables.
func installAmd64(isa asm.ISA) {
	WilsonHop64 = func(h *WilsonHop[float64], tiles []int32) {
		if n := asm.WilsonHop64(isa, (*asm.WilsonHop[float64])(h), tiles); n < len(tiles) {
			WilsonHopGo(h, tiles[n:])
		}
	}
	WilsonHop32 = func(h *WilsonHop[float32], tiles []int32) {
		if n := asm.WilsonHop32(isa, (*asm.WilsonHop[float32])(h), tiles); n < len(tiles) {
			WilsonHopGo(h, tiles[n:])
		}
	}
	WilsonProjectFace64 = func(buf, src []float64, d int, tiles, lanes []int32, w int) {
		if !asm.ProjectFace64(isa, buf, src, d, tiles, lanes, w) {
			WilsonProjectFaceGo(buf, src, d, tiles, lanes, w)
		}
	}
	WilsonProjectFace32 = func(buf, src []float32, d int, tiles, lanes []int32, w int) {
		if !asm.ProjectFace32(isa, buf, src, d, tiles, lanes, w) {
			WilsonProjectFaceGo(buf, src, d, tiles, lanes, w)
		}
	}
	CloverApply64 = func(dst, src, clov []float64, w, lo, hi int) {
		if !asm.CloverApply64(isa, dst, src, clov, w, lo, hi) {
			CloverApplyGo(dst, src, clov, w, lo, hi)
		}
	}
	CloverApply32 = func(dst, src, clov []float32, w, lo, hi int) {
		if !asm.CloverApply32(isa, dst, src, clov, w, lo, hi) {
			CloverApplyGo(dst, src, clov, w, lo, hi)
		}
	}
	Axpy64 = func(ar, ai float64, x, y []float64, w int) {
		if !asm.Axpy64(isa, ar, ai, x, y, w) {
			AxpyGo(ar, ai, x, y, w)
		}
	}
	Axpy32 = func(ar, ai float32, x, y []float32, w int) {
		if !asm.Axpy32(isa, ar, ai, x, y, w) {
			AxpyGo(ar, ai, x, y, w)
		}
	}
	Xpay64 = func(x []float64, ar, ai float64, y []float64, w int) {
		if !asm.Xpay64(isa, x, ar, ai, y, w) {
			XpayGo(x, ar, ai, y, w)
		}
	}
	Xpay32 = func(x []float32, ar, ai float32, y []float32, w int) {
		if !asm.Xpay32(isa, x, ar, ai, y, w) {
			XpayGo(x, ar, ai, y, w)
		}
	}
	SU3Mul64 = func(dst, a, b []float64, w int, opA, opB, add bool) {
		if !asm.SU3Mul64(isa, dst, a, b, w, opA, opB, add) {
			SU3MulGo(dst, a, b, w, opA, opB, add)
		}
	}
	PermuteRows64 = func(out, in []float64, p *LanePerm) {
		if !asm.PermuteRows64(isa, out, in, p.index64(), p.w) {
			PermuteRowsGo(out, in, p)
		}
	}
	PermuteRows32 = func(out, in []float32, p *LanePerm) {
		if !asm.PermuteRows32(isa, out, in, p.index32(), p.w) {
			PermuteRowsGo(out, in, p)
		}
	}
	MatVecAdd64 = func(dst, u, v []float64, w int, s float64) {
		if !asm.MatVecAdd64(isa, dst, u, v, w, s) {
			SU3MulAddVec(dst, u, v, w, s, false)
		}
	}
	MatVecAdd32 = func(dst, u, v []float32, w int, s float32) {
		if !asm.MatVecAdd32(isa, dst, u, v, w, s) {
			SU3MulAddVec(dst, u, v, w, s, false)
		}
	}
	WilsonForce64 = func(f, link, a, b, as, bs []float64, w, mu int, c float64) {
		if !asm.WilsonForce64(isa, f, link, a, b, as, bs, w, mu, c) {
			WilsonForceGo(f, link, a, b, as, bs, w, mu, c)
		}
	}
}
