// Which browser links work here, and if not, why and what to do. A pure function of a few facts about the
// browser (so every browser/OS case is unit-tested in Node), plus a reader that gathers them from the real
// platform objects, which are passed in.

import { type Message, words } from "../core/errors.js";

export interface CapabilityInput {
  /** HTTPS or localhost: browsers hide Web Serial and Web Bluetooth elsewhere. */
  readonly isSecureContext: boolean;
  readonly userAgent: string;
  readonly hasSerial: boolean;
  readonly hasBluetooth: boolean;
  /** navigator.bluetooth.getAvailability(): false when there is no adapter or it is off; undefined if unknown. */
  readonly bluetoothAvailable?: boolean | undefined;
  /** navigator.maxTouchPoints: iPadOS reports a Mac user agent, but Macs have no touch screen. */
  readonly maxTouchPoints?: number | undefined;
}

export const CapabilityCode = {
  available: "available",
  insecureContext: "insecure-context",
  ios: "ios-unsupported",
  linuxFlag: "linux-flag-required",
  browser: "browser-unsupported",
  android: "android-unsupported",
  adapterOff: "bluetooth-adapter-off",
} as const;
export type CapabilityCode = (typeof CapabilityCode)[keyof typeof CapabilityCode];

export interface TransportCapability {
  readonly available: boolean;
  readonly code: CapabilityCode;
  /** What the user can expect, or why the link is unavailable (catalog words, "capability.*"). */
  readonly message: Message;
  /** What to do about it, when something can be done. */
  readonly action?: Message;
}

export interface TransportCapabilities {
  readonly serial: TransportCapability;
  readonly bluetooth: TransportCapability;
}

type Os = "ios" | "android" | "linux" | "chromeos" | "mac" | "windows" | "other";
type Browser = "chromium" | "firefox" | "safari" | "other";

function osOf(input: CapabilityInput): Os {
  const ua = input.userAgent;
  if (/iPhone|iPad|iPod/i.test(ua)) return "ios";
  if (/Macintosh/i.test(ua) && (input.maxTouchPoints ?? 0) > 1) return "ios";
  if (/Android/i.test(ua)) return "android";
  if (/CrOS/.test(ua)) return "chromeos";
  if (/Linux|X11/i.test(ua)) return "linux";
  if (/Mac OS X|Macintosh/i.test(ua)) return "mac";
  if (/Windows/i.test(ua)) return "windows";
  return "other";
}

function browserOf(ua: string): Browser {
  // Order matters: Chrome's user agent also says "Safari", and Chrome on iOS says "CriOS" over WebKit.
  if (/Firefox\/|FxiOS/.test(ua)) return "firefox";
  if (/Chrome\/|Chromium\/|Edg\/|OPR\//.test(ua)) return "chromium";
  if (/Safari\//.test(ua)) return "safari";
  return "other";
}

const INSECURE: TransportCapability = {
  available: false,
  code: CapabilityCode.insecureContext,
  message: words("capability.insecure-context"),
  action: words("capability.action.open-https"),
};

function bluetooth(input: CapabilityInput, os: Os, browser: Browser): TransportCapability {
  if (os === "ios") {
    return {
      available: false,
      code: CapabilityCode.ios,
      message: words("capability.bluetooth.ios"),
      action: words("capability.action.computer-or-android"),
    };
  }
  if (!input.isSecureContext) return INSECURE;
  if (!input.hasBluetooth) {
    if (os === "linux" && browser === "chromium") {
      return {
        available: false,
        code: CapabilityCode.linuxFlag,
        message: words("capability.bluetooth.linux-flag"),
        action: words("capability.action.linux-flag"),
      };
    }
    return {
      available: false,
      code: CapabilityCode.browser,
      message: words("capability.bluetooth.browser", { browser }),
      action: words("capability.action.computer-or-android"),
    };
  }
  if (input.bluetoothAvailable === false) {
    return {
      available: false,
      code: CapabilityCode.adapterOff,
      message: words("capability.bluetooth.adapter-off"),
      action: words("capability.action.turn-bluetooth-on"),
    };
  }
  return {
    available: true,
    code: CapabilityCode.available,
    message: words("capability.bluetooth.available"),
  };
}

function serial(input: CapabilityInput, os: Os, browser: Browser): TransportCapability {
  if (os === "ios") {
    return {
      available: false,
      code: CapabilityCode.ios,
      message: words("capability.serial.ios"),
      action: words("capability.action.computer"),
    };
  }
  if (!input.isSecureContext) return INSECURE;
  if (!input.hasSerial) {
    if (os === "android") {
      return {
        available: false,
        code: CapabilityCode.android,
        message: words("capability.serial.android"),
        action: words("capability.action.bluetooth-instead"),
      };
    }
    return {
      available: false,
      code: CapabilityCode.browser,
      message: words("capability.serial.browser", { browser }),
      action: words("capability.action.chromium-computer"),
    };
  }
  return { available: true, code: CapabilityCode.available, message: words("capability.serial.available") };
}

export function detectTransportCapabilities(input: CapabilityInput): TransportCapabilities {
  const os = osOf(input);
  const browser = browserOf(input.userAgent);
  return { serial: serial(input, os, browser), bluetooth: bluetooth(input, os, browser) };
}

/** The platform objects the facts come from: `window` and `navigator` in the browser. */
export interface CapabilityPlatform {
  readonly isSecureContext: boolean;
  readonly navigator: {
    readonly userAgent: string;
    readonly maxTouchPoints?: number;
    readonly serial?: unknown;
    readonly bluetooth?: unknown;
  };
}

/** Gathers the facts; asks the Bluetooth adapter when the API offers getAvailability(). */
export async function readCapabilityInput(platform: CapabilityPlatform): Promise<CapabilityInput> {
  const serialApi = platform.navigator.serial;
  const bluetoothApi = platform.navigator.bluetooth;
  const hasBluetooth = typeof bluetoothApi === "object" && bluetoothApi !== null;
  let bluetoothAvailable: boolean | undefined;
  if (hasBluetooth) {
    const getAvailability: unknown = Reflect.get(bluetoothApi, "getAvailability");
    if (typeof getAvailability === "function") {
      const answer: unknown = await Promise.resolve()
        .then(() => getAvailability.call(bluetoothApi))
        .catch(() => undefined);
      if (typeof answer === "boolean") bluetoothAvailable = answer;
    }
  }
  return {
    isSecureContext: platform.isSecureContext,
    userAgent: platform.navigator.userAgent,
    hasSerial: typeof serialApi === "object" && serialApi !== null,
    hasBluetooth,
    bluetoothAvailable,
    maxTouchPoints: platform.navigator.maxTouchPoints,
  };
}
