#!/usr/bin/env bash
# bench-dslash.sh: the Wilson hopping-term table of the kernel sets.
#
# Runs `goqcd bench dslash` for every kernel set this CPU runs (go and the
# assembly sets), in double and single precision, on each lattice, on one
# rank, on two ranks (two MPI processes when bin/goqcd-mpi and mpirun are
# there, else two in-process ranks) and on one rank with two threads, and
# prints one Markdown table: GFlop/s
# of the hopping term H on the full lattice (1320 flop per site) and of the
# even-odd Schur operator (1356 per site), in total and per rank (medians of
# the benchmark's repeats). Reads nothing else; writes only to stdout.
#
# usage: scripts/bench-dslash.sh [GRID ...]       (default: 8.8.8.8 16.16.16.16)
# environment: GOQCD (default bin/goqcd), GOQCD_MPI (default bin/goqcd-mpi),
#              MPIRUN (default: mpirun, with --allow-run-as-root as root),
#              SETS (default: go avx2 avx512 neon sve), REPEATS (default 5)
set -euo pipefail

goqcd=${GOQCD:-bin/goqcd}
goqcd_mpi=${GOQCD_MPI:-bin/goqcd-mpi}
sets=${SETS:-go avx2 avx512 neon sve}
repeats=${REPEATS:-5}
grids=("$@")
if [[ ${#grids[@]} -eq 0 ]]; then
	grids=(8.8.8.8 16.16.16.16)
fi
if [[ ! -x $goqcd ]]; then
	echo "bench-dslash.sh: $goqcd not found: run make build first (or set GOQCD)" >&2
	exit 2
fi
mpirun=${MPIRUN:-mpirun $([[ $(id -u) == 0 ]] && echo --allow-run-as-root) --oversubscribe}
two="in-process"
if [[ -x $goqcd_mpi ]] && command -v mpirun >/dev/null 2>&1; then
	two="MPI"
fi

# field NAME JSON: the number after "NAME": in the hop or schur object.
num() { grep -o "\"$1\": [0-9.e+-]*" | sed -n "$2p" | awk '{printf "%.1f", $2}'; }

echo "| set | prec | lattice | ranks | H GFlop/s | H per rank | Schur GFlop/s | Schur per rank |"
echo "|---|---|---|---|---|---|---|---|"
for set in $sets; do
	if ! GOQCD_KERNELS=$set "$goqcd" version >/dev/null 2>&1; then
		continue # not on this CPU
	fi
	for prec in double single; do
		for grid in "${grids[@]}"; do
			for ranks in 1 2 threads; do
				if [[ $ranks == 1 ]]; then
					out=$(GOQCD_KERNELS=$set "$goqcd" bench dslash --grid "$grid" --prec "$prec" --repeats "$repeats" --json </dev/null)
					label=1
				elif [[ $ranks == threads ]]; then
					out=$(GOQCD_KERNELS=$set "$goqcd" bench dslash --grid "$grid" --prec "$prec" --threads 2 --repeats "$repeats" --json </dev/null)
					label="1, 2 threads"
				elif [[ $two == MPI ]]; then
					out=$(GOQCD_KERNELS=$set $mpirun -x GOQCD_KERNELS -np 2 "$goqcd_mpi" bench dslash --grid "$grid" --prec "$prec" --repeats "$repeats" --json </dev/null)
					label="2 MPI"
				else
					out=$(GOQCD_KERNELS=$set "$goqcd" bench dslash --grid "$grid" --prec "$prec" --ranks 2 --repeats "$repeats" --json </dev/null)
					label="2 in-process"
				fi
				echo "| $set | $prec | $grid | $label | $(num gflops 1 <<<"$out") | $(num gflops_per_rank 1 <<<"$out") | $(num gflops 2 <<<"$out") | $(num gflops_per_rank 2 <<<"$out") |"
			done
		done
	done
done
