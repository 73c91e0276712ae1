/**
 * Loads the program-generation WebAssembly module and exposes its API.
 *
 * The module is read from bytes and instantiated with `initSync`, which works
 * in plain Deno, in Supabase's edge runtime and in browsers without a
 * `fetch(file://…)`. A WebAssembly trap leaves an instance in an undefined
 * state, so every call goes through {@link withGenerator}: on a trap the
 * instance is dropped, the caller gets a typed `internal` error, and the next
 * call gets a fresh instance (a fresh copy of the glue module, whose state is
 * module-global, instantiated from the already compiled module).
 *
 * @module
 */
import * as bundledGlue from "../../../pkg/program_generation.js";
import type * as Glue from "../../../pkg/program_generation.js";
import type {
  ErrorCode,
  Issue,
  LibraryExport,
  PipelineDeps,
  PipelineResult,
  ProfileValidation,
  Program,
  ProgramGenerationError,
  ProgramValidation,
  VersionInfo,
} from "../../../pkg/program_generation.js";

export type * from "../../../pkg/program_generation.js";

const glueUrl = new URL("../../../pkg/program_generation.js", import.meta.url);
const wasmUrl = new URL(
  "../../../pkg/program_generation_bg.wasm",
  import.meta.url,
);

type Api = typeof Glue;
type Instance = { api: Api; raw: Glue.InitOutput };

let compiled: Promise<WebAssembly.Module> | undefined;
let current: Promise<Instance> | undefined;
let instances = 0;

/** How many instances have been created so far; grows by one after each trap. */
export function instanceCount(): number {
  return instances;
}

async function load(): Promise<Instance> {
  compiled ??= Deno.readFile(wasmUrl).then((bytes) =>
    WebAssembly.compile(bytes)
  );
  const module = await compiled;
  instances += 1;
  // The first instance uses the statically imported glue, which every bundler
  // ships. After a trap, a new URL gives a new copy of the glue, so no state
  // survives the trap.
  const api: Api = instances === 1
    ? bundledGlue
    : await import(`${glueUrl.href}?instance=${instances}`);
  const raw = api.initSync({ module });
  return { api, raw };
}

/** Build the typed error every export of this module throws. */
export function generationError(
  code: ErrorCode,
  message: string,
  issues: Issue[] = [],
): ProgramGenerationError {
  const error = new Error(message) as ProgramGenerationError;
  error.name = "ProgramGenerationError";
  error.code = code;
  error.issues = issues;
  return error;
}

/** Whether `value` is a typed error from the generator. */
export function isGenerationError(
  value: unknown,
): value is ProgramGenerationError {
  return value instanceof Error && value.name === "ProgramGenerationError" &&
    typeof (value as ProgramGenerationError).code === "string";
}

/**
 * Run `fn` against the current instance. A trap becomes an `internal` error
 * and retires the instance, so the next call starts from a fresh one.
 */
export async function withGenerator<T>(
  fn: (api: Api, raw: Glue.InitOutput) => T | Promise<T>,
): Promise<T> {
  const loading = current ??= load();
  let instance: Instance;
  try {
    instance = await loading;
  } catch (cause) {
    if (current === loading) current = undefined;
    throw generationError(
      "internal",
      `cannot load the generator module: ${String(cause)}`,
    );
  }
  try {
    return await fn(instance.api, instance.raw);
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    if (current === loading) current = undefined;
    throw generationError(
      "internal",
      `the generator crashed (${error.message}); the next run uses a fresh instance`,
    );
  }
}

/**
 * Test knob: panics inside the current instance, which traps it for real.
 * Always rejects with the typed `internal` error {@link withGenerator} makes
 * of a trap, and retires the instance. Not part of the API.
 */
export function trapForTesting(): Promise<void> {
  return withGenerator((api) => api.__trapForTesting());
}

/** Run load → validate → generate → validate → save through `deps`. */
export function runProgramGenerationPipeline(
  programId: string,
  deps: PipelineDeps,
): Promise<PipelineResult> {
  return withGenerator((api) =>
    api.runProgramGenerationPipeline(programId, deps)
  );
}

/** Generate a program from a profile; throws a typed error for bad input. */
export function generateProgram(profile: unknown): Promise<Program> {
  return withGenerator((api) => api.generateProgram(profile));
}

/** Check a profile; returns it normalized or every issue with its path. */
export function validateProfile(input: unknown): Promise<ProfileValidation> {
  return withGenerator((api) => api.validateProfile(input));
}

/** Check a program against every rule for a profile. */
export function validateProgram(
  program: unknown,
  profile: unknown,
): Promise<ProgramValidation> {
  return withGenerator((api) => api.validateProgram(program, profile));
}

/** The embedded exercise library. */
export function exerciseLibrary(): Promise<LibraryExport> {
  return withGenerator((api) => api.exerciseLibrary());
}

/** Versions of the generator, its library and the program schema. */
export function version(): Promise<VersionInfo> {
  return withGenerator((api) => api.version());
}
