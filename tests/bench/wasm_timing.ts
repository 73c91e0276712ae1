/**
 * WASM per-call timings under Deno, as JSON lines (see scripts/bench.sh).
 * `generateProgramJson` does the same work as the native timing (JSON text in,
 * JSON text out); `generateProgram` adds building the JS object graph; the
 * pipeline is what the edge function runs, with callbacks that return at once.
 */
import {
  generateProgram,
  generateProgramJson,
  initSync,
  runProgramGenerationPipeline,
} from "../../pkg/program_generation.js";

const WARM_UP = 20;
const RUNS = 200;
const root = new URL("../../", import.meta.url);
initSync({
  module: Deno.readFileSync(new URL("pkg/program_generation_bg.wasm", root)),
});

async function measure(
  label: string,
  api: string,
  call: () => unknown,
) {
  for (let i = 0; i < WARM_UP; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(JSON.stringify({
    label,
    runtime: api,
    p50: samples[RUNS / 2],
    p99: samples[Math.floor(RUNS * 0.99)],
    mean: samples.reduce((a, b) => a + b, 0) / RUNS,
  }));
}

for (const label of ["small", "typical", "largest"]) {
  const text = Deno.readTextFileSync(
    new URL(`tests/fixtures/profile-${label}.json`, root),
  );
  const profile = JSON.parse(text);
  await measure(label, "wasm-json", () => generateProgramJson(text));
  await measure(label, "wasm-object", () => generateProgram(profile));
  await measure(
    label,
    "wasm-pipeline",
    () =>
      runProgramGenerationPipeline("bench", {
        loadProfile: () => profile,
        reportProgress: () => {},
        saveProgram: () => {},
      }),
  );
}
