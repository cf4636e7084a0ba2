// SMP over Bluetooth LE, client → device (Zephyr smp_bt.c; shared/vectors/smp/ble_notes.md): the raw SMP
// packet (no base64, markers, length prefix or CRC) is written to one characteristic in consecutive slices.

import { FramingArgumentError } from "./framing-errors.js";

/** The SMP GATT service, found in advertisements. */
export const SMP_GATT_SERVICE_UUID = "8d53dc1d-1db7-4cd3-868b-8a527460aa84";
/** Its one characteristic: write-without-response for requests, notify for responses. */
export const SMP_GATT_CHARACTERISTIC_UUID = "da2e7828-fbce-4e01-ae9e-261174997c48";

/** The ATT header takes 3 bytes of every write or notification. */
const ATT_OVERHEAD = 3;
/** ATT_MTU is at least 23, so 20 bytes always fit before the MTU is negotiated. */
export const GATT_MIN_ATT_MTU = 23;

/** Largest write-without-response (and notification) payload for a negotiated ATT MTU. */
export function gattMaxWrite(attMtu: number): number {
  if (!Number.isSafeInteger(attMtu) || attMtu < GATT_MIN_ATT_MTU) {
    throw new FramingArgumentError("att-mtu", { attMtu });
  }
  return attMtu - ATT_OVERHEAD;
}

/**
 * Cuts `packet` into writes of at most `maxWrite` bytes, in order, with no added framing. The writes are
 * views into `packet` (no copy): don't change `packet` until they are sent. An empty packet gives no writes.
 */
export function splitForGatt(packet: Uint8Array, maxWrite: number): Uint8Array[] {
  if (!Number.isSafeInteger(maxWrite) || maxWrite < 1) {
    throw new FramingArgumentError("write-size", { maxWrite });
  }
  const writes: Uint8Array[] = [];
  for (let at = 0; at < packet.length; at += maxWrite) writes.push(packet.subarray(at, at + maxWrite));
  return writes;
}
