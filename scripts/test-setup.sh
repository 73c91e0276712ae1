#!/usr/bin/env bash
# The set-up path a newcomer takes, on this kind of machine, with the
# PostgreSQL 15 server absent: the decisions of scripts/setup.sh and
# scripts/dev.sh, checked without installing anything.
#
# Each case runs the real scripts with a PATH of its own: every command of
# this machine except the ones the case removes (apt-get, sudo, npm, curl,
# rustup, ...), and stand-ins that record their arguments for apt-get, sudo,
# dpkg (a base image: no package installed) and id (root or not). PG_BIN points
# at an empty folder. What this cannot show is that the Debian packages really
# install and how long a first run takes: that was run by hand on a Debian 12
# base image (debootstrap --variant=minbase), and the README's "Prerequisites"
# has the figures. Needs scripts/setup.sh --db run once (its Rust and npm steps
# must be no-ops here); takes a few seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/env.sh
source scripts/env.sh
# shellcheck source=scripts/lib/pg.sh
source scripts/lib/pg.sh
# shellcheck source=scripts/lib/stack.sh
source scripts/lib/stack.sh

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

log() { printf '[test-setup] %s\n' "$*" >&2; }
check() {
  local what="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok - $what"
  else
    failed=$((failed + 1))
    echo "not ok - $what"
  fi
}
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }
empty() { [ ! -s "$1" ]; }

# The commands a case may remove or replace, and where they really are.
removable="apt-get sudo dpkg id cc curl jq npm node rustup cargo"
declare -A real=()
for cmd in $removable; do
  real[$cmd]="$(command -v "$cmd" || true)"
done

# Every other command on PATH (first one wins) as symlinks in one folder.
bare="$work/bare"
mkdir -p "$bare"
IFS=: read -ra path_dirs <<<"$PATH"
for dir in "${path_dirs[@]}"; do
  # One ln per folder; names linked from an earlier folder stay.
  [ -d "$dir" ] && ln -s "$dir"/* "$bare"/ 2>/dev/null || true
done
for cmd in $removable; do rm -f "$bare/$cmd"; done

# Stand-ins. apt-get records its arguments; asked for postgresql-15 it lays
# out the server binaries in PG_BIN, as the package does, so setup.sh carries on.
stubs="$work/stubs"
mkdir -p "$stubs"
real_id="$(command -v id)"
cat >"$stubs/apt-get" <<'SH'
#!/usr/bin/env bash
echo "apt-get $*" >>"$CASE_DIR/apt.log"
if [ "$1" = install ] && [ -n "${APT_FAILS:-}" ]; then
  echo "E: Unable to locate package postgresql-15" >&2
  exit 100
fi
if [ "$1" = install ] && printf '%s\n' "$@" | grep -qx postgresql-15; then
  mkdir -p "$PG_BIN"
  for bin in initdb pg_ctl postgres; do printf '#!/bin/sh\n' >"$PG_BIN/$bin"; chmod +x "$PG_BIN/$bin"; done
fi
SH
cat >"$stubs/sudo" <<'SH'
#!/usr/bin/env bash
echo "sudo $*" >>"$CASE_DIR/sudo.log"
exec "$@"
SH
cat >"$stubs/dpkg" <<'SH'
#!/usr/bin/env bash
# A base image: none of the project's packages is installed.
[ "$1" = -s ] && { echo "dpkg-query: package '$2' is not installed" >&2; exit 1; }
exit 2
SH
cat >"$stubs/id" <<SH
#!/usr/bin/env bash
if [ "\${1:-}" = -u ]; then echo "\${FAKE_UID:-0}"; else exec "$real_id" "\$@"; fi
SH
chmod +x "$stubs"/*

# run_case NAME STUBS REMOVED COMMAND...: runs COMMAND with the stand-ins
# named in STUBS, without the commands named in REMOVED, and PG_BIN empty;
# leaves its output, exit status and time in $work/NAME/.
run_case() {
  local name="$1" use="$2" removed="$3" dir="$work/$1" cmd status=0 began
  shift 3
  mkdir -p "$dir/pg-bin" "$dir/path"
  for cmd in $removable; do
    if [[ " $use " == *" $cmd "* ]]; then
      ln -s "$stubs/$cmd" "$dir/path/$cmd"
    elif [[ " $removed " != *" $cmd "* ]] && [ -n "${real[$cmd]}" ]; then
      ln -s "${real[$cmd]}" "$dir/path/$cmd"
    fi
  done
  : >"$dir/apt.log"
  : >"$dir/sudo.log"
  began=$SECONDS
  CASE_DIR="$dir" PG_BIN="$dir/pg-bin" SETUP_RECORD="$dir/installed.txt" PATH="$dir/path:$bare" \
    "$@" >"$dir/out" 2>&1 || status=$?
  echo "$status" >"$dir/status"
  echo $((SECONDS - began)) >"$dir/seconds"
  log "$name: exit $status in $(cat "$dir/seconds")s"
}
status_is() { [ "$(cat "$work/$1/status")" = "$2" ]; }
fast() { [ "$(cat "$work/$1/seconds")" -le "$2" ]; }

# A machine with nothing but the base image and rustup, as root: one apt-get
# run asks for the compiler, curl, jq, Node and the PostgreSQL 15 server.
run_case fresh-root "apt-get dpkg id" "cc curl jq npm node" scripts/setup.sh --db
check "fresh machine as root: setup.sh succeeds" status_is fresh-root 0
check "fresh machine as root: apt-get update runs first" \
  bash -c '[ "$(head -n 1 "$1")" = "apt-get update -qq" ]' _ "$work/fresh-root/apt.log"
for pkg in postgresql-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl postgresql-15-cron gcc libc6-dev curl jq nodejs npm; do
  check "fresh machine as root: apt-get install asks for $pkg" \
    grep -Eq "^apt-get install .* $pkg( |$)" "$work/fresh-root/apt.log"
done
check "fresh machine as root: one apt-get install for everything" \
  bash -c '[ "$(grep -c "^apt-get install" "$1")" = 1 ]' _ "$work/fresh-root/apt.log"
check "fresh machine as root: the installed packages are recorded for removal" \
  grep -qx postgresql-15 "$work/fresh-root/installed.txt"

# Not root, with sudo: the same, through sudo, keeping DEBIAN_FRONTEND.
FAKE_UID=1000 run_case fresh-sudo "apt-get dpkg id sudo" "" scripts/setup.sh --db
check "not root, sudo present: setup.sh succeeds" status_is fresh-sudo 0
check "not root, sudo present: apt-get runs through sudo, non-interactive" \
  contains "$work/fresh-sudo/sudo.log" "sudo env DEBIAN_FRONTEND=noninteractive apt-get install"
check "not root, sudo present: it asks for postgresql-15" \
  contains "$work/fresh-sudo/sudo.log" " postgresql-15 "

# No apt-get: stop at once, naming what is missing, before any cargo install.
run_case no-apt "dpkg id" "apt-get" scripts/setup.sh --db
check "no apt-get: setup.sh fails" status_is no-apt 1
check "no apt-get: the message names apt-get" contains "$work/no-apt/out" "apt-get is missing"
check "no apt-get: the message names postgresql-15" contains "$work/no-apt/out" "postgresql-15"
check "no apt-get: the message says what is supported" contains "$work/no-apt/out" "Debian 12"
check "no apt-get: it stops before the Rust tools" lacks "$work/no-apt/out" "wasm"
check "no apt-get: at once (within 5 s)" fast no-apt 5

# Not root and no sudo: the same, with the command to run as root.
FAKE_UID=1000 run_case no-root "apt-get dpkg id" "sudo" scripts/setup.sh --db
check "no root, no sudo: setup.sh fails" status_is no-root 1
check "no root, no sudo: the message names sudo" contains "$work/no-root/out" "sudo is missing"
check "no root, no sudo: the message gives the apt-get command" \
  contains "$work/no-root/out" "apt-get install -y --no-install-recommends"
check "no root, no sudo: nothing was installed" empty "$work/no-root/apt.log"
check "no root, no sudo: at once (within 5 s)" fast no-root 5

# apt-get fails (no network, an unknown package): its own words, the log, nothing after.
APT_FAILS=1 run_case apt-fails "apt-get dpkg id" "" scripts/setup.sh --db
check "apt-get fails: setup.sh fails" status_is apt-fails 1
check "apt-get fails: apt-get's error is shown" contains "$work/apt-fails/out" "E: Unable to locate package"
check "apt-get fails: the message says where the log is" contains "$work/apt-fails/out" "the whole log is in"
check "apt-get fails: it stops before the Rust tools" lacks "$work/apt-fails/out" "tools ready"
check "apt-get fails: nothing is recorded as installed" bash -c '[ ! -s "$1" ]' _ "$work/apt-fails/installed.txt"

# No rustup: the one thing setup.sh cannot install; it says where to get it.
HOME="$work/no-rustup-home" run_case no-rustup "apt-get dpkg id" "rustup cargo" scripts/setup.sh --db
check "no rustup: setup.sh fails" status_is no-rustup 1
check "no rustup: the message names rustup and where to get it" contains "$work/no-rustup/out" "rustup is missing: install it from"
check "no rustup: nothing was installed" empty "$work/no-rustup/apt.log"

# A prepared machine: no apt-get at all, and only seconds.
run_case prepared "apt-get" "" env PG_BIN="$PG_BIN" scripts/setup.sh --db
check "prepared machine: setup.sh succeeds" status_is prepared 0
check "prepared machine: apt-get is not called" empty "$work/prepared/apt.log"

# dev.sh on a machine without the server and without apt-get: setup.sh's
# message, nothing started, so no "stopping PostgreSQL".
dev_port="$(free_port)"
PORT="$dev_port" DATA_DIR="$work/dev-data" run_case dev-no-apt "dpkg id" "apt-get" scripts/dev.sh
check "dev.sh without the server and apt-get: fails" bash -c '[ "$(cat "$1")" != 0 ]' _ "$work/dev-no-apt/status"
check "dev.sh without the server and apt-get: says apt-get is missing" contains "$work/dev-no-apt/out" "apt-get is missing"
check "dev.sh without the server and apt-get: no 'stopping PostgreSQL'" lacks "$work/dev-no-apt/out" "stopping PostgreSQL"
check "dev.sh without the server and apt-get: at once (within 5 s)" fast dev-no-apt 5

# dev.sh told to skip set-up: the server is missing, and it says how to get it.
SKIP_SETUP=1 SKIP_WASM=1 PORT="$dev_port" DATA_DIR="$work/dev-data" run_case dev-skip-setup "" "" scripts/dev.sh
check "dev.sh with SKIP_SETUP=1 and no server: fails" bash -c '[ "$(cat "$1")" != 0 ]' _ "$work/dev-skip-setup/status"
check "dev.sh with SKIP_SETUP=1 and no server: says how to install it" \
  contains "$work/dev-skip-setup/out" "run scripts/setup.sh --db (it installs the Debian package postgresql-15)"
check "dev.sh with SKIP_SETUP=1 and no server: no 'stopping PostgreSQL'" \
  lacks "$work/dev-skip-setup/out" "stopping PostgreSQL"

if [ "$failed" -gt 0 ]; then
  for out in "$work"/*/out; do
    log "${out%/out}:"
    sed 's/^/    /' "$out" >&2
  done
fi
echo "setup: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
