#!/usr/bin/env bash
# Idempotent installer for every tool the build and tests need.
# A second run on a prepared machine only checks versions and takes seconds.
# Tools that come from npm live in .tools/ (git-ignored); Rust tools are cached
# in ~/.cargo/bin once per machine. Usage: scripts/setup.sh [--browser] [--db]
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
export PATH="$HOME/.cargo/bin:$PATH"

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
# Supabase CLI and playwright-core come from npm, pinned by tools/package-lock.json.
stamp=".tools/.installed"
if [ ! -f "$stamp" ] || ! cmp -s tools/package-lock.json "$stamp"; then
  log "installing npm tools into .tools/"
  mkdir -p .tools
  cp tools/package.json tools/package-lock.json .tools/
  # npm ci rejects this lockfile over optional per-platform binaries; install honours it.
  (cd .tools && npm install --no-audit --no-fund --loglevel=error)
  cp tools/package-lock.json "$stamp"
fi

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ "$want_db" -eq 1 ]; then
  # pg_prove runs the pgTAP files, as inside `supabase test db`; pg_cron runs
  # the migrations' lease-release job, as on Supabase.
  apt_install postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl postgresql-15-cron
fi
if [ "$want_browser" -eq 1 ]; then
  apt_install chromium fonts-dejavu-core
fi
log "tools ready"
