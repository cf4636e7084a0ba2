// SMP over Bluetooth LE, device → client (Zephyr smp_bt.c; shared/vectors/smp/ble_notes.md): a packet
// arrives as notifications of at most ATT_MTU - 3 bytes with no framing of their own, so the only way to find
// its end is the SMP header's length field: a packet is complete at 8 + length bytes.
//
// Zephyr starts every packet in a fresh notification, so a notification never carries the end of one packet
// and the start of the next. Bytes past the announced end therefore mean the stream is out of step; that is
// reported, and reassembly restarts at a notification boundary. The simulator reassembles client writes the
// same way (Zephyr's CONFIG_MCUMGR_TRANSPORT_BT_REASSEMBLY also drops a packet whose writes overrun it).

import { SMP_HEADER_SIZE, SmpOp } from "../smp/header.js";
import type { ErrorParams } from "../errors.js";
import { FramingArgumentError, GattFrameError, GattFrameErrorKind } from "./framing-errors.js";

/** Which SMP operations may start a packet: a client receives responses, a device receives requests. */
export type GattAcceptedOps = "responses" | "requests" | "any";

export interface GattReassemblerOptions {
  /** Largest packet, header included (bounds memory). Default: the largest the header can announce. */
  readonly maxPacketSize?: number;
  /** Headers with other operations are treated as garbage. Default "any". */
  readonly accept?: GattAcceptedOps;
}

export type GattReassemblyEvent =
  | { readonly type: "packet"; readonly packet: Uint8Array }
  | { readonly type: "frame-error"; readonly error: GattFrameError };

export interface GattReassemblerStats {
  readonly packets: number;
  readonly frameErrors: number;
  readonly frameErrorsByKind: Readonly<Record<GattFrameErrorKind, number>>;
}

const LARGEST_PACKET = SMP_HEADER_SIZE + 0xffff;

const ACCEPTED_OPS: Record<GattAcceptedOps, readonly number[]> = {
  responses: [SmpOp.readResponse, SmpOp.writeResponse],
  requests: [SmpOp.read, SmpOp.write],
  any: [SmpOp.read, SmpOp.readResponse, SmpOp.write, SmpOp.writeResponse],
};

/**
 * Usage: `for (const event of reassembler.push(notificationValue)) ...`; `reset()` on (re)connect.
 * push() never throws. Several packets in a row, each over one or more notifications, come out in order.
 */
export class GattReassembler {
  private readonly maxPacketSize: number;
  private readonly acceptedOps: readonly number[];
  private readonly header = new Uint8Array(SMP_HEADER_SIZE);
  private headerHave = 0;
  private packet: Uint8Array | undefined;
  private have = 0;
  private events: GattReassemblyEvent[] = [];
  private counts = {
    packets: 0,
    frameErrors: 0,
    byKind: { overrun: 0, "bad-header": 0, "too-large": 0 } satisfies Record<GattFrameErrorKind, number>,
  };

  constructor(options: GattReassemblerOptions = {}) {
    const max = options.maxPacketSize ?? LARGEST_PACKET;
    if (!Number.isSafeInteger(max) || max < SMP_HEADER_SIZE || max > LARGEST_PACKET) {
      throw new FramingArgumentError("gatt-packet-limit", { SMP_HEADER_SIZE, LARGEST_PACKET, max });
    }
    this.maxPacketSize = max;
    this.acceptedOps = ACCEPTED_OPS[options.accept ?? "any"];
  }

  /** Bytes held for a packet not yet complete (0 between packets). */
  get pendingBytes(): number {
    return this.packet === undefined ? this.headerHave : this.have;
  }

  /** Counters since construction; reset() keeps them. */
  get stats(): GattReassemblerStats {
    const c = this.counts;
    return { packets: c.packets, frameErrors: c.frameErrors, frameErrorsByKind: { ...c.byKind } };
  }

  /** Appends one notification's value; returns the packets it completed and any errors. */
  push(notification: Uint8Array): GattReassemblyEvent[] {
    const events: GattReassemblyEvent[] = [];
    this.events = events;
    if (notification.length > 0) this.append(notification, true);
    return events;
  }

  /** Drops any partial packet silently (a reconnect starts clean; Zephyr discards stale responses too). */
  reset(): void {
    this.headerHave = 0;
    this.packet = undefined;
    this.have = 0;
  }

  private append(notification: Uint8Array, mayRestart: boolean): void {
    const startsHere = this.packet === undefined && this.headerHave === 0;
    let data = notification;
    if (this.packet === undefined) {
      const take = Math.min(SMP_HEADER_SIZE - this.headerHave, data.length);
      this.header.set(data.subarray(0, take), this.headerHave);
      this.headerHave += take;
      data = data.subarray(take);
      if (this.headerHave < SMP_HEADER_SIZE) return;
      const packet = this.startPacket();
      if (packet === undefined) return;
      this.packet = packet;
    }
    const packet = this.packet;
    if (this.have + data.length > packet.length) {
      this.fail(GattFrameErrorKind.overrun, {
        received: this.have + data.length,
        packetLength: packet.length,
      });
      // When the overrun began in an earlier notification, this one may well be the start of the next
      // packet (an earlier notification was lost); give it its own chance.
      if (!startsHere && mayRestart) this.append(notification, false);
      return;
    }
    packet.set(data, this.have);
    this.have += data.length;
    if (this.have === packet.length) {
      this.reset();
      this.counts.packets++;
      this.events.push({ type: "packet", packet });
    }
  }

  /** Checks the complete header and allocates the packet, or reports it as garbage and drops it. */
  private startPacket(): Uint8Array | undefined {
    const h = this.header;
    const op = h[0]! & 0x07;
    const reserved = h[0]! >> 5;
    if (reserved !== 0 || !this.acceptedOps.includes(op)) {
      if (reserved !== 0)
        this.fail(GattFrameErrorKind.badHeader, { firstByte: `0x${hex2(h[0]!)}` }, "reserved-bits");
      else this.fail(GattFrameErrorKind.badHeader, { op }, "unexpected-op");
      return undefined;
    }
    const total = SMP_HEADER_SIZE + ((h[2]! << 8) | h[3]!);
    if (total > this.maxPacketSize) {
      this.fail(GattFrameErrorKind.tooLarge, { packetLength: total, max: this.maxPacketSize });
      return undefined;
    }
    const packet = new Uint8Array(total);
    packet.set(h);
    this.have = SMP_HEADER_SIZE;
    return packet;
  }

  private fail(kind: GattFrameErrorKind, params: ErrorParams, variant?: string): void {
    this.reset();
    this.counts.frameErrors++;
    this.counts.byKind[kind]++;
    this.events.push({ type: "frame-error", error: new GattFrameError(kind, params, variant) });
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}
