package comm

// ThreadEnv is the environment variable that chooses the thread level World
// asks MPI for (build tag mpi; ignored without it): "multiple", the default,
// or "serialized". With "serialized" every MPI call is made under a mutex,
// and waits poll MPI_Test so that one goroutine's wait never blocks another
// goroutine's send.
const ThreadEnv = "GOQCD_MPI_THREAD"
