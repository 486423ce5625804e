//go:build !mpi

package main

// mpiBuild: this binary has no MPI binding (built without -tags mpi).
const mpiBuild = false
