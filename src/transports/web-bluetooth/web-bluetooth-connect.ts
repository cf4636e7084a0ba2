// Connecting to a chosen device's SMP characteristic: GATT connect (bounded, since Chrome can wait a long time
// for a device that is not there), service and characteristic discovery, then a transport with notifications on.

import { SMP_GATT_CHARACTERISTIC_UUID, SMP_GATT_SERVICE_UUID } from "../../core/framing/index.js";
import { CancelledError } from "../../core/errors.js";
import { TransportError } from "../../core/transport.js";
import { WebBluetoothErrorCode, describeBluetoothError } from "./web-bluetooth-errors.js";
import { WebBluetoothTransport, type WebBluetoothTransportOptions } from "./web-bluetooth-transport.js";
import { systemClock, type TransportClock } from "../transport-clock.js";
import {
  deviceLabel,
  isGattCharacteristicLike,
  isGattServerLike,
  isGattServiceLike,
  type BluetoothDeviceLike,
  type GattServerLike,
} from "./web-bluetooth-types.js";

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface ConnectOptions extends WebBluetoothTransportOptions {
  /** Per attempt; the browser's own connect timeout can be 20 s or more. Default 10 s. */
  readonly connectTimeoutMs?: number;
}

/** Connects once and returns a transport with notifications enabled. Rejects with a TransportError. */
export async function connectWebBluetooth(
  device: BluetoothDeviceLike,
  options: ConnectOptions = {},
  signal?: AbortSignal,
): Promise<WebBluetoothTransport> {
  const label = deviceLabel(device);
  const gatt = device.gatt;
  if (gatt === undefined) {
    throw new TransportError(
      WebBluetoothErrorCode.connectFailed,
      { label },
      { variant: "no-gatt", hint: "bluetooth-connect-failed.no-gatt" },
    );
  }
  const server = await connectGatt(
    gatt,
    label,
    options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    options.clock ?? systemClock,
    signal,
  );
  try {
    const service: unknown = await server
      .getPrimaryService(SMP_GATT_SERVICE_UUID)
      .catch((error: unknown) => Promise.reject(describeBluetoothError("discover", error, label)));
    if (!isGattServiceLike(service)) throw describeBluetoothError("discover", new Error("no service"), label);
    const characteristic: unknown = await service
      .getCharacteristic(SMP_GATT_CHARACTERISTIC_UUID)
      .catch((error: unknown) => Promise.reject(describeBluetoothError("discover", error, label)));
    if (!isGattCharacteristicLike(characteristic)) {
      throw describeBluetoothError("discover", new Error("no characteristic"), label);
    }
    const transport = new WebBluetoothTransport(device, server, characteristic, options);
    try {
      await transport.startNotifications();
    } catch (error) {
      await transport.close();
      throw error;
    }
    return transport;
  } catch (error) {
    if (server.connected) server.disconnect();
    throw error;
  }
}

async function connectGatt(
  gatt: GattServerLike,
  label: string,
  timeoutMs: number,
  clock: TransportClock,
  signal: AbortSignal | undefined,
): Promise<GattServerLike> {
  if (signal?.aborted) throw new CancelledError("connect", signal.reason);
  let cancelTimer: (() => void) | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    cancelTimer = clock.schedule(timeoutMs, () => {
      reject(
        describeBluetoothError(
          "connect",
          new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`),
          label,
        ),
      );
    });
    onAbort = () => reject(new CancelledError("connect", signal?.reason));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const server: unknown = await Promise.race([
      gatt
        .connect()
        .catch((error: unknown) => Promise.reject(describeBluetoothError("connect", error, label))),
      stop,
    ]);
    // connect() resolves with the same server; fall back to it if a browser answers with something else.
    return isGattServerLike(server) ? server : gatt;
  } catch (error) {
    // Cancels a connection attempt still running in the browser.
    gatt.disconnect();
    throw error;
  } finally {
    cancelTimer?.();
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}
