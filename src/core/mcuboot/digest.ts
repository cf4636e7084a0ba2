// Hashing through WebCrypto, the one digest implementation core uses (browser, Node and workers alike).

import { HASH_ALGORITHMS, type HashAlgorithm } from "./constants.js";

/** Digest of `data` (a view is hashed in place; WebCrypto does any copying it needs). */
export async function digest(algorithm: HashAlgorithm, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(HASH_ALGORITHMS[algorithm].webCrypto, cryptoBytes(data)));
}

/** Constant-time-ish comparison is not needed here: every compared value is public. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The same bytes typed as WebCrypto's BufferSource wants them (ArrayBuffer-backed). A view, not a copy,
 * unless the bytes live in a SharedArrayBuffer, which WebCrypto refuses anyway.
 */
export function cryptoBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : bytes.slice();
}
