// The connect panel's view of link support: the transports decide about Web Serial / Web Bluetooth (tested in
// test/transports/capabilities.test.ts); here, that their answers reach the panel intact and the demo device
// follows its own rule.

import { describe, expect, test } from "vitest";
import { detectLinkSupport, type BrowserEnv } from "../../src/web/capabilities.js";

const UA = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
  chromeLinux:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
  iphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0 Mobile/15E148 Safari/604.1",
  firefox: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0",
};

function env(overrides: Partial<BrowserEnv>): BrowserEnv {
  return {
    isSecureContext: true,
    userAgent: UA.chromeWindows,
    maxTouchPoints: 0,
    hasBluetooth: true,
    hasSerial: true,
    ...overrides,
  };
}

describe("link support", () => {
  test("desktop Chrome with both APIs: everything, with what happens next", () => {
    const s = detectLinkSupport(env({}));
    expect(s.bluetooth).toEqual({
      kind: "bluetooth",
      supported: true,
      reason: expect.stringMatching(/chooser/),
    });
    expect(s.serial.supported).toBe(true);
    expect(s.demo.supported).toBe(true);
  });

  test("an insecure page explains HTTPS for every link, the demo included", () => {
    const s = detectLinkSupport(env({ isSecureContext: false }));
    for (const kind of ["bluetooth", "serial", "demo"] as const) {
      expect(s[kind].supported).toBe(false);
      expect(s[kind].hint).toContain("https://");
    }
  });

  test("iOS: neither API, but the demo device works", () => {
    const s = detectLinkSupport(env({ userAgent: UA.iphone, hasBluetooth: false, hasSerial: false }));
    expect(s.bluetooth.supported).toBe(false);
    expect(s.bluetooth.reason).toMatch(/iPhone or iPad/);
    expect(s.serial.supported).toBe(false);
    expect(s.demo.supported).toBe(true);
  });

  test("Chrome on Linux without navigator.bluetooth points to the flag", () => {
    const s = detectLinkSupport(env({ userAgent: UA.chromeLinux, hasBluetooth: false }));
    expect(s.bluetooth.supported).toBe(false);
    expect(s.bluetooth.hint).toContain("chrome://flags/#enable-experimental-web-platform-features");
    expect(s.serial.supported).toBe(true);
  });

  test("Firefox names itself", () => {
    const s = detectLinkSupport(env({ userAgent: UA.firefox, hasBluetooth: false, hasSerial: false }));
    expect(s.bluetooth.reason).toMatch(/^Firefox/);
    expect(s.serial.reason).toMatch(/^Firefox/);
    expect(s.serial.hint).toBeDefined();
  });

  test("a switched-off adapter is reported as such", () => {
    const s = detectLinkSupport(env({ bluetoothAvailable: false }));
    expect(s.bluetooth.supported).toBe(false);
    expect(s.bluetooth.reason).toMatch(/Bluetooth is off/);
  });
});
