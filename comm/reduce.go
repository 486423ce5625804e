package comm

import "math"

// The reductions below are the single definition of the arithmetic of
// AllreduceSum64, AllreduceMax64 and AllreduceSumC128. Every implementation
// gathers the contributions of all ranks and calls these functions, so the
// results are bit-identical whichever implementation (or MPI library and its
// reduction algorithm) runs.

// sumInRankOrder sets dst[i] = parts[0][i] + parts[1][i] + ... added left to
// right, rank 0 first. Starting from parts[0] rather than from zero keeps
// the sign of a negative zero. dst may alias any part.
func sumInRankOrder[T float64 | complex128 | int64](dst []T, parts [][]T) {
	for i := range dst {
		s := parts[0][i]
		for _, p := range parts[1:] {
			s += p[i]
		}
		dst[i] = s
	}
}

// maxInRankOrder sets dst[i] to the maximum over ranks of parts[r][i] with
// math.Max semantics: a NaN anywhere gives NaN, and +0 beats -0. dst may
// alias any part.
func maxInRankOrder(dst []float64, parts [][]float64) {
	for i := range dst {
		m := parts[0][i]
		for _, p := range parts[1:] {
			m = math.Max(m, p[i])
		}
		dst[i] = m
	}
}

// splitParts cuts the concatenation of size equal parts into its parts.
func splitParts[T any](all []T, size int) [][]T {
	n := len(all) / size
	parts := make([][]T, size)
	for r := range parts {
		parts[r] = all[r*n : (r+1)*n : (r+1)*n]
	}
	return parts
}
