#!/usr/bin/env bash
# Browser tests of the status page (tests/web/) against a real local stack.
#
# Starts its own throwaway PostgreSQL 15 cluster and two dev servers on free
# loopback ports, each for its own fresh demo user so they never contend for
# the one-generating-program-per-user rule:
#   main  GENERATION_DELAY_MS=350 so queued → generating → completed can be watched
#   fail  GENERATION_FAIL_FIRST_RUNS=1, so each program's first run fails and Retry succeeds
# then runs `node --test` on tests/web/ with Debian's chromium driven by npm
# playwright-core, and stops everything on exit. Screenshots land in
# tests/artifacts/ (committed: the PNGs are the page's reviewed look) and, on
# failure, the server logs too (git-ignored). scripts/measure-phone.sh runs
# tests/web/phone-figures.mjs through this script to print the phone figures.
#
# Usage: scripts/test-web.sh [node --test args, e.g. tests/web/happy.test.mjs]
# Env:   SKIP_SETUP=1 skips scripts/setup.sh --browser; SKIP_WASM=1 skips the pkg/ build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

[ "${SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh --browser
# shellcheck source=scripts/env.sh
source scripts/env.sh
# shellcheck source=scripts/lib/pg.sh
source scripts/lib/pg.sh
# shellcheck source=scripts/lib/stack.sh
source scripts/lib/stack.sh

log() { printf '[test-web] %s\n' "$*" >&2; }

artifacts="$root/tests/artifacts"
mkdir -p "$artifacts" "$root/.local"
work="$(mktemp -d "$root/.local/test-web.XXXXXX")"
# The cluster runs as another OS user when we are root; it must reach its folder.
chmod 755 "$work"
pids=()
status=1

cleanup() {
  trap - EXIT INT TERM
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  pg_stop "$work/pg" || true
  if [ "$status" -ne 0 ]; then
    cp "$work"/*.log "$artifacts"/ 2>/dev/null || true
    log "server logs copied to tests/artifacts/"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pgport="$(free_port)"
log "PostgreSQL 15 on 127.0.0.1:$pgport"
stack_db "$pgport" "$work/pg" 2>"$work/db.log" || {
  cat "$work/db.log" >&2
  exit 1
}
[ "${SKIP_WASM:-0}" = 1 ] || stack_wasm

# start_server NAME KNOB=VALUE... : one dev server for a fresh demo user; prints its base URL.
start_server() {
  local name="$1" port user
  shift
  port="$(free_port)"
  user="$(cat /proc/sys/kernel/random/uuid)"
  # shellcheck disable=SC2046
  env PORT="$port" DATABASE_URL="$(pg_url "$pgport")" JWT_SECRET="$STACK_DEFAULT_JWT_SECRET" \
    DEMO_USER_ID="$user" "$@" $(stack_serve_cmd) >"$work/server-$name.log" 2>&1 &
  pids+=("$!")
  started_url="http://127.0.0.1:$port"
}

start_server main GENERATION_DELAY_MS=350
main_url="$started_url"
start_server fail GENERATION_FAIL_FIRST_RUNS=1 GENERATION_DELAY_MS=100
fail_url="$started_url"
for url in "$main_url" "$fail_url"; do
  stack_wait_health "$url" 60 || {
    tail -n 30 "$work"/server-*.log >&2
    exit 1
  }
done
log "servers: main $main_url, fail $fail_url"

export WEB_BASE_URL="$main_url" WEB_FAIL_BASE_URL="$fail_url" WEB_ARTIFACTS="$artifacts"
export PLAYWRIGHT_CORE="$root/.tools/node_modules/playwright-core"
if [ "$#" -eq 0 ]; then
  set -- tests/web/
fi
set +e
node --test --test-concurrency=1 "$@"
status=$?
set -e
exit "$status"
