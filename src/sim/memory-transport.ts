// An in-memory link between a client and the simulated device that implements core's Transport: packets take
// the time the link model says (serial baud rate, BLE connection events, UDP latency), faults are injected by
// seed, a device reset drops the link (closed → {kind: "lost"}), and a TransportFactory opens a new link once
// the device is back — which is how the demo device, end-to-end tests and benchmarks reach the simulator.

import { CancelledError } from "../core/errors.js";
import {
  type Transport,
  type TransportCloseReason,
  TransportError,
  type TransportFactory,
} from "../core/transport.js";
import type { Clock } from "./clock.js";
import type { AttachedPort, RequestAnnotations, SimulatedDevice } from "./device.js";
import { type FaultAction, FaultInjector, type FaultPlan, type FaultRecord } from "./faults.js";
import {
  type Channel,
  type Direction,
  type LinkModel,
  SerialChannel,
  bleLink,
  createChannel,
  linkMaxPacketSize,
  serialLink,
  udpLink,
} from "./link-model.js";
import { readRawHeader } from "./smp/dispatcher.js";
import { SERIAL_DEFAULT_LINE_LENGTH, encodeSerialFrame } from "../core/framing/index.js";

export interface MemoryLinkOptions {
  /** Default: serial at 115200 baud, BLE or UDP defaults, following the device's transport option. */
  readonly linkModel?: LinkModel;
  readonly faults?: FaultPlan;
  /** Default: the device's clock (they should share one). */
  readonly clock?: Clock;
  readonly label?: string;
  /**
   * Serial links: requests reach the device as console lines, byte-timed on the wire, through its UART line
   * buffers (uart-console.ts), as on real hardware. Default true; false hands the device whole packets.
   */
  readonly serialConsole?: boolean;
}

export interface LinkStats {
  requests: number;
  responses: number;
  requestBytes: number;
  responseBytes: number;
}

export interface MemoryTransport extends Transport {
  readonly linkModel: LinkModel;
  /** Loses the link now, as if the cable were pulled or the BLE connection dropped. */
  disconnect(error?: Error): void;
  /** Every fault injected so far, in order. */
  readonly faultLog: readonly FaultRecord[];
  readonly stats: Readonly<LinkStats>;
}

function defaultModel(device: SimulatedDevice): LinkModel {
  switch (device.options.transport) {
    case "serial":
      return serialLink();
    case "ble":
      return bleLink();
    case "udp":
      return udpLink();
  }
}

class MemoryLink implements MemoryTransport {
  readonly label: string;
  readonly maxPacketSize: number;
  readonly linkModel: LinkModel;
  readonly kind: LinkModel["kind"];
  readonly closed: Promise<TransportCloseReason>;
  readonly stats: LinkStats = { requests: 0, responses: 0, requestBytes: 0, responseBytes: 0 };
  private resolveClosed: (reason: TransportCloseReason) => void = () => undefined;
  private isClosed = false;
  private readonly listeners = new Set<(packet: Uint8Array) => void>();
  private readonly up: Channel;
  private readonly down: Channel;
  private readonly inFlight = new Set<() => void>();
  private readonly faults: FaultInjector | undefined;
  private readonly clock: Clock;
  private readonly port: AttachedPort;
  private readonly serialConsole: boolean;

  constructor(device: SimulatedDevice, options: MemoryLinkOptions) {
    this.linkModel = options.linkModel ?? defaultModel(device);
    this.kind = this.linkModel.kind;
    this.label = options.label ?? `sim-${this.linkModel.kind}`;
    this.maxPacketSize = linkMaxPacketSize(this.linkModel);
    this.clock = options.clock ?? device.clock;
    this.serialConsole = this.linkModel.kind === "serial" && (options.serialConsole ?? true);
    this.up = createChannel(this.linkModel, "request");
    this.down = createChannel(this.linkModel, "response");
    this.faults = options.faults ? new FaultInjector(options.faults) : undefined;
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.port = device.attach({
      kind: this.linkModel.kind,
      send: (response) => this.fromDevice(response),
      lost: (error) => this.lose(error),
    });
  }

  get faultLog(): readonly FaultRecord[] {
    return this.faults?.log ?? [];
  }

  send(packet: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError("send", signal.reason));
    if (this.isClosed) {
      return Promise.reject(
        new TransportError(
          "link-closed",
          {},
          { variant: "simulated-link-closed", hint: "link-closed.simulated-link-closed" },
        ),
      );
    }
    const bytes = packet.slice();
    this.stats.requests += 1;
    this.stats.requestBytes += bytes.length;
    const header = readRawHeader(bytes);
    const isUpload = header !== undefined && header.group === 1 && header.id === 1 && header.op === 2;
    const actions =
      this.faults?.next({ direction: "request", length: bytes.length, isUpload }, this.clock.now()) ?? [];
    let annotations: RequestAnnotations | undefined;
    for (const a of actions) {
      if (a.kind === "rc") annotations = { ...annotations, rc: a.rc };
      if (a.kind === "reset") annotations = { ...annotations, resetAfter: true };
    }
    // Without BLE reassembly every write is handled as a packet of its own, as Zephyr's smp_bt does.
    const pieces =
      this.linkModel.kind === "ble" && !this.linkModel.reassembly
        ? split(bytes, this.linkModel.attMtu - 3)
        : [bytes];
    if (this.serialConsole) {
      this.carryConsoleLines(bytes, actions, annotations);
      return Promise.resolve();
    }
    for (const piece of pieces) {
      this.carry("request", piece, actions, (p) => this.port.receive(p, annotations));
    }
    return Promise.resolve();
  }

  onPacket(listener: (packet: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.end({ kind: "user" });
    return Promise.resolve();
  }

  disconnect(error?: Error): void {
    this.lose(error ?? new TransportError("link-lost", {}, { variant: "simulated-link-disconnected" }));
  }

  private lose(error: Error): void {
    this.end({ kind: "lost", error });
  }

  private end(reason: TransportCloseReason): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const cancel of this.inFlight) cancel();
    this.inFlight.clear();
    this.port.detach();
    this.resolveClosed(reason);
  }

  /** Called by the device for each response; returns how long the device is busy handing it over. */
  private fromDevice(response: Uint8Array): number {
    if (this.isClosed) return 0;
    const actions =
      this.faults?.next(
        { direction: "response", length: response.length, isUpload: false },
        this.clock.now(),
      ) ?? [];
    return this.carry("response", response.slice(), actions, (p) => {
      this.stats.responses += 1;
      this.stats.responseBytes += p.length;
      for (const listener of [...this.listeners]) listener(p);
    });
  }

  /** Puts one packet on a channel with its faults; returns ms until the sender is done with it. */
  private carry(
    direction: Direction,
    bytes: Uint8Array,
    actions: readonly FaultAction[],
    deliver: (packet: Uint8Array) => void,
  ): number {
    const channel = direction === "request" ? this.up : this.down;
    const now = this.clock.now();
    const faults = this.applyFaults(channel, bytes, actions, now);
    if (faults === undefined) return 0;
    let doneAt = now;
    for (let i = 0; i < faults.copies; i++) {
      // A lost packet still occupied the wire.
      const t = channel.transmit(faults.packet.length, now);
      doneAt = Math.max(doneAt, t.doneAt);
      if (!faults.dropped) this.later(t.arriveAt - now, () => deliver(faults.packet));
    }
    return doneAt - now;
  }

  /**
   * A request on a serial console, as the device's UART sees it: the frame's lines one after another on the
   * wire, each reaching the device from its first byte (when Zephyr takes a line buffer) to its newline.
   */
  private carryConsoleLines(
    bytes: Uint8Array,
    actions: readonly FaultAction[],
    annotations: RequestAnnotations | undefined,
  ): void {
    const channel = this.up;
    if (!(channel instanceof SerialChannel)) return;
    const now = this.clock.now();
    const faults = this.applyFaults(channel, bytes, actions, now);
    if (faults === undefined) return;
    const frame = encodeSerialFrame(faults.packet, SERIAL_DEFAULT_LINE_LENGTH);
    for (let i = 0; i < faults.copies; i++) {
      for (let start = 0; start < frame.length;) {
        const newline = frame.indexOf(0x0a, start);
        const end = newline < 0 ? frame.length : newline + 1;
        const line = frame.subarray(start, end);
        const run = channel.transmitBytes(line.length, now);
        start = end;
        if (faults.dropped) continue;
        this.later(run.firstByteAt - now, () => this.port.receiveSerial(line.subarray(0, 1), annotations));
        this.later(run.arriveAt - now, () => this.port.receiveSerial(line.subarray(1), annotations));
      }
    }
  }

  /** What the faults make of a packet; undefined when they took the link down. */
  private applyFaults(
    channel: Channel,
    bytes: Uint8Array,
    actions: readonly FaultAction[],
    now: number,
  ): { packet: Uint8Array; dropped: boolean; copies: number } | undefined {
    let packet = bytes;
    let dropped = false;
    let copies = 1;
    for (const action of actions) {
      switch (action.kind) {
        case "disconnect":
          this.lose(new TransportError("link-lost", {}, { variant: "simulated-link-lost" }));
          return undefined;
        case "drop":
          dropped = true;
          break;
        case "delay":
          channel.stall(action.ms, now);
          break;
        case "corrupt":
          if (this.faults?.corruptAsDrop) dropped = true;
          else if (this.faults) packet = this.faults.corrupt(packet);
          break;
        case "duplicate":
          copies = 2;
          break;
        case "rc":
        case "reset":
          break;
      }
    }
    return { packet, dropped, copies };
  }

  private later(ms: number, fn: () => void): void {
    const cancel = this.clock.schedule(ms, () => {
      this.inFlight.delete(cancel);
      if (!this.isClosed) fn();
    });
    this.inFlight.add(cancel);
  }
}

function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out.length > 0 ? out : [bytes];
}

/** A client-side Transport connected to `device` now (even while it boots: packets then go nowhere). */
export function createMemoryLink(device: SimulatedDevice, options: MemoryLinkOptions = {}): MemoryTransport {
  return new MemoryLink(device, options);
}

export interface MemoryTransportFactoryOptions extends Omit<MemoryLinkOptions, "faults"> {
  /** Faults for each connection (numbered from 0), or one plan whose seed is varied per connection. */
  readonly faults?: FaultPlan | ((connection: number) => FaultPlan | undefined);
}

export interface MemoryTransportFactory extends TransportFactory {
  open(signal?: AbortSignal): Promise<MemoryTransport>;
  /** Links opened so far, oldest first. */
  readonly links: readonly MemoryTransport[];
}

/** Opens links to `device`, waiting while it boots — the reconnect path after a reset. */
export function createMemoryTransportFactory(
  device: SimulatedDevice,
  options: MemoryTransportFactoryOptions = {},
): MemoryTransportFactory {
  const links: MemoryTransport[] = [];
  const { faults: plan, ...linkOptions } = options;
  const model = options.linkModel ?? defaultModel(device);
  return {
    label: options.label ?? `sim-${model.kind}`,
    links,
    async open(signal?: AbortSignal): Promise<MemoryTransport> {
      if (signal?.aborted) throw new CancelledError("link", signal.reason);
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(new CancelledError("link", signal?.reason));
        signal?.addEventListener("abort", onAbort, { once: true });
        void device.whenRunning().then(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        });
      });
      const n = links.length;
      const faults =
        typeof plan === "function" ? plan(n) : plan ? { ...plan, seed: plan.seed + n * 7919 } : undefined;
      const link = createMemoryLink(device, {
        ...linkOptions,
        linkModel: model,
        ...(faults ? { faults } : {}),
      });
      links.push(link);
      return link;
    },
  };
}
