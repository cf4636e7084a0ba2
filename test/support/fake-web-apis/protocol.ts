// The messages between the fake navigator.serial / navigator.bluetooth (in the page, or in Node for the contract
// tests) and the simulated device end (always in Node). The page calls the device end through one Playwright
// binding with a FakeCall and gets a FakeResult; the device end pushes FakeEvents back. Bytes travel as base64
// so the same messages cross page.evaluate, bindings and plain function calls unchanged. Both ends check what
// they receive: to each, the other side is outside data.

import { fromBase64, toBase64 } from "../../../src/core/bytes.js";

export interface FakeUsbFilter {
  readonly usbVendorId?: number;
  readonly usbProductId?: number;
}

export interface FakeScanFilter {
  readonly services?: readonly string[];
  readonly name?: string;
  readonly namePrefix?: string;
  /** As in the page's filter, with the byte fields in base64 so they cross to Node. */
  readonly serviceData?: readonly {
    readonly service: string;
    readonly dataPrefix?: string;
    readonly mask?: string;
  }[];
}

export type FakeWriteMethod = "without-response" | "with-response" | "legacy";

export type FakeCall =
  | { readonly op: "serial-request"; readonly filters: readonly FakeUsbFilter[] }
  | { readonly op: "serial-open"; readonly port: string; readonly baudRate: number }
  | { readonly op: "serial-write"; readonly port: string; readonly data: string }
  | { readonly op: "serial-close"; readonly port: string }
  | { readonly op: "ble-request"; readonly filters: readonly FakeScanFilter[]; readonly acceptAll: boolean }
  | { readonly op: "ble-connect"; readonly device: string }
  | { readonly op: "ble-disconnect"; readonly device: string }
  | { readonly op: "ble-discover"; readonly device: string; readonly uuid: string }
  | { readonly op: "ble-notify"; readonly device: string; readonly enable: boolean }
  | {
      readonly op: "ble-write";
      readonly device: string;
      readonly data: string;
      readonly method: FakeWriteMethod;
    };

export type FakeOp = FakeCall["op"];

/** `value` carries the chosen port or device id for the two request calls. */
export type FakeResult =
  | { readonly ok: true; readonly value?: string }
  | { readonly ok: false; readonly name: string; readonly message: string };

export type FakeEvent =
  | { readonly type: "serial-data"; readonly port: string; readonly data: string }
  | { readonly type: "serial-lost"; readonly port: string }
  | { readonly type: "serial-connect"; readonly port: string }
  | { readonly type: "ble-notification"; readonly device: string; readonly data: string }
  | { readonly type: "ble-disconnected"; readonly device: string };

/** What the page-side fakes know of the devices: ids and what a browser would show. */
export interface FakePageSetup {
  readonly serialPorts: readonly {
    readonly id: string;
    readonly usbVendorId?: number;
    readonly usbProductId?: number;
  }[];
  readonly bluetoothDevices: readonly {
    readonly id: string;
    readonly name: string;
    readonly writeMethods: readonly FakeWriteMethod[];
  }[];
}

export type FakeBackend = (call: FakeCall) => Promise<FakeResult>;

export const encodeBytes = toBase64;

export function decodeBytes(text: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes === undefined) throw new Error("fake web APIs: bytes that are not base64");
  return bytes;
}

// ---- validation of what crosses the boundary ----

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

function str(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === "string" ? v : undefined;
}

function optNumber(value: unknown, key: string): number | undefined {
  const v = field(value, key);
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function usbFilters(value: unknown): FakeUsbFilter[] {
  if (!Array.isArray(value)) return [];
  return value.map((f: unknown) => {
    const vid = optNumber(f, "usbVendorId");
    const pid = optNumber(f, "usbProductId");
    return {
      ...(vid !== undefined ? { usbVendorId: vid } : {}),
      ...(pid !== undefined ? { usbProductId: pid } : {}),
    };
  });
}

function scanFilters(value: unknown): FakeScanFilter[] {
  if (!Array.isArray(value)) return [];
  return value.map((f: unknown) => {
    const services = field(f, "services");
    const name = str(f, "name");
    const namePrefix = str(f, "namePrefix");
    const serviceData = field(f, "serviceData");
    return {
      ...(Array.isArray(services)
        ? { services: services.filter((s): s is string => typeof s === "string") }
        : {}),
      ...(name !== undefined ? { name } : {}),
      ...(namePrefix !== undefined ? { namePrefix } : {}),
      ...(Array.isArray(serviceData) ? { serviceData: serviceData.map(serviceDataFilter) } : {}),
    };
  });
}

function serviceDataFilter(value: unknown): NonNullable<FakeScanFilter["serviceData"]>[number] {
  const dataPrefix = str(value, "dataPrefix");
  const mask = str(value, "mask");
  return {
    service: str(value, "service") ?? "",
    ...(dataPrefix !== undefined ? { dataPrefix } : {}),
    ...(mask !== undefined ? { mask } : {}),
  };
}

function writeMethod(value: unknown): FakeWriteMethod | undefined {
  return value === "without-response" || value === "with-response" || value === "legacy" ? value : undefined;
}

/** Checks a call arriving from the page; undefined when it is not one. */
export function parseFakeCall(value: unknown): FakeCall | undefined {
  const op = str(value, "op");
  const port = str(value, "port");
  const device = str(value, "device");
  const data = str(value, "data");
  switch (op) {
    case "serial-request":
      return { op, filters: usbFilters(field(value, "filters")) };
    case "serial-open": {
      const baudRate = optNumber(value, "baudRate");
      return port !== undefined && baudRate !== undefined ? { op, port, baudRate } : undefined;
    }
    case "serial-write":
      return port !== undefined && data !== undefined ? { op, port, data } : undefined;
    case "serial-close":
      return port !== undefined ? { op, port } : undefined;
    case "ble-request":
      return {
        op,
        filters: scanFilters(field(value, "filters")),
        acceptAll: field(value, "acceptAll") === true,
      };
    case "ble-connect":
    case "ble-disconnect":
      return device !== undefined ? { op, device } : undefined;
    case "ble-discover": {
      const uuid = str(value, "uuid");
      return device !== undefined && uuid !== undefined ? { op, device, uuid } : undefined;
    }
    case "ble-notify": {
      const enable = field(value, "enable");
      return device !== undefined && typeof enable === "boolean" ? { op, device, enable } : undefined;
    }
    case "ble-write": {
      const method = writeMethod(field(value, "method"));
      return device !== undefined && data !== undefined && method ? { op, device, data, method } : undefined;
    }
    default:
      return undefined;
  }
}

/** Checks a result arriving from the device end. */
export function parseFakeResult(value: unknown): FakeResult {
  if (field(value, "ok") === true) {
    const v = str(value, "value");
    return v !== undefined ? { ok: true, value: v } : { ok: true };
  }
  return {
    ok: false,
    name: str(value, "name") ?? "UnknownError",
    message: str(value, "message") ?? "The fake device end failed.",
  };
}

/** Checks events arriving from the device end; drops anything malformed. */
export function parseFakeEvents(value: unknown): FakeEvent[] {
  if (!Array.isArray(value)) return [];
  const events: FakeEvent[] = [];
  for (const item of value) {
    const type = str(item, "type");
    const port = str(item, "port");
    const device = str(item, "device");
    const data = str(item, "data");
    if (type === "serial-data" && port !== undefined && data !== undefined) events.push({ type, port, data });
    else if ((type === "serial-lost" || type === "serial-connect") && port !== undefined)
      events.push({ type, port });
    else if (type === "ble-notification" && device !== undefined && data !== undefined) {
      events.push({ type, device, data });
    } else if (type === "ble-disconnected" && device !== undefined) events.push({ type, device });
  }
  return events;
}

export function domFailure(name: string, message: string): FakeResult {
  return { ok: false, name, message };
}
