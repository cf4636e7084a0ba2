// The install screens' words come from install.json in the active language: plurals and lists as each
// language writes them, product checks, blockers and results worded from the catalog words core gives.

import { afterEach, describe, expect, test } from "vitest";
import { McuFlashError } from "../../src/core/errors.js";
import {
  checkDevice,
  errorWords,
  initialInstallState,
  matchDevice,
  parseManifest,
  type DeviceFacts,
  type DeviceResult,
  type InstallState,
} from "../../src/core/manifest/index.js";
import { activateLocale } from "../../src/i18n/browser-i18n.js";
import { NAMESPACES } from "../../src/i18n/locales.js";
import {
  checkText,
  offlineText,
  problemText,
  progressNumbers,
  relationText,
  resultText,
} from "../../src/web/install-text.js";

const withOffline = (offline: InstallState["offline"]): InstallState => ({ ...initialInstallState, offline });

afterEach(async () => {
  await activateLocale("en", NAMESPACES);
});

describe("offline readiness", () => {
  test("every release on the path kept: one sentence, the versions listed as the language lists them", async () => {
    const state = withOffline({ keys: true, kept: ["1.1.0", "1.0.0"], missing: [], complete: true });
    expect(offlineText(state, 1 << 20)).toEqual({
      ready: true,
      text: "Ready offline: this page, its signing key and versions 1.1.0 and 1.0.0 (with every earlier release a device may need to install first) are saved on this device, so it also installs without a network.",
    });
    await activateLocale("de", NAMESPACES);
    expect(offlineText(state, 1 << 20).text).toContain(
      "Versionen 1.1.0 und 1.0.0 (mit jedem früheren Release",
    );
  });

  test("what is missing says why, with singular and plural as each language needs", async () => {
    const state = withOffline({
      keys: false,
      kept: ["1.0.0"],
      missing: [
        { version: "1.2.0", reason: "over-budget" },
        { version: "1.1.0", reason: "not-downloaded" },
        { version: "1.1.1", reason: "not-downloaded" },
      ],
      complete: false,
    });
    expect(offlineText(state, 5 * 1024 * 1024)).toEqual({
      ready: false,
      text: "Not fully ready offline: version 1.0.0 is saved on this device; the signing key could not be downloaded, so installing needs a network; version 1.2.0 is not kept (over the 5.0 MB kept for offline use); versions 1.1.0 and 1.1.1 could not be downloaded yet. Devices that need what is missing must be updated online.",
    });
    await activateLocale("de", NAMESPACES);
    const german = offlineText(state, 5 * 1024 * 1024).text;
    expect(german).toContain("Version 1.0.0 ist auf diesem Gerät gespeichert");
    expect(german).toContain("Versionen 1.1.0 und 1.1.1 konnten noch nicht geladen werden");
    expect(german).toContain("(mehr als die 5,0 MB für die Offline-Nutzung)");
    await activateLocale("zh", NAMESPACES);
    const chinese = offlineText(state, 5 * 1024 * 1024).text;
    expect(chinese).toContain("版本 1.1.0和1.1.1 尚未能下载");
    expect(chinese).toContain("；");
  });
});

test("relations and progress read in the active language", async () => {
  expect(relationText("upgrade", undefined, "1.1.0")).toBe("Update from ? to 1.1.0.");
  expect(progressNumbers({ bytes: 50, total: 100, bytesPerSecond: 2048, etaSeconds: 3 } as never)).toBe(
    "50% · 2.0 KB/s · 3 sec left",
  );
  await activateLocale("de", NAMESPACES);
  expect(relationText("downgrade", "1.1.0", "1.0.0")).toBe("Damit geht es von 1.1.0 zurück auf 1.0.0.");
  expect(progressNumbers({ bytes: 100, total: 100, bytesPerSecond: 0, etaSeconds: undefined } as never)).toBe(
    "100 % · gesendet",
  );
});

test("product checks are worded from core's message, in each language", async () => {
  const parsed = parseManifest(
    {
      schemaVersion: 1,
      product: "Acme Sensor",
      keys: [{ url: "k.pem" }],
      match: { serial: [{ usbVendorId: "0x2fe3" }], device: { board: "^nrf52840dk" } },
      releases: [{ version: "1.1.0", images: [{ url: "a.bin", sha256: "0".repeat(64), size: 1 }] }],
    },
    "https://vendor.example/m.json",
  );
  const match = matchDevice(parsed, {
    label: "port",
    link: { kind: "bluetooth", name: "Acme-1" },
    slots: [],
    runningVersion: undefined,
    osInfo: "Zephyr",
    board: "nrf5340dk/nrf5340",
  });
  expect(match.checks.map(checkText)).toEqual([
    "Acme Sensor is not updated over Bluetooth; connect over USB serial",
    'Board "nrf5340dk/nrf5340" does not match /^nrf52840dk/',
  ]);
  await activateLocale("zh", NAMESPACES);
  expect(match.checks.map(checkText)).toEqual([
    "Acme Sensor 不通过蓝牙更新；请通过 USB 串口连接",
    "开发板“nrf5340dk/nrf5340”不匹配 /^nrf52840dk/",
  ]);
});

test("a blocker and a device's result read in the active language, with what went wrong underneath", async () => {
  const parsed = parseManifest(
    {
      schemaVersion: 1,
      product: "Acme Sensor",
      keys: [{ url: "k.pem" }],
      match: { device: { board: "^nrf52840dk" } },
      releases: [{ version: "1.1.0", images: [{ url: "a.bin", sha256: "0".repeat(64), size: 1 }] }],
    },
    "https://vendor.example/m.json",
  );
  const device = (board: string, runningVersion: string): DeviceFacts => ({
    label: "p",
    link: { kind: "demo" },
    slots: [],
    runningVersion,
    osInfo: undefined,
    board,
  });
  const verdict = checkDevice(parsed, device("esp32", "1.0.0"), undefined);
  const refused = checkDevice(parsed, device("nrf52840dk/nrf52840", "2.0.0"), undefined);
  const failed = (error: unknown): DeviceResult =>
    ({ result: "failed", text: errorWords(error) }) as DeviceResult;
  // The cause names its own `path`, the outer error another: each message keeps its own.
  const download = failed(
    new McuFlashError(
      "firmware-unavailable",
      { url: "a.bin", path: "releases[0].images[0]" },
      { cause: new McuFlashError("link-lost", { path: "/dev/ttyACM0" }) },
    ),
  );
  expect(problemText(verdict.blocker!)).toBe(
    'This device does not match Acme Sensor: Board "esp32" does not match /^nrf52840dk/.',
  );
  expect(resultText(download)).toBe(
    "Could not download a.bin (releases[0].images[0].url): The serial port /dev/ttyACM0 went away.",
  );
  expect(resultText(failed(refused.blocker?.error))).toMatch(
    /^No release of Acme Sensor can be installed on this device \(it runs 2\.0\.0\)\. Version 1\.1\.0: .+\. \S/,
  );
  await activateLocale("de", NAMESPACES);
  expect(problemText(verdict.blocker!)).toBe(
    "Dieses Gerät passt nicht zu Acme Sensor: Platine „esp32“ passt nicht zu /^nrf52840dk/.",
  );
  expect(
    resultText({
      result: "cancelled",
      text: { key: "install.outcome.cancelled", params: {} },
    } as DeviceResult),
  ).toBe("Abgebrochen.");
});
