package comm

import (
	"errors"
	"fmt"
	"os"
)

// Agree gives every rank the outcome of work that rank 0 did alone (reading
// or writing a file): nil when rank 0's err is nil, rank 0's error itself on
// rank 0, and an error with its message on the others, so that every rank
// takes the same branch and none waits for a message that will not come.
// An error for which os.IsNotExist holds stays recognisable as
// os.ErrNotExist on every rank. Other ranks' err arguments are ignored.
// Collective.
func Agree(c Comm, err error) error {
	code := 0.0
	var msg []byte
	if c.Rank() == 0 && err != nil {
		code = 1
		if errors.Is(err, os.ErrNotExist) {
			code = 2
		}
		msg = []byte(err.Error())
	}
	hdr := []float64{code, float64(len(msg))}
	if e := c.Bcast64(hdr, 0); e != nil {
		return e
	}
	if hdr[0] == 0 {
		return nil
	}
	if c.Rank() != 0 {
		msg = make([]byte, int(hdr[1]))
	}
	if e := c.BcastBytes(msg, 0); e != nil {
		return e
	}
	if c.Rank() == 0 {
		return err
	}
	if hdr[0] == 2 {
		return fmt.Errorf("%s: %w", msg, os.ErrNotExist)
	}
	return errors.New(string(msg))
}
