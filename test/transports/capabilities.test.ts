// Capability detection: every browser/OS case gives the right verdict, a message and something to do.

import { describe, expect, test } from "vitest";
import { questionInEnglish as en } from "../support/in-english.js";
import {
  detectTransportCapabilities,
  readCapabilityInput,
  type CapabilityInput,
} from "../../src/transports/capabilities.js";

const UA = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  chromeMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  chromeLinux:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  chromeIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
  safariIpad:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
};

function input(overrides: Partial<CapabilityInput>): CapabilityInput {
  return {
    isSecureContext: true,
    userAgent: UA.chromeWindows,
    hasSerial: true,
    hasBluetooth: true,
    ...overrides,
  };
}

describe("detectTransportCapabilities", () => {
  test("Chrome and Edge on a desktop have both links", () => {
    for (const userAgent of [UA.chromeWindows, UA.chromeMac, UA.edgeWindows]) {
      const caps = detectTransportCapabilities(input({ userAgent, bluetoothAvailable: true }));
      expect(caps.serial).toMatchObject({ available: true, code: "available" });
      expect(caps.bluetooth).toMatchObject({ available: true, code: "available" });
    }
  });

  test("an insecure page has neither, and is told to use https", () => {
    const caps = detectTransportCapabilities(
      input({ isSecureContext: false, hasSerial: false, hasBluetooth: false }),
    );
    for (const cap of [caps.serial, caps.bluetooth]) {
      expect(cap).toMatchObject({ available: false, code: "insecure-context" });
      expect(en(cap.action)).toMatch(/https:\/\//);
    }
  });

  test("Chrome on Linux without navigator.bluetooth points at the flag", () => {
    const caps = detectTransportCapabilities(input({ userAgent: UA.chromeLinux, hasBluetooth: false }));
    expect(caps.bluetooth).toMatchObject({ available: false, code: "linux-flag-required" });
    expect(en(caps.bluetooth.action)).toContain("chrome://flags/#enable-experimental-web-platform-features");
    expect(caps.serial.available).toBe(true);
  });

  test("no browser on iOS has either link, iPads posing as Macs included", () => {
    const iphone = detectTransportCapabilities(
      input({ userAgent: UA.chromeIphone, hasSerial: false, hasBluetooth: false }),
    );
    const ipad = detectTransportCapabilities(
      input({ userAgent: UA.safariIpad, maxTouchPoints: 5, hasSerial: false, hasBluetooth: false }),
    );
    for (const caps of [iphone, ipad]) {
      expect(caps.bluetooth).toMatchObject({ available: false, code: "ios-unsupported" });
      expect(caps.serial).toMatchObject({ available: false, code: "ios-unsupported" });
      expect(en(caps.bluetooth.message)).toMatch(/iPhone or iPad/);
    }
  });

  test("Firefox and Safari name themselves; Android has Bluetooth but no serial", () => {
    const firefox = detectTransportCapabilities(
      input({ userAgent: UA.firefoxLinux, hasSerial: false, hasBluetooth: false }),
    );
    expect(firefox.serial).toMatchObject({
      available: false,
      code: "browser-unsupported",
      message: { key: "capability.serial.browser", params: { browser: "firefox" } },
    });
    expect(en(firefox.serial.message)).toBe("Firefox does not support USB serial (Web Serial).");
    expect(firefox.bluetooth).toMatchObject({ available: false, code: "browser-unsupported" });
    expect(en(firefox.bluetooth.message)).toMatch(/^Firefox/);
    const safari = detectTransportCapabilities(
      input({ userAgent: UA.safariMac, maxTouchPoints: 0, hasSerial: false, hasBluetooth: false }),
    );
    expect(en(safari.serial.message)).toMatch(/^Safari/);
    const android = detectTransportCapabilities(input({ userAgent: UA.chromeAndroid, hasSerial: false }));
    expect(android.serial).toMatchObject({ available: false, code: "android-unsupported" });
    expect(en(android.serial.action)).toMatch(/Bluetooth/);
    expect(android.bluetooth.available).toBe(true);
  });

  test("Bluetooth turned off is its own case", () => {
    const caps = detectTransportCapabilities(input({ bluetoothAvailable: false }));
    expect(caps.bluetooth).toMatchObject({ available: false, code: "bluetooth-adapter-off" });
    expect(en(caps.bluetooth.action)).toMatch(/Turn Bluetooth on/);
  });

  test("every unavailable verdict says what to do", () => {
    const cases = [UA.chromeLinux, UA.chromeIphone, UA.firefoxLinux, UA.safariMac, UA.chromeAndroid].flatMap(
      (userAgent) =>
        [true, false].map((isSecureContext) =>
          input({ userAgent, isSecureContext, hasSerial: false, hasBluetooth: false }),
        ),
    );
    for (const c of cases) {
      const caps = detectTransportCapabilities(c);
      for (const cap of [caps.serial, caps.bluetooth]) {
        expect(en(cap.message).length).toBeGreaterThan(10);
        if (!cap.available) expect(en(cap.action).length).toBeGreaterThan(10);
      }
    }
  });
});

describe("readCapabilityInput", () => {
  test("reads the facts from the platform objects it is given", async () => {
    const facts = await readCapabilityInput({
      isSecureContext: true,
      navigator: {
        userAgent: UA.chromeLinux,
        maxTouchPoints: 0,
        serial: {},
        bluetooth: { getAvailability: () => Promise.resolve(false) },
      },
    });
    expect(facts).toEqual({
      isSecureContext: true,
      userAgent: UA.chromeLinux,
      hasSerial: true,
      hasBluetooth: true,
      bluetoothAvailable: false,
      maxTouchPoints: 0,
    });
  });

  test("a throwing getAvailability leaves availability unknown", async () => {
    const facts = await readCapabilityInput({
      isSecureContext: true,
      navigator: {
        userAgent: UA.chromeMac,
        bluetooth: { getAvailability: () => Promise.reject(new Error("no")) },
      },
    });
    expect(facts).toMatchObject({ hasSerial: false, hasBluetooth: true, bluetoothAvailable: undefined });
  });
});
