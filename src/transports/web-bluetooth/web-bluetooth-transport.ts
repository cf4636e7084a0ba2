// SMP over Web Bluetooth as a Transport (shared/vectors/smp/ble_notes.md): requests are cut into writes of
// `writeSize` bytes and go through a one-at-a-time write queue; responses arrive as notifications and are
// reassembled by the SMP header's length; "gattserverdisconnected" is a link loss.
//
// Packet size. Web Bluetooth cannot tell us the ATT MTU, so writes default to 20 bytes (ATT_MTU 23 − 3), which
// every device accepts; the factory finds a larger `writeSize` (495, 244, 62) by trying (write-size-probe.ts),
// or takes the one it is given. How big one SMP packet
// may be (`maxPacketSize`, which the upload engine uses as min(buf_size − 4, maxPacketSize)) depends on whether
// the device reassembles several writes (Zephyr CONFIG_MCUMGR_TRANSPORT_BT_REASSEMBLY): the factory sets it
// from `os mcumgr_params` buf_size, or keeps one write per packet when the device does not answer. A device
// that silently ignores packets that are too big shows up as request timeouts: call lowerMaxPacketSize() and
// retry (the upload engine re-fits its chunks from maxPacketSize on the next attempt).

import { GattReassembler, splitForGatt, type GattFrameError } from "../../core/framing/index.js";
import { McuFlashError } from "../../core/errors.js";
import { TransportError, type Transport, type TransportCloseReason } from "../../core/transport.js";
import { GattWriteQueue, type GattWriteMode } from "./gatt-write-queue.js";
import { systemClock, type TransportClock } from "../transport-clock.js";
import { WebBluetoothErrorCode, describeBluetoothError } from "./web-bluetooth-errors.js";
import {
  deviceLabel,
  type BluetoothDeviceLike,
  type GattCharacteristicLike,
  type GattServerLike,
} from "./web-bluetooth-types.js";

/** ATT_MTU 23 − 3: the write size every BLE device accepts. */
export const DEFAULT_GATT_WRITE_SIZE = 20;
/** An attribute value is at most 512 bytes (Bluetooth Core, ATT), so no single write can be larger. */
export const MAX_GATT_WRITE = 512;
/** The largest packet an SMP header can announce (8-byte header + 0xffff body). */
export const MAX_SMP_PACKET = 8 + 0xffff;

export interface WebBluetoothTransportOptions {
  /** Bytes per GATT write: ATT_MTU − 3 when known (e.g. 244 for MTU 247). Default 20. */
  readonly writeSize?: number;
  /** Largest SMP packet to send; default one write per packet. The factory raises it from mcumgr params. */
  readonly maxPacketSize?: number;
  /** Notifications that did not form a valid packet (dropped). */
  readonly onFrameError?: (error: GattFrameError) => void;
  /** Told whenever maxPacketSize changes, so a factory can remember it for the next connection. */
  readonly onMaxPacketSizeChange?: (size: number) => void;
  /** Times connects, probes, reconnect backoff and the bounded waits on close; the standard timers by default. */
  readonly clock?: TransportClock;
}

export class WebBluetoothTransport implements Transport {
  readonly label: string;
  readonly kind = "ble";
  readonly closed: Promise<TransportCloseReason>;
  private gattWriteSize: number;
  private packetLimit: number;
  private readonly queue: GattWriteQueue;
  private readonly reassembler = new GattReassembler({ accept: "responses" });
  private readonly listeners = new Set<(packet: Uint8Array) => void>();
  private resolveClosed: (reason: TransportCloseReason) => void = () => undefined;
  private ended = false;
  private readonly clock: TransportClock;

  /** Takes a connected server and the SMP characteristic; call startNotifications() before sending. */
  constructor(
    readonly device: BluetoothDeviceLike,
    private readonly server: GattServerLike,
    private readonly characteristic: GattCharacteristicLike,
    private readonly options: WebBluetoothTransportOptions = {},
  ) {
    this.label = deviceLabel(device);
    this.clock = options.clock ?? systemClock;
    this.gattWriteSize = checkSize(
      "writeSize",
      options.writeSize ?? DEFAULT_GATT_WRITE_SIZE,
      1,
      MAX_GATT_WRITE,
    );
    this.packetLimit = checkSize("maxPacketSize", options.maxPacketSize ?? this.gattWriteSize, 1);
    this.queue = new GattWriteQueue(characteristic);
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    characteristic.addEventListener("characteristicvaluechanged", this.onValue);
    device.addEventListener("gattserverdisconnected", this.onDisconnected);
  }

  get maxPacketSize(): number {
    return this.packetLimit;
  }

  /** Bytes per GATT write. */
  get writeSize(): number {
    return this.gattWriteSize;
  }

  /**
   * Changes the write size (see write-size-probe.ts); packets already queued keep their writes. A packet may
   * always be one write long, so a smaller packet limit is raised to it (quietly: this is not a limit learned
   * from the device, and the caller sets the real one once the write size is settled).
   */
  setWriteSize(size: number): void {
    this.gattWriteSize = checkSize("writeSize", size, 1, MAX_GATT_WRITE);
    if (this.packetLimit < size) this.packetLimit = size;
  }

  /** Which GATT write the queue uses now (it falls back when the browser refuses the faster one). */
  get writeMode(): GattWriteMode {
    return this.queue.mode;
  }

  /** Sets the packet limit, e.g. to the device's buf_size. */
  setMaxPacketSize(size: number): void {
    this.packetLimit = checkSize("maxPacketSize", Math.min(size, MAX_SMP_PACKET), 1);
    this.options.onMaxPacketSizeChange?.(this.packetLimit);
  }

  /**
   * Halves the packet limit (never below one write) after the device left a large request unanswered; returns
   * the new limit, which equals the old one when it cannot go lower.
   */
  lowerMaxPacketSize(): number {
    const lower = Math.max(this.gattWriteSize, Math.floor(this.packetLimit / 2));
    if (lower !== this.packetLimit) this.setMaxPacketSize(lower);
    return this.packetLimit;
  }

  /** Enables notifications; rejects with a TransportError (e.g. "bluetooth-pairing-required"). */
  async startNotifications(): Promise<void> {
    try {
      await this.characteristic.startNotifications();
    } catch (error) {
      throw describeBluetoothError("notify", error, this.label);
    }
  }

  send(packet: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (this.ended) return Promise.reject(this.closedError());
    if (packet.length > this.packetLimit) {
      return Promise.reject(
        new TransportError(
          "packet-too-large",
          { packetLength: packet.length, label: this.label, packetLimit: this.packetLimit },
          { hint: "packet-too-large" },
        ),
      );
    }
    // A copy: the caller may reuse its buffer while the writes are still queued.
    const writes = splitForGatt(packet.slice(), this.gattWriteSize);
    return this.queue.enqueue(writes, signal).catch((error: unknown) => {
      // Link loss, close and cancellation arrive already typed.
      if (error instanceof McuFlashError) throw error;
      if (this.ended) throw this.closedError();
      const failure = describeBluetoothError("write", error, this.label);
      // The device now holds part of a packet; only a new connection resynchronises it.
      this.lose(failure);
      throw failure;
    });
  }

  onPacket(listener: (packet: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.listeners.clear();
    // Let a packet being written finish, but never wait on a device that stopped acknowledging.
    await atMost(this.clock, 1000, this.queue.idle());
    this.queue.fail(this.closedError());
    this.detach();
    this.resolveClosed({ kind: "user" });
    await atMost(
      this.clock,
      1000,
      this.characteristic.stopNotifications().catch(() => undefined),
    );
    if (this.server.connected) this.server.disconnect();
  }

  /** The link is gone (the device disconnected, reset, or a write failed). */
  lose(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.listeners.clear();
    this.queue.fail(
      error instanceof TransportError
        ? error
        : new TransportError(
            WebBluetoothErrorCode.linkLost,
            { label: this.label },
            { variant: "disconnected", cause: error },
          ),
    );
    this.detach();
    this.resolveClosed({ kind: "lost", error });
    if (this.server.connected) this.server.disconnect();
  }

  private readonly onValue = (): void => {
    if (this.ended) return;
    const value = this.characteristic.value;
    if (!(value instanceof DataView)) return;
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
    for (const event of this.reassembler.push(bytes)) {
      if (event.type === "packet") for (const listener of [...this.listeners]) listener(event.packet);
      else this.options.onFrameError?.(event.error);
    }
  };

  private readonly onDisconnected = (): void => {
    this.lose(
      new TransportError(
        WebBluetoothErrorCode.linkLost,
        { label: this.label },
        { variant: "bluetooth", hint: "link-lost.bluetooth" },
      ),
    );
  };

  private detach(): void {
    this.characteristic.removeEventListener("characteristicvaluechanged", this.onValue);
    this.device.removeEventListener("gattserverdisconnected", this.onDisconnected);
  }

  private closedError(): TransportError {
    return new TransportError("link-closed", { label: this.label }, { hint: "link-closed" });
  }
}

function checkSize(name: string, value: number, min: number, max = MAX_SMP_PACKET): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new TransportError("bad-option", { name, min, max, value }, { hint: "bad-option" });
  }
  return value;
}

/** Waits for `work`, but no longer than `ms` (a device that stopped acknowledging must not block close()). */
async function atMost(clock: TransportClock, ms: number, work: Promise<unknown>): Promise<void> {
  let cancel: (() => void) | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (cancel = clock.schedule(ms, resolve)))]);
  cancel?.();
}
