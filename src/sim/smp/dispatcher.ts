// The SMP server core, modelled on Zephyr's subsys/mgmt/mcumgr/smp/src/smp.c (smp_process_request_packet):
// a packet may hold several requests back to back; each gets its own response with the request's group,
// sequence and command, the response op, and the version clamped to 2 (bits value 1). Dispatch failures and a
// handler's non-zero return become `{rc}` (even for v2); group errors added by a handler become
// `err {group, rc}` for v2 and the group's translated `rc` for v1. Bodies are indefinite-length maps.

import { concatBytes } from "../../core/bytes.js";
import { RMap, encodeResponseBody } from "./cbor-writer.js";
import type { HandlerContext, LinkKind, SimGroup } from "./group.js";
import { MgmtErr, translateToV1 } from "./mgmt-codes.js";
import { readRequestBody } from "./request-fields.js";

const HEADER_SIZE = 8;
const OP_READ = 0;
const OP_WRITE = 2;

export interface RawHeader {
  readonly op: number;
  readonly version: number;
  readonly flags: number;
  readonly length: number;
  readonly group: number;
  readonly sequence: number;
  readonly id: number;
}

/** Reads the 8-byte header without judging it (any op, any version), like smp_read_hdr. */
export function readRawHeader(bytes: Uint8Array): RawHeader | undefined {
  if (bytes.length < HEADER_SIZE) return undefined;
  const b0 = bytes[0]!;
  return {
    op: b0 & 0x7,
    version: (b0 >> 3) & 0x3,
    flags: bytes[1]!,
    length: (bytes[2]! << 8) | bytes[3]!,
    group: (bytes[4]! << 8) | bytes[5]!,
    sequence: bytes[6]!,
    id: bytes[7]!,
  };
}

function responseHeader(req: RawHeader, bodyLength: number): Uint8Array {
  const op = req.op === OP_READ ? 1 : 3;
  const version = Math.min(req.version, 1);
  return new Uint8Array([
    (version << 3) | op,
    0,
    (bodyLength >> 8) & 0xff,
    bodyLength & 0xff,
    (req.group >> 8) & 0xff,
    req.group & 0xff,
    req.sequence,
    req.id,
  ]);
}

/** Zephyr's smp_build_err_rsp: `{"rc": status}` answering `req`. */
export function errorResponse(req: RawHeader, status: number): Uint8Array {
  const body = encodeResponseBody(new RMap().put("rc", status));
  return concatBytes(responseHeader(req, body.length), body);
}

export interface DispatchResult {
  readonly responses: Uint8Array[];
  /** Simulated busy time the handlers asked for, in ms. */
  readonly spentMs: number;
  /** Actions to run once the responses are out. */
  readonly after: (() => void)[];
  /** Headers of the requests that were handled (for logs and fault injection). */
  readonly requests: RawHeader[];
}

export interface DispatchOptions {
  readonly groups: ReadonlyMap<number, SimGroup>;
  /** The device's netbuf size: a response must fit in it, header included. */
  readonly bufSize: number;
  readonly via: LinkKind;
}

interface SingleResult {
  readonly rc: number;
  readonly body?: Uint8Array;
}

async function handleSingle(
  header: RawHeader,
  cbor: Uint8Array,
  options: DispatchOptions,
  spend: (ms: number) => void,
  after: (action: () => void) => void,
): Promise<SingleResult> {
  // smp_handle_single_req: no protocol beyond v2.
  if (header.version > 1) return { rc: MgmtErr.UNSUPPORTED_TOO_NEW };
  const group = options.groups.get(header.group);
  const pair = group?.handlers[header.id];
  if (!pair) return { rc: MgmtErr.ENOTSUP };
  const handler = header.op === OP_READ ? pair.read : pair.write;
  if (!handler) return { rc: MgmtErr.ENOTSUP };

  const rsp = new RMap();
  let groupError: { group: number; rc: number } | undefined;
  const ctx: HandlerContext = {
    version: header.version,
    group: header.group,
    id: header.id,
    sequence: header.sequence,
    body: readRequestBody(cbor),
    rsp,
    via: options.via,
    addError(errGroup: number, rc: number) {
      if (rc === 0) return;
      groupError = { group: errGroup, rc };
      rsp.put("err", new RMap().put("group", errGroup).put("rc", rc));
    },
    spend,
    afterResponse: after,
  };
  const rc = await handler(ctx);
  if (rc !== 0) return { rc };
  if (groupError && header.version === 0) return { rc: translateToV1(groupError.group, groupError.rc) };
  const body = encodeResponseBody(rsp);
  // zcbor writes into the response netbuf after the 8-byte header; a body that does not fit fails encoding.
  if (HEADER_SIZE + body.length > options.bufSize) return { rc: MgmtErr.EMSGSIZE };
  return { rc: 0, body };
}

/** Processes one received packet: every request in it, stopping at the first error (which is answered). */
export async function dispatchPacket(packet: Uint8Array, options: DispatchOptions): Promise<DispatchResult> {
  const responses: Uint8Array[] = [];
  const after: (() => void)[] = [];
  const requests: RawHeader[] = [];
  let spentMs = 0;
  const spend = (ms: number): void => {
    spentMs += Math.max(0, ms);
  };
  const queueAfter = (action: () => void): void => {
    after.push(action);
  };

  let rest = packet;
  while (rest.length > 0) {
    const header = readRawHeader(rest);
    if (!header) break; // MGMT_ERR_ECORRUPT without a valid header: nothing is sent.
    requests.push(header);
    const payload = rest.subarray(HEADER_SIZE);
    if (payload.length < header.length) {
      responses.push(errorResponse(header, MgmtErr.ECORRUPT));
      break;
    }
    if (header.op !== OP_READ && header.op !== OP_WRITE) {
      responses.push(errorResponse(header, MgmtErr.ENOTSUP));
      break;
    }
    const result = await handleSingle(header, payload.subarray(0, header.length), options, spend, queueAfter);
    if (result.rc !== 0 || !result.body) {
      responses.push(errorResponse(header, result.rc));
      break;
    }
    responses.push(concatBytes(responseHeader(header, result.body.length), result.body));
    rest = payload.subarray(header.length);
  }
  return { responses, spentMs, after, requests };
}
