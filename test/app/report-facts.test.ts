// The history's report of one attempt, as printed: how it installed and the MCUboot mode in words (never an
// internal id), both hashes in full, and the hardware the device reported, or plainly that it reported none.
// And what the device panel reads for the hardware: only what os info answers.

import { describe, expect, test } from "vitest";
import { createDeviceControl } from "../../src/app/services/device-control.js";
import { hardwareId } from "../../src/app/services/device.js";
import { reportFacts } from "../../src/app/history/report-facts.js";
import type { AttemptContext } from "../../src/app/storage/attempt-context.js";
import { parseAttemptContext } from "../../src/app/storage/record-schemas.js";
import type { HistoryEntry } from "../../src/app/storage/records.js";
import { startSim } from "../support/sim/harness.js";

const IMAGE_HASH = "9f".repeat(16) + "0123456789abcdef".repeat(2);
const SHA256 = "ab".repeat(16) + "fedcba9876543210".repeat(2);

const context = (patch: Partial<AttemptContext> = {}): AttemptContext => ({
  appVersion: "0.1.0",
  link: "serial",
  deviceLabel: "USB serial 2fe3:0100",
  imageSha256: SHA256,
  imageSize: 300_000,
  bootloader: "MCUboot",
  bootMode: 3,
  signedBy: "Production key",
  signatureType: "ED25519",
  ...patch,
});

const entry = (patch: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: "a",
  startedAt: "2026-01-01T10:00:00.000Z",
  finishedAt: "2026-01-01T10:00:42.500Z",
  device: "USB serial 2fe3:0100",
  mode: "test-and-confirm",
  firmwareName: "app.bin",
  imageVersion: "1.1.0",
  imageHash: IMAGE_HASH,
  result: "running-new",
  message: "Now running 1.1.0.",
  audit: [],
  context: context(),
  ...patch,
});

const facts = (e: HistoryEntry) => Object.fromEntries(reportFacts(e).map((f) => [f.label, f]));

describe("the printed report of an attempt", () => {
  test("both hashes in full (64 hex digits), marked as hashes for the monospace block", () => {
    const f = facts(entry());
    expect(f["Image hash (as the device lists it)"]).toEqual({
      label: "Image hash (as the device lists it)",
      value: IMAGE_HASH,
      hash: true,
    });
    expect(f["SHA-256 of the image sent"]?.value).toBe(SHA256);
    expect(SHA256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("how it installed and the MCUboot mode in words, not their ids", () => {
    const f = facts(entry({ mode: "confirm-only" }));
    expect(f["How installed"]?.value).toBe("Installed permanently (no trial boot)");
    expect(f["Bootloader"]?.value).toBe("MCUboot · swap using move");
    const all = reportFacts(entry({ mode: "confirm-only" }))
      .map((x) => x.value)
      .join("\n");
    expect(all).not.toMatch(/confirm-only|swap-move|\b3\b/);
  });

  test("a mode number the table lacks is said as such; MCUboot's -1 is unknown", () => {
    expect(facts(entry({ context: context({ bootMode: 42 }) }))["Bootloader"]?.value).toBe(
      "MCUboot · mode 42",
    );
    expect(facts(entry({ context: context({ bootMode: -1 }) }))["Bootloader"]?.value).toBe(
      "MCUboot · unknown mode",
    );
  });

  test("the hardware the device reported, or plainly that it reported none", () => {
    const reported = facts(
      entry({ context: context({ hardwareId: "nrf52840dk/nrf52840 · cortex-m4 · arm" }) }),
    );
    expect(reported["Hardware"]?.value).toBe("nrf52840dk/nrf52840 · cortex-m4 · arm");
    expect(facts(entry())["Hardware"]?.value).toBe("not reported by the device");
  });

  test("the link in words; an untrusted image says so; an interrupted attempt has no duration", () => {
    const { signedBy: _trusted, ...untrusted } = context();
    const f = facts(entry({ result: "interrupted", context: untrusted }));
    expect(f["Link"]?.value).toBe("USB serial · USB serial 2fe3:0100");
    expect(f["Signed by"]?.value).toBe("no trusted key (sent after the override)");
    expect(f["Took"]).toBeUndefined();
    expect(facts(entry())["Took"]?.value).toBe("43 sec");
  });

  test("an entry from before the context was kept still shows how it installed and its hash", () => {
    const { context: _none, ...before } = entry();
    const f = facts(before);
    expect(Object.keys(f)).toEqual(["How installed", "Image hash (as the device lists it)"]);
  });
});

describe("the stored context", () => {
  test("keeps the hardware id and the MCUboot mode number; refuses a context where they are damaged", () => {
    const stored = context({ hardwareId: "native_sim/native · x86 · posix", bootMode: 9 });
    expect(parseAttemptContext(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(parseAttemptContext({ ...stored, hardwareId: 42 })).toBeUndefined();
    expect(parseAttemptContext({ ...stored, bootMode: "swap" })).toBeUndefined();
    expect(parseAttemptContext({ ...stored, bootMode: 1.5 })).toBeUndefined();
  });
});

describe("the hardware the device reports", () => {
  test("one line from os info's platform, processor and machine, whichever were answered", () => {
    expect(hardwareId({ platform: "nrf52840dk/nrf52840", processor: "cortex-m4", machine: "arm" })).toBe(
      "nrf52840dk/nrf52840 · cortex-m4 · arm",
    );
    expect(hardwareId({ platform: " native_sim/native " })).toBe("native_sim/native");
    expect(hardwareId({})).toBeUndefined();
    expect(hardwareId(undefined)).toBeUndefined();
  });

  async function read(options: Parameters<typeof startSim>[0]) {
    const sim = await startSim(options);
    const snapshot = await sim.clock.run(
      (async () => {
        const control = createDeviceControl(await sim.factory.open());
        try {
          return await control.read();
        } finally {
          await control.close();
        }
      })(),
    );
    return { snapshot, sim };
  }

  test("read from os info letters i, p and m, one request each", async () => {
    const { snapshot, sim } = await read({
      appInfo: { hardwarePlatform: "nrf5340dk/nrf5340/cpuapp", processor: "cortex-m33", machine: "arm" },
    });
    expect(snapshot.hardware).toEqual({
      platform: "nrf5340dk/nrf5340/cpuapp",
      processor: "cortex-m33",
      machine: "arm",
    });
    const formats = sim.sent.filter((r) => r.group === 0 && r.command === 7).map((r) => r.body["format"]);
    expect(formats).toEqual(["a", "i", "p", "m"]);
  });

  test("a device without os info reports no hardware, and is not asked for it", async () => {
    const { snapshot, sim } = await read({ os: { info: false } });
    expect(snapshot.osInfo).toBeUndefined();
    expect(snapshot.hardware).toBeUndefined();
    expect(sim.sent.filter((r) => r.group === 0 && r.command === 7).map((r) => r.body["format"])).toEqual([
      "a",
    ]);
  });
});
