package comm

import (
	"fmt"
	"os"
	"runtime/debug"
)

// Guard, deferred at the top of main or of a rank's body, turns a panic
// into an Abort of the whole job, with the panic value and the stack in the
// message, so that one dead rank cannot leave the others waiting forever:
//
//	c, err := comm.World()
//	...
//	defer comm.Guard(c)
//
// Without a panic it does nothing. With c == nil it prints and exits with
// status 2.
func Guard(c Comm) {
	p := recover()
	if p == nil {
		return
	}
	msg := fmt.Sprintf("panic: %v\n\n%s", p, debug.Stack())
	if c == nil {
		fmt.Fprintf(os.Stderr, "comm: no communicator: %s\n", msg)
		exitProcess(panicCode)
	}
	c.Abort(panicCode, msg)
}
