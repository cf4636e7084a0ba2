// Choosing a Bluetooth device and (re)connecting to it: the chooser must run inside the user's click, and the
// TransportFactory it returns reconnects to the same BluetoothDevice after a reset (device.gatt.connect(), no
// new chooser), retrying with backoff while MCUboot swaps images and the application starts advertising again.
// Each connection asks the device for its buffer size to choose the packet size (see web-bluetooth-transport.ts),
// and the first one finds the largest write the link carries whole (write-size-probe.ts).

import { SMP_GATT_SERVICE_UUID } from "../../core/framing/index.js";
import { CancelledError } from "../../core/errors.js";
import { TransportError } from "../../core/transport.js";
import type { TransportFactory } from "../../core/transport.js";
import { retryWithBackoff } from "../browser/retry-with-backoff.js";
import { probeDeviceBufSize } from "./packet-size-probe.js";
import { findWriteSize } from "./write-size-probe.js";
import { connectWebBluetooth, type ConnectOptions } from "./web-bluetooth-connect.js";
import {
  WebBluetoothErrorCode,
  bluetoothUnsupportedError,
  describeBluetoothError,
} from "./web-bluetooth-errors.js";
import { MAX_GATT_WRITE, MAX_SMP_PACKET, type WebBluetoothTransport } from "./web-bluetooth-transport.js";
import {
  browserBluetooth,
  deviceLabel,
  isBluetoothDeviceLike,
  type BluetoothDeviceLike,
  type BluetoothLike,
  type BluetoothScanFilter,
} from "./web-bluetooth-types.js";

export interface WebBluetoothLinkOptions extends ConnectOptions {
  /** The platform object; navigator.bluetooth by default. */
  readonly bluetooth?: BluetoothLike | undefined;
  /** Also offer devices whose advertised name starts with this (e.g. "Zephyr"). */
  readonly namePrefix?: string;
  /** The chooser's filters, in place of the SMP service (+ `namePrefix`): e.g. a vendor manifest's own. */
  readonly filters?: readonly BluetoothScanFilter[];
  /** List every device nearby (no filters): for products that advertise neither the service nor a known name. */
  readonly acceptAllDevices?: boolean;
  /**
   * How long to wait for mcumgr params, and for each write-size try, after connecting (default 2 s). 0 skips
   * both: writes are then `writeSize` (default 20) and packets `maxPacketSize` if given, else one write.
   */
  readonly probeTimeoutMs?: number;
  /** Told the write size found by trying (when `writeSize` is not given), so a factory can keep it. */
  readonly onWriteSizeFound?: (size: number) => void;
  /** How long a reconnect keeps trying (default 30 s: an image swap can take that long). The first tries once. */
  readonly reconnectWindowMs?: number;
}

export interface WebBluetoothFactory extends TransportFactory {
  readonly device: BluetoothDeviceLike;
  open(signal?: AbortSignal): Promise<WebBluetoothTransport>;
}

const DEFAULT_PROBE_TIMEOUT_MS = 2_000;
const DEFAULT_RECONNECT_WINDOW_MS = 30_000;

/**
 * The chooser's filters. Zephyr's smp_svr advertises the SMP service UUID, but many products only advertise
 * their name (a 128-bit UUID takes 18 of the 31 advertising bytes), so a name prefix is a filter of its own.
 */
export function smpScanFilters(namePrefix?: string): BluetoothScanFilter[] {
  const byService: BluetoothScanFilter = { services: [SMP_GATT_SERVICE_UUID] };
  if (namePrefix === undefined || namePrefix.length === 0) return [byService];
  return [{ ...byService, namePrefix }, { namePrefix }];
}

/** Shows the browser's Bluetooth chooser. Call it from a click handler. */
export async function requestBluetoothDevice(
  options: WebBluetoothLinkOptions = {},
): Promise<BluetoothDeviceLike> {
  const bluetooth = options.bluetooth ?? browserBluetooth();
  if (bluetooth === undefined) throw bluetoothUnsupportedError();
  let device: unknown;
  try {
    // Needed to reach the service on devices matched by name (or service data) only, or listed unfiltered.
    const optionalServices = [SMP_GATT_SERVICE_UUID];
    device = await bluetooth.requestDevice(
      options.acceptAllDevices
        ? { acceptAllDevices: true, optionalServices }
        : { filters: options.filters ?? smpScanFilters(options.namePrefix), optionalServices },
    );
  } catch (error) {
    throw describeBluetoothError("request", error);
  }
  if (!isBluetoothDeviceLike(device)) throw describeBluetoothError("request", new Error("no usable device"));
  return device;
}

/** Asks the user for a device and returns a factory for it (nothing is connected yet). */
export async function requestWebBluetoothLink(
  options: WebBluetoothLinkOptions = {},
): Promise<WebBluetoothFactory> {
  return webBluetoothFactory(await requestBluetoothDevice(options), options);
}

/**
 * Connects once, enables notifications and sets the packet size; without a given `writeSize`, also finds the
 * largest write the link carries (which may take a new connection or two).
 */
export async function openWebBluetoothDevice(
  device: BluetoothDeviceLike,
  options: WebBluetoothLinkOptions = {},
  signal?: AbortSignal,
): Promise<WebBluetoothTransport> {
  let transport = await connectWebBluetooth(device, options, signal);
  const probeMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  if (probeMs <= 0) return transport;
  const abandonIfCancelled = async () => {
    if (!signal?.aborted) return;
    await transport.close();
    throw new CancelledError("connect", signal.reason);
  };
  const bufSize = await probeDeviceBufSize(transport, probeMs, signal, options.clock);
  await abandonIfCancelled();
  if (options.writeSize === undefined) {
    const found = await findWriteSize(transport, () => connectWebBluetooth(device, options, signal), {
      // With buf_size known, a probe packet larger than the device's buffer would be dropped whatever the MTU.
      packetCeiling: bufSize ?? MAX_GATT_WRITE,
      timeoutMs: probeMs,
      signal,
      clock: options.clock,
    });
    transport = found.transport;
    options.onWriteSizeFound?.(found.writeSize);
    await abandonIfCancelled();
  }
  // A device that reports buf_size reassembles writes (packet-size-probe.ts); otherwise one write is one packet.
  // A configured maxPacketSize is a ceiling (e.g. lowered after unanswered packets), not a floor.
  transport.setMaxPacketSize(
    Math.min(bufSize ?? transport.writeSize, options.maxPacketSize ?? MAX_SMP_PACKET),
  );
  return transport;
}

/** A TransportFactory over a chosen device: reconnects to it, remembering a lowered packet size. */
export function webBluetoothFactory(
  device: BluetoothDeviceLike,
  options: WebBluetoothLinkOptions = {},
): WebBluetoothFactory {
  const windowMs = options.reconnectWindowMs ?? DEFAULT_RECONNECT_WINDOW_MS;
  let ceiling = options.maxPacketSize;
  // Found on the first connection and kept: the ATT MTU of a device does not change across its resets.
  let writeSize = options.writeSize;
  let opened = 0;
  const onMaxPacketSizeChange = (size: number): void => {
    // Remember only decreases: a limit learned the hard way must survive the reconnect after a reset.
    if (ceiling === undefined || size < ceiling) ceiling = size;
    options.onMaxPacketSizeChange?.(size);
  };
  return {
    label: deviceLabel(device),
    device,
    async open(signal?: AbortSignal): Promise<WebBluetoothTransport> {
      const window = opened === 0 ? 0 : windowMs;
      const attempt = (): Promise<WebBluetoothTransport> =>
        openWebBluetoothDevice(
          device,
          {
            ...options,
            ...(ceiling !== undefined ? { maxPacketSize: ceiling } : {}),
            ...(writeSize !== undefined ? { writeSize } : {}),
            onMaxPacketSizeChange,
            onWriteSizeFound: (size) => {
              writeSize = size;
              options.onWriteSizeFound?.(size);
            },
          },
          signal,
        );
      try {
        const transport = await retryWithBackoff(
          "connect",
          attempt,
          { windowMs: window, initialDelayMs: 250, maxDelayMs: 4000 },
          { signal, isFinal, clock: options.clock },
        );
        opened += 1;
        return transport;
      } catch (error) {
        if (window > 0 && !isFinal(error) && !signal?.aborted) {
          throw new TransportError(
            WebBluetoothErrorCode.notBack,
            { device: deviceLabel(device), round: Math.round(window / 1000) },
            { hint: "bluetooth-not-back", cause: error },
          );
        }
        throw error;
      }
    },
  };
}

function isFinal(error: unknown): boolean {
  if (error instanceof CancelledError) return true;
  if (!(error instanceof TransportError)) return false;
  return (
    error.code === WebBluetoothErrorCode.pairingRequired ||
    error.code === WebBluetoothErrorCode.serviceMissing
  );
}
