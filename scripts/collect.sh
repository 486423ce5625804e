#!/bin/sh
# collect.sh: tabulate the results of a goqcd strong-scaling run.
#
#   scripts/collect.sh RUNDIR [more goqcd scaling flags]
#
# Checks RUNDIR/expected.txt (written by `goqcd jobs`) and names every
# point file that is missing or empty, then runs
# `goqcd scaling --collect RUNDIR`, which checks that all points solved the
# same system to the same solution and writes scaling.csv, scaling.json,
# scaling.txt, time.png and efficiency.png into RUNDIR. Missing points are
# a warning (the others are tabulated) unless COLLECT_STRICT=1.
# GOQCD names the goqcd binary (default: goqcd from PATH).
set -eu

if [ $# -lt 1 ]; then
	echo "usage: $0 RUNDIR [goqcd scaling flags]" >&2
	exit 2
fi
dir=$1
shift
goqcd=${GOQCD:-goqcd}

if [ ! -d "$dir" ]; then
	echo "collect.sh: $dir is not a folder" >&2
	exit 2
fi

missing=0
if [ -f "$dir/expected.txt" ]; then
	while IFS= read -r f || [ -n "$f" ]; do
		[ -n "$f" ] || continue
		if [ ! -s "$dir/$f" ]; then
			echo "collect.sh: missing or empty: $dir/$f (see the job's .out/.err files)" >&2
			missing=$((missing + 1))
		fi
	done <"$dir/expected.txt"
else
	echo "collect.sh: no $dir/expected.txt; tabulating whatever point-*.json files are there" >&2
fi
if [ "$missing" -gt 0 ] && [ "${COLLECT_STRICT:-0}" = 1 ]; then
	echo "collect.sh: $missing point(s) missing (COLLECT_STRICT=1)" >&2
	exit 1
fi

exec "$goqcd" scaling --collect "$dir" "$@"
