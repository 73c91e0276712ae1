#!/usr/bin/env bash
# Idempotent installer for every tool the build, the dev stack and the tests
# need. A second run on a prepared machine only checks versions and takes
# seconds. Usage: scripts/setup.sh [--db] [--browser]
#   --db       the PostgreSQL 15 server, pgTAP and pg_prove (dev.sh, test.sh)
#   --browser  Chromium for the browser suite (test.sh)
#
# Order: first what cannot be installed from here (rustup), then the Debian
# packages (one apt-get run, as root or through sudo), then the Rust tools
# (~/.cargo/bin) and the npm tools (.tools/, git-ignored). A machine that
# cannot install something stops at once, before the long cargo installs, with
# a message naming what is missing. Supported: Debian 12 (bookworm) and
# derivatives; the README's "Prerequisites" lists every package and its size.
#
# Env: PG_BIN  folder of the PostgreSQL 15 server binaries, as in
#              scripts/lib/pg.sh (default /usr/lib/postgresql/15/bin)
#      SETUP_RECORD  file listing the Debian packages this script installed,
#              for removing them again (default .local/installed-by-setup.txt)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

want_browser=0
want_db=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --db) want_db=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[setup] %s\n' "$*" >&2; }
fail() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# rustup is the one prerequisite no package manager here provides
# (Debian 12 has no rustup package, and its cargo is too old).
command -v rustup >/dev/null 2>&1 || fail "rustup is missing: install it from https://rustup.rs
  (curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y), then run this again"
cargo --version >/dev/null 2>&1 || fail "rustup has no default toolchain: run rustup default stable, then run this again"

# The Debian packages this machine lacks, decided by what is absent: a
# command, the server binaries in PG_BIN, or (for packages without either) dpkg.
packages=()
need_command() { command -v "$1" >/dev/null 2>&1 || packages+=("${@:2}"); }
need_package() {
  local pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || packages+=("$pkg")
  done
}
# Rust links through cc, and cargo install compiles C (ring, zstd).
need_command cc gcc libc6-dev
# cargo and the scripts talk HTTPS; the base image has no CA bundle.
[ -f /etc/ssl/certs/ca-certificates.crt ] || packages+=(ca-certificates)
need_command curl curl
need_command jq jq
need_command npm nodejs npm
if [ "$want_db" -eq 1 ]; then
  # The server of the throwaway clusters (initdb, pg_ctl, postgres; psql comes with it).
  [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/postgres" ] \
    || packages+=(postgresql-15)
  # pg_prove runs the pgTAP files, as inside `supabase test db`; pg_cron runs
  # the migrations' lease-release job, as on Supabase.
  need_package postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl postgresql-15-cron
fi
if [ "$want_browser" -eq 1 ]; then
  need_package chromium fonts-dejavu-core
fi

if [ ${#packages[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || fail "needs the Debian packages ${packages[*]}, but apt-get is missing.
  These scripts support Debian 12 (bookworm) and its derivatives. Elsewhere, install
  the equivalents yourself (a PostgreSQL 15 server: point PG_BIN at its bin folder), then run this again."
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "needs the Debian packages ${packages[*]}, and installing them needs root: sudo is missing.
  Run as root once:  apt-get update && apt-get install -y --no-install-recommends ${packages[*]}
  or install sudo (as root: apt-get install sudo; adduser $(id -un) sudo), then run this again."
    as_root=(sudo)
  fi
  record="${SETUP_RECORD:-$root/.local/installed-by-setup.txt}"
  mkdir -p "$(dirname "$record")"
  # The packages' own scripts are chatty (locales, certificates, a system
  # cluster): keep their output in a log and show it only on failure.
  apt_log="$(dirname "$record")/apt-get.log"
  log "installing Debian packages (a few minutes; log in ${apt_log#"$root"/}): ${packages[*]}"
  if ! { "${as_root[@]}" apt-get update -qq \
    && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    fail "apt-get could not install ${packages[*]}; the whole log is in $apt_log"
  fi
  printf '%s\n' "${packages[@]}" >>"$record"
  log "recorded them in ${record#"$root"/} (the README says how to remove them)"
fi
if [ "$want_db" -eq 1 ] && [ ! -x "$PG_BIN/pg_ctl" ]; then
  fail "no PostgreSQL 15 server in PG_BIN=$PG_BIN; point PG_BIN at the folder holding initdb, pg_ctl and postgres"
fi

# Versions pinned here must match Cargo.lock and tools/package.json.
wasm_bindgen_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)"
wasm_pack_version="0.15.1"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    log "adding rustup component $component"
    rustup component add "$component"
  fi
done

if ! wasm-pack --version 2>/dev/null | grep -q "$wasm_pack_version"; then
  log "installing wasm-pack $wasm_pack_version (several minutes, once per machine)"
  cargo install wasm-pack --version "$wasm_pack_version" --locked
fi

# wasm-pack compares the CLI with Cargo.lock; a mismatch makes it try the network.
# No --locked: the CLI's own lockfile pins a crate missing from the registry.
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wasm_bindgen_version"; then
  log "installing wasm-bindgen-cli $wasm_bindgen_version (several minutes, once per version)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

# Deno, wasm-opt (npm binaryen; Debian's binaryen corrupts modules), the
# Supabase CLI, playwright-core and supabase-js (whose browser build the dev
# server serves to the page) come from npm, pinned by tools/package-lock.json.
stamp=".tools/.installed"
if [ ! -f "$stamp" ] || ! cmp -s tools/package-lock.json "$stamp"; then
  log "installing npm tools into .tools/"
  mkdir -p .tools
  cp tools/package.json tools/package-lock.json .tools/
  # npm ci rejects this lockfile over optional per-platform binaries; install honours it.
  (cd .tools && npm install --no-audit --no-fund --loglevel=error)
  cp tools/package-lock.json "$stamp"
fi
log "tools ready"
