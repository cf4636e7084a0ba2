// Hand-built SMP requests and decoded answers for simulator tests (group and command ids as in
// ../shared/vectors/smp/requests.json).
import { type CborMap } from "../../../src/core/smp/cbor.js";
import { decodeHeader, SmpOp, type SmpHeader } from "../../../src/core/smp/header.js";
import { decodePacket, encodePacket } from "../../../src/core/smp/packet.js";
import type { SimulatedDevice } from "../../../src/sim/index.js";

export const G = {
  os: 0,
  image: 1,
  stat: 2,
  settings: 3,
  fs: 8,
  shell: 9,
  enumeration: 10,
  zephyr: 63,
} as const;

let nextSequence = 0;

export interface RequestOptions {
  /** 1 (original, header bits 0) or 2 (header bits 1). */
  readonly smp?: 1 | 2;
  readonly sequence?: number;
}

export function req(
  group: number,
  id: number,
  op: "read" | "write",
  body: CborMap = {},
  options: RequestOptions = {},
): Uint8Array {
  const sequence = options.sequence ?? nextSequence++ & 0xff;
  return encodePacket(
    {
      op: op === "read" ? SmpOp.read : SmpOp.write,
      version: (options.smp ?? 2) === 2 ? 1 : 0,
      flags: 0,
      group,
      sequence,
      command: id,
    },
    body,
  );
}

export interface Answer {
  readonly header: SmpHeader;
  readonly body: CborMap;
}

export function decode(bytes: Uint8Array): Answer {
  return decodePacket(bytes);
}

/** Sends one request straight to the device and decodes its single answer. */
export async function ask(
  device: SimulatedDevice,
  group: number,
  id: number,
  op: "read" | "write",
  body: CborMap = {},
  options: RequestOptions = {},
): Promise<Answer> {
  const responses = await device.handlePacket(req(group, id, op, body, options));
  if (responses.length !== 1) throw new Error(`expected one response, got ${responses.length}`);
  return decode(responses[0]!);
}

export function headerOf(bytes: Uint8Array): SmpHeader {
  return decodeHeader(bytes);
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
