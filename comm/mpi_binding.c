//go:build mpi

// The C side of the MPI binding: see mpi_binding.go. Each function returns
// the MPI error code; nb != 0 selects the non-blocking variant of a
// collective and returns its request in *req.

#include <stddef.h>
#include "mpi_binding.h"

static MPI_Datatype goqcd_type(int kind) {
	switch (kind) {
	case GOQCD_FLOAT64: return MPI_DOUBLE;
	case GOQCD_FLOAT32: return MPI_FLOAT;
	case GOQCD_BYTE:    return MPI_BYTE;
	default:            return MPI_INT64_T;
	}
}

int goqcd_finalized(int *flag) { return MPI_Finalized(flag); }

int goqcd_init(int required, int *provided) {
	int flag = 0;
	int rc = MPI_Initialized(&flag);
	if (rc != MPI_SUCCESS) return rc;
	if (flag) return MPI_Query_thread(provided);
	return MPI_Init_thread(NULL, NULL, required, provided);
}

int goqcd_world_dup(MPI_Fint *comm, int *rank, int *size) {
	MPI_Comm c;
	int rc = MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
	if (rc != MPI_SUCCESS) return rc;
	rc = MPI_Comm_dup(MPI_COMM_WORLD, &c);
	if (rc != MPI_SUCCESS) return rc;
	rc = MPI_Comm_set_errhandler(c, MPI_ERRORS_RETURN);
	if (rc != MPI_SUCCESS) return rc;
	rc = MPI_Comm_rank(c, rank);
	if (rc != MPI_SUCCESS) return rc;
	rc = MPI_Comm_size(c, size);
	if (rc != MPI_SUCCESS) return rc;
	*comm = MPI_Comm_c2f(c);
	return MPI_SUCCESS;
}

int goqcd_isend(void *buf, int count, int kind, int dest, int tag, MPI_Fint comm, MPI_Fint *req) {
	MPI_Request r;
	int rc = MPI_Isend(buf, count, goqcd_type(kind), dest, tag, MPI_Comm_f2c(comm), &r);
	if (rc != MPI_SUCCESS) return rc;
	*req = MPI_Request_c2f(r);
	return MPI_SUCCESS;
}

int goqcd_irecv(void *buf, int count, int kind, int src, int tag, MPI_Fint comm, MPI_Fint *req) {
	MPI_Request r;
	int rc = MPI_Irecv(buf, count, goqcd_type(kind), src, tag, MPI_Comm_f2c(comm), &r);
	if (rc != MPI_SUCCESS) return rc;
	*req = MPI_Request_c2f(r);
	return MPI_SUCCESS;
}

// goqcd_wait completes *req; with count != NULL it stores the number of
// received elements of the given kind (MPI_UNDEFINED if not whole).
int goqcd_wait(MPI_Fint *req, int kind, int *count) {
	MPI_Request r = MPI_Request_f2c(*req);
	MPI_Status st;
	int rc = MPI_Wait(&r, &st);
	*req = MPI_Request_c2f(r);
	if (rc != MPI_SUCCESS || count == NULL) return rc;
	return MPI_Get_count(&st, goqcd_type(kind), count);
}

// goqcd_test is goqcd_wait without blocking: *flag says whether *req is
// complete.
int goqcd_test(MPI_Fint *req, int kind, int *flag, int *count) {
	MPI_Request r = MPI_Request_f2c(*req);
	MPI_Status st;
	int rc = MPI_Test(&r, flag, &st);
	*req = MPI_Request_c2f(r);
	if (rc != MPI_SUCCESS || !*flag || count == NULL) return rc;
	return MPI_Get_count(&st, goqcd_type(kind), count);
}

int goqcd_allgather(void *send, void *recv, int count, int kind, MPI_Fint comm, int nb, MPI_Fint *req) {
	MPI_Datatype t = goqcd_type(kind);
	MPI_Request r;
	int rc;
	if (!nb) return MPI_Allgather(send, count, t, recv, count, t, MPI_Comm_f2c(comm));
	rc = MPI_Iallgather(send, count, t, recv, count, t, MPI_Comm_f2c(comm), &r);
	if (rc == MPI_SUCCESS) *req = MPI_Request_c2f(r);
	return rc;
}

// goqcd_allreduce_int64 sums (max == 0) or maximises (max != 0) int64
// values in place.
int goqcd_allreduce_int64(void *buf, int count, int max, MPI_Fint comm, int nb, MPI_Fint *req) {
	MPI_Op op = max ? MPI_MAX : MPI_SUM;
	MPI_Request r;
	int rc;
	if (!nb) return MPI_Allreduce(MPI_IN_PLACE, buf, count, MPI_INT64_T, op, MPI_Comm_f2c(comm));
	rc = MPI_Iallreduce(MPI_IN_PLACE, buf, count, MPI_INT64_T, op, MPI_Comm_f2c(comm), &r);
	if (rc == MPI_SUCCESS) *req = MPI_Request_c2f(r);
	return rc;
}

int goqcd_bcast(void *buf, int count, int kind, int root, MPI_Fint comm, int nb, MPI_Fint *req) {
	MPI_Request r;
	int rc;
	if (!nb) return MPI_Bcast(buf, count, goqcd_type(kind), root, MPI_Comm_f2c(comm));
	rc = MPI_Ibcast(buf, count, goqcd_type(kind), root, MPI_Comm_f2c(comm), &r);
	if (rc == MPI_SUCCESS) *req = MPI_Request_c2f(r);
	return rc;
}

int goqcd_barrier(MPI_Fint comm, int nb, MPI_Fint *req) {
	MPI_Request r;
	int rc;
	if (!nb) return MPI_Barrier(MPI_Comm_f2c(comm));
	rc = MPI_Ibarrier(MPI_Comm_f2c(comm), &r);
	if (rc == MPI_SUCCESS) *req = MPI_Request_c2f(r);
	return rc;
}

int goqcd_finalize(MPI_Fint comm) {
	MPI_Comm c = MPI_Comm_f2c(comm);
	int rc = MPI_Comm_free(&c);
	if (rc != MPI_SUCCESS) return rc;
	return MPI_Finalize();
}

void goqcd_abort(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

int goqcd_error_string(int code, char *buf) {
	int len = 0;
	if (MPI_Error_string(code, buf, &len) != MPI_SUCCESS) return 0;
	return len;
}

int goqcd_library_version(char *buf) {
	int len = 0;
	if (MPI_Get_library_version(buf, &len) != MPI_SUCCESS) return 0;
	return len;
}

int goqcd_thread_multiple(void)   { return MPI_THREAD_MULTIPLE; }
int goqcd_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }
int goqcd_thread_funneled(void)   { return MPI_THREAD_FUNNELED; }
int goqcd_thread_single(void)     { return MPI_THREAD_SINGLE; }

/* goqcd_progress lets pending transfers advance: any MPI call runs Open
   MPI's (and MPICH's) progress engine, and a probe that matches nothing
   costs little and receives nothing. */
int goqcd_progress(MPI_Fint comm) {
	int flag = 0;
	return MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_Comm_f2c(comm), &flag, MPI_STATUS_IGNORE);
}

// goqcd_shared_alloc allocates size bytes of node-shared memory on every
// rank of comm: the ranks of a node (MPI_Comm_split_type with
// MPI_COMM_TYPE_SHARED, returned in *node) share one window, which goqcd
// reads and writes with plain loads and stores ordered by atomic flags (no
// RMA calls). Each rank's segment starts on its own page
// (alloc_shared_noncontig).
int goqcd_shared_alloc(MPI_Fint comm, MPI_Aint size, void **base, MPI_Fint *win, MPI_Fint *node) {
	MPI_Comm nc;
	int rc = MPI_Comm_split_type(MPI_Comm_f2c(comm), MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &nc);
	if (rc != MPI_SUCCESS) return rc;
	MPI_Comm_set_errhandler(nc, MPI_ERRORS_RETURN);
	MPI_Info info;
	rc = MPI_Info_create(&info);
	if (rc != MPI_SUCCESS) return rc;
	MPI_Info_set(info, "alloc_shared_noncontig", "true");
	MPI_Win w;
	rc = MPI_Win_allocate_shared(size, 1, info, nc, base, &w);
	MPI_Info_free(&info);
	if (rc != MPI_SUCCESS) return rc;
	MPI_Win_set_errhandler(w, MPI_ERRORS_RETURN);
	*win = MPI_Win_c2f(w);
	*node = MPI_Comm_c2f(nc);
	return MPI_SUCCESS;
}

// goqcd_shared_peers stores, for every rank r < n of comm, the address of
// its segment of win in this process (ptrs[r], NULL when r is on another
// node) and its size.
int goqcd_shared_peers(MPI_Fint comm, MPI_Fint node, MPI_Fint win, int n, void **ptrs, MPI_Aint *sizes) {
	MPI_Group g, ng;
	int rc = MPI_Comm_group(MPI_Comm_f2c(comm), &g);
	if (rc != MPI_SUCCESS) return rc;
	rc = MPI_Comm_group(MPI_Comm_f2c(node), &ng);
	if (rc != MPI_SUCCESS) return rc;
	for (int r = 0; r < n && rc == MPI_SUCCESS; r++) {
		int nr;
		ptrs[r] = NULL;
		sizes[r] = 0;
		rc = MPI_Group_translate_ranks(g, 1, &r, ng, &nr);
		if (rc != MPI_SUCCESS || nr == MPI_UNDEFINED) continue;
		int disp;
		rc = MPI_Win_shared_query(MPI_Win_f2c(win), nr, &sizes[r], &disp, &ptrs[r]);
	}
	MPI_Group_free(&g);
	MPI_Group_free(&ng);
	return rc;
}
