//go:build mpi

package comm

// The thin binding to the MPI C API. MPI handles stay on the C side: Go
// holds communicators and requests as Fortran integer handles (MPI_Fint,
// converted with MPI_Comm_c2f/f2c and MPI_Request_c2f/f2c), which are plain
// integers in every MPI library, whereas the C handle types differ (pointers
// in OpenMPI and Fujitsu MPI, ints in MPICH). Each helper returns the MPI
// error code; nb != 0 selects the non-blocking variant of a collective and
// returns its request in *req.
//
// Build with CC=mpicc (or the MPI library's compiler wrapper), which supplies
// the include path and the library; there is deliberately no
// "#cgo LDFLAGS: -lmpi", because the library's name differs between MPI
// libraries (Cray, Intel) while the wrapper always knows it.
//
// The C functions are in mpi_binding.c, declared in mpi_binding.h.

// #include "mpi_binding.h"
import "C"

import (
	"fmt"
	"strings"
	"unsafe"
)

// mpiKind is the element type of a buffer handed to MPI.
type mpiKind C.int

const (
	kindFloat64 mpiKind = C.GOQCD_FLOAT64
	kindFloat32 mpiKind = C.GOQCD_FLOAT32
	kindByte    mpiKind = C.GOQCD_BYTE
	kindInt64   mpiKind = C.GOQCD_INT64
)

// mpiErrorString is MPI_Error_string of code.
func mpiErrorString(code C.int) string {
	buf := make([]C.char, C.MPI_MAX_ERROR_STRING+1)
	n := C.goqcd_error_string(code, &buf[0])
	if n <= 0 {
		return fmt.Sprintf("MPI error code %d", int(code))
	}
	// n may count the terminating NUL; the buffer is NUL-terminated.
	return C.GoString(&buf[0])
}

// mpiLibrary is the first line of MPI_Get_library_version.
func mpiLibrary() string {
	buf := make([]C.char, C.MPI_MAX_LIBRARY_VERSION_STRING+1)
	if C.goqcd_library_version(&buf[0]) <= 0 {
		return "MPI (unknown library)"
	}
	s := strings.TrimSpace(C.GoString(&buf[0]))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if s == "" {
		return "MPI (unknown library)"
	}
	return s
}

// threadLevelName names an MPI thread support level.
func threadLevelName(level C.int) string {
	switch level {
	case C.goqcd_thread_multiple():
		return "MPI_THREAD_MULTIPLE"
	case C.goqcd_thread_serialized():
		return "MPI_THREAD_SERIALIZED"
	case C.goqcd_thread_funneled():
		return "MPI_THREAD_FUNNELED"
	case C.goqcd_thread_single():
		return "MPI_THREAD_SINGLE"
	}
	return fmt.Sprintf("thread level %d", int(level))
}

// ptr returns the address of the first element of buf, or nil if empty.
func ptr[T any](buf []T) unsafe.Pointer {
	if len(buf) == 0 {
		return nil
	}
	return unsafe.Pointer(&buf[0])
}
