#!/bin/sh
# env-capture.sh: record the environment a goqcd job runs in.
#
#   scripts/env-capture.sh OUTFILE [GOQCD_BINARY]
#
# Writes OUTFILE ("-" for standard output) as text: "key: value" lines
# (date, host, kernel, CPU model, cores, memory), then sections "## modules"
# (the loaded environment modules, from $LOADEDMODULES), "## mpi" (the MPI
# launcher's version), "## goqcd" (GOQCD_BINARY version, default "goqcd"
# from PATH) and "## environment" (the variables that steer MPI, OpenMP,
# the Go runtime, goqcd and the batch system). The job scripts that
# `goqcd jobs` writes call it once per scaling point, before the launch.
#
# POSIX sh; every probe is optional (a missing tool is recorded as such),
# and commands that could hang get a time limit when timeout(1) exists.
# The file is written through a temporary and renamed, so a reader never
# sees half of it.
set -eu

if [ $# -lt 1 ]; then
	echo "usage: $0 OUTFILE [GOQCD_BINARY]" >&2
	exit 2
fi
out=$1
bin=${2:-goqcd}

# limited CMD...: run CMD with a time limit if timeout(1) is there.
limited() {
	if command -v timeout >/dev/null 2>&1; then
		timeout 20 "$@"
	else
		"$@"
	fi
}

cpu_model() {
	if [ -r /proc/cpuinfo ]; then
		m=$(grep -m 1 -E '^(model name|Model Name|cpu model|Processor)[[:space:]]*:' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//')
		if [ -z "$m" ]; then
			# arm64 kernels give implementer and part numbers only
			# (A64FX: implementer 0x46, part 0x001).
			imp=$(grep -m 1 'CPU implementer' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//')
			part=$(grep -m 1 'CPU part' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*//')
			m="implementer $imp part $part"
		fi
		echo "$m"
	elif command -v sysctl >/dev/null 2>&1; then
		sysctl -n machdep.cpu.brand_string 2>/dev/null || echo unknown
	else
		echo unknown
	fi
}

capture() {
	echo "# goqcd environment capture (scripts/env-capture.sh)"
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "host: $(hostname 2>/dev/null || uname -n)"
	echo "kernel: $(uname -srm)"
	echo "cpu: $(cpu_model)"
	echo "cpus_online: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo unknown)"
	if [ -r /proc/meminfo ]; then
		echo "memory: $(grep -m 1 MemTotal /proc/meminfo | sed 's/^MemTotal:[[:space:]]*//')"
	fi
	echo "pwd: $(pwd)"

	echo "## modules"
	if [ -n "${LOADEDMODULES:-}" ]; then
		echo "$LOADEDMODULES" | tr ':' '\n'
	else
		echo "(none loaded, or no environment modules)"
	fi

	echo "## mpi"
	found=0
	for l in mpiexec mpirun srun; do
		if command -v "$l" >/dev/null 2>&1; then
			found=1
			echo "$l: $(command -v "$l")"
			limited "$l" --version 2>&1 | head -n 3 || true
		fi
	done
	[ "$found" = 1 ] || echo "(no mpiexec, mpirun or srun in PATH)"

	echo "## goqcd"
	if command -v "$bin" >/dev/null 2>&1 || [ -x "$bin" ]; then
		echo "binary: $bin"
		limited "$bin" version 2>&1 || echo "(goqcd version failed)"
	else
		echo "(goqcd binary $bin not found)"
	fi

	echo "## environment"
	env | grep -E '^(OMP_|GOMAXPROCS|GOGC|GOMEMLIMIT|GODEBUG|GOQCD_|PJM_|SLURM_|OMPI_|PMIX_|I_MPI_|MPICH_|FLIB_|XOS_|KMP_|UCX_|FI_)' | sort || true
}

if [ "$out" = "-" ]; then
	capture
	exit 0
fi
tmp="$out.part.$$"
capture >"$tmp" 2>&1
mv -f "$tmp" "$out"
