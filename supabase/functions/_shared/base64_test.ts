import assert from "node:assert/strict";
import { decodeBase64 } from "./base64.ts";

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) % 256);
const text = btoa(String.fromCharCode(...bytes));

Deno.test("the_loop_decodes_the_same_bytes_as_the_native_decoder", () => {
  assert.deepEqual(decodeBase64(text, undefined), bytes);
  const native = (Uint8Array as unknown as {
    fromBase64?: (text: string) => Uint8Array;
  }).fromBase64;
  if (native !== undefined) assert.deepEqual(decodeBase64(text), bytes);
});

Deno.test("both_paths_refuse_text_that_is_not_base64", () => {
  assert.throws(() => decodeBase64("not base64!", undefined));
  assert.throws(() => decodeBase64("not base64!"));
});
