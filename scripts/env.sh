# Sourced by the scripts: puts the project's tools first on PATH.
# shellcheck shell=bash
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export DENO_NO_UPDATE_CHECK=1
export DENO_DIR="$root/.tools/deno-cache"
