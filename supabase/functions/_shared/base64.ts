/**
 * Base64 to bytes, for the WASM module embedded in the function's bundle.
 *
 * This module decides how the embedded text becomes bytes: with the native
 * `Uint8Array.fromBase64` where the runtime has it (one fast call), and with a
 * plain loop over `atob` elsewhere. Both give the same bytes.
 *
 * @module
 */

type FromBase64 = (text: string) => Uint8Array<ArrayBuffer>;

/** The native decoder, when the runtime has one. */
const nativeFromBase64: FromBase64 | undefined =
  (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

/** Decodes standard base64 (with padding) into bytes. */
export function decodeBase64(
  text: string,
  native: FromBase64 | undefined = nativeFromBase64,
): Uint8Array<ArrayBuffer> {
  if (native !== undefined) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
