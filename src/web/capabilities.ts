// What this browser can reach, and in plain words why not. The Web Serial / Web Bluetooth rules live with the
// transports (src/transports/capabilities.ts, unit-tested there for every browser and OS); this adapter adds
// the demo device and puts the answers in the shape the connect panel renders.
//
// Expects from src/transports/capabilities: detectTransportCapabilities(input) → { serial, bluetooth }, each
// { available, code, message, action? }, and readCapabilityInput({ isSecureContext, navigator }).

import { i18n } from "../i18n/browser-i18n.js";
import {
  detectTransportCapabilities,
  readCapabilityInput,
  type CapabilityCode,
  type CapabilityInput,
  type TransportCapability,
} from "../transports/capabilities.js";

export const LINK_KINDS = ["bluetooth", "serial", "demo"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_NAMES: Readonly<Record<LinkKind, string>> = {
  bluetooth: "app.capabilities.link.bluetooth",
  serial: "app.capabilities.link.serial",
  demo: "app.capabilities.link.demo",
};

export type BrowserEnv = CapabilityInput;

export interface LinkSupport {
  readonly kind: LinkKind;
  readonly supported: boolean;
  /** One sentence: what the user can expect, or why it is unavailable. */
  readonly reason: string;
  /** What to do about it, when something can be done. */
  readonly hint?: string;
}

/** What the connect panel says under each available link (the transports' wording is for errors). */
const READY_TEXT: Readonly<Record<Exclude<LinkKind, "demo">, string>> = {
  bluetooth: "app.capabilities.ready.bluetooth",
  serial: "app.capabilities.ready.serial",
};

type Unavailable = Exclude<CapabilityCode, "available">;

/** Why a link is unavailable and what to do, in the user's words, by the transports' code for the case. */
const UNAVAILABLE_TEXT: Readonly<
  Record<Exclude<LinkKind, "demo">, Partial<Record<Unavailable, { reason: string; action?: string }>>>
> = {
  bluetooth: {
    "insecure-context": {
      reason: "app.capabilities.unavailable.insecure-context",
      action: "app.capabilities.open-mcuflash-from-https",
    },
    "ios-unsupported": {
      reason: "app.capabilities.unavailable.bluetooth.ios-unsupported",
      action: "app.capabilities.action.use-computer-or-android",
    },
    "linux-flag-required": {
      reason: "app.capabilities.unavailable.bluetooth.linux-flag-required",
      action: "app.capabilities.action.linux-flag",
    },
    "browser-unsupported": {
      reason: "app.capabilities.unavailable.bluetooth.browser-unsupported",
      action: "app.capabilities.action.use-computer-or-android",
    },
    "bluetooth-adapter-off": {
      reason: "app.capabilities.unavailable.bluetooth.bluetooth-adapter-off",
      action: "app.capabilities.action.adapter-off",
    },
  },
  serial: {
    "insecure-context": {
      reason: "app.capabilities.unavailable.insecure-context",
      action: "app.capabilities.open-mcuflash-from-https",
    },
    "ios-unsupported": {
      reason: "app.capabilities.unavailable.serial.ios-unsupported",
      action: "app.capabilities.action.use-computer",
    },
    "android-unsupported": {
      reason: "app.capabilities.unavailable.serial.android-unsupported",
      action: "app.capabilities.action.android-serial",
    },
    "browser-unsupported": {
      reason: "app.capabilities.unavailable.serial.browser-unsupported",
      action: "app.capabilities.action.use-computer-serial",
    },
  },
};

function fromTransport(kind: Exclude<LinkKind, "demo">, capability: TransportCapability): LinkSupport {
  if (capability.available) return { kind, supported: true, reason: i18n._(READY_TEXT[kind]) };
  const words = UNAVAILABLE_TEXT[kind][capability.code as Unavailable];
  // A case the transports add later is still explained, in their (English) words, until the catalog has it.
  if (!words)
    return {
      kind,
      supported: false,
      reason: capability.message,
      ...(capability.action ? { hint: capability.action } : {}),
    };
  const params = { browser: capability.browser ?? "other" };
  return {
    kind,
    supported: false,
    reason: i18n._(words.reason, params),
    ...(words.action ? { hint: i18n._(words.action, params) } : {}),
  };
}

function demo(env: BrowserEnv): LinkSupport {
  if (!env.isSecureContext) {
    // Verification needs crypto.subtle, which browsers only offer in a secure context.
    return {
      kind: "demo",
      supported: false,
      reason: i18n._("app.capabilities.page-not-secure-connection"),
      hint: i18n._("app.capabilities.open-mcuflash-from-https"),
    };
  }
  return {
    kind: "demo",
    supported: true,
    reason: i18n._("app.capabilities.simulated-mcuboot-device-inside"),
  };
}

export function detectLinkSupport(env: BrowserEnv): Readonly<Record<LinkKind, LinkSupport>> {
  const links = detectTransportCapabilities(env);
  return {
    bluetooth: fromTransport("bluetooth", links.bluetooth),
    serial: fromTransport("serial", links.serial),
    demo: demo(env),
  };
}

/** Reads the facts from the running browser (asking the Bluetooth adapter when the API offers that). */
export function readBrowserEnv(): Promise<BrowserEnv> {
  return readCapabilityInput({ isSecureContext: window.isSecureContext, navigator });
}
