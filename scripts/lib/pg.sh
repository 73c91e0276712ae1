# Sourced helper: throwaway PostgreSQL 15 clusters for dev and tests.
# shellcheck shell=bash
#
# Decides how a local cluster is laid out and started; callers choose ports and
# folders. A cluster folder holds `data/` (PGDATA) and `postgres.log`. Trust
# auth on 127.0.0.1 only, no Unix socket, durability off (the data is
# disposable). PostgreSQL refuses to run as root, so as root the server runs as
# the `postgres` OS user (PG_OS_USER overrides; `nobody` when it is absent).
#
#   pg_start PORT DIR   start (initdb on first use); a no-op when already running
#   pg_stop DIR         fast shutdown; a no-op when not running
#   pg_url PORT         the connection URL
#   db_prepare URL      apply supabase/bootstrap/*.sql, then `supabase db push`
#   db_gen_types URL    print `supabase gen types` for schema public, deno-formatted
#   db_test URL [PATH]  the pgTAP tests, run like `supabase test db`
#   supabase_local ARGS the Supabase CLI from the repo root, TLS off

# Where the server binaries are; scripts/setup.sh --db installs them there.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
_pg_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The Supabase CLI and Deno come from .tools/ (scripts/setup.sh).
command -v supabase >/dev/null 2>&1 || source "$_pg_root/scripts/env.sh"
# The generated database types the edge function imports.
DB_TYPES_FILE="$_pg_root/supabase/functions/_shared/database.types.ts"

_pg_log() { printf '[pg] %s\n' "$*" >&2; }

# Runs the Supabase CLI from the repo root against a local cluster. These
# clusters have no TLS; without PGSSLMODE the CLI tries TLS first and then
# prints a warning on stdout, which would end up in the generated types.
# A database URL goes in --remote=URL: CLI 3.x deprecates --db-url and warns
# about it on every call.
supabase_local() {
  (cd "$_pg_root" && PGSSLMODE="${PGSSLMODE:-disable}" supabase "$@")
}

# The OS user that owns and runs the cluster: empty means "the current user".
_pg_os_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  if [ -n "${PG_OS_USER:-}" ]; then
    echo "$PG_OS_USER"
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    echo nobody
  fi
}

# Runs a command as the cluster's OS user.
_pg_as_owner() {
  local user
  user="$(_pg_os_user)"
  if [ -z "$user" ]; then
    "$@"
  else
    runuser -u "$user" -- "$@"
  fi
}

# Prints the connection URL for a cluster on PORT.
pg_url() {
  echo "postgresql://postgres@127.0.0.1:$1/postgres"
}

# Prints the port a running cluster in DIR listens on (line 4 of postmaster.pid).
_pg_running_port() {
  sed -n 4p "$1/data/postmaster.pid" 2>/dev/null
}

_pg_is_running() {
  [ -f "$1/data/postmaster.pid" ] && _pg_as_owner "$PG_BIN/pg_ctl" status -D "$1/data" >/dev/null 2>&1
}

_pg_init() {
  local dir="$1" user
  user="$(_pg_os_user)"
  mkdir -p "$dir"
  [ -z "$user" ] || chown "$user" "$dir"
  if ! _pg_as_owner test -w "$dir"; then
    _pg_log "the OS user '${user:-$(id -un)}' cannot write $dir (or reach it through its parents); choose another DATA_DIR"
    return 1
  fi
  _pg_log "initdb in $dir/data"
  _pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust \
    --encoding=UTF8 --no-locale --no-instructions >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  # Settings for a disposable loopback cluster; the port is passed at start.
  cat >>"$dir/data/postgresql.conf" <<'CONF'

# scripts/lib/pg.sh: throwaway cluster on loopback, durability traded for speed
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = logical
log_min_messages = warning
log_min_error_statement = panic
CONF
  # pg_cron (Debian postgresql-15-cron, as Supabase ships it) runs the
  # migrations' lease-release job; it must be preloaded. Background workers
  # instead of libpq connections: this cluster has no socket and a random port.
  if [ -f "$("$PG_BIN/pg_config" --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/15/lib)/pg_cron.so" ]; then
    cat >>"$dir/data/postgresql.conf" <<'CONF'
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
cron.use_background_workers = on
max_worker_processes = 16
CONF
  fi
}

# Starts a cluster in DIR on 127.0.0.1:PORT, creating it on first use.
pg_start() {
  local port="$1" dir="$2"
  [ -n "$port" ] && [ -n "$dir" ] || { _pg_log "usage: pg_start PORT DIR"; return 2; }
  [ -x "$PG_BIN/pg_ctl" ] || {
    _pg_log "PostgreSQL 15 not found in $PG_BIN: run scripts/setup.sh --db (it installs the Debian package postgresql-15), or point PG_BIN at the server's bin folder"
    return 1
  }
  if _pg_is_running "$dir"; then
    local running
    running="$(_pg_running_port "$dir")"
    if [ "$running" != "$port" ]; then
      _pg_log "the cluster in $dir already runs on port $running, not $port; stop it first"
      return 1
    fi
    # A postmaster killed a moment ago still looks alive; say so rather than hand out a dead URL.
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 10 || {
      _pg_log "the cluster in $dir looks running but does not answer on port $port"
      return 1
    }
    return 0
  fi
  [ -f "$dir/data/PG_VERSION" ] || _pg_init "$dir" || return 1
  if ! _pg_as_owner "$PG_BIN/pg_ctl" start -D "$dir/data" -l "$dir/postgres.log" \
    -o "-p $port" -w -t 60 >/dev/null; then
    _pg_log "PostgreSQL failed to start on port $port; last log lines:"
    tail -n 20 "$dir/postgres.log" >&2
    return 1
  fi
}

# Stops the cluster in DIR (fast shutdown); a no-op when it is not running.
pg_stop() {
  local dir="$1"
  [ -n "$dir" ] || { _pg_log "usage: pg_stop DIR"; return 2; }
  _pg_is_running "$dir" || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null
}

# Applies the Supabase prerequisites and then the migrations, as users do.
db_prepare() {
  local url="$1" file
  [ -n "$url" ] || { _pg_log "usage: db_prepare URL"; return 2; }
  for file in "$_pg_root"/supabase/bootstrap/*.sql; do
    "$PG_BIN/psql" "$url" -X -q -v ON_ERROR_STOP=1 -f "$file" >/dev/null || {
      _pg_log "bootstrap failed: $file"
      return 1
    }
  done
  supabase_local db push --remote="$url" --yes || {
    _pg_log "supabase db push failed"
    return 1
  }
}

# Prints the TypeScript types of schema public, formatted by `deno fmt` from
# the folder of the committed file so the same config applies and
# `deno fmt --check` stays clean.
db_gen_types() {
  local url="$1" raw status=0
  [ -n "$url" ] || { _pg_log "usage: db_gen_types URL"; return 2; }
  raw="$(mktemp)"
  if ! supabase_local gen types typescript --remote="$url" --schema public >"$raw" 2>"$raw.err"; then
    cat "$raw.err" >&2
    _pg_log "supabase gen types failed"
    status=1
  else
    # Two passes: deno fmt settles this file's conditional types only on the second.
    (cd "$(dirname "$DB_TYPES_FILE")" && deno fmt --ext ts - <"$raw" | deno fmt --ext ts -) || status=1
  fi
  rm -f "$raw" "$raw.err"
  return "$status"
}

# Runs the pgTAP tests in supabase/tests (or PATH...) against URL the way
# `supabase test db` does: enable pgtap in schema extensions, run
# `pg_prove --ext .pg --ext .sql -r`, drop pgtap again if it was not there.
# CLI 3.1 can only do that inside Docker or after downloading a Postgres
# bundle, so by default this runs the same pg_prove command itself (Debian's
# libtap-parser-sourcehandler-pgtap-perl). DB_TEST_RUNNER=supabase uses the CLI.
db_test() {
  local url="$1" status=0 had_pgtap
  shift
  [ -n "$url" ] || { _pg_log "usage: db_test URL [PATH...]"; return 2; }
  local paths=("$@")
  [ ${#paths[@]} -gt 0 ] || paths=("$_pg_root/supabase/tests")
  if [ "${DB_TEST_RUNNER:-pg_prove}" = supabase ]; then
    supabase_local test db --remote="$url" --yes "${paths[@]}"
    return
  fi
  command -v pg_prove >/dev/null || {
    _pg_log "pg_prove not found: run scripts/setup.sh --db"
    return 1
  }
  had_pgtap="$("$PG_BIN/psql" "$url" -X -A -t -c \
    "select count(*) from pg_catalog.pg_extension where extname = 'pgtap'")"
  "$PG_BIN/psql" "$url" -X -q -v ON_ERROR_STOP=1 \
    -c "set client_min_messages = warning" \
    -c "create extension if not exists pgtap with schema extensions" || return 1
  pg_prove --dbname "$url" --ext .pg --ext .sql --verbose -r "${paths[@]}" || status=$?
  if [ "$had_pgtap" = 0 ]; then
    "$PG_BIN/psql" "$url" -X -q -c "drop extension if exists pgtap" || true
  fi
  return "$status"
}
