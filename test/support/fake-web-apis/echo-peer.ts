// A minimal SMP peer for transport tests: answers os echo (group 0, id 0) with {r: d} as Zephyr does, os
// mcumgr_params (id 6) with its buffer size, and everything else with rc 8 (not supported). Packets larger than
// its buffer are dropped unanswered, like a Zephyr device that cannot hold them. Answers come asynchronously.

import { SmpOp, decodePacket, encodePacket, type CborMap } from "../../../src/core/smp/index.js";
import type { PeerConnection, PeerPort, SmpPeer } from "./links.js";

export interface EchoPeerOptions {
  readonly bufSize?: number;
  readonly bufCount?: number;
  /** Answer os mcumgr_params (default true). */
  readonly params?: boolean;
  /** Runs an answer later (default: a real macrotask); virtual-time tests pass their clock's scheduler. */
  readonly defer?: ((fn: () => void) => void) | undefined;
}

const MGMT_ERR_ENOTSUP = 8;

export class EchoSmpPeer implements SmpPeer {
  readonly bufSize: number;
  private readonly ports = new Set<PeerPort>();
  /** Requests answered so far. */
  answered = 0;

  constructor(private readonly options: EchoPeerOptions = {}) {
    this.bufSize = options.bufSize ?? 4096;
  }

  attach(port: PeerPort): PeerConnection {
    this.ports.add(port);
    return {
      receive: (packet) => {
        const response = this.answer(packet);
        if (response === undefined) return;
        const defer = this.options.defer ?? ((fn: () => void) => setTimeout(fn, 0));
        defer(() => {
          if (!this.ports.has(port)) return;
          this.answered += 1;
          port.send(response);
        });
      },
      detach: () => {
        this.ports.delete(port);
      },
    };
  }

  /** Drops every link, as a reset would. */
  reset(): void {
    const ports = [...this.ports];
    this.ports.clear();
    for (const port of ports) port.lost(new Error("The echo peer reset."));
  }

  private answer(packet: Uint8Array): Uint8Array | undefined {
    if (packet.length > this.bufSize) return undefined;
    let request;
    try {
      request = decodePacket(packet);
    } catch {
      return undefined;
    }
    const { header, body } = request;
    if (header.op !== SmpOp.read && header.op !== SmpOp.write) return undefined;
    let answer: CborMap;
    if (header.group === 0 && header.command === 0 && typeof body.d === "string") answer = { r: body.d };
    else if (header.group === 0 && header.command === 6 && this.options.params !== false) {
      answer = { buf_size: this.bufSize, buf_count: this.options.bufCount ?? 4 };
    } else answer = { rc: MGMT_ERR_ENOTSUP };
    const op = header.op === SmpOp.read ? SmpOp.readResponse : SmpOp.writeResponse;
    return encodePacket({ ...header, op }, answer);
  }
}
