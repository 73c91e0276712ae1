/**
 * One cold start: read, compile and instantiate pkg/ in a fresh Deno process,
 * then make the first call. Prints milliseconds as JSON (see scripts/bench.sh).
 */
const start = performance.now();
const glue = await import("../../pkg/program_generation.js");
glue.initSync({
  module: await Deno.readFile(
    new URL("../../pkg/program_generation_bg.wasm", import.meta.url),
  ),
});
const instantiated = performance.now();
glue.version();
console.log(JSON.stringify({
  importAndInstantiateMs: instantiated - start,
  firstCallMs: performance.now() - instantiated,
}));
