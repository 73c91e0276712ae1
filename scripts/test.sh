#!/usr/bin/env bash
# The one test command: installs what it needs, then runs every suite in order.
# Usage: scripts/test.sh            (everything)
#        SKIP_BROWSER=1 scripts/test.sh   (skip the Chromium suite)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

setup_flags=(--db)
[ "${SKIP_BROWSER:-0}" = 1 ] || setup_flags+=(--browser)
scripts/setup.sh "${setup_flags[@]}"
source scripts/env.sh

started=$SECONDS
step() { printf '\n==> %s (%ss elapsed)\n' "$*" "$((SECONDS - started))"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native and wasm32)"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --lib --tests --target wasm32-unknown-unknown -- -D warnings

step "cargo test"
cargo test --locked

step "wasm-pack test --node"
wasm-pack test --node --mode no-install -- --locked --test wasm_boundary

step "release WASM build into pkg/ and the native CLI"
scripts/build-wasm.sh
cargo build --locked --release --bin program-gen

step "deno fmt, lint and check"
deno fmt --check
deno lint
deno check tests/deno supabase/functions

step "deno test (pkg/ smoke, parity with the native CLI)"
deno test --allow-read --allow-run --allow-env tests/deno

for suite in setup db edge web; do
  if [ -x "scripts/test-$suite.sh" ]; then
    if [ "$suite" = web ] && [ "${SKIP_BROWSER:-0}" = 1 ]; then continue; fi
    step "scripts/test-$suite.sh"
    "scripts/test-$suite.sh"
  fi
done

step "bundle: the function as deployed (deno bundle, run from an empty directory)"
scripts/test-edge.sh tests/bundle

step "all suites passed"
