// What this browser can reach, and in plain words why not. The Web Serial / Web Bluetooth rules live with the
// transports (src/transports/capabilities.ts, unit-tested there for every browser and OS); this adapter adds
// the demo device and puts the answers in the shape the connect panel renders.
//
// Expects from src/transports/capabilities: detectTransportCapabilities(input) → { serial, bluetooth }, each
// { available, code, message, action? }, and readCapabilityInput({ isSecureContext, navigator }).

import { i18n } from "../i18n/browser-i18n.js";
import { say } from "../i18n/describe-error.js";
import {
  detectTransportCapabilities,
  readCapabilityInput,
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

function fromTransport(kind: Exclude<LinkKind, "demo">, capability: TransportCapability): LinkSupport {
  if (capability.available) return { kind, supported: true, reason: i18n._(READY_TEXT[kind]) };
  return {
    kind,
    supported: false,
    reason: say(i18n, capability.message),
    ...(capability.action ? { hint: say(i18n, capability.action) } : {}),
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
