package comm

import "os"

// Local returns a new communicator with a single rank. Sends to rank 0
// (itself) are matched with its receives from rank 0 by tag in posting
// order, as in MPI; reductions and broadcasts leave the buffer unchanged.
// Abort prints its message and exits the process.
func Local() Comm {
	return newInprocComm(newWorld(1, true), 0)
}

// exitProcess ends the process after a Local Abort.
var exitProcess = os.Exit

// selfChannel returns a one-rank communicator that carries the messages an
// MPI rank sends to itself, with errors naming that rank of a job of size
// ranks. Self messages never meet MPI, which saves its overhead for
// directions in which the process grid has extent 1, and is needed because
// Open MPI 4.1 truncates an over-long message to self without an error.
func selfChannel(rank, size int) *inprocComm {
	c := newInprocComm(newWorld(1, true), 0)
	c.showRank, c.showSize = rank, size
	return c
}
