// The manifest's `match` section (docs/manifest.md "Device matching") after schema validation: Bluetooth
// chooser filters (name, name prefix, service data), USB ids for the serial chooser, and patterns on what
// the device reports, turned into the forms the choosers and the matcher use.

import { fromHex } from "../bytes.js";
import type { ManifestDocument } from "./manifest-schema.js";
import { childPath } from "./manifest-issues.js";
import type { BluetoothRule, ManifestPattern, MatchRules, SerialRule } from "./manifest-types.js";

type MatchDocument = NonNullable<ManifestDocument["match"]>;

const FULL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_UUID = /^(?:0x)?([0-9a-f]{4})$/i;
const USB_ID = /^(?:0x)?([0-9a-f]{1,4})$/i;

/** A pattern the schema checked compiles. */
export function compilePattern(source: string | undefined): ManifestPattern | undefined {
  return source === undefined ? undefined : { source, regex: new RegExp(source) };
}

/** "fe59", "0xfe59" or a full UUID → the full lowercase UUID the Web Bluetooth API expects. */
export function normaliseUuid(text: string): string | undefined {
  if (FULL_UUID.test(text)) return text.toLowerCase();
  const short = SHORT_UUID.exec(text)?.[1];
  return short ? `0000${short.toLowerCase()}-0000-1000-8000-00805f9b34fb` : undefined;
}

/** A USB id as the schema allows it: a number, or hex text with or without 0x. */
function usbId(value: number | string): number {
  return typeof value === "number" ? value : Number.parseInt(USB_ID.exec(value)?.[1] ?? "", 16);
}

function bluetoothRule(rule: NonNullable<MatchDocument["bluetooth"]>[number], path: string): BluetoothRule {
  const data = rule.serviceData;
  const service = data === undefined ? undefined : normaliseUuid(data.service);
  // The schema checked the hex; fromHex still says undefined for anything else.
  const dataPrefix = data?.dataPrefix === undefined ? undefined : fromHex(data.dataPrefix);
  const mask = data?.mask === undefined ? undefined : fromHex(data.mask);
  return {
    path,
    ...(rule.name !== undefined ? { name: rule.name } : {}),
    ...(rule.namePrefix !== undefined ? { namePrefix: rule.namePrefix } : {}),
    ...(data && service
      ? {
          serviceData: {
            service,
            ...(dataPrefix ? { dataPrefix } : {}),
            ...(mask ? { mask } : {}),
          },
        }
      : {}),
  };
}

function serialRule(rule: NonNullable<MatchDocument["serial"]>[number], path: string): SerialRule {
  return {
    path,
    usbVendorId: usbId(rule.usbVendorId),
    ...(rule.usbProductId !== undefined ? { usbProductId: usbId(rule.usbProductId) } : {}),
  };
}

export function readMatch(match: MatchDocument | undefined): MatchRules {
  if (!match) return {};
  const { bluetooth, serial, device } = match;
  const osInfo = compilePattern(device?.osInfo);
  const board = compilePattern(device?.board);
  return {
    ...(bluetooth
      ? { bluetooth: bluetooth.map((r, i) => bluetoothRule(r, childPath("match.bluetooth", i))) }
      : {}),
    ...(serial ? { serial: serial.map((r, i) => serialRule(r, childPath("match.serial", i))) } : {}),
    ...(device
      ? { device: { path: "match.device", ...(osInfo ? { osInfo } : {}), ...(board ? { board } : {}) } }
      : {}),
  };
}
