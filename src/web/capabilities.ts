// What this browser can reach, and in plain words why not. The Web Serial / Web Bluetooth rules live with the
// transports (src/transports/capabilities.ts, unit-tested there for every browser and OS); this adapter adds
// the demo device and puts the answers in the shape the connect panel renders.
//
// Expects from src/transports/capabilities: detectTransportCapabilities(input) → { serial, bluetooth }, each
// { available, code, message, action? }, and readCapabilityInput({ isSecureContext, navigator }).

import {
  detectTransportCapabilities,
  readCapabilityInput,
  type CapabilityInput,
  type TransportCapability,
} from "../transports/capabilities.js";

export const LINK_KINDS = ["bluetooth", "serial", "demo"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_NAMES: Readonly<Record<LinkKind, string>> = {
  bluetooth: "Bluetooth",
  serial: "USB serial",
  demo: "Demo device",
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
  bluetooth: "Pick the device in the browser's Bluetooth chooser.",
  serial: "Pick the device's port (e.g. ttyACM0, COM3) in the browser's chooser.",
};

function fromTransport(kind: Exclude<LinkKind, "demo">, capability: TransportCapability): LinkSupport {
  if (capability.available) return { kind, supported: true, reason: READY_TEXT[kind] };
  return {
    kind,
    supported: false,
    reason: capability.message,
    ...(capability.action ? { hint: capability.action } : {}),
  };
}

function demo(env: BrowserEnv): LinkSupport {
  if (!env.isSecureContext) {
    // Verification needs crypto.subtle, which browsers only offer in a secure context.
    return {
      kind: "demo",
      supported: false,
      reason: "The page is not on a secure connection, so images cannot be verified here.",
      hint: "Open McuFlash from its https:// address (or http://localhost).",
    };
  }
  return {
    kind: "demo",
    supported: true,
    reason: "A simulated MCUboot device inside the app: try the whole flow.",
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
