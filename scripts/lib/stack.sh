# Sourced helper: the local stack (database + dev server) for dev.sh, the
# edge tests and the benchmark.
# shellcheck shell=bash
#
# Decides how a stack is assembled from its parts; callers choose ports,
# folders and knobs. Requires scripts/env.sh and scripts/lib/pg.sh sourced.
#
#   free_port                    print a free loopback TCP port
#   stack_db PORT DIR            start the cluster (idempotent) and apply bootstrap + migrations
#   stack_wasm                   build pkg/ with scripts/build-wasm.sh
#   stack_serve_cmd              print the deno command line of the dev server
#   stack_wait_health URL SECS   wait until URL/dev/health answers 200

_stack_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The dev JWT secret of the local stack: Supabase's well-known local default.
STACK_DEFAULT_JWT_SECRET="super-secret-jwt-token-with-at-least-32-characters-long"

_stack_log() { printf '[stack] %s\n' "$*" >&2; }

free_port() {
  deno eval 'const l = Deno.listen({ hostname: "127.0.0.1", port: 0 }); console.log(l.addr.port); l.close();'
}

# Whether something already listens on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stack_db() {
  local port="$1" dir="$2"
  pg_start "$port" "$dir" || return 1
  db_prepare "$(pg_url "$port")" >&2 || return 1
}

stack_wasm() {
  if [ ! -x "$_stack_root/scripts/build-wasm.sh" ]; then
    _stack_log "scripts/build-wasm.sh is missing; cannot build pkg/"
    return 1
  fi
  "$_stack_root/scripts/build-wasm.sh" >&2
}

# The dev server with the least permissions it needs.
stack_serve_cmd() {
  echo "deno run --allow-net --allow-env --allow-read --allow-sys $_stack_root/supabase/functions/_dev/serve.ts"
}

stack_wait_health() {
  local url="$1" seconds="${2:-30}" i
  for ((i = 0; i < seconds * 10; i++)); do
    curl -fsS -o /dev/null --max-time 1 "$url/dev/health" 2>/dev/null && return 0
    sleep 0.1
  done
  _stack_log "no answer from $url/dev/health after ${seconds}s"
  return 1
}
