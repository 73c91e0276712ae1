#!/usr/bin/env bash
# Release WASM build into pkg/ (--target web: loaded from bytes with initSync,
# which works in Deno, Supabase's edge runtime and browsers alike).
# Skips the build when pkg/ is newer than every input.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"

wasm="pkg/program_generation_bg.wasm"
if [ -f "$wasm" ] && [ "${FORCE_BUILD:-0}" != 1 ] \
  && [ -z "$(find src Cargo.toml Cargo.lock scripts/build-wasm.sh -newer "$wasm" -print -quit)" ]; then
  echo "[build-wasm] pkg/ is up to date" >&2
  exit 0
fi
# wasm-opt must be the npm binaryen on PATH (Debian's corrupts modules).
case "$(command -v wasm-opt)" in
  "$root"/.tools/*) ;;
  *) echo "[build-wasm] wasm-opt is not the pinned npm binaryen; run scripts/setup.sh" >&2; exit 1 ;;
esac
# Inline nothing beyond what opt-level z deems free: about 4 KB smaller, and
# no slower in tests/bench/wasm_timing.ts.
export RUSTFLAGS="${RUSTFLAGS:-} -Cllvm-args=-inline-threshold=0"
# Size settings apply to the WASM build only: `panic = "abort"` in the shared
# release profile would collide with the bench and test builds (Cargo #6313).
CARGO_PROFILE_RELEASE_OPT_LEVEL="${WASM_OPT_LEVEL:-z}" CARGO_PROFILE_RELEASE_PANIC=abort wasm-pack build --release --target web --mode no-install --out-dir pkg --no-pack -- --locked >&2
touch "$wasm"
