/**
 * The background run of one claimed generation.
 *
 * This module decides what happens between a claim and a terminal state: it
 * runs the WASM pipeline with callbacks bound to the claim (the profile from
 * the claimed row, progress and save fenced by the claim's job id), then maps
 * the outcome to exactly one transition. While a run is alive a heartbeat
 * renews its lease on a timer, so a slow stage or a database stall does not
 * lose it; a progress write that fails is skipped, and the save is retried
 * until the database answers or the run has waited two leases. A
 * deterministic pipeline error fails the job at once; a lost claim drops the
 * work silently; a database that stays unreachable leaves the lease to
 * expire, so a reclaim retries it, at most `maxAttempts` times. When the
 * worker is told to stop, runs start no new stage and hand their claims back
 * at once. The claim itself is made by the caller.
 *
 * @module
 */

import type { Background } from "./background.ts";
import { type Db, isTransient, type ProgramRow } from "./db.ts";
import type * as Generator from "./generator.ts";
import type { ErrorCode, PipelineDeps } from "./generator.ts";
import { createPriority, type Priority } from "./priority.ts";
import type { Telemetry, Trigger } from "./telemetry.ts";

/**
 * The part of the WASM loader the runner needs: `generator.ts` itself in
 * production and in the tests, so its types (generated with `pkg/`) are the
 * runner's.
 */
export type Pipeline = Pick<
  typeof Generator,
  "runProgramGenerationPipeline" | "trapForTesting" | "instanceCount"
>;

/** Settings of the runner, from the config. */
export interface RunnerOptions {
  readonly leaseSeconds: number;
  readonly maxAttempts: number;
  readonly progressIntervalMs: number;
  /** Test knob: extra delay per progress stage. */
  readonly generationDelayMs: number;
  /** Test knob: the first N runs of each program fail with `internal: injected failure`. */
  readonly generationFailFirstRuns: number;
  /** Test knob: the first N runs of each program trap the WASM instance. */
  readonly generationTrapFirstRuns: number;
}

/** How a run ended. */
export type Outcome =
  | "completed"
  | "failed"
  | "superseded"
  | "abandoned"
  | "released";

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
  /**
   * The periodic sweep: renews the leases of this worker's runs (so a stall
   * that just ended does not cost them), then reclaims what other workers
   * left behind; returns how many runs it restarted.
   */
  sweep(): Promise<number>;
  /** Runs in progress in this worker. */
  active(): number;
  /**
   * Stops for good: no run starts another stage, and every run's claim is
   * handed back with a fenced UPDATE so another worker takes it at once.
   * Resolves with how many claims were handed back.
   */
  releaseAll(): Promise<number>;
}

/** One run in progress, as the heartbeat and a shutdown see it. */
interface ActiveRun {
  readonly programId: string;
  readonly jobId: string;
  /** Set when the claim is known to be lost; the next stage stops. */
  lost: boolean;
}

/**
 * Codes of pipeline errors that fail the job at once: they repeat on every run
 * (a trap is `internal` too: the loader already replaced the instance, and a
 * user's retry gets the fresh one), so an automatic retry cannot help.
 */
const DETERMINISTIC: ReadonlySet<string> = new Set<ErrorCode>([
  "invalid_profile",
  "infeasible",
  "internal",
]);

/** Marks a callback failure that means "this job no longer holds the claim". */
class ClaimLost extends Error {
  override name = "ClaimLost";
}

/** Marks a callback failure that means "this worker is stopping". */
class Stopping extends Error {
  override name = "Stopping";
}

/** A runner over `db` and `pipeline`, spawning into `background`. */
export function createRunner(
  deps: {
    db: Db;
    pipeline: Pipeline;
    background: Background;
    telemetry: Telemetry;
    /** Orders requests before run stages; default: a gate of its own, never waited on. */
    priority?: Priority;
    options: RunnerOptions;
  },
): Runner {
  const { db, pipeline, background, telemetry, options } = deps;
  const priority = deps.priority ?? createPriority(0);
  const runsByProgram = new Map<string, number>();
  const runs = new Set<ActiveRun>();
  let stopping = false;
  const heartbeatMs = Math.max(100, (options.leaseSeconds * 1000) / 3);

  // Renews one run's lease; a refusal means the claim is gone. A database
  // error is left to the next beat.
  // Resolves false when the database could not be reached.
  const beat = async (active: ActiveRun): Promise<boolean> => {
    try {
      if (
        !await db.renewLease(
          active.programId,
          active.jobId,
          options.leaseSeconds,
        )
      ) {
        active.lost = true;
      }
      return true;
    } catch {
      // Still unreachable: the next beat tries again.
      return false;
    }
  };

  // Retries `work` on connection errors for up to two leases: the heartbeat
  // keeps the claim while the database comes back.
  const patiently = async <T>(work: () => Promise<T>): Promise<T> => {
    const deadline = Date.now() + 2 * options.leaseSeconds * 1000;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!isTransient(error) || Date.now() > deadline || stopping) {
          throw error;
        }
        await sleep(200);
      }
    }
  };

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

    // The claim has just stored the status and a fresh lease, so the first
    // progress write is due one interval after the start: a run shorter than
    // that writes only its completion.
    let lastWrite = started;
    let saved = false;
    let lost = false;
    let released = false;
    let saveMs: number | undefined;
    const active: ActiveRun = { programId, jobId, lost: false };
    // Stops before the next stage when the claim is gone or the worker stops.
    const checkClaim = () => {
      if (active.lost) {
        lost = true;
        throw new ClaimLost("the claim was lost to a newer run");
      }
      if (stopping) {
        released = true;
        throw new Stopping("the worker is stopping");
      }
    };
    const pipelineDeps: PipelineDeps = {
      jobId,
      // The claim returned the row, profile included: no second query.
      loadProfile: () => Promise.resolve(row.profile),
      reportProgress: async (progress) => {
        // Between stages, requests being handled go first.
        await priority.backgroundTurn();
        if (options.generationDelayMs > 0) {
          await sleep(options.generationDelayMs);
        }
        // After the save the row is completed, and complete_generation stored 100 %.
        if (saved) return;
        checkClaim();
        const now = performance.now();
        if (now - lastWrite < options.progressIntervalMs) return;
        lastWrite = now;
        let held: boolean;
        try {
          held = await db.reportProgress(
            programId,
            jobId,
            { stage: progress.stage, percent: progress.percent },
            options.leaseSeconds,
          );
        } catch (error) {
          // Progress is a courtesy: the heartbeat keeps the claim.
          if (isTransient(error)) return;
          throw error;
        }
        if (!held) active.lost = true;
        checkClaim();
      },
      saveProgram: async (_id, programJson) => {
        checkClaim();
        const before = performance.now();
        const held = await patiently(() =>
          db.complete(programId, jobId, programJson)
        );
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
        generatorInstances: pipeline.instanceCount(),
      });
      return outcome;
    };

    runs.add(active);
    const heartbeat = setInterval(() => beat(active), heartbeatMs);
    try {
      const runNumber = countRun(programId);
      if (runNumber <= options.generationFailFirstRuns) {
        throw Object.assign(new Error("injected failure"), {
          code: "internal",
        });
      }
      if (runNumber <= options.generationTrapFirstRuns) {
        // Rejects like a run that crashed the instance: `internal`, instance retired.
        await pipeline.trapForTesting();
      }
      await pipeline.runProgramGenerationPipeline(programId, pipelineDeps);
      return finish("completed");
    } catch (error) {
      if (saved) return finish("completed");
      if (lost) return finish("superseded");
      if (released || stopping) return finish("released");
      const code = errorCode(error);
      if (!DETERMINISTIC.has(code)) return finish("abandoned", code);
      const message = error instanceof Error ? error.message : String(error);
      try {
        const held = await patiently(() =>
          db.fail(programId, jobId, `${code}: ${message}`)
        );
        return finish(held ? "failed" : "superseded", code);
      } catch {
        return finish("abandoned", code);
      }
    } finally {
      clearInterval(heartbeat);
      runs.delete(active);
    }
  };

  // Which run of its program this is, for the test knobs; 1 when they are off,
  // so production keeps no per-program state.
  const countRun = (programId: string): number => {
    if (
      options.generationFailFirstRuns === 0 &&
      options.generationTrapFirstRuns === 0
    ) return 1;
    const runs = (runsByProgram.get(programId) ?? 0) + 1;
    runsByProgram.set(programId, runs);
    return runs;
  };

  const start = (row: ProgramRow, trigger: Trigger, since: number) => {
    if (stopping) {
      // Claimed as the worker stops: hand it straight back.
      background.spawn(
        db.release(row.id, row.generation_job_id as string).catch(() => false),
      );
      return;
    }
    telemetry.transition({
      transition: "enqueued",
      programId: row.id,
      jobId: row.generation_job_id,
      attempt: row.generation_attempts,
      trigger,
    });
    // Wait for a turn first, so the 202 is written before the CPU work begins.
    background.spawn(
      priority.backgroundTurn().then(() => run(row, trigger, since)),
    );
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

  const reclaimExpired = async (trigger: Trigger): Promise<number> => {
    let restarted = 0;
    // Bounded batches, so one startup never holds a huge transaction.
    for (;;) {
      if (stopping) return restarted;
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
  };

  return {
    start,
    run,
    resume,
    reclaimExpired,
    async sweep() {
      if (stopping) return 0;
      // Own leases first: after a stall they may have expired, and this
      // worker's runs are alive. Until they are renewed, reclaim nothing.
      const renewed = await Promise.all([...runs].map(beat));
      if (!renewed.every(Boolean)) return 0;
      return await reclaimExpired("sweep");
    },
    active: () => runs.size,
    async releaseAll() {
      stopping = true;
      const handedBack = await Promise.all(
        [...runs].map((active) =>
          db.release(active.programId, active.jobId).catch(() => false)
        ),
      );
      return handedBack.filter(Boolean).length;
    },
  };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "internal";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
