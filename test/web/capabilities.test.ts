// The connect panel's view of link support: the transports decide about Web Serial / Web Bluetooth (tested in
// test/transports/capabilities.test.ts); here, that their answers reach the panel intact and the demo device
// follows its own rule.

import { describe, expect, test } from "vitest";
import { detectLinkSupport, type BrowserEnv } from "../../src/web/capabilities.js";
import { detectTransportCapabilities } from "../../src/transports/capabilities.js";
import { activateLocale } from "../../src/i18n/browser-i18n.js";
import { NAMESPACES } from "../../src/i18n/locales.js";

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

describe("the words for an unavailable link", () => {
  const CASES: readonly [string, Partial<BrowserEnv>][] = [
    ["insecure page", { isSecureContext: false }],
    ["iPhone", { userAgent: UA.iphone, hasBluetooth: false, hasSerial: false }],
    ["Chrome on Linux", { userAgent: UA.chromeLinux, hasBluetooth: false }],
    ["Firefox", { userAgent: UA.firefox, hasBluetooth: false, hasSerial: false }],
    ["Android", { userAgent: "Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile", hasSerial: false }],
    ["adapter off", { bluetoothAvailable: false }],
  ];

  test.each(CASES)(
    "%s: worded from the catalog in each language, from the transports' message",
    async (_, o) => {
      const links = detectTransportCapabilities(env(o));
      const english = detectLinkSupport(env(o));
      await activateLocale("de", NAMESPACES);
      let german: ReturnType<typeof detectLinkSupport>;
      try {
        german = detectLinkSupport(env(o));
      } finally {
        await activateLocale("en", NAMESPACES);
      }
      for (const kind of ["bluetooth", "serial"] as const) {
        const capability = links[kind];
        if (capability.available) continue;
        // Worded from the transports' catalog message (never the key itself), and German differs from English.
        expect(english[kind].reason).not.toBe(capability.message.key);
        expect(english[kind].reason).toMatch(/[a-z]{3}/);
        expect(german[kind].reason).not.toBe(english[kind].reason);
        expect(german[kind].hint).not.toBe(english[kind].hint);
        expect(english[kind].hint === undefined).toBe(capability.action === undefined);
      }
    },
  );

  test("in German, the browser is named in German words", async () => {
    await activateLocale("de", NAMESPACES);
    try {
      expect(detectLinkSupport(env({ userAgent: UA.firefox, hasBluetooth: false })).bluetooth.reason).toBe(
        "Firefox unterstützt Web Bluetooth nicht.",
      );
      expect(
        detectLinkSupport(env({ userAgent: UA.chromeLinux, hasBluetooth: false })).bluetooth.hint,
      ).toMatch(/^chrome:\/\/flags\/\S+ öffnen, aktivieren, Chrome neu starten/);
    } finally {
      await activateLocale("en", NAMESPACES);
    }
  });
});
