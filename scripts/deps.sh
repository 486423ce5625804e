#!/usr/bin/env bash
# deps.sh: check, and where possible install, what goqcd needs.
#
#   scripts/deps.sh run    for `make run`:  Go; MPI optional (in-process ranks without it)
#   scripts/deps.sh test   for `make test`: Go, MPI (mpicc, mpirun) and qemu-aarch64
#
# Building needs only Go (>= 1.26): MPI and qemu are optional for building.
# MPI (OpenMPI: packages openmpi-bin, libopenmpi-dev) gives bin/goqcd-mpi and
# the multi-rank tests; qemu-user (qemu-aarch64) runs the arm64 tests.
#
# Idempotent: it installs nothing that is present. As root on Debian/Ubuntu
# it installs what is missing with apt-get (running apt-get update only when
# the package lists are absent or an install fails); otherwise it prints the
# command to run by hand. Set DEPS_OPTIONAL=1 to make missing MPI or qemu a
# warning in test mode too. Installing Go itself is out of scope: the script
# says how.
set -euo pipefail

mode=${1:-test}
case "$mode" in
run | test) ;;
*)
	echo "usage: $0 run|test" >&2
	exit 2
	;;
esac

go_min_major=1
go_min_minor=26
status=0

say() { echo "deps: $*"; }

# --- Go --------------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
	say "go not found: install Go >= ${go_min_major}.${go_min_minor} from https://go.dev/dl/, e.g."
	say "  curl -LO https://go.dev/dl/go1.26.0.linux-amd64.tar.gz   (linux-arm64 on arm64)"
	say "  rm -rf /usr/local/go && tar -C /usr/local -xzf go1.26.0.linux-amd64.tar.gz"
	say "  export PATH=\$PATH:/usr/local/go/bin"
	exit 1
fi
gov=$(go env GOVERSION) # go1.26.8, go1.27rc1, ...
ver=${gov#go}
major=${ver%%.*}
minor=${ver#*.}
minor=${minor%%[!0-9]*}
if ((major < go_min_major || (major == go_min_major && minor < go_min_minor))); then
	say "$gov is too old: goqcd needs Go >= ${go_min_major}.${go_min_minor} (https://go.dev/dl/)"
	exit 1
fi
say "go: $gov"

# --- MPI and qemu ----------------------------------------------------------
# Debian/Ubuntu packages providing each command.
declare -A pkg_of=(
	[mpicc]=libopenmpi-dev
	[mpirun]=openmpi-bin
	[cc]=gcc
	[qemu-aarch64]=qemu-user
)
want=(mpicc mpirun cc)
if [[ $mode == test ]]; then
	want+=(qemu-aarch64)
fi

missing_cmds=()
missing_pkgs=()
for c in "${want[@]}"; do
	if command -v "$c" >/dev/null 2>&1; then
		say "$c: $(command -v "$c")"
	else
		missing_cmds+=("$c")
		p=${pkg_of[$c]}
		[[ " ${missing_pkgs[*]} " == *" $p "* ]] || missing_pkgs+=("$p")
	fi
done

apt_install() {
	local lists=(/var/lib/apt/lists/*_Packages*)
	if [[ ! -e ${lists[0]} ]]; then
		say "apt-get update (no package lists yet)"
		apt-get update
	fi
	say "apt-get install -y --no-install-recommends $*"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; then
		say "install failed; apt-get update and retry once"
		apt-get update
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
	fi
}

if ((${#missing_pkgs[@]} > 0)); then
	say "missing: ${missing_cmds[*]}"
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
		apt_install "${missing_pkgs[@]}"
	elif command -v apt-get >/dev/null 2>&1; then
		say "install them with:"
		say "  sudo apt-get install -y --no-install-recommends ${missing_pkgs[*]}"
	else
		say "install with your package manager: OpenMPI with its compiler wrapper (mpicc, mpirun), a C compiler, qemu-user (qemu-aarch64)"
		say "  (Debian/Ubuntu names: ${missing_pkgs[*]})"
	fi
	still=()
	for c in "${missing_cmds[@]}"; do
		command -v "$c" >/dev/null 2>&1 || still+=("$c")
	done
	if ((${#still[@]} > 0)); then
		if [[ $mode == run || ${DEPS_OPTIONAL:-0} == 1 ]]; then
			say "warning: still missing ${still[*]}: building works without them; without MPI goqcd runs in-process ranks"
		else
			say "error: make test needs ${still[*]} (MPI for the multi-rank tests, qemu-aarch64 for the arm64 tests); DEPS_OPTIONAL=1 makes this a warning"
			status=1
		fi
	fi
fi
exit $status
