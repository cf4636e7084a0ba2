// How long a packet takes on the wire, per link kind, so the simulator and the benchmarks see realistic
// throughput. Serial: SMP console framing (2-byte length + packet + CRC16, base64, lines of at most 127 bytes with
// a 2-byte marker and a newline; Zephyr's encoder fills its first line with 124 characters and the others with
// 120) at a baud rate with start/stop bits. BLE: the packet in ATT payloads of MTU − 3 bytes, a fixed number
// per connection event in each direction; data handed to a controller goes in the next connection event at the
// earliest (the one under way has started), so an answer queued while an event runs goes in the next, and a
// write made on receiving it in the one after; writes complete once the controller's transmit buffer holds
// them, not when they are on the air. UDP: latency plus bandwidth. Each direction is its own FIFO channel.

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
  /**
   * ATT payloads the sender's controller holds waiting for a connection event. A write without response
   * completes when it is in this buffer; with the buffer full, when a payload ahead of it has been sent.
   */
  readonly controllerBuffers: number;
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
    controllerBuffers: 8,
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

/** The first connection event that data handed over at `now` can go in: strictly after `now`. */
function nextEventIndex(now: number, interval: number): number {
  // The tolerance keeps an exact event time (k × interval in floating point) on event k.
  return Math.floor(now / interval + 1e-9) + 1;
}

class BleChannel implements Channel {
  /** The event being filled and the payloads already in it. */
  private event = 0;
  private used = 0;
  /** When each of the last `controllerBuffers` payloads leaves the controller (oldest first). */
  private readonly leaving: number[] = [];

  constructor(private readonly model: BleLinkModel) {}

  transmit(packetLength: number, now: number): Transmission {
    const interval = this.model.connectionIntervalMs;
    const first = nextEventIndex(now, interval);
    if (first > this.event) {
      this.event = first;
      this.used = 0;
    }
    let doneAt = now;
    for (let remaining = blePayloads(packetLength, this.model); remaining > 0; remaining--) {
      if (this.used >= this.model.packetsPerInterval) {
        this.event += 1;
        this.used = 0;
      }
      this.used += 1;
      // The payload enters the controller once the one `controllerBuffers` ahead of it has left.
      if (this.leaving.length >= this.model.controllerBuffers) {
        doneAt = Math.max(doneAt, this.leaving.shift() ?? now);
      }
      this.leaving.push(this.event * interval);
    }
    return { doneAt, arriveAt: this.event * interval + this.model.latencyMs };
  }

  stall(ms: number, now: number): void {
    const interval = this.model.connectionIntervalMs;
    this.event = Math.max(this.event, nextEventIndex(now, interval)) + Math.ceil(ms / interval);
    this.used = 0;
  }
}

/**
 * Upload goodput (image bytes per second) that a BLE link and a device allow, for requests of `packetLength`
 * bytes carrying `chunkData` image bytes each, with at most `window` requests in flight (the engine uses
 * buf_count − 1). Two bounds, the lower wins: the link's payloads per event, and the round trip: a request
 * whose payloads take m events goes in events k … k + m − 1, its answer in event k + m at the earliest, and
 * the request that reuses its slot in event k + m + 1, so each slot of the window carries one request per
 * m + 1 events.
 */
export function bleUploadCeiling(
  model: BleLinkModel,
  packetLength: number,
  chunkData: number,
  window: number,
): { readonly bytesPerSecond: number; readonly bound: "link" | "round-trip" } {
  const payloads = blePayloads(packetLength, model);
  const linkRequestsPerEvent = model.packetsPerInterval / payloads;
  const roundTripRequestsPerEvent = window / (Math.ceil(payloads / model.packetsPerInterval) + 1);
  const perEvent = Math.min(linkRequestsPerEvent, roundTripRequestsPerEvent);
  return {
    bytesPerSecond: (perEvent * chunkData * 1000) / model.connectionIntervalMs,
    bound: linkRequestsPerEvent <= roundTripRequestsPerEvent ? "link" : "round-trip",
  };
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
