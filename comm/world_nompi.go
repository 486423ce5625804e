//go:build !mpi

package comm

// World returns the communicator of the whole job. This build has no MPI
// (build tag mpi absent), so it is Local(): one rank.
func World() (Comm, error) {
	return Local(), nil
}
