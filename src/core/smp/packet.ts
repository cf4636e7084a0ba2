// A whole SMP packet: header + CBOR body. Encoding fills in the length; decoding checks it.

import { concatBytes } from "../bytes.js";
import { type ErrorParams, McuFlashError } from "../errors.js";
import { type CborMap, decodeCborMap, encodeCbor } from "./cbor.js";
import { SMP_HEADER_SIZE, type SmpHeader, decodeHeader, encodeHeader } from "./header.js";

export interface SmpPacket {
  readonly header: SmpHeader;
  readonly body: CborMap;
}

export class SmpPacketError extends McuFlashError {
  constructor(variant: string, params: ErrorParams = {}) {
    super("smp-bad-packet", params, { variant, hint: "smp-bad-packet" });
  }
}

export function encodePacket(header: Omit<SmpHeader, "length">, body: CborMap): Uint8Array {
  const cbor = encodeCbor(body);
  return concatBytes(encodeHeader({ ...header, length: cbor.length }), cbor);
}

/** Decodes a packet whose length must match its header exactly. */
export function decodePacket(bytes: Uint8Array): SmpPacket {
  const header = decodeHeader(bytes);
  const expected = SMP_HEADER_SIZE + header.length;
  if (bytes.length !== expected) {
    throw new SmpPacketError("smp-header-announces", { expected, bytesLength: bytes.length });
  }
  const body = header.length === 0 ? {} : decodeCborMap(bytes.subarray(SMP_HEADER_SIZE));
  return { header, body };
}
