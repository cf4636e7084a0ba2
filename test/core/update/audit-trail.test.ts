// What a run hands back, and the audit trail a technician reads afterwards (history, printed report, CSV): for every MCUboot mode and
// every update mode, which steps were recorded, in which order, with which outcome and which words. Written
// out by hand per mode family from what each mode does (see mode-flows.test.ts for the device's side).

import { describe, expect, test } from "vitest";
import type { AuditRecord, UpdateMode } from "../../../src/core/update/flow-types.js";
import { startSim, updateOnSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, MODE_BY_NUMBER, image } from "./support/mode-scenarios.js";

type Line = readonly [step: AuditRecord["step"], result: AuditRecord["result"], key: string];

const MODE_KEYS: Readonly<Record<number, string>> = {
  0: "boot-mode.single-slot",
  1: "boot-mode.swap-scratch",
  2: "boot-mode.overwrite-only",
  3: "boot-mode.swap-move",
  4: "boot-mode.direct-xip",
  5: "boot-mode.direct-xip-revert",
  6: "boot-mode.ram-load",
  7: "boot-mode.firmware-loader",
  8: "boot-mode.single-slot-ram-load",
  9: "boot-mode.swap-offset",
};

const START: readonly Line[] = [
  ["inspect", "ok", "audit.device-runs-mode"],
  ["verify", "ok", "audit.verified"],
];
const BOOT_AND_CHECK: readonly Line[] = [
  ["reset", "ok", "audit.reset-requested"],
  ["reconnect", "ok", "audit.reconnected"],
  ["check", "ok", "audit.runs"],
];
const DONE: Line = ["done", "ok", "audit.now-running"];

/** Swap modes and direct-XIP with revert: test, reset, check, confirm. */
const testThenConfirm = (notice: string): readonly Line[] => [
  ...START,
  ["downgrade-check", "ok", notice],
  ["upload", "ok", "audit.uploaded"],
  ["test", "ok", "audit.marked"],
  ...BOOT_AND_CHECK,
  ["confirm", "ok", "audit.confirmed"],
  DONE,
];
/** Modes without marks that boot the newest image (direct-XIP, RAM load): nothing to mark. */
const newestBoots = (notice: string): readonly Line[] => [
  ...START,
  ["downgrade-check", "ok", notice],
  ["upload", "ok", "audit.uploaded"],
  ["test", "skipped", "audit.nothing-to-mark"],
  ...BOOT_AND_CHECK,
  DONE,
];
/** Single-slot modes: into the bootloader first, then upload over what ran. */
const throughBootloader: readonly Line[] = [
  ...START,
  ["downgrade-check", "ok", "notice.single-slot"],
  ["reconnect", "ok", "audit.bootloader-answers"],
  ["upload", "ok", "audit.uploaded"],
  ["test", "skipped", "audit.nothing-to-mark"],
  ...BOOT_AND_CHECK,
  DONE,
];

const TRAILS: Readonly<Record<number, readonly Line[]>> = {
  0: throughBootloader,
  1: testThenConfirm("audit.nothing-against"),
  2: [
    ...START,
    ["downgrade-check", "ok", "notice.overwrite"],
    ["upload", "ok", "audit.uploaded"],
    // Overwrite-only has no revert: the mark is permanent, and no confirm follows.
    ["confirm", "ok", "audit.marked"],
    ...BOOT_AND_CHECK,
    DONE,
  ],
  3: testThenConfirm("audit.nothing-against"),
  4: newestBoots("audit.notices"),
  5: testThenConfirm("notice.link-unknown"),
  6: newestBoots("audit.notices"),
  7: throughBootloader,
  8: throughBootloader,
  9: testThenConfirm("audit.nothing-against"),
};

async function run(modeNumber: number, updateMode: UpdateMode) {
  const sim = await startSim({
    ...LINKS.serial,
    ...FAST_FLASH,
    mcuboot: { mode: MODE_BY_NUMBER[modeNumber]! },
    os: { resetBootMode: true },
  });
  const next = await image({ major: 2 });
  const outcome = await updateOnSim(sim, next.bytes, updateMode);
  return { outcome, next, label: sim.factory.label };
}

const lines = (audit: readonly AuditRecord[]): Line[] =>
  audit.map((r) => [r.step, r.result, r.text?.key ?? "(none)"] as const);

describe("the audit trail of test-and-confirm", () => {
  test.each(Object.keys(TRAILS).map(Number))("mode %i", async (n) => {
    const { outcome, next, label } = await run(n, "test-and-confirm");
    expect(outcome.result).toBe("running-new");
    expect(lines(outcome.audit)).toEqual(TRAILS[n]);

    const [inspect, verify] = outcome.audit;
    expect(inspect!.text?.params).toMatchObject({ number: n, modeKey: MODE_KEYS[n], version: "1.0.0" });
    expect(inspect!.imageHash).toBeUndefined();
    // From the verdict on, every record names the image it is about.
    for (const record of outcome.audit.slice(1)) {
      expect(record).toMatchObject({ imageHash: next.hash, imageVersion: "2.0.0", device: label });
    }
    expect(verify!.text?.params).toMatchObject({ reasonKey: "verify.accepted-unverified" });
    const uploaded = outcome.audit.find((r) => r.step === "upload")!;
    expect(uploaded.text?.params).toEqual({ bytes: next.bytes.length });
    const check = outcome.audit.find((r) => r.step === "check")!;
    expect(check.text?.params).toEqual({ version: "2.0.0" });
    expect(check.slotsAfter?.find((s) => s.active)?.hash).toBe(next.hash);
    const done = outcome.audit.at(-1)!;
    expect(done.text?.params).toEqual({ version: "2.0.0" });
    expect(done.slotsAfter?.find((s) => s.active)).toMatchObject({ hash: next.hash, confirmed: true });
    const confirm = outcome.audit.find((r) => r.step === "confirm" && r.text?.key === "audit.confirmed");
    if (confirm) expect(confirm.text?.params).toEqual({ image: 0, version: "2.0.0" });
    // Logs carry the same record without any language: the key, then the parameters.
    for (const record of outcome.audit) expect(record.message.startsWith(record.text!.key)).toBe(true);
    const skipped = outcome.audit.find((r) => r.result === "skipped");
    if (skipped) expect(skipped.text?.params).toMatchObject({ modeKey: MODE_KEYS[n] });
  });

  test("direct-XIP and RAM load say both notices in one record", async () => {
    for (const [n, first] of [
      [4, "notice.newest-boots"],
      [6, "notice.ram-load"],
    ] as const) {
      const { outcome } = await run(n, "test-and-confirm");
      const notices = outcome.audit.find((r) => r.step === "downgrade-check")!;
      expect(notices.text?.params).toMatchObject({
        firstKey: first,
        secondKey: "notice.link-unknown",
        image: 0,
        slot: 1,
        reverts: "no",
      });
    }
  });
});

describe("the audit trail of the other update modes on a swap device", () => {
  test("confirm-only marks permanently and confirms nothing afterwards", async () => {
    const { outcome } = await run(3, "confirm-only");
    expect(lines(outcome.audit)).toEqual([
      ...START,
      ["downgrade-check", "ok", "audit.nothing-against"],
      ["upload", "ok", "audit.uploaded"],
      ["confirm", "ok", "audit.marked"],
      ...BOOT_AND_CHECK,
      DONE,
    ]);
  });

  test("test-only stops after the check: the image runs unconfirmed", async () => {
    const { outcome } = await run(3, "test-only");
    expect(lines(outcome.audit)).toEqual([
      ...START,
      ["downgrade-check", "ok", "audit.nothing-against"],
      ["upload", "ok", "audit.uploaded"],
      ["test", "ok", "audit.marked"],
      ...BOOT_AND_CHECK,
      DONE,
    ]);
    expect(outcome.audit.at(-1)!.slotsAfter?.find((s) => s.active)?.confirmed).toBe(false);
  });

  test("upload-only ends with the image in its slot, unmarked", async () => {
    const { outcome } = await run(3, "upload-only");
    expect(outcome.result).toBe("uploaded");
    expect(lines(outcome.audit)).toEqual([
      ...START,
      ["downgrade-check", "ok", "audit.nothing-against"],
      ["upload", "ok", "audit.uploaded"],
      ["done", "ok", "audit.uploaded-not-marked"],
    ]);
  });
});

describe("what a run hands back", () => {
  test("the versions before and after, the bytes sent, the upload's time and each image's end", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "swap-using-move" } });
    const next = await image({ major: 2 });
    const started = sim.clock.now();
    const outcome = await updateOnSim(sim, next.bytes, "test-and-confirm");
    expect(outcome).toMatchObject({
      result: "running-new",
      device: sim.factory.label,
      imageHash: next.hash,
      imageVersion: "2.0.0",
      previousVersion: "1.0.0",
      uploadedBytes: next.bytes.length,
      skippedUpload: false,
      notices: [],
      bootMode: { number: 3, key: "boot-mode.swap-move", inferred: false },
    });
    expect(outcome.images).toEqual([
      {
        imageNumber: 0,
        hash: next.hash,
        version: "2.0.0",
        previousVersion: "1.0.0",
        running: true,
        skippedUpload: false,
      },
    ]);
    // The upload took virtual time on the serial link, and not longer than the whole run.
    expect(outcome.uploadMs).toBeGreaterThan(0);
    expect(outcome.uploadMs).toBeLessThanOrEqual(sim.clock.now() - started);
    expect(outcome.slotsBefore.find((s) => s.active)?.version).toBe("1.0.0");
    expect(outcome.slotsAfter.find((s) => s.active)).toMatchObject({ hash: next.hash, confirmed: true });
  });

  test("the image that already runs: nothing sent, nothing marked, and each image says it was skipped", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "swap-using-move" } });
    const next = await image({ major: 2 });
    const run = () => updateOnSim(sim, next.bytes, "test-and-confirm");
    await run();
    const marksBefore = sim.markedHashes().length;
    const again = await run();
    expect(again).toMatchObject({
      result: "already-running",
      uploadedBytes: 0,
      uploadMs: 0,
      skippedUpload: true,
      previousVersion: "2.0.0",
    });
    expect(again.images).toEqual([
      {
        imageNumber: 0,
        hash: next.hash,
        version: "2.0.0",
        previousVersion: "2.0.0",
        running: true,
        skippedUpload: true,
      },
    ]);
    expect(sim.markedHashes()).toHaveLength(marksBefore);
    expect(lines(again.audit)).toEqual([
      ...START,
      ["downgrade-check", "ok", "audit.nothing-against"],
      ["done", "ok", "audit.already-running"],
    ]);
  });
});
