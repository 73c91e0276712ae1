#!/usr/bin/env bash
# The edge benchmark (prints figures; not a test): 202 latency at 1 and 32
# clients against a bare Deno.serve + `select 1` floor, end-to-end programs/s
# against a raw postgres.js floor, and trigger → start latency. Runs on its own
# PostgreSQL cluster on a free port, stopped and removed on exit.
#
# Env: BENCH_REQUESTS (per latency run, default 400), BENCH_PROGRAMS (default 300).
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

pgport="$(free_port)"
dir="$root/.local/bench-edge-$pgport"
cleanup() {
  pg_stop "$dir" || true
  rm -rf "$dir"
}
trap cleanup EXIT

mkdir -p "$root/.local"
if ! stack_db "$pgport" "$dir" >"$dir.log" 2>&1; then
  cat "$dir.log" >&2
  echo "[bench-edge] database setup failed" >&2
  exit 1
fi
rm -f "$dir.log"
stack_wasm
export TEST_DB_URL
TEST_DB_URL="$(pg_url "$pgport")"
export TEST_JWT_SECRET="bench-secret-$(date +%s%N)-with-at-least-32-characters"
echo "[bench-edge] $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
deno run --allow-net --allow-env --allow-read --allow-run --allow-sys benches/edge/main.ts
