package main

import (
	"fmt"
	"strconv"
	"strings"
)

// maxCountList bounds the length of a count list ("1,2,...").
const maxCountList = 4096

// parseCounts reads a list of positive counts "1,2,4" (--ranks, --nodes).
// An element "..." continues the two counts before it up to the count
// after it: geometrically when the last count lies on that sequence
// ("1,2,...,1024" is the powers of two), else arithmetically
// ("2,4,...,10" is 2,4,6,8,10); it is an error if neither reaches it.
// flag names the flag in messages.
func parseCounts(flag, s string) ([]int, error) {
	parts := strings.Split(s, ",")
	var out []int
	for i := 0; i < len(parts); i++ {
		p := strings.TrimSpace(parts[i])
		if p != "..." {
			n, err := strconv.Atoi(p)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("--%s %s: %q is not a positive integer (give a list like 1,2,4 or 1,2,...,64)", flag, s, p)
			}
			if len(out) > 0 && n <= out[len(out)-1] {
				return nil, fmt.Errorf("--%s %s: the counts must increase (%d after %d)", flag, s, n, out[len(out)-1])
			}
			out = append(out, n)
			continue
		}
		if len(out) < 2 || i+1 >= len(parts) {
			return nil, fmt.Errorf("--%s %s: \"...\" needs two counts before it and one after it (1,2,...,64)", flag, s)
		}
		last, err := strconv.Atoi(strings.TrimSpace(parts[i+1]))
		if err != nil {
			return nil, fmt.Errorf("--%s %s: %q after \"...\" is not a positive integer", flag, s, parts[i+1])
		}
		a, b := out[len(out)-2], out[len(out)-1]
		var fill []int
		ok := false
		if b%a == 0 {
			fill, ok = continueCounts(a, b, last, func(n int) int { return n * (b / a) })
		}
		if !ok {
			fill, ok = continueCounts(a, b, last, func(n int) int { return n + (b - a) })
		}
		if !ok {
			return nil, fmt.Errorf("--%s %s: %d does not continue %d,%d,... geometrically or arithmetically", flag, s, last, a, b)
		}
		out = append(out, fill...)
		if len(out) > maxCountList {
			return nil, fmt.Errorf("--%s %s: more than %d counts", flag, s, maxCountList)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--%s: empty list", flag)
	}
	return out, nil
}

// setFlags collects repeated --set key=value flags.
type setFlags []string

func (s *setFlags) String() string { return strings.Join(*s, " ") }

func (s *setFlags) Set(v string) error {
	if k, _, ok := strings.Cut(v, "="); !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("%q is not key=value", v)
	}
	*s = append(*s, v)
	return nil
}

// continueCounts returns the counts after b that next generates, below
// last, and whether next then reaches last exactly (at most maxCountList).
func continueCounts(a, b, last int, next func(int) int) ([]int, bool) {
	var fill []int
	n := next(b)
	for ; n < last && len(fill) <= maxCountList; n = next(n) {
		fill = append(fill, n)
	}
	return fill, n == last
}
