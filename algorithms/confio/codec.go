package confio

import (
	"encoding/binary"
	"math"
)

// realCodec reads and writes one real number as stored in a binary file.
type realCodec struct {
	order binary.ByteOrder
	size  int // 4 (IEEE float32) or 8 (IEEE float64)
}

func (r realCodec) get(b []byte) float64 {
	if r.size == 4 {
		return float64(math.Float32frombits(r.order.Uint32(b)))
	}
	return math.Float64frombits(r.order.Uint64(b))
}

func (r realCodec) put(b []byte, v float64) {
	if r.size == 4 {
		r.order.PutUint32(b, math.Float32bits(float32(v)))
		return
	}
	r.order.PutUint64(b, math.Float64bits(v))
}

// getComplex decodes n complex numbers (re, im interleaved) from b into dst.
func (r realCodec) getComplex(dst []complex128, b []byte) {
	for k := range dst {
		dst[k] = complex(r.get(b[2*k*r.size:]), r.get(b[(2*k+1)*r.size:]))
	}
}

// putComplex encodes src into b, re and im interleaved.
func (r realCodec) putComplex(b []byte, src []complex128) {
	for k, v := range src {
		r.put(b[2*k*r.size:], real(v))
		r.put(b[(2*k+1)*r.size:], imag(v))
	}
}
