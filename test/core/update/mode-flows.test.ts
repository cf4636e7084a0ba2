// The whole update flow against every MCUboot mode the simulator models (bootutil's modes 0–9), over every link
// model: where the image goes, what is marked (only the verified hash, and only where the mode has marks), which
// slot runs afterwards, and what each mode refuses.

import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import type { UpdateEvent } from "../../../src/core/update/flow-types.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runUpdate } from "../../../src/core/update/update-flow.js";
import { simFlowOptions, startSim, updateOnSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, MODE_BY_NUMBER, image } from "./support/mode-scenarios.js";
import { inEnglish, questionInEnglish } from "../../support/in-english.js";

const uploads = (sim: Awaited<ReturnType<typeof startSim>>) =>
  sim.sent.filter((r) => r.group === 1 && r.command === 1);

describe.each(Object.entries(LINKS))("every MCUboot mode over %s", (_link, link) => {
  test.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])(
    "mode %i: test-and-confirm ends running the verified image",
    async (n) => {
      const mode = MODE_BY_NUMBER[n]!;
      // Single-slot modes reach the bootloader through Zephyr's reset boot_mode (CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE).
      const sim = await startSim({ ...link, ...FAST_FLASH, mcuboot: { mode }, os: { resetBootMode: true } });
      const next = await image({ major: 2 });
      const events: UpdateEvent[] = [];
      const outcome = await updateOnSim(sim, next.bytes, "test-and-confirm", {
        onEvent: (e) => events.push(e),
      });
      expect(outcome.result).toBe("running-new");
      expect(outcome.bootMode).toMatchObject({ number: n, inferred: false });
      const active = sim.device.slots().find((s) => s.active)!;
      expect(toHex(active.hash!)).toBe(next.hash);
      expect(active.confirmed).toBe(true);
      // Only the verified hash is ever marked, and only where the mode has marks.
      expect(sim.markedHashes().every((h) => h === next.hash)).toBe(true);
      const marks = sim.markedHashes().length;
      if (n === 4 || n === 6 || n === 0 || n === 7 || n === 8) expect(marks).toBe(0);
      else expect(marks).toBeGreaterThan(0);
      // Where it ran from: in place in the other slot, else slot 0.
      expect(active.slot).toBe(n === 4 || n === 5 || n === 6 ? 1 : 0);
      // Single-slot modes went through the bootloader: a reset with boot_mode 1 came first.
      const resets = sim.sent.filter((r) => r.group === 0 && r.command === 5);
      if (n === 0 || n === 7 || n === 8) expect(resets[0]?.body).toEqual({ boot_mode: 1 });
      else expect(resets.every((r) => r.body.boot_mode === undefined)).toBe(true);
      expect(sim.device.hasBootableImage()).toBe(true);
      if (n === 2) expect(outcome.notices?.map(questionInEnglish).join(" ")).toMatch(/no revert/);
    },
  );
});

describe("what a mode cannot do is refused in plain words, before anything is sent", () => {
  test.each([
    [2, /overwrite only mode: an image marked for test is copied over the running one/],
    [4, /direct-XIP mode, which has no test/],
    [0, /single application slot mode, which has no test/],
  ])("mode %i refuses test-only", async (n, words) => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: MODE_BY_NUMBER[n]! } });
    const next = await image({ major: 2 });
    const run = runUpdate(
      smpConnector(sim.factory, sim.clientOptions),
      next.bytes,
      simFlowOptions(sim, "test-only"),
    );
    const error = await sim.clock.run(run).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "mode-cannot-test" });
    expect(inEnglish(error)).toMatch(words);
    expect(uploads(sim)).toEqual([]);
  });

  test("single slot on firmware without reset boot_mode: the application comes back, nothing is sent", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "single-slot" } });
    const next = await image({ major: 2 });
    const run = runUpdate(
      smpConnector(sim.factory, sim.clientOptions),
      next.bytes,
      simFlowOptions(sim, "test-and-confirm"),
    );
    const error = await sim.clock.run(run).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "bootloader-not-entered" });
    expect(inEnglish(error)).toMatch(/Start the bootloader by hand/);
    expect(uploads(sim)).toEqual([]);
    expect(sim.device.slots().find((s) => s.active)?.version).toBe("1.0.0");
  });

  test("direct-XIP boots the highest version: an image not newer is refused, nothing sent", async () => {
    const sim = await startSim({
      ...LINKS.serial,
      ...FAST_FLASH,
      mcuboot: { mode: "direct-xip-revert" },
      firmware: { version: { major: 3 } },
    });
    const older = await image({ major: 2, minor: 9 });
    const run = runUpdate(
      smpConnector(sim.factory, sim.clientOptions),
      older.bytes,
      simFlowOptions(sim, "test-and-confirm"),
    );
    await expect(sim.clock.run(run)).rejects.toMatchObject({ code: "version-not-newer" });
    expect(uploads(sim)).toEqual([]);
  });

  test("direct-XIP with revert: a test-only update runs once from the other slot, then MCUboot goes back", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "direct-xip-revert" } });
    const next = await image({ major: 2 });
    const outcome = await updateOnSim(sim, next.bytes, "test-only");
    expect(outcome.result).toBe("running-new");
    expect(sim.device.slots().find((s) => s.active)).toMatchObject({ slot: 1, confirmed: false });
    sim.device.reset("power cycle");
    await sim.clock.runAll({ limitMs: 60_000 });
    expect(sim.device.slots().find((s) => s.active)).toMatchObject({ slot: 0, confirmed: true });
  });

  test("a second update in direct-XIP goes back to slot 0 (the slot not running)", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "direct-xip" } });
    const connector = smpConnector(sim.factory, sim.clientOptions);
    const second = await image({ major: 2 });
    const third = await image({ major: 3 }, { seed: 12 });
    await sim.clock.run(runUpdate(connector, second.bytes, simFlowOptions(sim, "test-and-confirm")));
    const outcome = await sim.clock.run(
      runUpdate(connector, third.bytes, simFlowOptions(sim, "test-and-confirm")),
    );
    expect(outcome.result).toBe("running-new");
    expect(sim.device.slots().find((s) => s.active)).toMatchObject({ slot: 0 });
    expect(toHex(sim.device.slots().find((s) => s.active)!.hash!)).toBe(third.hash);
  });

  test("a package's build for the wrong slot is refused; the variant for the free slot is chosen", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "direct-xip-revert" } });
    const forSlot0 = await image({ major: 2 }, { seed: 21 });
    const forSlot1 = await image({ major: 2 }, { seed: 22 });
    const { runPackageUpdate } = await import("../../../src/core/update/update-flow.js");
    const connector = smpConnector(sim.factory, sim.clientOptions);
    const wrong = runPackageUpdate(
      connector,
      [{ imageNumber: 0, slot: 0, bytes: forSlot0.bytes }],
      simFlowOptions(sim, "test-and-confirm"),
    );
    await expect(sim.clock.run(wrong)).rejects.toMatchObject({ code: "variant-wrong-slot" });
    const both = [
      { imageNumber: 0, slot: 0, bytes: forSlot0.bytes },
      { imageNumber: 0, slot: 1, bytes: forSlot1.bytes },
    ];
    const outcome = await sim.clock.run(
      runPackageUpdate(connector, both, simFlowOptions(sim, "test-and-confirm")),
    );
    expect(outcome.imageHash).toBe(forSlot1.hash);
    expect(sim.markedHashes().every((h) => h === forSlot1.hash)).toBe(true);
    expect(questionInEnglish(outcome.notices?.at(-1))).toMatch(
      /a build for each slot: sending the one for slot 1 \(0\), since slot 0 runs now/,
    );
  });
});

describe("when the device does not report its mode", () => {
  test("swap is inferred from the slot list, and the outcome says so", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, os: { bootloaderInfo: false } });
    const next = await image({ major: 2 });
    const outcome = await updateOnSim(sim, next.bytes, "test-and-confirm");
    expect(outcome.result).toBe("running-new");
    expect(outcome.bootMode).toMatchObject({ inferred: true, text: "swap" });
    expect(questionInEnglish(outcome.notices?.[0])).toMatch(/does not report its MCUboot mode; slot 0 runs/);
  });

  test("MCUboot answering in serial recovery: upload to the one slot, reset, check what runs", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "single-slot" } });
    // Put the device in recovery first, as a technician holding the button would.
    sim.device.reset("button held", true);
    await sim.clock.runAll({ limitMs: 60_000 });
    expect(sim.device.inSerialRecovery).toBe(true);
    const next = await image({ major: 2 });
    const outcome = await updateOnSim(sim, next.bytes, "test-and-confirm");
    expect(outcome.result).toBe("running-new");
    expect(outcome.bootMode).toMatchObject({ inferred: true, text: "serial recovery" });
    expect(sim.markedHashes()).toEqual([]);
    expect(sim.device.inSerialRecovery).toBe(false);
  });
});

describe("direct-XIP runs an image where it lies", () => {
  test("a ROM_FIXED build for the running slot is not booted from the other: the device keeps its firmware", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "direct-xip-revert" } });
    // Built for slot 0's address, but slot 0 runs: it lands in slot 1, where MCUboot will not run it.
    const wrong = await image({ major: 2 }, { flags: 0x100, loadAddr: 0x0000c000 });
    const outcome = await updateOnSim(sim, wrong.bytes, "test-and-confirm");
    expect(outcome.result).toBe("reverted");
    expect(sim.device.slots().find((s) => s.active)).toMatchObject({ slot: 0, version: "1.0.0" });
    expect(sim.device.hasBootableImage()).toBe(true);
    const right = await image({ major: 2 }, { flags: 0x100, loadAddr: 0x0008c000, seed: 40 });
    const fixed = await updateOnSim(sim, right.bytes, "test-and-confirm");
    expect(fixed.result).toBe("running-new");
    expect(sim.device.slots().find((s) => s.active)).toMatchObject({ slot: 1, confirmed: true });
  });
});
