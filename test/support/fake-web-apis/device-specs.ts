// What a test declares about the fake ports and Bluetooth devices (ids, USB ids, names, GATT behaviour, the SMP
// peer behind each), and how the fake choosers match them against the page's filters.

import { SMP_GATT_SERVICE_UUID } from "../../../src/core/framing/index.js";
import type { SmpPeer } from "./links.js";
import { decodeBytes, type FakeScanFilter, type FakeUsbFilter, type FakeWriteMethod } from "./protocol.js";

export interface FakeSerialPortSpec {
  /** Default "serial-<n>". */
  readonly id?: string;
  readonly usbVendorId?: number;
  readonly usbProductId?: number;
  readonly peer: SmpPeer;
}

export interface FakeBluetoothDeviceSpec {
  /** Default "ble-<n>". */
  readonly id?: string;
  /** Default "Zephyr SMP". */
  readonly name?: string;
  readonly peer: SmpPeer;
  /** Default 247 (notifications of 244 bytes). */
  readonly attMtu?: number;
  /** Default true. */
  readonly reassembly?: boolean;
  /**
   * A write longer than ATT_MTU − 3: "refused" with an error (as desktop systems do, the default) or "cut" to
   * ATT_MTU − 3 bytes without a word (as Android does).
   */
  readonly oversizeWrites?: "refused" | "cut";
  /** The write methods the page's browser offers (default all three). */
  readonly writeMethods?: readonly FakeWriteMethod[];
  /** Methods the device refuses with NotSupportedError (e.g. ["without-response"]). */
  readonly refusedWriteMethods?: readonly FakeWriteMethod[];
  /** Whether the advertisement carries the SMP service UUID (default true). */
  readonly advertisesSmp?: boolean;
  /** Service data in the advertisement (e.g. a vendor's product id). */
  readonly serviceData?: { readonly service: string; readonly data: Uint8Array };
}

export interface FakeDeviceHubOptions {
  readonly serialPorts?: readonly FakeSerialPortSpec[];
  readonly bluetoothDevices?: readonly FakeBluetoothDeviceSpec[];
}

export interface DomErrorSpec {
  readonly name: string;
  readonly message: string;
}

export function usbMatch(spec: FakeSerialPortSpec, filters: readonly FakeUsbFilter[]): boolean {
  if (filters.length === 0) return true;
  return filters.some(
    (f) =>
      (f.usbVendorId === undefined || f.usbVendorId === spec.usbVendorId) &&
      (f.usbProductId === undefined || f.usbProductId === spec.usbProductId),
  );
}

export function scanMatch(spec: FakeBluetoothDeviceSpec, filters: readonly FakeScanFilter[]): boolean {
  const name = spec.name ?? "Zephyr SMP";
  const advertised = spec.advertisesSmp === false ? [] : [SMP_GATT_SERVICE_UUID];
  return filters.some(
    (f) =>
      (f.services ?? []).every((s) => advertised.includes(s.toLowerCase())) &&
      (f.name === undefined || f.name === name) &&
      (f.namePrefix === undefined || name.startsWith(f.namePrefix)) &&
      (f.serviceData ?? []).every((d) => serviceDataMatch(spec.serviceData, d)),
  );
}

/** Chrome's rule: the advertised data starts with dataPrefix wherever mask has bits set. */
function serviceDataMatch(
  advertised: FakeBluetoothDeviceSpec["serviceData"],
  filter: NonNullable<FakeScanFilter["serviceData"]>[number],
): boolean {
  if (!advertised || advertised.service.toLowerCase() !== filter.service.toLowerCase()) return false;
  const prefix = filter.dataPrefix ? decodeBytes(filter.dataPrefix) : new Uint8Array(0);
  const mask = filter.mask ? decodeBytes(filter.mask) : undefined;
  if (advertised.data.length < prefix.length) return false;
  return prefix.every((byte, i) => {
    const m = mask?.[i] ?? 0xff;
    return ((advertised.data[i] ?? 0) & m) === (byte & m);
  });
}
