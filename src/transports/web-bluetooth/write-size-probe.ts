// Web Bluetooth does not tell the ATT MTU, and a write longer than ATT_MTU − 3 is refused on some systems and
// silently cut short on others. Writes of 20 bytes always fit but make an upload an order of magnitude slower,
// and a device that does not reassemble writes cannot take an upload chunk in 20 bytes at all. So the largest
// write is found by trying: an SMP echo request of exactly N bytes, sent as one write. Any answer to it (even
// "echo not supported" or "too long") proves the device received the whole packet. No answer means it did
// not, and the device may hold the start of it, so the next try goes over a new connection.

import { SmpClient, SmpDeviceError, osEcho, requestPacketSize } from "../../core/smp/index.js";
import { DEFAULT_GATT_WRITE_SIZE, type WebBluetoothTransport } from "./web-bluetooth-transport.js";
import { systemClock, type TransportClock } from "../transport-clock.js";

/**
 * Tried largest first: ATT MTU 498 (Zephyr smp_svr's Bluetooth overlay), 247 (a common nRF Connect SDK
 * setting), 65 (Zephyr's default). Below that, the 20 bytes every device takes.
 */
export const WRITE_SIZE_CANDIDATES: readonly number[] = [495, 244, 62];

/** An echo request packet of exactly `size` bytes (the text's length header grows at 24 and 256). */
export function echoProbeText(size: number): string | undefined {
  for (let length = Math.max(0, size - 14); length <= size; length++) {
    const text = "m".repeat(length);
    const packetSize = requestPacketSize(osEcho, { d: text });
    if (packetSize === size) return text;
    if (packetSize > size) return undefined;
  }
  return undefined;
}

/** True when the device answered a one-write packet of the transport's write size. */
export async function deviceTakesWholeWrite(
  transport: WebBluetoothTransport,
  timeoutMs: number,
  signal?: AbortSignal,
  clock: TransportClock = systemClock,
): Promise<boolean> {
  const text = echoProbeText(transport.writeSize);
  if (text === undefined) return false;
  const client = new SmpClient(transport, {
    defaultTimeoutMs: timeoutMs,
    schedule: (ms, fn) => clock.schedule(ms, fn),
  });
  try {
    await client.request(osEcho, { d: text }, signal ? { signal } : {});
    return true;
  } catch (error) {
    return error instanceof SmpDeviceError;
  } finally {
    client.dispose();
  }
}

export interface WriteSizeSearch {
  readonly transport: WebBluetoothTransport;
  readonly writeSize: number;
}

/**
 * Finds the largest candidate write the device takes whole, no larger than `packetCeiling` (the device's
 * buf_size when known: a bigger packet would not fit its buffer anyway). `reopen` connects again after a
 * failed try. Returns the transport to use from now on, set to the write size found.
 */
export async function findWriteSize(
  first: WebBluetoothTransport,
  reopen: () => Promise<WebBluetoothTransport>,
  options: {
    packetCeiling: number;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    clock?: TransportClock | undefined;
  },
): Promise<WriteSizeSearch> {
  let transport = first;
  for (const size of WRITE_SIZE_CANDIDATES) {
    if (size > options.packetCeiling) continue;
    transport.setWriteSize(size);
    if (await deviceTakesWholeWrite(transport, options.timeoutMs, options.signal, options.clock)) {
      return { transport, writeSize: size };
    }
    await transport.close();
    transport = await reopen();
  }
  transport.setWriteSize(DEFAULT_GATT_WRITE_SIZE);
  return { transport, writeSize: DEFAULT_GATT_WRITE_SIZE };
}
