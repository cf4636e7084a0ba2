// The 8-byte SMP header (Zephyr "SMP protocol specification", header section), v1 and v2.
// Byte 0: 3 reserved bits, 2 version bits, 3 op bits; then flags, big-endian length of the CBOR body,
// big-endian group id, sequence number, command id.

import { type ErrorParams, McuFlashError } from "../errors.js";

export const SMP_HEADER_SIZE = 8;

export const SmpOp = { read: 0, readResponse: 1, write: 2, writeResponse: 3 } as const;
export type SmpOp = (typeof SmpOp)[keyof typeof SmpOp];

/** SMP version bits: 0 is the original protocol (errors as `rc`), 1 is v2 (errors as `err {group, rc}`). */
export const SmpVersion = { v1: 0, v2: 1 } as const;
export type SmpVersion = (typeof SmpVersion)[keyof typeof SmpVersion];

export interface SmpHeader {
  readonly op: SmpOp;
  readonly version: number;
  readonly flags: number;
  /** Length of the CBOR body that follows the header, in bytes. */
  readonly length: number;
  readonly group: number;
  readonly sequence: number;
  readonly command: number;
}

export class SmpHeaderError extends McuFlashError {
  constructor(variant: string, params: ErrorParams = {}) {
    super("smp-bad-header", params, { variant, hint: "smp-bad-header" });
  }
}

const OPS: readonly SmpOp[] = [SmpOp.read, SmpOp.readResponse, SmpOp.write, SmpOp.writeResponse];

export function isResponseOp(op: number): boolean {
  return op === SmpOp.readResponse || op === SmpOp.writeResponse;
}

export function encodeHeader(header: SmpHeader): Uint8Array {
  const out = new Uint8Array(SMP_HEADER_SIZE);
  out[0] = ((header.version & 0x3) << 3) | (header.op & 0x7);
  out[1] = header.flags & 0xff;
  out[2] = (header.length >> 8) & 0xff;
  out[3] = header.length & 0xff;
  out[4] = (header.group >> 8) & 0xff;
  out[5] = header.group & 0xff;
  out[6] = header.sequence & 0xff;
  out[7] = header.command & 0xff;
  return out;
}

export function decodeHeader(bytes: Uint8Array): SmpHeader {
  if (bytes.length < SMP_HEADER_SIZE) {
    throw new SmpHeaderError("smp-packet-needs", { bytesLength: bytes.length });
  }
  const b0 = bytes[0]!;
  const op = OPS[b0 & 0x7];
  if (op === undefined) throw new SmpHeaderError("unknown-smp-operation", { value: b0 & 0x7 });
  return {
    op,
    version: (b0 >> 3) & 0x3,
    flags: bytes[1]!,
    length: (bytes[2]! << 8) | bytes[3]!,
    group: (bytes[4]! << 8) | bytes[5]!,
    sequence: bytes[6]!,
    command: bytes[7]!,
  };
}
