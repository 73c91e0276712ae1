#!/usr/bin/env bash
# The database tests, on a throwaway cluster of their own.
#
# Starts a fresh PostgreSQL 15 cluster (never the dev one), applies the
# Supabase bootstrap and pushes the migrations with the Supabase CLI, checks
# that `supabase migration list` sees them applied and that the committed
# database.types.ts is current, runs the pgTAP tests, and removes the cluster
# on exit. Needs `scripts/setup.sh --db` once.
# Env: DB_TEST_PORT (default 54330; the next free port is used if taken).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/env.sh
source "$root/scripts/env.sh"
# shellcheck source=scripts/lib/pg.sh
source "$root/scripts/lib/pg.sh"

log() { printf '[test-db] %s\n' "$*" >&2; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Other worktrees may run this at the same time: step past busy ports.
port="${DB_TEST_PORT:-54330}"
dir=""
work="$(mktemp -d)"

cleanup() {
  [ -z "$dir" ] || pg_stop "$dir" || true
  [ -z "$dir" ] || rm -rf "$dir"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for attempt in $(seq 20); do
  if ! port_taken "$port"; then
    dir="$root/.local/pg-test-$port"
    # A run killed before its trap fired leaves a cluster behind.
    pg_stop "$dir" || true
    rm -rf "$dir"
    pg_start "$port" "$dir" 2>"$work/start.log" && break
    rm -rf "$dir"
    dir=""
  fi
  [ "$attempt" -lt 20 ] || { cat "$work/start.log" >&2; exit 1; }
  port=$((port + 1))
done
url="$(pg_url "$port")"
log "cluster on $url"
db_prepare "$url" >"$work/prepare.log" 2>&1 || {
  cat "$work/prepare.log" >&2
  exit 1
}

checks=0
failed_checks=0

# Every migration file is recorded as applied, as `supabase migration list` reports it.
supabase_local migration list --db-url "$url" >"$work/migrations.txt" 2>&1 || {
  cat "$work/migrations.txt" >&2
  exit 1
}
for file in supabase/migrations/*.sql; do
  version="$(basename "$file" | cut -d_ -f1)"
  checks=$((checks + 1))
  if ! grep -Eq "\`$version\` +\| +\`$version\`" "$work/migrations.txt"; then
    log "migration $version is not applied according to supabase migration list:"
    cat "$work/migrations.txt" >&2
    failed_checks=$((failed_checks + 1))
  fi
done

# The committed types match the migrated schema.
checks=$((checks + 1))
db_gen_types "$url" >"$work/database.types.ts"
if ! diff -u "$DB_TYPES_FILE" "$work/database.types.ts" >"$work/types.diff"; then
  head -n 40 "$work/types.diff" >&2
  log "${DB_TYPES_FILE#"$root"/} is stale: run scripts/db.sh start && scripts/db.sh types"
  failed_checks=$((failed_checks + 1))
fi

# The pgTAP tests; the summary counts their assertions plus the checks above.
status=0
db_test "$url" >"$work/tap.txt" 2>&1 || status=$?
grep -Ev '^ok ' "$work/tap.txt" || true
passed="$(grep -Ec '^ok ' "$work/tap.txt" || true)"
failed="$(grep -Ec '^not ok ' "$work/tap.txt" || true)"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a file died or broke its plan without a failing assertion
fi
passed=$((passed + checks - failed_checks))
failed=$((failed + failed_checks))
echo "db: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
