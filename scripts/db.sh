#!/usr/bin/env bash
# The local development database: a throwaway PostgreSQL 15 cluster with the
# Supabase prerequisites and this repo's migrations applied.
#
# Usage: scripts/db.sh start|stop|url|reset
#   start  start (idempotent), bootstrap, push migrations; prints the URL
#   stop   stop the cluster (data kept)
#   url    print the URL
#   reset  stop, delete the data, start again from scratch
#   types  regenerate supabase/functions/_shared/database.types.ts (cluster must run)
# Env: PGPORT (default 54322), DATA_DIR (default .local/pg-$PGPORT).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$root/scripts/env.sh"
# shellcheck source=scripts/lib/pg.sh
source "$root/scripts/lib/pg.sh"

port="${PGPORT:-54322}"
dir="${DATA_DIR:-$root/.local/pg-$port}"
url="$(pg_url "$port")"

case "${1:-}" in
  start)
    pg_start "$port" "$dir"
    db_prepare "$url" >&2
    echo "$url"
    ;;
  stop) pg_stop "$dir" ;;
  url) echo "$url" ;;
  reset)
    pg_stop "$dir"
    rm -rf "$dir"
    pg_start "$port" "$dir"
    db_prepare "$url" >&2
    echo "$url"
    ;;
  types)
    mkdir -p "$(dirname "$DB_TYPES_FILE")"
    db_gen_types "$url" >"$DB_TYPES_FILE.tmp"
    mv "$DB_TYPES_FILE.tmp" "$DB_TYPES_FILE"
    echo "wrote ${DB_TYPES_FILE#"$root"/}" >&2
    ;;
  *)
    echo "usage: scripts/db.sh start|stop|url|reset|types" >&2
    exit 2
    ;;
esac
