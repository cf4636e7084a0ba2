// MCUboot stores ECDSA signatures as DER (SEQUENCE of INTEGER r and s, SEC 1 §C.8), possibly followed by
// zero bytes (`imgtool --pad-sig`). WebCrypto wants them raw: r and s as fixed-size big-endian halves.

import { DER, derChildren, derUnsigned, readDer } from "./der.js";

/** The raw r||s form for a curve of `size` bytes, or undefined when the DER is malformed. */
export function ecdsaDerToRaw(signature: Uint8Array, size: number): Uint8Array | undefined {
  const node = readDer(signature);
  if (!node || node.tag !== DER.SEQUENCE) return undefined;
  for (let i = node.raw.length; i < signature.length; i++) if (signature[i] !== 0) return undefined;
  const parts = derChildren(node);
  if (!parts || parts.length !== 2) return undefined;
  const r = derUnsigned(parts[0]!);
  const s = derUnsigned(parts[1]!);
  if (!r || !s || r.length > size || s.length > size) return undefined;
  const raw = new Uint8Array(size * 2);
  raw.set(r, size - r.length);
  raw.set(s, size * 2 - s.length);
  return raw;
}
