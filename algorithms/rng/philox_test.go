package rng

import (
	"math/bits"
	"testing"
)

// philoxKAT holds known-answer vectors from the Random123 distribution
// (file kat_vectors, lines "philox4x32 R"): counter, key, expected output.
var philoxKAT = []struct {
	name   string
	rounds int
	ctr    [4]uint32
	key    [2]uint32
	want   [4]uint32
}{
	{"zero/R10", 10, [4]uint32{0, 0, 0, 0}, [2]uint32{0, 0},
		[4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
	{"ones/R10", 10, [4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff},
		[4]uint32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
	{"pi/R10", 10, [4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0},
		[4]uint32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
	{"zero/R7", 7, [4]uint32{0, 0, 0, 0}, [2]uint32{0, 0},
		[4]uint32{0x5f6fb709, 0x0d893f64, 0x4f121f81, 0x4f730a48}},
	{"ones/R7", 7, [4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff},
		[4]uint32{0x5207ddc2, 0x45165e59, 0x4d8ee751, 0x8c52f662}},
	{"pi/R7", 7, [4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0},
		[4]uint32{0x4dfccaba, 0x190a87f0, 0xc47362ba, 0xb6b5242a}},
}

// philoxRounds is a second, loop-based Philox-4x32 with a variable number of
// rounds, written with math/bits.Mul32. The 7-round vectors check its round
// structure; it then cross-checks the unrolled production code.
func philoxRounds(ctr [4]uint32, key [2]uint32, rounds int) [4]uint32 {
	c, k := ctr, key
	for r := 0; r < rounds; r++ {
		if r > 0 {
			k[0] += philoxW0
			k[1] += philoxW1
		}
		hi0, lo0 := bits.Mul32(philoxM0, c[0])
		hi1, lo1 := bits.Mul32(philoxM1, c[2])
		c = [4]uint32{hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0}
	}
	return c
}

func TestPhilox4x32KnownAnswers(t *testing.T) {
	for _, tc := range philoxKAT {
		if got := philoxRounds(tc.ctr, tc.key, tc.rounds); got != tc.want {
			t.Errorf("%s: reference loop gives %08x, want %08x", tc.name, got, tc.want)
		}
		if tc.rounds != 10 {
			continue
		}
		if got := Philox4x32(tc.ctr, tc.key); got != tc.want {
			t.Errorf("%s: Philox4x32 gives %08x, want %08x", tc.name, got, tc.want)
		}
	}
}

// TestPhilox4x32MatchesLoop compares the unrolled rounds with the loop on
// counters and keys from a simple LCG, so that every bit position is exercised.
func TestPhilox4x32MatchesLoop(t *testing.T) {
	x := uint64(12345)
	next := func() uint32 {
		x = x*6364136223846793005 + 1442695040888963407
		return uint32(x >> 32)
	}
	for i := 0; i < 10000; i++ {
		ctr := [4]uint32{next(), next(), next(), next()}
		key := [2]uint32{next(), next()}
		if got, want := Philox4x32(ctr, key), philoxRounds(ctr, key, 10); got != want {
			t.Fatalf("ctr %08x key %08x: unrolled %08x, loop %08x", ctr, key, got, want)
		}
	}
}
