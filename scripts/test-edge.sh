#!/usr/bin/env bash
# The edge function's tests against the real stack: an isolated PostgreSQL 15
# cluster on a free port (never the dev one), the migrations, the WASM build,
# and dev servers that the Deno tests start themselves with short leases and
# test knobs. Everything started here is stopped on exit.
#
# Usage: scripts/test-edge.sh [deno test args, e.g. --filter fuzz or a file]
# Env: KEEP_DB=1 keeps the cluster folder for inspection.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Standalone runs on a fresh machine need the tools; scripts/test.sh has installed them already.
[ -x .tools/node_modules/.bin/deno ] || scripts/setup.sh --db
# shellcheck source=scripts/env.sh
source scripts/env.sh
# shellcheck source=scripts/lib/pg.sh
source scripts/lib/pg.sh
# shellcheck source=scripts/lib/stack.sh
source scripts/lib/stack.sh

started=$(date +%s)
pgport="$(free_port)"
dir="$root/.local/test-edge-$pgport"
cleanup() {
  pg_stop "$dir" || true
  [ "${KEEP_DB:-0}" = 1 ] || rm -rf "$dir"
}
trap cleanup EXIT

echo "[test-edge] PostgreSQL 15 on 127.0.0.1:$pgport" >&2
mkdir -p "$root/.local"
if ! stack_db "$pgport" "$dir" >"$dir.log" 2>&1; then
  cat "$dir.log" >&2
  echo "[test-edge] database setup failed" >&2
  exit 1
fi
rm -f "$dir.log"
stack_wasm

export TEST_DB_URL TEST_DB_PORT="$pgport" TEST_DB_DIR="$dir"
TEST_DB_URL="$(pg_url "$pgport")"
export TEST_JWT_SECRET="test-secret-$(date +%s%N)-with-at-least-32-characters"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tests/edge supabase/functions/_shared supabase/functions/_dev)
log="$(mktemp)"
status=0
deno test --allow-net --allow-env --allow-read --allow-run --allow-sys --allow-write="${TMPDIR:-/tmp}" "${targets[@]}" 2>&1 | tee "$log" || status=$?

summary="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^(ok|FAILED) \|' | tail -1 || true)"
rm -f "$log"
echo
echo "[test-edge] ${summary:-no summary (deno test did not finish)} in $(($(date +%s) - started))s"
exit "$status"
