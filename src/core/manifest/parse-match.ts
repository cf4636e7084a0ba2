// The manifest's `match` section (docs/manifest.md "Device matching"): Bluetooth chooser filters (name,
// name prefix, service data), USB ids for the serial chooser, and patterns on what the device reports.

import { fromHex } from "../bytes.js";
import { ObjectReader, type ManifestIssue } from "./json-reader.js";
import type {
  BluetoothRule,
  DeviceRules,
  ManifestPattern,
  MatchRules,
  SerialRule,
  ServiceDataRule,
} from "./manifest-types.js";

const MAX_PATTERN = 200;
const MAX_NAME = 29; // an advertising packet has 31 bytes; the name field takes 2 of them
const MAX_RULES = 16;
const FULL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_UUID = /^(?:0x)?([0-9a-f]{4})$/i;
const USB_ID = /^(?:0x)?([0-9a-f]{1,4})$/i;

/** Compiles a pattern field; an invalid regular expression is an issue naming the field. */
export function readPattern(reader: ObjectReader, key: string): ManifestPattern | undefined {
  const source = reader.string(key, false, { maxLength: MAX_PATTERN });
  if (source === undefined) return undefined;
  try {
    return { source, regex: new RegExp(source) };
  } catch (error) {
    reader.issues.push({
      path: reader.pathOf(key),
      message: `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`,
    });
    return undefined;
  }
}

/** "fe59", "0xfe59" or a full UUID → the full lowercase UUID the Web Bluetooth API expects. */
export function normaliseUuid(text: string): string | undefined {
  if (FULL_UUID.test(text)) return text.toLowerCase();
  const short = SHORT_UUID.exec(text)?.[1];
  return short ? `0000${short.toLowerCase()}-0000-1000-8000-00805f9b34fb` : undefined;
}

function readHexBytes(reader: ObjectReader, key: string): Uint8Array | undefined {
  const text = reader.string(key, false, {
    maxLength: 2 * MAX_NAME,
    pattern: /^(?:[0-9a-fA-F]{2})+$/,
    patternMessage: `expected bytes as hex digits, two per byte (at most ${MAX_NAME} bytes), e.g. "0102ff"`,
  });
  return text === undefined ? undefined : fromHex(text);
}

function readServiceData(reader: ObjectReader): ServiceDataRule | undefined {
  const text = reader.string("service", true, {
    pattern:
      /^(?:(?:0x)?[0-9a-fA-F]{4}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/,
    patternMessage:
      'expected a 16-bit service UUID ("fe59") or a full UUID ("0000fe59-0000-1000-8000-00805f9b34fb")',
  });
  const dataPrefix = readHexBytes(reader, "dataPrefix");
  const mask = readHexBytes(reader, "mask");
  if (mask !== undefined && (dataPrefix === undefined || mask.length !== dataPrefix.length)) {
    reader.issues.push({
      path: reader.pathOf("mask"),
      message: "must have exactly as many bytes as dataPrefix",
    });
    return undefined;
  }
  const service = text === undefined ? undefined : normaliseUuid(text);
  if (service === undefined) return undefined;
  return { service, ...(dataPrefix ? { dataPrefix } : {}), ...(mask ? { mask } : {}) };
}

function readBluetoothRule(value: unknown, path: string, issues: ManifestIssue[]): BluetoothRule | undefined {
  const reader = ObjectReader.open(value, path, issues, ["name", "namePrefix", "serviceData"]);
  if (!reader) return undefined;
  const before = issues.length;
  const name = reader.string("name", false, { maxLength: MAX_NAME });
  const namePrefix = reader.string("namePrefix", false, { maxLength: MAX_NAME });
  const dataReader = reader.object("serviceData", false, ["service", "dataPrefix", "mask"]);
  const serviceData = dataReader ? readServiceData(dataReader) : undefined;
  if (!reader.has("name") && !reader.has("namePrefix") && !reader.has("serviceData")) {
    issues.push({ path, message: "needs at least one of name, namePrefix or serviceData" });
  }
  if (issues.length > before) return undefined;
  return {
    path,
    ...(name !== undefined ? { name } : {}),
    ...(namePrefix !== undefined ? { namePrefix } : {}),
    ...(serviceData ? { serviceData } : {}),
  };
}

function readUsbId(reader: ObjectReader, key: string, required: boolean): number | undefined {
  const value = reader.raw(key);
  if (typeof value === "string") {
    const hex = USB_ID.exec(value)?.[1];
    if (hex !== undefined) return Number.parseInt(hex, 16);
    reader.issues.push({
      path: reader.pathOf(key),
      message: `expected a USB id as hex ("0x2fe3") or a number from 0 to 65535, found "${value}"`,
    });
    return undefined;
  }
  return reader.integer(key, required, 0, 0xffff);
}

function readSerialRule(value: unknown, path: string, issues: ManifestIssue[]): SerialRule | undefined {
  const reader = ObjectReader.open(value, path, issues, ["usbVendorId", "usbProductId"]);
  if (!reader) return undefined;
  const before = issues.length;
  const usbVendorId = readUsbId(reader, "usbVendorId", true);
  const usbProductId = readUsbId(reader, "usbProductId", false);
  if (issues.length > before || usbVendorId === undefined) return undefined;
  return { path, usbVendorId, ...(usbProductId !== undefined ? { usbProductId } : {}) };
}

function readDeviceRules(reader: ObjectReader): DeviceRules {
  const osInfo = readPattern(reader, "osInfo");
  const board = readPattern(reader, "board");
  return { path: reader.path, ...(osInfo ? { osInfo } : {}), ...(board ? { board } : {}) };
}

function rules<T>(
  reader: ObjectReader,
  key: string,
  read: (value: unknown, path: string, issues: ManifestIssue[]) => T | undefined,
): T[] | undefined {
  const items = reader.array(key, false, { min: 1, max: MAX_RULES });
  if (!items) return undefined;
  return items
    .map((item) => read(item.value, item.path, reader.issues))
    .filter((r): r is T => r !== undefined);
}

export function readMatch(root: ObjectReader): MatchRules {
  const reader = root.object("match", false, ["bluetooth", "serial", "device"]);
  if (!reader) return {};
  const bluetooth = rules(reader, "bluetooth", readBluetoothRule);
  const serial = rules(reader, "serial", readSerialRule);
  const deviceReader = reader.object("device", false, ["osInfo", "board"]);
  const device = deviceReader ? readDeviceRules(deviceReader) : undefined;
  return {
    ...(bluetooth ? { bluetooth } : {}),
    ...(serial ? { serial } : {}),
    ...(device ? { device } : {}),
  };
}
