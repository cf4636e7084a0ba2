// Which browser links work here, and if not, why and what to do. A pure function of a few facts about the
// browser (so every browser/OS case is unit-tested in Node), plus a reader that gathers them from the real
// platform objects, which are passed in.

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
  /** What the user can expect, or why the link is unavailable. */
  readonly message: string;
  /** What to do about it, when something can be done. */
  readonly action?: string;
  /** For "browser-unsupported": which browser ("firefox", "safari", "chromium", "other"), so each language can
   * name it. */
  readonly browser?: string;
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

const BROWSER_NAMES: Readonly<Record<Browser, string>> = {
  chromium: "This browser",
  firefox: "Firefox",
  safari: "Safari",
  other: "This browser",
};

const INSECURE: TransportCapability = {
  available: false,
  code: CapabilityCode.insecureContext,
  message: "The page is not on a secure connection, so the browser hides USB serial and Bluetooth.",
  action: "Open McuFlash from its https:// address (or http://localhost).",
};

function bluetooth(input: CapabilityInput, os: Os, browser: Browser): TransportCapability {
  if (os === "ios") {
    return {
      available: false,
      code: CapabilityCode.ios,
      message: "No browser on iPhone or iPad supports Web Bluetooth.",
      action: "Use Chrome or Edge on a computer, or Chrome on an Android phone.",
    };
  }
  if (!input.isSecureContext) return INSECURE;
  if (!input.hasBluetooth) {
    if (os === "linux" && browser === "chromium") {
      return {
        available: false,
        code: CapabilityCode.linuxFlag,
        message: "Chrome on Linux keeps Web Bluetooth behind a flag.",
        action:
          "Open chrome://flags/#enable-experimental-web-platform-features, enable it, restart Chrome, and make " +
          "sure the BlueZ Bluetooth service is running.",
      };
    }
    return {
      available: false,
      code: CapabilityCode.browser,
      browser,
      message: `${BROWSER_NAMES[browser]} does not support Web Bluetooth.`,
      action: "Use Chrome or Edge on a computer, or Chrome on an Android phone.",
    };
  }
  if (input.bluetoothAvailable === false) {
    return {
      available: false,
      code: CapabilityCode.adapterOff,
      message: "Bluetooth is off, or this device has no Bluetooth adapter.",
      action: "Turn Bluetooth on (and let the browser use it), then reload the page.",
    };
  }
  return { available: true, code: CapabilityCode.available, message: "Bluetooth devices can be used." };
}

function serial(input: CapabilityInput, os: Os, browser: Browser): TransportCapability {
  if (os === "ios") {
    return {
      available: false,
      code: CapabilityCode.ios,
      message: "No browser on iPhone or iPad supports USB serial (Web Serial).",
      action: "Use Chrome or Edge on a computer.",
    };
  }
  if (!input.isSecureContext) return INSECURE;
  if (!input.hasSerial) {
    if (os === "android") {
      return {
        available: false,
        code: CapabilityCode.android,
        message: "Browsers on Android do not support USB serial (Web Serial).",
        action: "Connect over Bluetooth instead, or use Chrome or Edge on a computer.",
      };
    }
    return {
      available: false,
      code: CapabilityCode.browser,
      browser,
      message: `${BROWSER_NAMES[browser]} does not support USB serial (Web Serial).`,
      action: "Use Chrome, Edge or Opera on a computer.",
    };
  }
  return { available: true, code: CapabilityCode.available, message: "USB serial ports can be used." };
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
