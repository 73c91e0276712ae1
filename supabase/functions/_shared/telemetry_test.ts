import assert from "node:assert/strict";
import { createTelemetry } from "./telemetry.ts";

Deno.test("each_transition_is_one_json_line_with_rounded_timings_and_no_undefined_fields", () => {
  const lines: string[] = [];
  const telemetry = createTelemetry((line) => lines.push(line));
  telemetry.transition({
    transition: "completed",
    programId: "p",
    jobId: "j",
    attempt: 2,
    generationMs: 12.34567,
    saveMs: undefined,
  });
  assert.equal(lines.length, 1);
  assert(!lines[0].includes("\n"));
  const parsed = JSON.parse(lines[0]);
  assert.equal(parsed.event, "generation");
  assert.equal(parsed.transition, "completed");
  assert.equal(parsed.generationMs, 12.35);
  assert.equal(parsed.attempt, 2);
  assert(!("saveMs" in parsed));
  assert(!Number.isNaN(Date.parse(parsed.ts)));
});
