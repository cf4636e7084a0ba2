// What a test declares about the fake ports and Bluetooth devices (ids, USB ids, names, GATT behaviour, the SMP
// peer behind each), and how the fake choosers match them against the page's filters.

import { SMP_GATT_SERVICE_UUID } from "../../../src/core/framing/index.js";
import type { SmpPeer } from "./fake-web-apis-links.js";
import type { FakeScanFilter, FakeUsbFilter, FakeWriteMethod } from "./fake-web-apis-protocol.js";

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
      (f.namePrefix === undefined || name.startsWith(f.namePrefix)),
  );
}
