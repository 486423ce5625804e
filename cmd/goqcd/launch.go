package main

import (
	"errors"
	"io"
	"os"

	"github.com/goqcd/goqcd/comm"
)

// mpiLauncherVars are environment variables that MPI launchers set in
// every process they start: OpenMPI and Fujitsu MPI (mpirun, mpiexec),
// MPICH and Intel MPI (Hydra, PMI), Slurm srun with PMI/PMIx.
var mpiLauncherVars = []string{"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK", "MPI_LOCALNRANKS"}

// mpiLaunched reports whether this process is one rank of an MPI job: an
// MPI build started by an MPI launcher. Otherwise goqcd runs its ranks as
// goroutines (--ranks), even in an MPI build, and never initialises MPI.
func mpiLaunched() bool {
	if !mpiBuild {
		return false
	}
	for _, v := range mpiLauncherVars {
		if os.Getenv(v) != "" {
			return true
		}
	}
	return false
}

// rankEnv is what the body of a command sees on one rank.
type rankEnv struct {
	c   comm.Comm
	out io.Writer // the command's output on rank 0, io.Discard elsewhere
}

// onRanks runs body on every rank of the job and returns the job's error.
// Under MPI this process is one rank and the size comes from the launcher;
// ranks (when given on the command line) must equal it. Otherwise ranks
// goroutine ranks run in this process. A rank that panics aborts the whole
// job with its message (comm.Guard). A rank that fails with an error that
// other ranks may not share (not bad input, not a globally decided check)
// aborts the MPI job, since the others could wait for it forever.
func (x *cli) onRanks(ranks int, ranksGiven bool, body func(r rankEnv) error) error {
	if ranks < 1 {
		return inputf("--ranks %d: need at least 1 rank", ranks)
	}
	if c := x.world; c != nil {
		if ranksGiven && ranks != c.Size() {
			return inputf("--ranks %d differs from the %d MPI ranks started by the launcher (mpirun -np): drop --ranks or make them equal", ranks, c.Size())
		}
		err := guarded(c, body, rankEnv{c: c, out: x.out()})
		if err != nil && !collective(err) {
			c.Abort(exitCode(err), "goqcd: "+message(err))
		}
		return err
	}
	err := comm.RunInProc(ranks, func(c comm.Comm) error {
		out := io.Discard
		if c.Rank() == 0 {
			out = x.stdout
		}
		return guarded(c, body, rankEnv{c: c, out: out})
	})
	var re *comm.RankError
	if errors.As(err, &re) && collective(re.Err) {
		return re.Err // the same on every rank: report it without the rank
	}
	return err
}

// guarded runs body with comm.Guard deferred, so that a panic aborts the
// job instead of leaving the other ranks waiting.
func guarded(c comm.Comm, body func(r rankEnv) error, r rankEnv) error {
	defer comm.Guard(c)
	return body(r)
}
