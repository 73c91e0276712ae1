#!/usr/bin/env bash
# The whole local stack in one command: PostgreSQL 15 with the migrations, the
# WASM generator, and one Deno server with the function, the status page and
# the dev config. Idempotent: a second run reuses the tools, the cluster and
# the build. Ctrl-C stops the server and the database. It installs what it
# needs first (scripts/setup.sh --db, as scripts/test.sh does) and stops at once,
# saying what is missing, when that is impossible. The banner it ends with
# lists the settings that differ from these defaults and warns about test knobs.
#
# Settings (environment, with defaults):
#   PORT=54321                 HTTP port of the dev server (function at /functions/v1/generate-program)
#   PGPORT=54322               PostgreSQL port (a free one is picked when 54322 is taken)
#   DATA_DIR=.local/dev-pg     cluster folder (git-ignored)
#   JWT_SECRET=super-secret-jwt-token-with-at-least-32-characters-long   dev signing secret
#   DEMO_USER_ID=11111111-1111-4111-8111-111111111111                   user of the dev token
#   LEASE_SECONDS=30  MAX_ATTEMPTS=3  PROGRESS_INTERVAL_MS=250  DB_POOL_SIZE=2
#   BACKGROUND_MAX_WAIT_MS=50  longest a generation stage yields to requests in flight
#   GENERATION_DELAY_MS=0  GENERATION_FAIL_FIRST_RUNS=0   test knobs, off by default
#   GENERATION_TRAP_FIRST_RUNS=0   test knob: the first N runs of each program trap the WASM instance
#   SKIP_SETUP=1               skip scripts/setup.sh;  SKIP_WASM=1  skip the pkg/ build
#   PG_BIN=/usr/lib/postgresql/15/bin   the PostgreSQL 15 server binaries
#   SUPABASE_JS_DIR=.tools/node_modules/@supabase/supabase-js/dist/umd   supabase-js's browser build for the page
# Then, in another terminal: scripts/try.sh (POSTs a profile and follows it to the end).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

[ "${SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh --db
# shellcheck source=scripts/env.sh
source scripts/env.sh
# shellcheck source=scripts/lib/pg.sh
source scripts/lib/pg.sh
# shellcheck source=scripts/lib/stack.sh
source scripts/lib/stack.sh

export PORT="${PORT:-54321}"
export DATA_DIR="${DATA_DIR:-$root/.local/dev-pg}"
export JWT_SECRET="${JWT_SECRET:-$STACK_DEFAULT_JWT_SECRET}"

if port_in_use "$PORT"; then
  echo "dev.sh: port $PORT is taken (another dev.sh?); set PORT to use another" >&2
  exit 1
fi

# Reuse a cluster that is still running from an earlier run, on its own port.
running_port="$(sed -n 4p "$DATA_DIR/data/postmaster.pid" 2>/dev/null || true)"
if [ -n "$running_port" ] && port_in_use "$running_port"; then
  PGPORT="$running_port"
elif [ -z "${PGPORT:-}" ]; then
  PGPORT=54322
  port_in_use "$PGPORT" && PGPORT="$(free_port)"
fi
export PGPORT

server_pid=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  # postmaster.pid exists while the cluster runs (also one left by an earlier run).
  if [ -f "$DATA_DIR/data/postmaster.pid" ]; then
    echo "[dev] stopping PostgreSQL" >&2
    pg_stop "$DATA_DIR" || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "[dev] PostgreSQL 15 on 127.0.0.1:$PGPORT ($DATA_DIR)" >&2
stack_db "$PGPORT" "$DATA_DIR"
DATABASE_URL="$(pg_url "$PGPORT")"
export DATABASE_URL

if [ "${SKIP_WASM:-0}" != 1 ]; then
  echo "[dev] building pkg/" >&2
  stack_wasm
fi

echo "[dev] serving on http://127.0.0.1:$PORT" >&2
# shellcheck disable=SC2046
$(stack_serve_cmd) &
server_pid=$!
wait "$server_pid"
