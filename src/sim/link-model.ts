// How long a packet takes on the wire, per link kind, so the simulator and the benchmarks see realistic
// throughput. Serial: SMP console framing (2-byte length + packet + CRC16, base64, lines of at most 127 bytes with
// a 2-byte marker and a newline; Zephyr's encoder fills its first line with 124 characters and the others with
// 120) at a baud rate with start/stop bits. BLE: the packet in ATT payloads of MTU − 3 bytes, a fixed number
// per connection event. UDP: latency plus bandwidth. Each direction is its own FIFO channel.

import { Prng } from "./prng.js";

export interface SerialLinkModel {
  readonly kind: "serial";
  readonly baudRate: number;
  /** Bits on the wire per byte: 8N1 is 10. */
  readonly bitsPerByte: number;
  /** Host-side latency (USB, OS), added to every packet, ms. */
  readonly latencyMs: number;
  /** Extra latency drawn for each run of bytes, uniformly in [0, jitterMs) (USB polling, OS scheduling), ms. */
  readonly jitterMs?: number;
  /** Seed of the jitter draws, so a run repeats exactly. */
  readonly seed?: number;
}

export interface BleLinkModel {
  readonly kind: "ble";
  /** ATT MTU; each write or notification carries MTU − 3 bytes of the SMP packet. */
  readonly attMtu: number;
  readonly connectionIntervalMs: number;
  /** ATT payloads each direction can carry per connection event. */
  readonly packetsPerInterval: number;
  /** CONFIG_MCUMGR_TRANSPORT_BT_REASSEMBLY: a packet may span several writes. */
  readonly reassembly: boolean;
  readonly latencyMs: number;
}

export interface UdpLinkModel {
  readonly kind: "udp";
  readonly latencyMs: number;
  /** Bandwidth, bytes per ms. */
  readonly bytesPerMs: number;
}

export type LinkModel = SerialLinkModel | BleLinkModel | UdpLinkModel;

export function serialLink(options: Partial<Omit<SerialLinkModel, "kind">> = {}): SerialLinkModel {
  return { kind: "serial", baudRate: 115200, bitsPerByte: 10, latencyMs: 1, ...options };
}

export function bleLink(options: Partial<Omit<BleLinkModel, "kind">> = {}): BleLinkModel {
  return {
    kind: "ble",
    attMtu: 247,
    connectionIntervalMs: 15,
    packetsPerInterval: 4,
    reassembly: true,
    latencyMs: 0,
    ...options,
  };
}

export function udpLink(options: Partial<Omit<UdpLinkModel, "kind">> = {}): UdpLinkModel {
  return { kind: "udp", latencyMs: 0.5, bytesPerMs: 1000, ...options };
}

export type Direction = "request" | "response";

/** Characters of base64 for one SMP packet in a serial frame (length field and CRC included). */
export function serialBase64Length(packetLength: number): number {
  return 4 * Math.ceil((packetLength + 4) / 3);
}

/** Bytes on the UART for one packet: base64 plus 2 marker bytes and a newline per line. */
export function serialWireBytes(packetLength: number, direction: Direction): number {
  const chars = serialBase64Length(packetLength);
  const lines =
    direction === "request" ? Math.ceil(chars / 124) : 1 + Math.max(0, Math.ceil((chars - 124) / 120));
  return chars + 3 * lines;
}

/** ATT payloads (writes or notifications) one packet needs. */
export function blePayloads(packetLength: number, model: BleLinkModel): number {
  return Math.max(1, Math.ceil(packetLength / (model.attMtu - 3)));
}

/** The largest packet a client can hand to this link in one go (the device may accept less). */
export function linkMaxPacketSize(model: LinkModel): number {
  return model.kind === "ble" && !model.reassembly ? model.attMtu - 3 : Number.POSITIVE_INFINITY;
}

/** Payload bytes per second the link can move in one direction, for "ratio to link capacity" figures. */
export function linkCapacityBytesPerSecond(model: LinkModel, packetLength = 512): number {
  switch (model.kind) {
    case "serial":
      return (packetLength / serialWireBytes(packetLength, "request")) * (model.baudRate / model.bitsPerByte);
    case "ble":
      return ((model.attMtu - 3) * model.packetsPerInterval * 1000) / model.connectionIntervalMs;
    case "udp":
      return model.bytesPerMs * 1000;
  }
}

export interface Transmission {
  /** When the sender is done with the packet (its last byte or payload has left). */
  readonly doneAt: number;
  /** When the receiver has the whole packet. */
  readonly arriveAt: number;
}

/** One direction of a link: packets leave in order, each after the one before it. */
export interface Channel {
  transmit(packetLength: number, now: number): Transmission;
  /** Holds the channel for `ms` (a stalled link), delaying this and every later packet. */
  stall(ms: number, now: number): void;
}

/** When one run of bytes on a serial wire reaches the receiver: its first byte, and its last. */
export interface WireRun extends Transmission {
  readonly firstByteAt: number;
}

export class SerialChannel implements Channel {
  private busyUntil = 0;
  /** Bytes arrive in order: jitter may delay a run, never let it overtake the one before. */
  private lastArrival = 0;
  private readonly jitter: Prng | undefined;

  constructor(
    private readonly model: SerialLinkModel,
    private readonly direction: Direction,
  ) {
    if (model.jitterMs !== undefined && model.jitterMs > 0) {
      this.jitter = new Prng((model.seed ?? 0) * 2 + (direction === "request" ? 0 : 1));
    }
  }

  transmit(packetLength: number, now: number): Transmission {
    return this.transmitBytes(serialWireBytes(packetLength, this.direction), now);
  }

  /** Puts `count` raw bytes on the wire after whatever is already on it. */
  transmitBytes(count: number, now: number): WireRun {
    const byteMs = (this.model.bitsPerByte * 1000) / this.model.baudRate;
    const start = Math.max(now, this.busyUntil);
    this.busyUntil = start + count * byteMs;
    const latency =
      this.model.latencyMs + (this.jitter ? this.jitter.next() * (this.model.jitterMs ?? 0) : 0);
    const firstByteAt = Math.max(this.lastArrival, start + byteMs + latency);
    this.lastArrival = Math.max(firstByteAt, this.busyUntil + latency);
    return { firstByteAt, doneAt: this.busyUntil, arriveAt: this.lastArrival };
  }

  stall(ms: number, now: number): void {
    this.busyUntil = Math.max(now, this.busyUntil) + ms;
  }
}

class BleChannel implements Channel {
  private event = 0;
  private used = 0;

  constructor(private readonly model: BleLinkModel) {}

  transmit(packetLength: number, now: number): Transmission {
    const interval = this.model.connectionIntervalMs;
    const first = Math.ceil(now / interval);
    if (first > this.event) {
      this.event = first;
      this.used = 0;
    }
    let remaining = blePayloads(packetLength, this.model);
    while (remaining > 0) {
      if (this.used >= this.model.packetsPerInterval) {
        this.event += 1;
        this.used = 0;
      }
      const take = Math.min(remaining, this.model.packetsPerInterval - this.used);
      this.used += take;
      remaining -= take;
    }
    const doneAt = this.event * interval;
    return { doneAt, arriveAt: doneAt + this.model.latencyMs };
  }

  stall(ms: number, now: number): void {
    const interval = this.model.connectionIntervalMs;
    this.event = Math.max(this.event, Math.ceil(now / interval)) + Math.ceil(ms / interval);
    this.used = 0;
  }
}

class UdpChannel implements Channel {
  private busyUntil = 0;

  constructor(private readonly model: UdpLinkModel) {}

  transmit(packetLength: number, now: number): Transmission {
    const start = Math.max(now, this.busyUntil);
    this.busyUntil = start + packetLength / this.model.bytesPerMs;
    return { doneAt: this.busyUntil, arriveAt: this.busyUntil + this.model.latencyMs };
  }

  stall(ms: number, now: number): void {
    this.busyUntil = Math.max(now, this.busyUntil) + ms;
  }
}

export function createChannel(model: LinkModel, direction: Direction): Channel {
  switch (model.kind) {
    case "serial":
      return new SerialChannel(model, direction);
    case "ble":
      return new BleChannel(model);
    case "udp":
      return new UdpChannel(model);
  }
}
