package comm

// Shared is node-shared memory: one region per rank of a communicator,
// which every rank of the same node (the same process, for in-process
// ranks) can read and write directly. A halo exchange between two ranks of
// a node can then write the face straight into the neighbour's receive
// buffer and send only a short message to say that it is there, instead
// of sending the face through MPI (which copies it once or twice, and
// moves a large message only while both ranks are inside MPI).
//
// The regions carry no synchronisation of their own: a writer must know
// that the owner no longer reads what it overwrites, and the owner must
// learn, by a message, that the data is complete. Sync orders the memory
// operations on either side of that message (MPI_Win_sync).
type Shared interface {
	// Local is this rank's region, at least the size asked for, 64-byte
	// aligned.
	Local() []byte
	// Peer is rank r's region when r shares memory with this rank (r may
	// be this rank), nil otherwise.
	Peer(r int) []byte
	// Sync is a memory barrier for the regions: call it after writing into
	// a peer's region and before the message that announces the data, and
	// after that message has arrived and before reading.
	Sync()
}

// sharedAlign is the alignment of every region (a cache line, and the
// widest SIMD register of the kernels).
const sharedAlign = 64
