import { beforeAll, describe, expect, test } from "vitest";
import { inEnglish, questionInEnglish } from "../../support/in-english.js";
import {
  NoMatchingReleaseError,
  rejectionMessage,
  allowedLinks,
  matchDevice,
  parseManifest,
  selectRelease,
  type DeviceFacts,
  type LinkFacts,
  type Manifest,
} from "../../../src/core/manifest/index.js";
import { BASE, demoFile, manifestJson } from "../../support/manifest/fixtures.js";

let manifest: Manifest;
let json: Record<string, unknown>;

beforeAll(async () => {
  const files = await Promise.all(["1.0.0", "1.1.0", "2.0.0"].map((v, i) => demoFile(v, i + 1)));
  json = await manifestJson(["1.0.0", "1.1.0", "2.0.0"].map((version, i) => ({ version, file: files[i]! })));
  const releases = json.releases as Record<string, unknown>[];
  // 2.0.0 needs 1.1.0 first and only exists for the nRF5340 board.
  releases[2]!.requires = { minimumVersion: "1.1.0", board: "nrf5340" };
  manifest = parseManifest(json, BASE);
});

function facts(patch: Partial<DeviceFacts> & { link?: LinkFacts } = {}): DeviceFacts {
  return {
    label: "BLE Acme-1",
    link: { kind: "bluetooth", name: "Acme-1" },
    slots: [],
    runningVersion: "1.0.0",
    osInfo: "Zephyr acme-1 v4.4.0 arm cortex-m4 nrf52840dk/nrf52840 Zephyr",
    board: "nrf52840dk/nrf52840",
    ...patch,
  };
}

describe("matchDevice", () => {
  test("a device reached and reporting as the manifest says matches", () => {
    const result = matchDevice(manifest, facts());
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.rule)).toEqual(["link", "board"]);
    expect(result.checks[1]?.text).toEqual({
      key: "install.match.board-matches",
      params: { value: "nrf52840dk/nrf52840", pattern: "^nrf52840dk" },
    });
  });

  test.each([
    [
      "another Bluetooth name",
      { link: { kind: "bluetooth", name: "Zephyr" } },
      { key: "install.match.bluetooth-not-product", params: { name: "Zephyr", rules: '"Acme…"' } },
    ],
    [
      "other USB ids",
      { link: { kind: "serial", usbVendorId: 0x1234, usbProductId: 1 } },
      { key: "install.match.serial-not-product", params: { ids: "0x1234:0x0001", rules: "0x2fe3:0x0100" } },
    ],
    [
      "a port without USB ids",
      { link: { kind: "serial" } },
      { key: "install.match.serial-unknown-port", params: { rules: "0x2fe3:0x0100" } },
    ],
    [
      "another board",
      { board: "esp32" },
      { key: "install.match.board-mismatch", params: { value: "esp32", pattern: "^nrf52840dk" } },
    ],
    [
      "no board reported",
      { board: undefined },
      { key: "install.match.board-unreported", params: { pattern: "^nrf52840dk" } },
    ],
  ] as const)("%s does not match", (_name, patch, text) => {
    const result = matchDevice(manifest, facts(patch));
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => !c.ok)?.text).toEqual(text);
  });

  test("USB ids and the demo device", () => {
    expect(
      matchDevice(manifest, facts({ link: { kind: "serial", usbVendorId: 0x2fe3, usbProductId: 0x0100 } }))
        .ok,
    ).toBe(true);
    const demo = matchDevice(manifest, facts({ link: { kind: "demo" } }));
    expect(demo.ok).toBe(true);
    expect(demo.checks[0]?.text).toEqual({ key: "install.match.demo", params: {} });
  });

  test("a link the manifest does not name is refused; no link rules allow both", () => {
    const serialOnly = parseManifest({ ...json, match: { serial: [{ usbVendorId: 1 }] } }, BASE);
    expect(allowedLinks(serialOnly)).toEqual(["serial", "demo"]);
    expect(matchDevice(serialOnly, facts()).checks[0]?.text).toEqual({
      key: "install.match.wrong-link-bluetooth",
      params: { product: "Acme Sensor" },
    });
    const open = parseManifest({ ...json, match: undefined }, BASE);
    expect(allowedLinks(open)).toEqual(["bluetooth", "serial", "demo"]);
    expect(matchDevice(open, facts({ board: undefined })).ok).toBe(true);
  });

  test("os info patterns", () => {
    const m = parseManifest({ ...json, match: { device: { osInfo: "acme-\\d+" } } }, BASE);
    expect(matchDevice(m, facts()).ok).toBe(true);
    expect(matchDevice(m, facts({ osInfo: "Zephyr other" })).checks[1]?.text).toEqual({
      key: "install.match.os-info-mismatch",
      params: { value: "Zephyr other", pattern: "acme-\\d+" },
    });
  });
});

describe("selectRelease", () => {
  test("the newest release the device meets the requirements of", () => {
    const selected = selectRelease(manifest, facts());
    expect(selected.release.version).toBe("1.1.0");
    expect(selected.relation).toBe("upgrade");
  });

  test("requirements unlock the newest release", () => {
    const selected = selectRelease(
      manifest,
      facts({ board: "nrf5340dk/nrf5340/cpuapp", runningVersion: "1.1.0" }),
    );
    expect(selected.release.version).toBe("2.0.0");
  });

  test("a minimum version sends the device through the older release first", () => {
    const selected = selectRelease(
      manifest,
      facts({ board: "nrf5340dk/nrf5340/cpuapp", runningVersion: "1.0.0" }),
    );
    expect(selected.release.version).toBe("1.1.0");
  });

  test("the same version is offered (nothing newer), marked as such", () => {
    expect(selectRelease(manifest, facts({ runningVersion: "1.1.0" })).relation).toBe("same");
  });

  test("no downgrades: a device newer than every release gets a typed error with reasons", () => {
    try {
      selectRelease(manifest, facts({ runningVersion: "1.5.0" }));
      expect.unreachable();
    } catch (error) {
      if (!(error instanceof NoMatchingReleaseError)) throw error;
      expect(error.code).toBe("no-matching-release");
      expect(error.rejections.map((r) => r.version)).toEqual(["2.0.0", "1.1.0", "1.0.0"]);
      expect(error.rejections[0]).toMatchObject({
        code: "board-mismatch",
        params: { pattern: "nrf5340", value: "nrf52840dk/nrf52840" },
      });
      expect(error.rejections[1]).toEqual({
        version: "1.1.0",
        code: "downgrade",
        params: { running: "1.5.0" },
      });
      expect(questionInEnglish(rejectionMessage(error.rejections[1]!))).toBe(
        "is older than the 1.5.0 the device runs, and the manifest forbids downgrades",
      );
      expect(inEnglish(error)).toMatch(
        /^No release of Acme Sensor can be installed on this device \(it runs 1\.5\.0\)\. Version 2\.0\.0: board "nrf52840dk\/nrf52840" does not match \/nrf5340\/; Version 1\.1\.0: is older than the 1\.5\.0 the device runs, and the manifest forbids downgrades; Version 1\.0\.0: is older/,
      );
    }
  });

  test("downgrades allowed when the manifest says so; unknown versions", () => {
    const m = parseManifest({ ...json, update: { noDowngrade: false } }, BASE);
    expect(selectRelease(m, facts({ runningVersion: "1.5.0" })).relation).toBe("downgrade");
    expect(selectRelease(m, facts({ runningVersion: undefined })).relation).toBe("unknown");
    expect(() =>
      selectRelease(manifest, facts({ board: "nrf5340", runningVersion: undefined })),
    ).not.toThrow();
  });
});
