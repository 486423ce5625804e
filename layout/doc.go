// Package layout is the geometry of goqcd: global and local extents, the
// process grid, the SIMD tiling into W lanes ("virtual nodes"), even-odd
// ordering, neighbour tables, halo faces, and the field containers built on
// that ordering, with their linear algebra and exact global reductions.
//
// # Coordinates
//
// Directions are mu = 0, 1, 2, 3 = x, y, z, t. A global coordinate g lies in
// [0, Global[mu]); its lexicographic index, used for random numbers and file
// I/O, is GlobalIndex(g) = g0 + X*(g1 + Y*(g2 + Z*g3)). Its parity is
// (g0+g1+g2+g3) mod 2; even sites have parity 0.
//
// # Process grid
//
// Procs[mu] ranks split direction mu; rank r has process coordinates
// c = comm.Cart.Coords(r) with r = c0 + P0*(c1 + P1*(c2 + P2*c3)), and holds
// the local sites x = g - c*Local, Local[mu] = Global[mu]/Procs[mu]. Local
// extents must be even. Without --mpi, AutoProcs factorises the rank count.
//
// # SIMD tiling
//
// The local lattice is cut into W = Lanes0*Lanes1*Lanes2*Lanes3 blocks
// (sub-lattices). Block s (lane coordinates, 0 <= s[mu] < Lanes[mu]) covers
// x[mu] in [s[mu]*Tile[mu], (s[mu]+1)*Tile[mu]), Tile[mu] = Local[mu]/Lanes[mu],
// and every Tile[mu] is even. A local site x has
//
//	lane coordinates  s[mu] = x[mu] / Tile[mu]
//	tile coordinates  t[mu] = x[mu] % Tile[mu]
//	lane  = s0 + L0*(s1 + L1*(s2 + L2*s3))            (L = Lanes)
//	lex   = t0 + T0*(t1 + T1*(t2 + T2*t3))            (T = Tile)
//	tile  = p*NTiles/2 + lex/2,  p = (t0+t1+t2+t3) mod 2
//
// so one tile holds W sites, one per block, all of the same parity p (the
// global parity, since rank and block offsets are even). Even tiles come
// first: a single-parity field is the first or the second half of a full
// one. W = 1 is plain even-odd site-major storage.
//
// # Field storage
//
// A field of NC complex components per site is a flat slice
//
//	Data[((tile*NC + c)*2 + reim)*W + lane]
//
// (reim 0 real, 1 imaginary; tile counted from the first tile of the
// field's subset), so that one SIMD register of W numbers holds the same
// component of the W sites of a tile. Usual NC: colour vector Nc, spinor
// 4*Nc (spin major: c = spin*Nc + colour), links 4*Nc*Nc (c = (mu*Nc + i)*Nc + j
// for U_mu(x)_ij).
//
// # Neighbours and halos
//
// Hop directions d = 2*mu (+mu) and d = 2*mu+1 (-mu). The neighbour of
// (tile, lane) along d is in tile Hop(d)[tile]. When the hop stays inside the
// tile grid (t[mu] not on the edge) the lane is unchanged; when it crosses
// the tile boundary the lane rotates, s[mu] -> s[mu] ± 1 mod Lanes[mu]
// (LanePerm). Lanes whose rotated block wraps around the rank (s[mu] at the
// edge) take their value from the neighbour rank when Procs[mu] > 1 (halo
// exchange) and are already right when Procs[mu] == 1 (periodic wrap).
//
// A halo buffer of hop d is ordered [f][component][re|im][k]: f enumerates the
// boundary tiles by their three tile coordinates other than mu
// (lexicographic), k the halo lanes by their three lane coordinates other
// than mu. The sender packs its opposite face in the same order, so
// buffers need no index exchange (GatherFace, Halo).
//
// # Reductions
//
// Dot, Norm2 and CGUpdate's norm first sum each site's components in
// float64, in component order and with every product rounded (no fused
// multiply-add; the per-site partials come from the dispatched kernels,
// kernels.SiteDot64/32, SiteNorm64/32, CGUpdate64/32, whose assembly gives
// the Go twins' bits), then add the per-site values exactly (ExactSum, an integer accumulator of
// multiples of 2^-1074) and round once. Since a site's arithmetic is the
// same everywhere and the exact sum does not depend on the order, the
// results are identical, bit for bit, for every process grid, W, thread
// count and architecture. GlobalSum combines the accumulators of all ranks
// with an integer Allreduce. Collective calls (every rank must make them
// in the same order): Dot, Norm2, CGUpdate, GlobalSum, Shift,
// Halo.Start/Wait.
//
// CGUpdate(x, r, p, q, alpha) is the update of a CG iteration in one pass
// over memory: x += alpha p, r -= alpha q (real alpha, rounded to the
// fields' precision) and the global |r|^2 of the new r. It gives the bits
// of Axpy(complex(alpha, 0), p, x), Axpy(complex(-alpha, 0), q, r),
// Norm2(r), except the sign of zero results and NaN where the complex
// products of those Axpys meet an infinity.
//
// # Files
//
//	geometry.go   Layout, New, AutoProcs, LaneSplit, LaneSplitFor, ParseDims
//	index.go      (tile, lane) <-> local/global coordinates, Locate, parity
//	neighbour.go  neighbour tables, lane permutations, faces
//	field.go      Field[F], subsets, element access
//	halo.go       Halo exchange, GatherFace, Shift
//	linalg.go     Copy, Scale, Axpy, Xpay, Dot, Norm2, AddSiteNorms, CGUpdate
//	sitesums.go   the kernels' per-site partial sums, chunked into pooled scratch
//	exactsum.go   ExactSum, GlobalSum
//	parallel.go   ParallelFor over tiles
//	workers.go    the thread team behind ParallelFor (spin, then park)
//	linalg_threads.go  the linear algebra split over threads (exact sums merged)
package layout
