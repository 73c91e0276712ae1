#!/usr/bin/env bash
# Benchmarks for the generator (figures, not pass/fail): native vs WASM timings
# measured in one run, the .wasm size raw and gzipped, and Deno cold start.
# The criterion suite (`cargo bench --bench generate`) gives fuller native stats.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
scripts/setup.sh >/dev/null
scripts/build-wasm.sh

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo bench --locked --quiet --bench timing --no-run 2>/dev/null
cargo bench --locked --quiet --bench timing | grep '^{' >"$out/native.jsonl"
deno run --allow-read tests/bench/wasm_timing.ts >"$out/wasm.jsonl"
for _ in 1 2 3 4 5; do
  deno run --allow-read tests/bench/cold_start.ts >>"$out/cold.jsonl"
done

wasm=pkg/program_generation_bg.wasm
deno run --allow-read - "$out" "$wasm" <<'TS'
const [dir, wasmPath] = Deno.args;
const lines = (f: string) =>
  Deno.readTextFileSync(`${dir}/${f}`).trim().split("\n").map((l) => JSON.parse(l));
const native = lines("native.jsonl");
const wasm = lines("wasm.jsonl");
const fmt = (x: number, w: number) => x.toFixed(3).padStart(w);
console.log("profile JSON in → program JSON out, ms per call (200 runs after warm-up)");
console.log(
  "profile   native p50  native p99  wasm p50  wasm p99  wasm/native p50  object API p50  p99  pipeline p50  p99",
);
for (const n of native) {
  const w = wasm.find((x) => x.label === n.label && x.runtime === "wasm-json");
  const o = wasm.find((x) => x.label === n.label && x.runtime === "wasm-object");
  const p = wasm.find((x) => x.label === n.label && x.runtime === "wasm-pipeline");
  console.log(
    `${n.label.padEnd(9)} ${fmt(n.p50, 10)} ${fmt(n.p99, 11)} ${fmt(w.p50, 9)} ${fmt(w.p99, 9)} ` +
      `${(w.p50 / n.p50).toFixed(2).padStart(16)} ${fmt(o.p50, 15)} ${fmt(o.p99, 7)}` +
      ` ${fmt(p.p50, 13)} ${fmt(p.p99, 7)}`,
  );
}
const bytes = Deno.readFileSync(wasmPath);
const gz = new Uint8Array(
  await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip")))
    .arrayBuffer(),
);
console.log(`\n.wasm size: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gz.length / 1024).toFixed(1)} KiB gzipped`);
const coldRuns = lines("cold.jsonl");
for (const [label, key] of [
  ["import + decode + instantiate the embedded module", "importAndInstantiateMs"],
  ["cold start, that plus the first generateProgram (typical)", "coldStartMs"],
]) {
  const cold = coldRuns.map((c) => c[key]).sort((a, b) => a - b);
  console.log(
    `${label} (5 fresh Deno processes): median ${cold[2].toFixed(1)} ms, ` +
      `min ${cold[0].toFixed(1)} ms, max ${cold[4].toFixed(1)} ms`,
  );
}
TS
