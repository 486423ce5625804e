// The C side of the MPI binding (build tag mpi): see mpi_binding.go.
#ifndef GOQCD_MPI_BINDING_H
#define GOQCD_MPI_BINDING_H

#include <mpi.h>

enum { GOQCD_FLOAT64 = 0, GOQCD_FLOAT32 = 1, GOQCD_BYTE = 2, GOQCD_INT64 = 3 };

int goqcd_finalized(int *flag);
int goqcd_init(int required, int *provided);
int goqcd_world_dup(MPI_Fint *comm, int *rank, int *size);
int goqcd_isend(void *buf, int count, int kind, int dest, int tag, MPI_Fint comm, MPI_Fint *req);
int goqcd_irecv(void *buf, int count, int kind, int src, int tag, MPI_Fint comm, MPI_Fint *req);
int goqcd_wait(MPI_Fint *req, int kind, int *count);
int goqcd_test(MPI_Fint *req, int kind, int *flag, int *count);
int goqcd_progress(MPI_Fint comm);
int goqcd_allgather(void *send, void *recv, int count, int kind, MPI_Fint comm, int nb, MPI_Fint *req);
int goqcd_allreduce_int64(void *buf, int count, int max, MPI_Fint comm, int nb, MPI_Fint *req);
int goqcd_bcast(void *buf, int count, int kind, int root, MPI_Fint comm, int nb, MPI_Fint *req);
int goqcd_barrier(MPI_Fint comm, int nb, MPI_Fint *req);
int goqcd_finalize(MPI_Fint comm);
int goqcd_shared_alloc(MPI_Fint comm, MPI_Aint size, void **base, MPI_Fint *win, MPI_Fint *node);
int goqcd_shared_peers(MPI_Fint comm, MPI_Fint node, MPI_Fint win, int n, void **ptrs, MPI_Aint *sizes);
void goqcd_abort(int code);
int goqcd_error_string(int code, char *buf);
int goqcd_library_version(char *buf);
int goqcd_thread_multiple(void);
int goqcd_thread_serialized(void);
int goqcd_thread_funneled(void);
int goqcd_thread_single(void);

#endif
