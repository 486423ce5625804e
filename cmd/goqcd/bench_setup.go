package main

import (
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/goqcd/goqcd/algorithms/dirac"
	"github.com/goqcd/goqcd/algorithms/gauge"
	"github.com/goqcd/goqcd/algorithms/rng"
	"github.com/goqcd/goqcd/kernels"
	"github.com/goqcd/goqcd/layout"
)

// Stream ids (rng.Stream) of the random numbers of bench dslash and bench
// cg under their seed: the hot start, the heatbath sweeps, the source.
const (
	benchStreamGauge    = 1
	benchStreamHeatbath = 2
	benchStreamSource   = 20
)

// forceKernels selects the named kernel set (kernels.Select) for one
// command and returns the function that restores the previous selection:
// tests run many commands in one process. An empty name keeps the
// selection. A set this CPU cannot run, or one without kernels in this
// build, is bad input. Call it before any rank starts (the selection is
// process-wide and must not change while kernels run).
func forceKernels(name string) (restore func(), err error) {
	if name == "" {
		return func() {}, nil
	}
	prev := kernels.Selected().Name
	if _, err := kernels.Select(name); err != nil {
		return nil, inputf("--kernels %s: %v (this CPU runs %s; this build has kernels for %s)",
			name, err, orNone(kernels.Available()), orNone(kernels.Implemented()))
	}
	return func() { _, _ = kernels.Select(prev) }, nil
}

// benchGauge is the SU(3) gauge field of the solver benchmarks: a hot
// start (Haar-random links) from seed, then sweeps heatbath sweeps at
// beta, so that the field is not pure noise when sweeps > 0. The field,
// and its plaquette, are the same on every process grid and W. Collective.
func benchGauge(l *layout.Layout, seed int64, beta float64, sweeps int) (*gauge.Field, float64, error) {
	st := rng.New(uint64(seed), benchStreamGauge)
	g, err := gauge.Hot(l, 3, &st)
	if err != nil {
		return nil, 0, err
	}
	ws := gauge.NewWorkspace(l, 3)
	hb := rng.New(uint64(seed), benchStreamHeatbath)
	for range sweeps {
		if err := g.HeatbathSweep(beta, &hb, ws); err != nil {
			return nil, 0, err
		}
	}
	p, err := g.Plaquette(ws)
	if err != nil {
		return nil, 0, err
	}
	return g, p.Average, nil
}

// gaussianSource is a full spinor field of independent Gaussian complex
// numbers (unit variance in each of the real and imaginary parts), drawn
// per global site from the source stream of seed: the same field on every
// process grid and W.
func gaussianSource(l *layout.Layout, seed int64) *layout.Field[float64] {
	b := dirac.NewSpinor[float64](l, layout.Full)
	st := rng.New(uint64(seed), benchStreamSource)
	b.ForEachSite(func(tile, lane int, g [layout.Nd]int) {
		site := st.Site(uint64(l.GlobalIndex(g)))
		for c := range b.NC {
			re, im := site.Gaussian2()
			b.Set(tile, c, lane, complex(re, im))
		}
	})
	return b
}

// fermion is what the benchmarks use of dirac.Wilson and dirac.Clover.
type fermion[F layout.Float] interface {
	Apply(dst, src *layout.Field[F]) error
	Hop(dst, src *layout.Field[F]) error
	NewField() *layout.Field[F]
	Schur() *dirac.Schur[F]
	Links() *dirac.Links[F]
}

// newFermion builds the Wilson operator (csw = 0) or the Wilson-clover
// operator of g in precision F, antiperiodic in time (dirac.StandardBC).
// Collective.
func newFermion[F layout.Float](g *gauge.Field, kappa, csw float64) (fermion[F], error) {
	p := dirac.Params{Kappa: kappa, CSW: csw, BC: dirac.StandardBC}
	if csw != 0 {
		return dirac.NewClover[F](g, p)
	}
	return dirac.NewWilson[F](g, p)
}

// operatorName names the operator of a benchmark.
func operatorName(csw float64) string {
	if csw != 0 {
		return "Wilson-clover, c_SW " + strconv.FormatFloat(csw, 'g', -1, 64)
	}
	return "Wilson"
}

// machineCores is the number of CPUs of this machine, not of this
// process's affinity mask (mpirun may bind a rank to one core):
// /sys/devices/system/cpu/online on Linux, else runtime.NumCPU.
func machineCores() int {
	b, err := os.ReadFile("/sys/devices/system/cpu/online")
	if err != nil {
		return runtime.NumCPU()
	}
	n := 0
	for _, r := range strings.Split(strings.TrimSpace(string(b)), ",") {
		lo, hi, isRange := strings.Cut(r, "-")
		a, err1 := strconv.Atoi(lo)
		z := a
		var err2 error
		if isRange {
			z, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || z < a {
			return runtime.NumCPU()
		}
		n += z - a + 1
	}
	return max(n, 1)
}

// localRanksVars are environment variables in which MPI launchers give
// the number of ranks on this node (OpenMPI, MPICH/Hydra, Slurm, Fujitsu MPI).
var localRanksVars = []string{"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", "PMI_LOCAL_SIZE", "SLURM_NTASKS_PER_NODE"}

// ranksHere is the number of ranks that share this machine: all of them
// with in-process ranks; under MPI the launcher's local size (1 when it
// gives none).
func (x *cli) ranksHere(ranks int) int {
	if x.world == nil {
		return ranks
	}
	for _, v := range localRanksVars {
		if n, err := strconv.Atoi(os.Getenv(v)); err == nil && n > 0 {
			return n
		}
	}
	return 1
}
