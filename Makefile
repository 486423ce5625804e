# goqcd: the commands people type. See README.md.
#
#   make run     install what is missing (scripts/deps.sh run), build, run the
#                default job: a short dynamical HMC run, two flavours of Wilson
#                fermions (jobs/examples/hmc-small.toml), on $(NP) ranks
#   make quenched  the quenched SU(3) job (jobs/examples/quenched.toml) with its plot
#   make test    everything CI checks (scripts/deps.sh test first)
#   make build   bin/goqcd (pure Go) and, with mpicc, bin/goqcd-mpi
#   make bench   Go benchmarks and goqcd bench halo
#   make vet | fmt | clean | deps
#
# Every recipe line is echoed before it runs.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO    ?= go
BIN   := bin
GRID  ?= 8.8.8.8
NP    ?= 2

# mpirun refuses to start as root without --allow-run-as-root (given only
# when root); --oversubscribe lets it start more ranks than there are cores.
MPIRUN ?= mpirun $(if $(filter 0,$(shell id -u)),--allow-run-as-root) --oversubscribe
# arm64 tests run under qemu-user, emulating A64FX (SVE, 512-bit vectors).
QEMU ?= qemu-aarch64 -cpu a64fx
# The packages whose arm64 behaviour matters, tested under qemu (slow: keep short).
ARM64_PKGS ?= ./kernels/... ./kernels_arm64/... ./layout/... ./comm/... ./cmd/...
# The packages whose tests run on several MPI ranks.
MPI_PKGS ?= ./comm ./layout
# The packages tested in an MPI build (one process, not under mpirun). Only
# comm and cmd/goqcd change with the tag; ./comm/... ./cmd/... halves the time.
MPI_TAG_PKGS ?= ./comm/... ./cmd/...
BENCHTIME ?= 500ms

.PHONY: build run quenched test bench vet fmt clean deps deps-run

deps:
	scripts/deps.sh test

deps-run:
	scripts/deps.sh run

build:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/goqcd ./cmd/goqcd
	@if command -v mpicc >/dev/null 2>&1; then \
		echo "CC=mpicc $(GO) build -tags mpi -o $(BIN)/goqcd-mpi ./cmd/goqcd"; \
		CC=mpicc $(GO) build -tags mpi -o $(BIN)/goqcd-mpi ./cmd/goqcd; \
	else \
		echo "mpicc not found: not building $(BIN)/goqcd-mpi (scripts/deps.sh run installs MPI)"; \
	fi

# The default job: quenched SU(3) at beta 6 on 8^4 (jobs/examples/quenched.toml,
# about 40 s of one core) on $(NP) MPI ranks when MPI is there, else $(NP)
# in-process ranks. It prints the plaquette history (one progress line per
# sweep), the summary, and where the plot went (output/quenched/plaquette.png).
# launch is how the jobs start: $(NP) MPI ranks when MPI is there, else
# $(NP) ranks as goroutines in one process.
define launch
if [[ -x $(BIN)/goqcd-mpi ]] && command -v mpirun >/dev/null 2>&1; then \
	launch="$(MPIRUN) -np $(NP) $(BIN)/goqcd-mpi"; ranks=""; \
else \
	launch="$(BIN)/goqcd"; ranks="--ranks $(NP)"; \
fi
endef

run: deps-run build
	$(BIN)/goqcd version
	@$(launch); \
	echo; echo "$$launch run jobs/examples/hmc-small.toml $$ranks"; \
	$$launch run jobs/examples/hmc-small.toml $$ranks < /dev/null

quenched: deps-run build
	@$(launch); \
	echo "$$launch run jobs/examples/quenched.toml $$ranks"; \
	$$launch run jobs/examples/quenched.toml $$ranks < /dev/null

test: deps
	@echo 'gofmt -l . (must list nothing)'; bad=$$(gofmt -l .); \
		if [[ -n "$$bad" ]]; then echo "gofmt: unformatted files (make fmt):"; echo "$$bad"; exit 1; fi
	$(GO) vet ./...
	CC=mpicc $(GO) vet -tags mpi ./...
	GOARCH=arm64 CGO_ENABLED=0 $(GO) vet ./...
	CGO_ENABLED=0 $(GO) test -short ./...
	CC=mpicc $(GO) test -short -tags mpi $(MPI_TAG_PKGS)
	CC=mpicc $(GO) test -short -tags mpi -exec '$(MPIRUN) -np 2' $(MPI_PKGS)
	CC=mpicc $(GO) test -short -tags mpi -exec '$(MPIRUN) -np 4' $(MPI_PKGS)
	CC=mpicc $(GO) test -short -tags mpi -exec '$(MPIRUN) -np 2' -run TestWorldDecomposition ./algorithms/dirac
	CC=mpicc $(GO) test -short -tags mpi -exec '$(MPIRUN) -np 4' -run TestWorldDecomposition ./algorithms/dirac
	CC=mpicc $(GO) build -tags mpi -o $(BIN)/goqcd-mpi ./cmd/goqcd
	$(MPIRUN) -np 2 $(BIN)/goqcd-mpi selfcheck --grid 8.8.8.8 --mpi 1.1.1.2 < /dev/null
	$(MPIRUN) -np 4 $(BIN)/goqcd-mpi selfcheck --grid 8.8.8.8 --mpi 1.2.1.2 --simd 2 < /dev/null
	$(MPIRUN) -np 2 $(BIN)/goqcd-mpi bench halo --grid 8.8.8.8 --iters 5 --repeats 1 --json < /dev/null > /dev/null
	@echo "$(MPIRUN) -np 2 $(BIN)/goqcd-mpi selfcheck --grid 8.8.8.6 --mpi 1.1.1.2 (bad input: must exit with status 2)"; \
		rc=0; $(MPIRUN) -np 2 $(BIN)/goqcd-mpi selfcheck --grid 8.8.8.6 --mpi 1.1.1.2 < /dev/null > /dev/null 2>&1 || rc=$$?; \
		if [[ $$rc != 2 ]]; then echo "exit status $$rc, want 2"; exit 1; fi
	@echo "the Wilson operator suite and the kernels with each amd64 kernel set forced (sets this CPU lacks are refused and skipped)"
	for set in go avx2 avx512; do \
		GOQCD_KERNELS=$$set $(GO) run ./cmd/goqcd version > /dev/null 2>&1 || { echo "kernel set $$set: not on this CPU, skipped"; continue; }; \
		echo "GOQCD_KERNELS=$$set $(GO) test -short ./kernels/... ./kernels_amd64/... ./algorithms/dirac/..."; \
		GOQCD_KERNELS=$$set $(GO) test -short -count=1 ./kernels/... ./kernels_amd64/... ./algorithms/dirac/...; \
	done
	$(GO) test -short -tags noasm ./kernels/... ./algorithms/dirac/...
	@if [[ $$(uname -m) == x86_64 ]] && GOAMD64=v3 $(GO) run ./cmd/goqcd version > /dev/null 2>&1; then \
		echo "GOAMD64=v3 $(GO) test -short ./kernels/... ./kernels_amd64/... ./layout/... ./algorithms/... (the compiler fuses x*y + z at v3: results must not change)"; \
		GOAMD64=v3 $(GO) test -short ./kernels/... ./kernels_amd64/... ./layout/... ./algorithms/...; \
	else echo "GOAMD64=v3: not an x86-64-v3 CPU, skipped"; fi
	GOARCH=arm64 CGO_ENABLED=0 $(GO) vet -tags noasm ./...
	GOARCH=arm64 CGO_ENABLED=0 $(GO) test -short -exec '$(QEMU)' $(ARM64_PKGS)
	GOARCH=arm64 CGO_ENABLED=0 $(GO) test -short -run 'Decomposition|HistoryIndependent|MulTiles3' -exec '$(QEMU)' ./algorithms/gauge/ ./algorithms/measure/ ./algorithms/flow/
	GOARCH=arm64 CGO_ENABLED=0 $(GO) test -short -exec 'qemu-aarch64 -cpu cortex-a72' ./kernels/... ./kernels_arm64/...
	GOARCH=arm64 CGO_ENABLED=0 $(GO) test -short -exec 'qemu-aarch64 -cpu max,sve256=on' ./kernels/... ./kernels_arm64/...
	GOQCD_KERNELS=sve GOARCH=arm64 CGO_ENABLED=0 $(GO) test -short -exec '$(QEMU)' ./algorithms/dirac/
	GOQCD_KERNELS=neon GOARCH=arm64 CGO_ENABLED=0 $(GO) test -short -exec '$(QEMU)' ./algorithms/dirac/

bench: build
	CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./...
	$(BIN)/goqcd bench halo --grid $(GRID) --ranks $(NP)
	$(BIN)/goqcd bench halo --grid $(GRID) --ranks $(NP) --prec single
	$(BIN)/goqcd bench memory
	$(BIN)/goqcd bench dslash --grid $(GRID)
	$(BIN)/goqcd bench dslash --grid $(GRID) --prec single

vet:
	$(GO) vet ./...
	GOARCH=arm64 CGO_ENABLED=0 $(GO) vet ./...
	@if command -v mpicc >/dev/null 2>&1; then echo "CC=mpicc $(GO) vet -tags mpi ./..."; CC=mpicc $(GO) vet -tags mpi ./...; fi

fmt:
	gofmt -w .

clean:
	rm -rf $(BIN) output
