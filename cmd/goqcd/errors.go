package main

import (
	"errors"
	"fmt"

	"github.com/goqcd/goqcd/comm"
)

// inputError is bad input: flags, a job file, a geometry that cannot be
// built. Exit status 2. Every rank finds the same input error (they read
// the same input), so under MPI the ranks can stop together without Abort.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

func inputf(format string, args ...any) error {
	return &inputError{err: fmt.Errorf(format, args...)}
}

// asInput marks err as bad input (nil stays nil).
func asInput(err error) error {
	if err == nil {
		return nil
	}
	var ie *inputError
	if errors.As(err, &ie) {
		return err
	}
	return &inputError{err: err}
}

// errCheckFailed is returned by a check that printed FAIL: exit status 1.
// Checks decide with a global reduction, so every rank returns it alike.
var errCheckFailed = errors.New("check failed")

// agreedError is a run-time failure that rank 0 found and shared with
// every rank (comm.Agree, e.g. a corrupt file): exit status 1, printed
// once, and no abort, since every rank returns it alike.
type agreedError struct{ err error }

func (e *agreedError) Error() string { return e.err.Error() }
func (e *agreedError) Unwrap() error { return e.err }

// collective reports whether every rank returns err alike, so that the
// job can end without MPI_Abort.
func collective(err error) bool {
	var ie *inputError
	var ae *agreedError
	return errors.As(err, &ie) || errors.Is(err, errCheckFailed) || errors.As(err, &ae)
}

// exitCode maps an error to the exit status: 2 bad input, the abort code of
// an aborted rank, 1 otherwise.
func exitCode(err error) int {
	var ie *inputError
	var ae *comm.AbortError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ie):
		return 2
	case errors.As(err, &ae):
		return ae.Code
	}
	return 1
}

// message is the text printed after "goqcd: ": for bad input the input
// error alone, without the rank that found it (every rank did).
func message(err error) string {
	var ie *inputError
	if errors.As(err, &ie) {
		return ie.Error()
	}
	var ae *comm.AbortError
	if errors.As(err, &ae) {
		return fmt.Sprintf("rank %d of %d aborted the job (exit status %d); its message is above", ae.Rank, ae.Size, ae.Code)
	}
	return err.Error()
}
