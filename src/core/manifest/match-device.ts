// Is this connected device the manifest's product? Checks the link (Bluetooth name, USB ids: the chooser
// applied the same filters, this catches a device reached another way) and what the device reports (board,
// `os info`), each as one line the install screen shows with a tick or a cross.

import { words, type Message } from "../errors.js";
import type { DeviceFacts, InstallLinkKind } from "./device-facts.js";
import type { BluetoothRule, Manifest, ManifestPattern, SerialRule } from "./manifest-types.js";

export interface MatchCheck {
  readonly rule: "link" | "board" | "os-info";
  readonly ok: boolean;
  /** What the edges word (install.json "install.match.*"); `neutralText` renders it for logs. */
  readonly text: Message;
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

/** A rule in notation no language needs to translate: "Acme-S1", "Acme…", a service UUID. */
function bluetoothRuleNotation(rule: BluetoothRule): string {
  const parts: string[] = [];
  if (rule.name !== undefined) parts.push(`"${rule.name}"`);
  if (rule.namePrefix !== undefined) parts.push(`"${rule.namePrefix}…"`);
  if (rule.serviceData) parts.push(rule.serviceData.service);
  return parts.join(" + ");
}

/** "0x2fe3:0x0100", or "0x2fe3" for any product of the vendor. */
function serialRuleNotation(rule: SerialRule): string {
  return `${hex4(rule.usbVendorId)}${rule.usbProductId !== undefined ? `:${hex4(rule.usbProductId)}` : ""}`;
}

function bluetoothCheck(rules: readonly BluetoothRule[] | undefined, name: string | undefined): MatchCheck {
  if (!rules)
    return {
      rule: "link",
      ok: true,
      text: words("install.match.bluetooth-any"),
    };
  if (name === undefined) {
    return {
      rule: "link",
      ok: true,
      text: words("install.match.bluetooth-chosen"),
    };
  }
  // Service data cannot be read after the chooser; the browser applied that part of the filter.
  const hit = rules.find(
    (r) =>
      (r.name === undefined || r.name === name) &&
      (r.namePrefix === undefined || name.startsWith(r.namePrefix)),
  );
  return hit
    ? {
        rule: "link",
        ok: true,
        text: words("install.match.bluetooth-matches", { name, rules: bluetoothRuleNotation(hit) }),
      }
    : {
        rule: "link",
        ok: false,
        text: words("install.match.bluetooth-not-product", {
          name,
          rules: rules.map(bluetoothRuleNotation).join(" | "),
        }),
      };
}

function serialCheck(
  rules: readonly SerialRule[] | undefined,
  vendor?: number,
  product?: number,
): MatchCheck {
  if (!rules)
    return {
      rule: "link",
      ok: true,
      text: words("install.match.serial-any"),
    };
  const expected = rules.map(serialRuleNotation).join(" | ");
  if (vendor === undefined) {
    return {
      rule: "link",
      ok: false,
      text: words("install.match.serial-unknown-port", { rules: expected }),
    };
  }
  const ids = `${hex4(vendor)}:${hex4(product ?? 0)}`;
  const hit = rules.find(
    (r) => r.usbVendorId === vendor && (r.usbProductId === undefined || r.usbProductId === product),
  );
  return hit
    ? {
        rule: "link",
        ok: true,
        text: words("install.match.serial-matches", { ids }),
      }
    : {
        rule: "link",
        ok: false,
        text: words("install.match.serial-not-product", { ids, rules: expected }),
      };
}

function linkCheck(manifest: Manifest, facts: DeviceFacts): MatchCheck {
  const kind = facts.link.kind;
  if (kind === "demo") {
    return {
      rule: "link",
      ok: true,
      text: words("install.match.demo"),
    };
  }
  if (!allowedLinks(manifest).includes(kind)) {
    return {
      rule: "link",
      ok: false,
      text: words(
        kind === "bluetooth" ? "install.match.wrong-link-bluetooth" : "install.match.wrong-link-serial",
        { product: manifest.product },
      ),
    };
  }
  return kind === "bluetooth"
    ? bluetoothCheck(manifest.match.bluetooth, facts.link.name)
    : serialCheck(manifest.match.serial, facts.link.usbVendorId, facts.link.usbProductId);
}

// The catalog words each pattern rule's outcomes on its own (the rule's name reads differently per language).
const PATTERN_KEYS = {
  board: {
    unreported: "install.match.board-unreported",
    matches: "install.match.board-matches",
    mismatch: "install.match.board-mismatch",
  },
  "os-info": {
    unreported: "install.match.os-info-unreported",
    matches: "install.match.os-info-matches",
    mismatch: "install.match.os-info-mismatch",
  },
} as const;

/** One pattern rule (board or OS info) against a reported value. */
export function patternCheck(
  rule: MatchCheck["rule"],
  pattern: ManifestPattern,
  value: string | undefined,
): MatchCheck {
  const keys = PATTERN_KEYS[rule === "os-info" ? "os-info" : "board"];
  if (value === undefined) {
    return {
      rule,
      ok: false,
      text: words(keys.unreported, { pattern: pattern.source }),
    };
  }
  return pattern.regex.test(value)
    ? {
        rule,
        ok: true,
        text: words(keys.matches, { value, pattern: pattern.source }),
      }
    : {
        rule,
        ok: false,
        text: words(keys.mismatch, { value, pattern: pattern.source }),
      };
}

export function matchDevice(manifest: Manifest, facts: DeviceFacts): DeviceMatch {
  const checks: MatchCheck[] = [linkCheck(manifest, facts)];
  const device = manifest.match.device;
  if (device?.board) checks.push(patternCheck("board", device.board, facts.board));
  if (device?.osInfo) checks.push(patternCheck("os-info", device.osInfo, facts.osInfo));
  return { ok: checks.every((c) => c.ok), checks };
}
