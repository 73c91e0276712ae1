/**
 * The background run of one claimed generation.
 *
 * This module decides what happens between a claim and a terminal state: it
 * runs the WASM pipeline with callbacks bound to the claim (the profile from
 * the claimed row, progress and save fenced by the claim's job id), then maps
 * the outcome to exactly one transition. A deterministic pipeline error fails
 * the job at once; a lost claim drops the work silently; a database that stays
 * unreachable leaves the lease to expire, so a reclaim retries it, at most
 * `maxAttempts` times. The claim itself is made by the caller.
 *
 * @module
 */

import type { Background } from "./background.ts";
import type { Db, ProgramRow } from "./db.ts";
import type { Telemetry, Trigger } from "./telemetry.ts";

/** A pipeline failure as the WASM module reports it. */
export interface PipelineError extends Error {
  code: "invalid_profile" | "infeasible" | "dependency_failed" | "internal";
  issues?: { path: string; message: string }[];
}

/** The callbacks the pipeline drives. */
export interface PipelineDeps {
  loadProfile(programId: string): Promise<unknown>;
  reportProgress(
    event: { stage: string; percent: number },
  ): void | Promise<void>;
  saveProgram(programId: string, program: unknown): Promise<void>;
  jobId?: string;
}

/** What a finished pipeline run reports. */
export interface PipelineResult {
  programId: string;
  jobId: string;
  durationMs: number;
  warnings: unknown[];
}

/** The part of the WASM generator the runner needs. */
export interface Pipeline {
  runProgramGenerationPipeline(
    programId: string,
    deps: PipelineDeps,
  ): Promise<PipelineResult>;
}

/** Settings of the runner, from the config. */
export interface RunnerOptions {
  readonly leaseSeconds: number;
  readonly maxAttempts: number;
  readonly progressIntervalMs: number;
  /** Test knob: extra delay per progress stage. */
  readonly generationDelayMs: number;
  /** Test knob: the first N runs of each program fail with `internal: injected failure`. */
  readonly generationFailFirstRuns: number;
}

/** How a run ended. */
export type Outcome = "completed" | "failed" | "superseded" | "abandoned";

/** Starts runs for claimed rows. */
export interface Runner {
  /**
   * Hands a freshly claimed (`generating`) row to the background. `since` is
   * when the trigger arrived (a `performance.now()` reading), for the
   * enqueue → start latency.
   */
  start(row: ProgramRow, trigger: Trigger, since: number): void;
  /** Runs a claimed row to its end in the foreground; resolves with the outcome. */
  run(row: ProgramRow, trigger: Trigger, since: number): Promise<Outcome>;
  /**
   * Reclaims every expired lease (`reclaim_expired_generations`) and restarts
   * the reclaimed rows; returns how many were restarted.
   */
  reclaimExpired(trigger: Trigger): Promise<number>;
  /** Logs the reclaim of one row (restarted or exhausted) and restarts it if it is generating. */
  resume(row: ProgramRow, trigger: Trigger, since: number): void;
}

/** Codes of pipeline errors that repeat on every run, so retrying cannot help. */
const DETERMINISTIC = new Set(["invalid_profile", "infeasible", "internal"]);

/** Marks a callback failure that means "this job no longer holds the claim". */
class ClaimLost extends Error {
  override name = "ClaimLost";
}

/** A runner over `db` and `pipeline`, spawning into `background`. */
export function createRunner(
  deps: {
    db: Db;
    pipeline: Pipeline;
    background: Background;
    telemetry: Telemetry;
    options: RunnerOptions;
  },
): Runner {
  const { db, pipeline, background, telemetry, options } = deps;
  const runsByProgram = new Map<string, number>();

  const run = async (
    row: ProgramRow,
    trigger: Trigger,
    since: number,
  ): Promise<Outcome> => {
    const programId = row.id;
    const jobId = row.generation_job_id as string;
    const attempt = row.generation_attempts;
    const started = performance.now();
    telemetry.transition({
      transition: "started",
      programId,
      jobId,
      attempt,
      trigger,
      enqueueToStartMs: started - since,
    });

    let lastWrite = Number.NEGATIVE_INFINITY;
    let saved = false;
    let lost = false;
    let saveMs: number | undefined;
    const pipelineDeps: PipelineDeps = {
      jobId,
      // The claim returned the row, profile included: no second query.
      loadProfile: () => Promise.resolve(row.profile),
      reportProgress: async (progress) => {
        if (options.generationDelayMs > 0) {
          await sleep(options.generationDelayMs);
        }
        // After the save the row is completed, and complete_generation stored 100 %.
        if (saved) return;
        const now = performance.now();
        if (now - lastWrite < options.progressIntervalMs) return;
        lastWrite = now;
        const held = await db.reportProgress(
          programId,
          jobId,
          { stage: progress.stage, percent: progress.percent },
          options.leaseSeconds,
        );
        if (!held) {
          lost = true;
          throw new ClaimLost("the claim was lost to a newer run");
        }
      },
      saveProgram: async (_id, program) => {
        const before = performance.now();
        const held = await db.complete(programId, jobId, program);
        saveMs = performance.now() - before;
        if (!held) {
          lost = true;
          throw new ClaimLost("the claim was lost to a newer run");
        }
        saved = true;
      },
    };

    const finish = (outcome: Outcome, errorCode?: string): Outcome => {
      telemetry.transition({
        transition: outcome,
        programId,
        jobId,
        attempt,
        generationMs: performance.now() - started,
        saveMs,
        errorCode,
      });
      return outcome;
    };

    try {
      if (injectFailure(programId)) {
        throw Object.assign(new Error("injected failure"), {
          code: "internal",
        });
      }
      await pipeline.runProgramGenerationPipeline(programId, pipelineDeps);
      return finish("completed");
    } catch (error) {
      if (saved) return finish("completed");
      if (lost) return finish("superseded");
      const code = errorCode(error);
      if (!DETERMINISTIC.has(code)) return finish("abandoned", code);
      const message = error instanceof Error ? error.message : String(error);
      try {
        const held = await db.fail(programId, jobId, `${code}: ${message}`);
        return finish(held ? "failed" : "superseded", code);
      } catch {
        return finish("abandoned", code);
      }
    }
  };

  const injectFailure = (programId: string): boolean => {
    if (options.generationFailFirstRuns === 0) return false;
    const runs = (runsByProgram.get(programId) ?? 0) + 1;
    runsByProgram.set(programId, runs);
    return runs <= options.generationFailFirstRuns;
  };

  const start = (row: ProgramRow, trigger: Trigger, since: number) => {
    telemetry.transition({
      transition: "enqueued",
      programId: row.id,
      jobId: row.generation_job_id,
      attempt: row.generation_attempts,
      trigger,
    });
    // A macrotask first, so the 202 is written before the generation's CPU work begins.
    background.spawn(yieldToEventLoop().then(() => run(row, trigger, since)));
  };

  const resume = (row: ProgramRow, trigger: Trigger, since: number) => {
    if (row.generation_status === "generating") {
      telemetry.transition({
        transition: "reclaimed",
        programId: row.id,
        jobId: row.generation_job_id,
        attempt: row.generation_attempts,
        trigger,
      });
      start(row, trigger, since);
    } else if (row.generation_status === "failed") {
      telemetry.transition({
        transition: "exhausted",
        programId: row.id,
        jobId: row.generation_job_id,
        attempt: row.generation_attempts,
        trigger,
      });
    }
  };

  return {
    start,
    run,
    resume,
    async reclaimExpired(trigger) {
      let restarted = 0;
      // Bounded batches, so one startup never holds a huge transaction.
      for (;;) {
        const since = performance.now();
        const rows = await db.reclaimExpired(
          options.leaseSeconds,
          options.maxAttempts,
          100,
        );
        for (const row of rows) {
          resume(row, trigger, since);
          if (row.generation_status === "generating") restarted++;
        }
        if (rows.length < 100) return restarted;
      }
    },
  };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "internal";
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
