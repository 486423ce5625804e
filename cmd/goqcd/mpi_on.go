//go:build mpi

package main

// mpiBuild: this binary has the MPI binding (built with -tags mpi).
const mpiBuild = true
