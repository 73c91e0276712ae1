/**
 * One cold start of the function's generator, as a fresh worker pays it:
 * import the loader with the embedded module (base64 in the bundle), decode,
 * compile and instantiate it, then make the first generateProgram call.
 * Prints milliseconds as JSON (see scripts/bench.sh).
 */
const profile = JSON.parse(
  Deno.readTextFileSync(
    new URL("../fixtures/profile-typical.json", import.meta.url),
  ),
);
const start = performance.now();
const generator = await import(
  "../../supabase/functions/_shared/generator.ts"
);
await generator.version();
const instantiated = performance.now();
await generator.generateProgram(profile);
const done = performance.now();
console.log(JSON.stringify({
  importAndInstantiateMs: instantiated - start,
  firstCallMs: done - instantiated,
  coldStartMs: done - start,
}));
