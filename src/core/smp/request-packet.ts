// Builds the exact bytes of a request packet (header + CBOR) without a client, so the upload engine can size
// chunks by encoding a worst-case request, and tests can compare with reference frames byte for byte.

import type { SmpCommand, SmpOpKind, SmpProtocolVersion } from "./command.js";
import { SmpOp, type SmpVersion } from "./header.js";
import { encodePacket } from "./packet.js";

export function requestOp(op: SmpOpKind): SmpOp {
  return op === "read" ? SmpOp.read : SmpOp.write;
}

export function responseOp(op: SmpOpKind): SmpOp {
  return op === "read" ? SmpOp.readResponse : SmpOp.writeResponse;
}

/** Header version bits for a protocol version: v1 → 0, v2 → 1. */
export function versionBits(version: SmpProtocolVersion): SmpVersion {
  return version === 1 ? 0 : 1;
}

export function encodeRequestPacket<Req, Res>(
  command: SmpCommand<Req, Res>,
  request: Req,
  sequence: number,
  version: SmpProtocolVersion = 2,
): Uint8Array {
  return encodePacket(
    {
      op: requestOp(command.op),
      version: versionBits(version),
      flags: 0,
      group: command.group,
      sequence: sequence & 0xff,
      command: command.id,
    },
    command.encode(request),
  );
}

/** Size in bytes of the whole request packet; the sequence number never changes it. */
export function requestPacketSize<Req, Res>(
  command: SmpCommand<Req, Res>,
  request: Req,
  version: SmpProtocolVersion = 2,
): number {
  return encodeRequestPacket(command, request, 0, version).length;
}
