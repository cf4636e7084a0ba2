// What the install core says to a person is catalog words only (issue 15): a blocker is a typed error, a
// device's result carries its outcome's or its error's key and values (cause and listed problems included),
// and the record keeps the same as language-neutral text.

import { beforeAll, expect, test } from "vitest";
import { CancelledError, McuFlashError } from "../../../src/core/errors.js";
import { checkDevice, errorWords, parseManifest, type Manifest } from "../../../src/core/manifest/index.js";
import { failureOf, summariseOutcomes } from "../../../src/core/manifest/install-device.js";
import type { DeviceFacts } from "../../../src/core/manifest/device-facts.js";
import type { SlotState, UpdateOutcome } from "../../../src/core/update/flow-types.js";
import { installInEnglish } from "../../support/in-english.js";
import { BASE, manifestJson } from "../../support/manifest/fixtures.js";

let manifest: Manifest;

beforeAll(async () => {
  const file = { bytes: new Uint8Array(16), sha256: "ab".repeat(32) };
  manifest = parseManifest(
    await manifestJson([
      { version: "1.1.0", file },
      { version: "1.0.0", file },
    ]),
    BASE,
  );
});

const facts = (patch: Partial<DeviceFacts> = {}): DeviceFacts => ({
  label: "BLE Acme-1",
  link: { kind: "bluetooth", name: "Acme-1" },
  slots: [],
  runningVersion: "1.0.0",
  osInfo: undefined,
  board: "nrf52840dk/nrf52840",
  ...patch,
});

function outcome(result: UpdateOutcome["result"], active?: string): UpdateOutcome {
  const slot = (version: string): SlotState => ({
    image: 0,
    slot: 0,
    version,
    hash: "00",
    bootable: true,
    pending: false,
    confirmed: true,
    active: true,
    permanent: false,
  });
  return {
    result,
    device: "BLE Acme-1",
    imageHash: "00",
    imageVersion: "1.1.0",
    previousVersion: "1.0.0",
    slotsBefore: [],
    slotsAfter: active === undefined ? [] : [slot(active)],
    uploadedBytes: 0,
    uploadMs: 0,
    skippedUpload: false,
    audit: [],
  };
}

test("each combined outcome is its own catalog message with the release, and the record's neutral text", () => {
  const release = manifest.releases[0]!;
  const cases = [
    [[outcome("running-new")], "running-new", "Now running 1.1.0."],
    [[outcome("already-running")], "already-running", "Already running 1.1.0; nothing was sent."],
    [
      [outcome("running-new"), outcome("uploaded")],
      "uploaded",
      "1.1.0 uploaded; it runs after the next reset and confirmation.",
    ],
    [
      [outcome("reverted", "1.0.0")],
      "reverted",
      "The device went back to 1.0.0: MCUboot did not keep 1.1.0.",
    ],
    [
      [outcome("reverted")],
      "reverted",
      "The device went back to its previous image: MCUboot did not keep 1.1.0.",
    ],
  ] as const;
  for (const [outcomes, result, english] of cases) {
    const summary = summariseOutcomes(outcomes, release);
    expect(summary.result).toBe(result);
    expect(summary.text.key).toMatch(/^install\.outcome\./);
    expect(summary.errorCode).toBeUndefined();
    expect(installInEnglish(summary.text)).toBe(english);
    expect(summary.message).toMatch(
      new RegExp(`^${summary.text.key.replace(/\./g, "\\.")} \\(release=1\\.1\\.0`),
    );
  }
});

test("a failure keeps the error's key, values, hint, listed problems and what went wrong underneath", () => {
  const underneath = new McuFlashError("link-lost", { path: "/dev/ttyACM0" });
  const failed = failureOf(
    new McuFlashError("firmware-unavailable", { url: "a.bin", path: "releases[0]" }, { cause: underneath }),
  );
  expect(failed).toMatchObject({ result: "failed", errorCode: "firmware-unavailable" });
  expect(failed.text).toEqual({
    key: "error.firmware-unavailable",
    params: { url: "a.bin", path: "releases[0]" },
    cause: { key: "error.link-lost", params: { path: "/dev/ttyACM0" } },
  });
  // Kept apart from the outer values: both name a \`path\`, each its own.
  expect(installInEnglish(failed.text.cause)).toBe("The serial port /dev/ttyACM0 went away.");

  const platform = errorWords(
    new McuFlashError(
      "firmware-unavailable",
      { url: "a.bin", path: "p" },
      { cause: new TypeError("Failed to fetch") },
    ),
  );
  expect(platform.params).toMatchObject({ cause: "Failed to fetch" });
  expect(installInEnglish(platform)).toBe("Could not download a.bin (p.url): Failed to fetch");

  const refused = checkDevice(manifest, facts({ runningVersion: "2.0.0" }), undefined).blocker?.error;
  const words = errorWords(refused);
  expect(words).toMatchObject({ key: "error.no-matching-release", hint: "no-matching-release" });
  expect(words.details).toHaveLength(2);

  const unexpected = failureOf(new RangeError("boom"));
  expect(unexpected).toMatchObject({ result: "failed", errorCode: "unexpected" });
  expect(unexpected.text).toEqual({
    key: "error.unexpected",
    params: { detail: "boom" },
    hint: "unexpected",
  });
  expect(unexpected.message).toBe("error.unexpected (detail=boom)");
});

test("a cancelled run says so, whatever the error underneath", () => {
  const aborted = new AbortController();
  aborted.abort();
  for (const cancelled of [
    failureOf(new CancelledError("update")),
    failureOf(new McuFlashError("link-lost"), aborted.signal),
  ]) {
    expect(cancelled.result).toBe("cancelled");
    expect(installInEnglish(cancelled.text)).toBe("Cancelled.");
  }
});

test("a pinned release names the rule the device breaks, a device of another product the failed check", () => {
  const pinned = manifest.releases[1]!; // 1.0.0, while noDowngrade holds
  const newer = checkDevice(manifest, facts({ runningVersion: "1.1.0" }), pinned);
  expect(newer.blocker).toMatchObject({ code: "no-matching-release" });
  expect(newer.blocker?.message).toMatch(
    /^error\.no-matching-release \(product=Acme Sensor, running=1\.1\.0/,
  );
  expect(installInEnglish(newer.blocker?.error as Error)).toMatch(
    /^No release of Acme Sensor can be installed on this device \(it runs 1\.1\.0\)\. Version 1\.0\.0: /,
  );

  const other = checkDevice(manifest, facts({ link: { kind: "serial", usbVendorId: 0x1234 } }), pinned);
  expect(other.blocker).toMatchObject({
    code: "device-mismatch",
    error: { check: { rule: "link", ok: false } },
  });
  expect(installInEnglish(other.blocker?.error as Error)).toBe(
    "This device does not match Acme Sensor: USB 0x1234:0x0000 is not this product (expected 0x2fe3:0x0100).",
  );
  expect(checkDevice(manifest, facts(), pinned).blocker).toBeUndefined();
});
