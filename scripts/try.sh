#!/usr/bin/env bash
# A first request, made the way a client makes it: POST a profile to the
# function, follow the 202's Location, and print one line each time the
# status or progress changes, until the program is completed or failed.
# It prints statuses only, never the program (about 70 KB of JSON).
#
# Usage: scripts/try.sh [PROFILE.json]     (default tests/fixtures/profile-typical.json)
# Env:   BASE_URL   the dev server of scripts/dev.sh (default http://127.0.0.1:$PORT,
#                   PORT default 54321); its /dev/config.json gives the function's
#                   path and a dev token
#        FUNCTION_URL and TOKEN   a deployed function and a user's JWT instead
#        TIMEOUT=120              seconds before giving up
# Exit:  0 completed, 1 failed or timed out, 2 the request could not be made.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '%s\n' "$*"; }
die() { printf 'try.sh: %s\n' "$*" >&2; exit 2; }

for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run scripts/setup.sh"
done
profile="${1:-$root/tests/fixtures/profile-typical.json}"
[ -r "$profile" ] || die "cannot read the profile $profile"
timeout="${TIMEOUT:-120}"

if [ -n "${FUNCTION_URL:-}" ]; then
  [ -n "${TOKEN:-}" ] || die "FUNCTION_URL needs TOKEN, a user's JWT"
  function_url="$FUNCTION_URL"
  token="$TOKEN"
else
  base="${BASE_URL:-http://127.0.0.1:${PORT:-54321}}"
  config="$(curl -fsS --max-time 5 "$base/dev/config.json" 2>/dev/null)" \
    || die "no dev server answers at $base: start scripts/dev.sh (or set BASE_URL, or FUNCTION_URL and TOKEN)"
  function_url="$base$(jq -r .functionUrl <<<"$config")"
  token="${TOKEN:-$(jq -r .accessToken <<<"$config")}"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Wall-clock milliseconds, for the elapsed time on each line.
now_ms() { local t="${EPOCHREALTIME/./}"; echo "${t:0:-3}"; }
started="$(now_ms)"
elapsed() {
  local ms=$(($(now_ms) - started))
  printf '%d.%01ds' $((ms / 1000)) $((ms % 1000 / 100))
}

jq -c --arg title "try.sh $(date -u +%H:%M:%S)" '{title: $title, profile: .}' "$profile" >"$work/request.json" \
  || die "$profile is not JSON"
code="$(curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' -X POST "$function_url" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data-binary @"$work/request.json")" || die "POST $function_url failed"
if [ "$code" != 202 ]; then
  say "POST $function_url -> $code"
  jq -c . "$work/body" 2>/dev/null || head -c 2000 "$work/body"
  exit 2
fi
location="$(tr -d '\r' <"$work/headers" | sed -n 's/^[Ll]ocation: *//p' | tail -n 1)"
[ -n "$location" ] || die "the 202 carries no Location header"
say "POST $function_url -> 202, following Location: $location"

last=""
while :; do
  code="$(curl -sS -o "$work/status" -w '%{http_code}' "$location" -H "Authorization: Bearer $token")" \
    || die "GET $location failed"
  if [ "$code" != 200 ]; then
    say "[$(elapsed)] GET -> $code $(jq -c .error "$work/status" 2>/dev/null || true)"
    exit 2
  fi
  status="$(jq -r .status "$work/status")"
  line="$(jq -r '[.status, "attempt \(.attempts)",
      (.progress // {} | if .stage then "\(.stage) \(.percent)%" else empty end)] | join("  ")' "$work/status")"
  if [ "$line" != "$last" ]; then
    say "[$(elapsed)] $line"
    last="$line"
  fi
  case "$status" in
    completed)
      say "$(jq -r '.program | "\(.name): \(.weeks | length) weeks, \([.weeks[].sessions | length] | add) sessions"' "$work/status")"
      say "the whole program (TOKEN: the dev JWT in dev.sh's banner):"
      say "  curl -s '$location' -H \"Authorization: Bearer \$TOKEN\" | jq .program"
      exit 0
      ;;
    failed)
      say "failed: $(jq -r '.error | if type == "string" then . else tojson end' "$work/status")"
      exit 1
      ;;
  esac
  if [ $(($(now_ms) - started)) -ge $((timeout * 1000)) ]; then
    say "still $status after ${timeout}s; giving up (TIMEOUT=$timeout)"
    exit 1
  fi
  sleep 0.25
done
