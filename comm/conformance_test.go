package comm

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"unsafe"
)

// The conformance suite: every case runs on every rank of a communicator
// and returns an error on that rank if the communicator misbehaves. The
// same cases run on Local, on RunInProc with several rank counts and, with
// the mpi build tag, on World under mpirun, so every implementation is held
// to the same semantics and the same bits.

type conformanceCase struct {
	name string
	run  func(c Comm) error
}

var conformance = []conformanceCase{
	{"identity", checkIdentity},
	{"cart", checkCartOnComm},
	{"halo/recv-first", func(c Comm) error { return checkHalo(c, true, 20, false) }},
	{"halo/send-first", func(c Comm) error { return checkHalo(c, false, 20, false) }},
	{"halo/progress", func(c Comm) error { return checkHalo(c, true, 5, true) }},
	{"shared", checkShared},
	{"order", checkOrder},
	{"self", checkSelf},
	{"allreduce/sum64", checkSum64},
	{"allreduce/max64", checkMax64},
	{"allreduce/sumC128", checkSumC128},
	{"allreduce/sumInt64", checkSumInt64},
	{"bcast", checkBcast},
	{"barrier", checkBarrier},
	{"length-mismatch", checkLengthMismatch},
	{"bad-arguments", checkBadArguments},
}

// runConformance runs every case on c, in order, and returns the first
// failure.
func runConformance(c Comm) error {
	for _, tc := range conformance {
		if err := tc.run(c); err != nil {
			return fmt.Errorf("%s: %w", tc.name, err)
		}
	}
	return nil
}

// failf returns a test failure annotated with the rank.
func failf(c Comm, format string, args ...any) error {
	return fmt.Errorf("rank %d of %d (%s): %s", c.Rank(), c.Size(), c.Name(), fmt.Sprintf(format, args...))
}

// testGrids returns process grids with n ranks: a balanced one (prime
// factors dealt to the smallest extent, largest factor first) and the
// one-dimensional ones along x and t.
func testGrids(n int) [][4]int {
	var factors []int
	for m, p := n, 2; m > 1; {
		if m%p == 0 {
			factors = append(factors, p)
			m /= p
		} else {
			p++
		}
	}
	slices.Reverse(factors)
	bal := [4]int{1, 1, 1, 1}
	for _, p := range factors {
		i := 0
		for mu := range 4 {
			if bal[mu] < bal[i] {
				i = mu
			}
		}
		bal[i] *= p
	}
	grids := [][4]int{bal}
	for _, g := range [][4]int{{n, 1, 1, 1}, {1, 1, 1, n}} {
		if !slices.Contains(grids, g) {
			grids = append(grids, g)
		}
	}
	return grids
}

func checkIdentity(c Comm) error {
	if c.Size() < 1 || c.Rank() < 0 || c.Rank() >= c.Size() {
		return failf(c, "rank %d and size %d inconsistent", c.Rank(), c.Size())
	}
	if !slices.Contains([]string{"local", "inproc", "mpi"}, c.Name()) {
		return failf(c, "Name() = %q, want local, inproc or mpi", c.Name())
	}
	if c.Library() == "" {
		return failf(c, "Library() is empty")
	}
	if c.Name() != "mpi" && c.Library() != "no MPI" {
		return failf(c, "Library() = %q without MPI, want \"no MPI\"", c.Library())
	}
	return nil
}

// checkCartOnComm checks the grids used by the halo test for this size.
func checkCartOnComm(c Comm) error {
	for _, dims := range testGrids(c.Size()) {
		g, err := NewCart(dims, c.Size())
		if err != nil {
			return failf(c, "NewCart(%v, %d): %v", dims, c.Size(), err)
		}
		r := c.Rank()
		x := g.Coords(r)
		if g.RankOf(x) != r {
			return failf(c, "grid %v: RankOf(Coords(%d)) = %d", dims, r, g.RankOf(x))
		}
		for mu := range 4 {
			f, b := g.Neighbour(r, mu, 1), g.Neighbour(r, mu, -1)
			if g.Neighbour(f, mu, -1) != r || g.Neighbour(b, mu, 1) != r {
				return failf(c, "grid %v: neighbours of %d in direction %d do not invert", dims, r, mu)
			}
			y := g.Coords(f)
			for nu := range 4 {
				want := x[nu]
				if nu == mu {
					want = (x[nu] + 1) % dims[nu]
				}
				if y[nu] != want {
					return failf(c, "grid %v: forward neighbour %d of rank %d in direction %d has coordinates %v, from %v",
						dims, f, r, mu, y, x)
				}
			}
		}
	}
	return nil
}

// haloValue is the i-th value of message k that src sends in hop d (0..7,
// d = 2*mu + (dir+1)/2): exact in float32 for up to 8 ranks.
func haloValue(src, d, k, i int) float64 {
	return float64(((src*8+d)*haloTags+k)*1024+i) + 0.25
}

const (
	haloTags = 3  // messages in flight per hop, each with its own tag
	haloLen  = 37 // values per message
)

// checkHalo exchanges messages with the 8 neighbours of every test grid,
// haloTags tags per hop, in float64 and float32 at once, and checks every
// value; waits go in an order unrelated to posting. recvFirst says whether
// receives are posted before the sends.
// checkHalo exchanges halos on every test grid; with progress, Progress is
// called between posting and waiting (as the hopping term does while it
// computes its interior), which must change nothing.
func checkHalo(c Comm, recvFirst bool, iterations int, progress bool) error {
	for _, dims := range testGrids(c.Size()) {
		g, err := NewCart(dims, c.Size())
		if err != nil {
			return failf(c, "%v", err)
		}
		for it := range iterations {
			if err := haloOnce(c, g, recvFirst, it, progress); err != nil {
				return err
			}
		}
	}
	return nil
}

func haloOnce(c Comm, g Cart, recvFirst bool, it int, progress bool) error {
	r := c.Rank()
	type hop struct{ d, k int }
	var hops []hop
	for d := range 8 {
		for k := range haloTags {
			hops = append(hops, hop{d, k})
		}
	}
	send64 := make([][]float64, len(hops))
	send32 := make([][]float32, len(hops))
	recv64 := make([][]float64, len(hops))
	recv32 := make([][]float32, len(hops))
	var reqs []Request
	postRecvs := func() {
		for h, x := range hops {
			mu, dir := x.d/2, 2*(x.d%2)-1
			src := g.Neighbour(r, mu, -dir)
			recv64[h] = make([]float64, haloLen)
			recv32[h] = make([]float32, haloLen)
			tag := x.d*haloTags + x.k
			reqs = append(reqs, c.Irecv64(recv64[h], src, tag), c.Irecv32(recv32[h], src, tag+100))
		}
	}
	postSends := func() {
		for h, x := range hops {
			mu, dir := x.d/2, 2*(x.d%2)-1
			dest := g.Neighbour(r, mu, dir)
			send64[h] = make([]float64, haloLen)
			send32[h] = make([]float32, haloLen)
			for i := range haloLen {
				send64[h][i] = haloValue(r, x.d, x.k, i)
				send32[h][i] = float32(haloValue(r, x.d, x.k, i))
			}
			tag := x.d*haloTags + x.k
			reqs = append(reqs, c.Isend64(send64[h], dest, tag), c.Isend32(send32[h], dest, tag+100))
		}
	}
	if recvFirst {
		postRecvs()
		postSends()
	} else {
		postSends()
		postRecvs()
	}
	if progress {
		for range 3 {
			c.Progress()
		}
	}
	// Wait in a scrambled order that changes with the iteration.
	for j := range reqs {
		q := reqs[(j*7+it)%len(reqs)]
		if err := q.Wait(); err != nil {
			return failf(c, "grid %v: %v", g.Dims, err)
		}
	}
	for h, x := range hops {
		mu, dir := x.d/2, 2*(x.d%2)-1
		src := g.Neighbour(r, mu, -dir)
		for i := range haloLen {
			want := haloValue(src, x.d, x.k, i)
			if recv64[h][i] != want || recv32[h][i] != float32(want) {
				return failf(c, "grid %v: hop %d tag %d from rank %d: value %d is %v/%v, want %v",
					g.Dims, x.d, x.k, src, i, recv64[h][i], recv32[h][i], want)
			}
		}
	}
	return nil
}

// checkOrder sends several messages with one tag around a ring and checks
// that they arrive in sending order (MPI's non-overtaking rule), with some
// receives posted before and some after the sends.
func checkOrder(c Comm) error {
	const m = 6
	n, r := c.Size(), c.Rank()
	next, prev := (r+1)%n, (r+n-1)%n
	got := make([][]float64, m)
	var reqs []Request
	for i := range m / 2 {
		got[i] = make([]float64, 2)
		reqs = append(reqs, c.Irecv64(got[i], prev, 5))
	}
	for i := range m {
		reqs = append(reqs, c.Isend64([]float64{float64(r), float64(i)}, next, 5))
	}
	for i := m / 2; i < m; i++ {
		got[i] = make([]float64, 2)
		reqs = append(reqs, c.Irecv64(got[i], prev, 5))
	}
	slices.Reverse(reqs)
	if err := WaitAll(reqs...); err != nil {
		return failf(c, "%v", err)
	}
	for i, v := range got {
		if v[0] != float64(prev) || v[1] != float64(i) {
			return failf(c, "receive %d got message %v, want [%d %d]", i, v, prev, i)
		}
	}
	return nil
}

// checkSelf sends to itself with several tags and receives in the
// opposite order.
func checkSelf(c Comm) error {
	r := c.Rank()
	var sends []Request
	for tag := range 4 {
		sends = append(sends, c.Isend32([]float32{float32(tag), float32(r)}, r, tag))
	}
	for tag := 3; tag >= 0; tag-- {
		buf := make([]float32, 2)
		if err := c.Irecv32(buf, r, tag).Wait(); err != nil {
			return failf(c, "%v", err)
		}
		if buf[0] != float32(tag) || buf[1] != float32(r) {
			return failf(c, "self message with tag %d is %v", tag, buf)
		}
	}
	return WaitAll(sends...)
}

// sumValue is the contribution of rank r to element i of the sum tests:
// magnitudes that make the result depend on the order of the additions.
func sumValue(r, i int) float64 {
	switch i {
	case 0:
		return float64(r + 1) // known sum n(n+1)/2
	case 1:
		return math.Copysign(0, -1) // -0 on every rank: the sum stays -0
	case 2:
		if r%2 == 0 {
			return 1e16
		}
		return -1e16 + 1
	}
	return math.Sin(float64(r*31+i)) * math.Pow(10, float64((r*7+i)%13-6))
}

const sumLen = 11

// serialSum64 is the rank-order sum, computed locally.
func serialSum64(n, i int) float64 {
	s := sumValue(0, i)
	for r := 1; r < n; r++ {
		s += sumValue(r, i)
	}
	return s
}

func checkSum64(c Comm) error {
	n := c.Size()
	buf := make([]float64, sumLen)
	for i := range buf {
		buf[i] = sumValue(c.Rank(), i)
	}
	if err := c.AllreduceSum64(buf); err != nil {
		return failf(c, "%v", err)
	}
	if want := float64(n * (n + 1) / 2); buf[0] != want {
		return failf(c, "sum of r+1 = %v, want %v", buf[0], want)
	}
	if buf[1] != 0 || !math.Signbit(buf[1]) {
		return failf(c, "sum of -0 = %v (sign bit %v), want -0", buf[1], math.Signbit(buf[1]))
	}
	for i := range buf {
		if want := serialSum64(n, i); math.Float64bits(buf[i]) != math.Float64bits(want) {
			return failf(c, "element %d: %v (%#x), rank-order serial sum %v (%#x): not bit-identical",
				i, buf[i], math.Float64bits(buf[i]), want, math.Float64bits(want))
		}
	}
	return c.AllreduceSum64(nil)
}

func checkMax64(c Comm) error {
	n, r := c.Size(), c.Rank()
	negZero := math.Copysign(0, -1)
	buf := []float64{float64(r), -float64(r), 0, 1.5}
	if r == 0 {
		buf[2] = negZero
	}
	if r == n-1 {
		buf[3] = math.NaN()
	}
	if err := c.AllreduceMax64(buf); err != nil {
		return failf(c, "%v", err)
	}
	if buf[0] != float64(n-1) || buf[1] != 0 {
		return failf(c, "max of r, -r = %v, %v; want %d, 0", buf[0], buf[1], n-1)
	}
	if wantNeg := n == 1; buf[2] != 0 || math.Signbit(buf[2]) != wantNeg {
		return failf(c, "max of -0 (rank 0) and +0 (others) = %v with sign bit %v, want sign bit %v", buf[2], math.Signbit(buf[2]), wantNeg)
	}
	if !math.IsNaN(buf[3]) {
		return failf(c, "max with a NaN on rank %d = %v, want NaN", n-1, buf[3])
	}
	return nil
}

func checkSumC128(c Comm) error {
	n, r := c.Size(), c.Rank()
	buf := make([]complex128, sumLen)
	for i := range buf {
		buf[i] = complex(sumValue(r, i), -sumValue(r, (i+3)%sumLen))
	}
	buf[0] = complex(float64(r+1), -float64(2*r+1))
	if err := c.AllreduceSumC128(buf); err != nil {
		return failf(c, "%v", err)
	}
	if want := complex(float64(n*(n+1)/2), -float64(n*n)); buf[0] != want {
		return failf(c, "sum of (r+1) - (2r+1)i = %v, want %v", buf[0], want)
	}
	for i := 1; i < sumLen; i++ {
		re, im := serialSum64(n, i), -sumValue(0, (i+3)%sumLen)
		for q := 1; q < n; q++ {
			im += -sumValue(q, (i+3)%sumLen)
		}
		if math.Float64bits(real(buf[i])) != math.Float64bits(re) || math.Float64bits(imag(buf[i])) != math.Float64bits(im) {
			return failf(c, "element %d: %v, rank-order serial sum %v: not bit-identical", i, buf[i], complex(re, im))
		}
	}
	return nil
}

func checkSumInt64(c Comm) error {
	n, r := int64(c.Size()), int64(c.Rank())
	buf := []int64{r<<40 + 1, -(r + 1) << 50, math.MaxInt64 / 8}
	if err := c.AllreduceSumInt64(buf); err != nil {
		return failf(c, "%v", err)
	}
	want := []int64{(n*(n-1)/2)<<40 + n, -(n * (n + 1) / 2) << 50, n * (math.MaxInt64 / 8)}
	if !slices.Equal(buf, want) {
		return failf(c, "int64 sums %v, want %v", buf, want)
	}
	return nil
}

func checkBcast(c Comm) error {
	n, r := c.Size(), c.Rank()
	for _, root := range []int{0, n - 1, n / 2} {
		buf := make([]float64, 9)
		raw := make([]byte, 13)
		for i := range buf {
			buf[i] = -1 - float64(r)
			if r == root {
				buf[i] = float64(root*100+i) + 0.5
			}
		}
		for i := range raw {
			raw[i] = byte(200 + r)
			if r == root {
				raw[i] = byte(root*10 + i)
			}
		}
		if err := c.Bcast64(buf, root); err != nil {
			return failf(c, "%v", err)
		}
		if err := c.BcastBytes(raw, root); err != nil {
			return failf(c, "%v", err)
		}
		for i := range buf {
			if buf[i] != float64(root*100+i)+0.5 {
				return failf(c, "Bcast64 from root %d: value %d is %v", root, i, buf[i])
			}
		}
		for i := range raw {
			if raw[i] != byte(root*10+i) {
				return failf(c, "BcastBytes from root %d: byte %d is %d", root, i, raw[i])
			}
		}
		if err := c.BcastBytes(nil, root); err != nil {
			return failf(c, "empty BcastBytes: %v", err)
		}
	}
	// A string, as a configuration file header would be sent.
	msg := []byte("plaquette 0.5936")
	if c.Rank() != 0 {
		clear(msg)
	}
	if err := c.BcastBytes(msg, 0); err != nil {
		return failf(c, "%v", err)
	}
	if !bytes.Equal(msg, []byte("plaquette 0.5936")) {
		return failf(c, "broadcast string is %q", msg)
	}
	return nil
}

func checkBarrier(c Comm) error {
	for range 5 {
		if err := c.Barrier(); err != nil {
			return failf(c, "%v", err)
		}
	}
	return nil
}

// checkLengthMismatch sends a message one longer and one shorter than the
// receive buffer around a ring: the receives fail, the sends do not, and the
// communicator works afterwards.
func checkLengthMismatch(c Comm) error {
	n, r := c.Size(), c.Rank()
	next, prev := (r+1)%n, (r+n-1)%n
	long, short := make([]float64, 4), make([]float32, 4)
	rl := c.Irecv64(long, prev, 11)
	rs := c.Irecv32(short, prev, 12)
	sl := c.Isend64(make([]float64, 5), next, 11)
	ss := c.Isend32(make([]float32, 3), next, 12)
	if err := rl.Wait(); err == nil {
		return failf(c, "receiving 5 float64 values into a buffer of 4 succeeded")
	}
	if err := rs.Wait(); err == nil {
		return failf(c, "receiving 3 float32 values into a buffer of 4 succeeded")
	}
	if err := WaitAll(sl, ss); err != nil {
		return failf(c, "sends of mismatched messages failed on the sender: %v", err)
	}
	if err := c.Barrier(); err != nil {
		return failf(c, "barrier after a length mismatch: %v", err)
	}
	return nil
}

// checkBadArguments checks that invalid ranks, tags and roots are errors
// (the same on every rank, so no collective is left half-entered).
func checkBadArguments(c Comm) error {
	n := c.Size()
	cases := []struct {
		what string
		req  Request
	}{
		{"Isend64 to rank Size()", c.Isend64([]float64{1}, n, 0)},
		{"Irecv64 from rank -1", c.Irecv64(make([]float64, 1), -1, 0)},
		{"Isend32 with tag -1", c.Isend32([]float32{1}, 0, -1)},
		{"Irecv32 with tag MaxTag+1", c.Irecv32(make([]float32, 1), 0, MaxTag+1)},
	}
	for _, tc := range cases {
		if err := tc.req.Wait(); err == nil {
			return failf(c, "%s succeeded", tc.what)
		}
	}
	if err := c.Bcast64(make([]float64, 1), n); err == nil {
		return failf(c, "Bcast64 from root Size() succeeded")
	}
	if err := c.BcastBytes(make([]byte, 1), -1); err == nil {
		return failf(c, "BcastBytes from root -1 succeeded")
	}
	return c.Barrier()
}

// checkShared allocates node-shared regions of different sizes per rank,
// checks that they start zeroed, and passes data around the ring of ranks
// through them: rank r writes into bytes [64, ...) of the region of r+1
// (when it shares memory with it) and sets the flag at byte 0 to the
// iteration (1, 2, 3); r+1 waits for the flag and reads. Ranks on another
// node take a message instead.
func checkShared(c Comm) error {
	r, n := c.Rank(), c.Size()
	size := 256 + 64*r
	sh, err := c.AllocShared(size)
	if err != nil {
		return failf(c, "AllocShared(%d): %v", size, err)
	}
	loc := sh.Local()
	if len(loc) != size || uintptr(unsafe.Pointer(&loc[0]))%64 != 0 {
		return failf(c, "Local: %d bytes at %p, want %d bytes on a 64-byte boundary", len(loc), &loc[0], size)
	}
	for k, b := range loc {
		if b != 0 {
			return failf(c, "byte %d of a new region is %d, not 0", k, b)
		}
	}
	if err := c.Barrier(); err != nil { // every rank has looked before any writes
		return failf(c, "barrier: %v", err)
	}
	if self := sh.Peer(r); len(self) < size || &self[0] != &loc[0] {
		return failf(c, "Peer(own rank) is not Local")
	}
	if sh.Peer(-1) != nil || sh.Peer(n) != nil {
		return failf(c, "Peer of a rank outside [0, %d) is not nil", n)
	}
	next, prev := (r+1)%n, (r+n-1)%n
	out := sh.Peer(next)
	if out != nil && len(out) < 256+64*next {
		return failf(c, "Peer(%d) has %d bytes, want at least %d", next, len(out), 256+64*next)
	}
	for it := range 3 {
		want := func(from, k int) byte { return byte(17*from + 5*k + it) }
		if out != nil {
			for k := 64; k < 256+64*next; k++ {
				out[k] = want(r, k)
			}
			sh.SetFlag(next, 0, uint64(it+1))
		} else if err := WaitAll(c.Isend64([]float64{float64(it)}, next, 310+it)); err != nil {
			return failf(c, "flag ring %d: %v", it, err)
		}
		if sh.Peer(prev) == nil {
			var got [1]float64
			if err := WaitAll(c.Irecv64(got[:], prev, 310+it)); err != nil {
				return failf(c, "flag ring %d: %v", it, err)
			}
		} else {
			if err := sh.WaitFlag(0, uint64(it+1), prev); err != nil {
				return failf(c, "WaitFlag %d: %v", it+1, err)
			}
			for k := 64; k < len(loc); k++ {
				if loc[k] != want(prev, k) {
					return failf(c, "flag ring %d: byte %d of the region is %d, rank %d wrote %d", it, k, loc[k], prev, want(prev, k))
				}
			}
		}
		if err := c.Barrier(); err != nil {
			return failf(c, "barrier: %v", err)
		}
	}
	if _, err := c.AllocShared(-1); err == nil {
		return failf(c, "AllocShared(-1) gave no error")
	}
	return nil
}
