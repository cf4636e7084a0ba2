// Standard base64 (RFC 4648, '=' padding) working directly on ASCII bytes. Serial frames are bytes on the
// wire, so encoding into and decoding from byte buffers avoids building strings on the upload hot path.
// (src/core/bytes.ts has the string form for everything else.)

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export const PAD = 0x3d; // '='

const ENCODE: Uint8Array = Uint8Array.from(ALPHABET, (ch) => ch.charCodeAt(0));

/** Value of each ASCII byte as a base64 digit, or -1. Indexed by any byte value (0..255). */
export const BASE64_VALUE: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

/** Number of base64 characters for `byteLength` bytes, padding included. */
export function base64Length(byteLength: number): number {
  return Math.ceil(byteLength / 3) * 4;
}

/**
 * Writes base64 of `src[start, end)` into `out` at `at` and returns the offset after it. Padding is written
 * only when the range length is not a multiple of 3.
 */
export function encodeBase64Into(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
): number {
  const e = ENCODE;
  let o = at;
  let i = start;
  for (const whole = end - ((end - start) % 3); i < whole; i += 3) {
    const n = (src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!;
    out[o] = e[n >> 18]!;
    out[o + 1] = e[(n >> 12) & 63]!;
    out[o + 2] = e[(n >> 6) & 63]!;
    out[o + 3] = e[n & 63]!;
    o += 4;
  }
  const rest = end - i;
  if (rest > 0) {
    const n = (src[i]! << 16) | (rest === 2 ? src[i + 1]! << 8 : 0);
    out[o] = e[n >> 18]!;
    out[o + 1] = e[(n >> 12) & 63]!;
    out[o + 2] = rest === 2 ? e[(n >> 6) & 63]! : PAD;
    out[o + 3] = PAD;
    o += 4;
  }
  return o;
}
