#!/usr/bin/env bash
# Run it: builds the generator and prints a sample program for the sample profile.
# Usage: scripts/dev.sh [PROFILE.json]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
source scripts/env.sh
scripts/build-wasm.sh
cargo build --locked --release --quiet --bin program-gen
profile="${1:-tests/fixtures/profile-typical.json}"
echo "== sample generation from $profile"
target/release/program-gen summary "$profile"
