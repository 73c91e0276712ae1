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

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
_pg_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

_pg_log() { printf '[pg] %s\n' "$*" >&2; }

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
}

# Starts a cluster in DIR on 127.0.0.1:PORT, creating it on first use.
pg_start() {
  local port="$1" dir="$2"
  [ -n "$port" ] && [ -n "$dir" ] || { _pg_log "usage: pg_start PORT DIR"; return 2; }
  [ -x "$PG_BIN/pg_ctl" ] || { _pg_log "PostgreSQL 15 not found in $PG_BIN"; return 1; }
  if _pg_is_running "$dir"; then
    local running
    running="$(_pg_running_port "$dir")"
    if [ "$running" != "$port" ]; then
      _pg_log "the cluster in $dir already runs on port $running, not $port; stop it first"
      return 1
    fi
    return 0
  fi
  [ -f "$dir/data/PG_VERSION" ] || _pg_init "$dir" || return 1
  _pg_as_owner touch "$dir/postgres.log" 2>/dev/null || true
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
  (cd "$_pg_root" && supabase db push --db-url "$url" --yes) || {
    _pg_log "supabase db push failed"
    return 1
  }
}
