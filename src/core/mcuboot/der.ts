// A small strict DER reader and writer (ITU-T X.690) for the structures keys and ECDSA signatures use:
// SEQUENCE, INTEGER, BIT STRING, OCTET STRING, OID, NULL and context tags. Readers return undefined on
// anything malformed; callers turn that into a typed error with context.

export const DER = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

export interface DerNode {
  readonly tag: number;
  /** The content octets (a view). */
  readonly value: Uint8Array;
  /** The whole element, header included (a view). */
  readonly raw: Uint8Array;
}

/** Reads one element at `offset`; undefined when the encoding is not valid DER or runs past the bytes. */
export function readDer(bytes: Uint8Array, offset = 0): DerNode | undefined {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f) return undefined;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[offset + 2 + i];
      if (b === undefined || (i === 0 && b === 0)) return undefined;
      length = length * 256 + b;
    }
    if (length < 0x80) return undefined;
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) return undefined;
  return { tag, value: bytes.subarray(offset + header, end), raw: bytes.subarray(offset, end) };
}

/** Reads an element that must fill `bytes` exactly. */
export function readDerExact(bytes: Uint8Array): DerNode | undefined {
  const node = readDer(bytes);
  return node && node.raw.length === bytes.length ? node : undefined;
}

/** The children of a constructed element, or undefined when they do not tile its content exactly. */
export function derChildren(node: DerNode): DerNode[] | undefined {
  const out: DerNode[] = [];
  let at = 0;
  while (at < node.value.length) {
    const child = readDer(node.value, at);
    if (!child) return undefined;
    out.push(child);
    at += child.raw.length;
  }
  return out;
}

/** A non-negative INTEGER's magnitude without sign padding; undefined when negative or not minimal. */
export function derUnsigned(node: DerNode): Uint8Array | undefined {
  if (node.tag !== DER.INTEGER || node.value.length === 0) return undefined;
  const v = node.value;
  if (v[0]! & 0x80) return undefined;
  if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) return undefined;
  return v[0] === 0 && v.length > 1 ? v.subarray(1) : v;
}

export function oidText(node: DerNode): string | undefined {
  if (node.tag !== DER.OID || node.value.length === 0) return undefined;
  const parts: number[] = [];
  let acc = 0;
  for (const b of node.value) {
    acc = acc * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(acc < 80 ? Math.floor(acc / 40) : 2, acc < 80 ? acc % 40 : acc - 80);
      else parts.push(acc);
      acc = 0;
    }
  }
  return parts.join(".");
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  return [0x80 | out.length, ...out];
}

export function derEncode(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const c of content) total += c.length;
  const head = [tag, ...lengthBytes(total)];
  const out = new Uint8Array(head.length + total);
  out.set(head, 0);
  let at = head.length;
  for (const c of content) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** An unsigned big-endian magnitude as a DER INTEGER (adds the 0x00 sign byte when needed). */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const m = magnitude.subarray(start);
  return m[0]! & 0x80 ? derEncode(DER.INTEGER, Uint8Array.of(0), m) : derEncode(DER.INTEGER, m);
}

export function derOid(text: string): Uint8Array {
  const parts = text.split(".").map(Number);
  const body: number[] = [];
  const push = (n: number): void => {
    const groups: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    body.push(...groups);
  };
  push(parts[0]! * 40 + parts[1]!);
  for (const p of parts.slice(2)) push(p);
  return derEncode(DER.OID, Uint8Array.from(body));
}
