// An in-memory Transport for client tests: records what is sent, lets the test deliver any packet, and can be
// lost or closed. `respond` builds an answer packet to a recorded request.

import type { CborMap } from "../../../src/core/smp/cbor.js";
import { SmpOp, decodeHeader, type SmpHeader } from "../../../src/core/smp/header.js";
import { decodePacket, encodePacket } from "../../../src/core/smp/packet.js";
import type { Transport, TransportCloseReason } from "../../../src/core/transport.js";

export class FakeTransport implements Transport {
  readonly label = "fake";
  readonly maxPacketSize = Infinity;
  readonly sent: Uint8Array[] = [];
  readonly closed: Promise<TransportCloseReason>;
  /** Called for every sent packet (after recording it); return a promise to delay or fail the send. */
  onSend: ((packet: Uint8Array) => void | Promise<void>) | undefined;
  private readonly listeners = new Set<(packet: Uint8Array) => void>();
  private resolveClosed: (reason: TransportCloseReason) => void = () => {};

  constructor() {
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  send(packet: Uint8Array): Promise<void> {
    this.sent.push(packet);
    return Promise.resolve(this.onSend?.(packet));
  }

  onPacket(listener: (packet: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliver(packet: Uint8Array): void {
    for (const l of [...this.listeners]) l(packet);
  }

  lose(error = new Error("cable pulled")): void {
    this.resolveClosed({ kind: "lost", error });
  }

  close(): Promise<void> {
    this.resolveClosed({ kind: "user" });
    return Promise.resolve();
  }

  /** Header of the n-th sent packet (default: the last). */
  header(n = this.sent.length - 1): SmpHeader {
    const packet = this.sent[n];
    if (packet === undefined) throw new Error(`no packet ${n} was sent`);
    return decodeHeader(packet);
  }

  body(n = this.sent.length - 1): CborMap {
    const packet = this.sent[n];
    if (packet === undefined) throw new Error(`no packet ${n} was sent`);
    return decodePacket(packet).body;
  }
}

/** The answer to a request header, with the given body; `patch` alters header fields (version, sequence, ...). */
export function answer(
  request: SmpHeader,
  body: CborMap,
  patch: Partial<Omit<SmpHeader, "length">> = {},
): Uint8Array {
  return encodePacket(
    {
      op: request.op === SmpOp.read ? SmpOp.readResponse : SmpOp.writeResponse,
      version: request.version,
      flags: 0,
      group: request.group,
      sequence: request.sequence,
      command: request.command,
      ...patch,
    },
    body,
  );
}

/** Lets pending promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
