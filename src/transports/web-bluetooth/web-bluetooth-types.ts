// The slice of the Web Bluetooth API (https://webbluetoothcg.github.io/web-bluetooth/) this transport uses.
// TypeScript's DOM library does not declare it, so it is declared here and the real navigator.bluetooth is
// checked against it at run time. Values are written as Uint8Array (a BufferSource in the browser).

export interface BluetoothScanFilter {
  readonly services?: readonly string[];
  readonly name?: string;
  readonly namePrefix?: string;
  /** Advertised service data (Chrome 117+): the service's UUID and a prefix of its data, under a mask. */
  readonly serviceData?: readonly {
    readonly service: string;
    readonly dataPrefix?: Uint8Array;
    readonly mask?: Uint8Array;
  }[];
}

export interface BluetoothRequestOptions {
  readonly filters?: readonly BluetoothScanFilter[];
  readonly optionalServices?: readonly string[];
  readonly acceptAllDevices?: boolean;
}

export interface BluetoothLike {
  requestDevice(options: BluetoothRequestOptions): Promise<BluetoothDeviceLike>;
  getAvailability?: () => Promise<boolean>;
}

/** Fires "gattserverdisconnected" when the link drops, whoever dropped it. */
export interface BluetoothDeviceLike extends EventTarget {
  readonly id: string;
  readonly name?: string | undefined;
  readonly gatt?: GattServerLike | undefined;
}

export interface GattServerLike {
  readonly connected: boolean;
  connect(): Promise<GattServerLike>;
  disconnect(): void;
  getPrimaryService(uuid: string): Promise<GattServiceLike>;
}

export interface GattServiceLike {
  getCharacteristic(uuid: string): Promise<GattCharacteristicLike>;
}

/**
 * Fires "characteristicvaluechanged" for each notification, with the value in `value`. The three write methods
 * are optional because older Chrome versions have only writeValue().
 */
export interface GattCharacteristicLike extends EventTarget {
  readonly value?: DataView | null | undefined;
  writeValueWithoutResponse?: (value: Uint8Array) => Promise<void>;
  writeValueWithResponse?: (value: Uint8Array) => Promise<void>;
  writeValue?: (value: Uint8Array) => Promise<void>;
  startNotifications(): Promise<unknown>;
  stopNotifications(): Promise<unknown>;
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== "object" || value === null) return false;
  return names.every((name) => typeof Reflect.get(value, name) === "function");
}

export function isBluetoothLike(value: unknown): value is BluetoothLike {
  return hasMethods(value, ["requestDevice"]);
}

export function isBluetoothDeviceLike(value: unknown): value is BluetoothDeviceLike {
  return hasMethods(value, ["addEventListener", "removeEventListener"]) && isGattHolder(value);
}

function isGattHolder(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const gatt: unknown = Reflect.get(value, "gatt");
  return gatt === undefined || gatt === null || isGattServerLike(gatt);
}

export function isGattServerLike(value: unknown): value is GattServerLike {
  return hasMethods(value, ["connect", "disconnect", "getPrimaryService"]);
}

export function isGattServiceLike(value: unknown): value is GattServiceLike {
  return hasMethods(value, ["getCharacteristic"]);
}

export function isGattCharacteristicLike(value: unknown): value is GattCharacteristicLike {
  return hasMethods(value, ["startNotifications", "stopNotifications", "addEventListener"]);
}

/** The browser's navigator.bluetooth, or undefined where there is none (iOS, Firefox, Linux without the flag). */
export function browserBluetooth(): BluetoothLike | undefined {
  if (typeof navigator === "undefined") return undefined;
  const api: unknown = Reflect.get(navigator, "bluetooth");
  return isBluetoothLike(api) ? api : undefined;
}

/** The device's advertised name, or "BLE" when it has none: an identity in no language (the edges word the kind). */
export function deviceLabel(device: BluetoothDeviceLike): string {
  const name = device.name?.trim();
  return name !== undefined && name.length > 0 ? name : "BLE";
}
