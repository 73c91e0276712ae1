/**
 * Telemetry: one structured JSON log line per generation transition.
 *
 * This module decides what a transition log line contains: the program and
 * job ids, the attempt, the outcome and the timings (enqueue → start latency,
 * generation duration, save duration). It never takes a profile or a program,
 * so their contents cannot leak into logs. Where the line goes is the sink's
 * business (stdout by default, which Supabase collects).
 *
 * @module
 */

/** A generation transition worth a log line. */
export type Transition =
  /** A claim was made and the run handed to the background. */
  | "enqueued"
  /** The background run began. */
  | "started"
  /** The program was saved and the job completed. */
  | "completed"
  /** The job was failed with a deterministic error. */
  | "failed"
  /** The job lost its claim to a newer one; its work was dropped. */
  | "superseded"
  /** The run stopped on a database error; the lease will expire and be reclaimed. */
  | "abandoned"
  /** The worker is shutting down and handed the run back for another worker. */
  | "released"
  /** An expired lease was reclaimed for another attempt. */
  | "reclaimed"
  /** An expired lease was found after the last attempt; the job was failed. */
  | "exhausted";

/** What caused a claim. */
export type Trigger =
  | "create"
  | "start"
  | "retry"
  | "poll"
  | "list"
  | "startup"
  | "sweep";

/** The fields of one transition line; timings are milliseconds. */
export interface TransitionEvent {
  transition: Transition;
  programId: string;
  jobId: string | null;
  attempt?: number;
  trigger?: Trigger;
  /** From the request's arrival (or the reclaim) to the start of the run. */
  enqueueToStartMs?: number;
  /** From the start of the run to its end, save included. */
  generationMs?: number;
  /** The `complete_generation` round trip. */
  saveMs?: number;
  /** The error code of a failed or abandoned run. */
  errorCode?: string;
  /** WASM instances this worker had created when the run ended; a trap adds one. */
  generatorInstances?: number;
}

/** Receives one finished log line. */
export type Sink = (line: string) => void;

/** Emits transition lines. */
export interface Telemetry {
  /** Writes one line for `event`, stamped with the time. */
  transition(event: TransitionEvent): void;
}

/** A telemetry writer to `sink` (default: stdout). */
export function createTelemetry(
  sink: Sink = (line) => console.log(line),
): Telemetry {
  return {
    transition(event) {
      const line: Record<string, unknown> = {
        ts: new Date().toISOString(),
        event: "generation",
      };
      for (const [key, value] of Object.entries(event)) {
        if (value === undefined) continue;
        line[key] = typeof value === "number" && !Number.isInteger(value)
          ? round(value)
          : value;
      }
      sink(JSON.stringify(line));
    },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
