// Is this connected device the manifest's product? Checks the link (Bluetooth name, USB ids: the chooser
// applied the same filters, this catches a device reached another way) and what the device reports (board,
// `os info`), each as one line the install screen shows with a tick or a cross.

import type { DeviceFacts, InstallLinkKind } from "./device-facts.js";
import type { BluetoothRule, Manifest, ManifestPattern, SerialRule } from "./manifest-types.js";

export interface MatchCheck {
  readonly rule: "link" | "board" | "os-info";
  readonly ok: boolean;
  readonly message: string;
}

export interface DeviceMatch {
  readonly ok: boolean;
  readonly checks: readonly MatchCheck[];
}

/** The links the install screen offers for this manifest (the demo device is always offered). */
export function allowedLinks(manifest: Manifest): readonly InstallLinkKind[] {
  const { bluetooth, serial } = manifest.match;
  if (!bluetooth && !serial) return ["bluetooth", "serial", "demo"];
  return [...(bluetooth ? (["bluetooth"] as const) : []), ...(serial ? (["serial"] as const) : []), "demo"];
}

const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, "0")}`;

function bluetoothRuleText(rule: BluetoothRule): string {
  const parts: string[] = [];
  if (rule.name !== undefined) parts.push(`named "${rule.name}"`);
  if (rule.namePrefix !== undefined) parts.push(`named "${rule.namePrefix}…"`);
  if (rule.serviceData) parts.push(`advertising service data of ${rule.serviceData.service}`);
  return parts.join(" and ");
}

function serialRuleText(rule: SerialRule): string {
  return `USB ${hex4(rule.usbVendorId)}${rule.usbProductId !== undefined ? `:${hex4(rule.usbProductId)}` : ""}`;
}

function bluetoothCheck(rules: readonly BluetoothRule[] | undefined, name: string | undefined): MatchCheck {
  if (!rules) return { rule: "link", ok: true, message: "Bluetooth: any device with the SMP service" };
  if (name === undefined) {
    return { rule: "link", ok: true, message: "Bluetooth: chosen with the manifest's filters" };
  }
  // Service data cannot be read after the chooser; the browser applied that part of the filter.
  const hit = rules.find(
    (r) =>
      (r.name === undefined || r.name === name) &&
      (r.namePrefix === undefined || name.startsWith(r.namePrefix)),
  );
  return hit
    ? { rule: "link", ok: true, message: `Bluetooth name "${name}" matches (${bluetoothRuleText(hit)})` }
    : {
        rule: "link",
        ok: false,
        message: `Bluetooth name "${name}" is not one of this product's (${rules.map(bluetoothRuleText).join("; ")})`,
      };
}

function serialCheck(
  rules: readonly SerialRule[] | undefined,
  vendor?: number,
  product?: number,
): MatchCheck {
  if (!rules) return { rule: "link", ok: true, message: "USB serial: any port" };
  if (vendor === undefined) {
    return {
      rule: "link",
      ok: false,
      message: `The port does not say which USB device it is; expected ${rules.map(serialRuleText).join(" or ")}`,
    };
  }
  const ids = `${hex4(vendor)}:${hex4(product ?? 0)}`;
  const hit = rules.find(
    (r) => r.usbVendorId === vendor && (r.usbProductId === undefined || r.usbProductId === product),
  );
  return hit
    ? { rule: "link", ok: true, message: `USB ${ids} matches` }
    : {
        rule: "link",
        ok: false,
        message: `USB ${ids} is not this product (expected ${rules.map(serialRuleText).join(" or ")})`,
      };
}

function linkCheck(manifest: Manifest, facts: DeviceFacts): MatchCheck {
  const kind = facts.link.kind;
  if (kind === "demo") {
    return { rule: "link", ok: true, message: "Demo device: the Bluetooth and USB filters do not apply" };
  }
  if (!allowedLinks(manifest).includes(kind)) {
    const other = kind === "bluetooth" ? "USB serial" : "Bluetooth";
    return {
      rule: "link",
      ok: false,
      message: `${manifest.product} is not updated over ${kind === "bluetooth" ? "Bluetooth" : "USB serial"}; connect over ${other}`,
    };
  }
  return kind === "bluetooth"
    ? bluetoothCheck(manifest.match.bluetooth, facts.link.name)
    : serialCheck(manifest.match.serial, facts.link.usbVendorId, facts.link.usbProductId);
}

/** One pattern rule against a reported value. `what` names it for the user ("board", "OS info"). */
export function patternCheck(
  rule: MatchCheck["rule"],
  what: string,
  pattern: ManifestPattern,
  value: string | undefined,
): MatchCheck {
  if (value === undefined) {
    return {
      rule,
      ok: false,
      message: `The device does not report its ${what} (mcumgr os info), so it cannot be matched against /${pattern.source}/`,
    };
  }
  return pattern.regex.test(value)
    ? {
        rule,
        ok: true,
        message: `${what[0]?.toUpperCase()}${what.slice(1)} "${value}" matches /${pattern.source}/`,
      }
    : {
        rule,
        ok: false,
        message: `${what[0]?.toUpperCase()}${what.slice(1)} "${value}" does not match /${pattern.source}/`,
      };
}

export function matchDevice(manifest: Manifest, facts: DeviceFacts): DeviceMatch {
  const checks: MatchCheck[] = [linkCheck(manifest, facts)];
  const device = manifest.match.device;
  if (device?.board) checks.push(patternCheck("board", "board", device.board, facts.board));
  if (device?.osInfo) checks.push(patternCheck("os-info", "OS info", device.osInfo, facts.osInfo));
  return { ok: checks.every((c) => c.ok), checks };
}
