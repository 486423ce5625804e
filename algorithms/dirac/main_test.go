package dirac

import (
	"fmt"
	"os"
	"testing"

	"github.com/goqcd/goqcd/comm"
)

// worldComm is the job's communicator once a test has used it (see
// TestWorldDecomposition); TestMain then ends MPI properly: Abort when a
// test failed on this rank, so that the other ranks do not wait, Finalize
// otherwise.
var worldComm comm.Comm

func TestMain(m *testing.M) {
	code := m.Run()
	if worldComm != nil && worldComm.Size() > 1 {
		if code != 0 {
			worldComm.Abort(code, "dirac tests failed on this rank")
		}
		if err := worldComm.Finalize(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}
