// Direct-XIP runs an image where it lies. An image that says where it must run (imgtool --rom-fixed: ROM_FIXED
// and the slot's offset in ih_load_addr) is held against the slot addresses a package's per-slot builds give,
// and refused before anything is sent when it is linked for the other slot; where nothing gives the address the
// user is told, before the upload, what happens if the image was linked for the other slot.

import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import type { UpdateOutcome } from "../../../src/core/update/flow-types.js";
import { romFixedAddress } from "../../../src/core/update/link-address.js";
import type { McubootMode } from "../../../src/sim/mcuboot/bootloader.js";
import { inEnglish, questionInEnglish } from "../../support/in-english.js";
import { startSim, type SimHarness, packageUpdateOnSim } from "../../support/sim/harness.js";
import { vectorPath } from "../../support/vectors.js";
import { FAST_FLASH, LINKS, image } from "./support/mode-scenarios.js";

const ROM_FIXED = 0x100;
/** The simulator's default slot offsets. */
const SLOT0 = 0x0000c000;
const SLOT1 = 0x0008c000;

const uploads = (sim: SimHarness) => sim.sent.filter((r) => r.group === 1 && r.command === 1);
const noticesOf = (outcome: UpdateOutcome) => (outcome.notices ?? []).map(questionInEnglish);

function update(sim: SimHarness, builds: { imageNumber: number; bytes: Uint8Array; slot?: number }[]) {
  return packageUpdateOnSim(sim, builds, "test-and-confirm").then(
    (o): UpdateOutcome | unknown => o,
    (e: unknown) => e,
  );
}

const directXip = (mode: McubootMode = "direct-xip-revert") =>
  startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode } });

describe("the ROM_FIXED address in an image header", () => {
  test("imgtool --rom-fixed puts it in ih_load_addr (the vector's 0x08020000); RAM_LOAD's address is not one", () => {
    const read = (name: string) =>
      new Uint8Array(readFileSync(vectorPath("mcuboot", "images", "flags", name)));
    expect(romFixedAddress(read("ed25519-rom-fixed.bin"))).toBe(0x08020000);
    expect(romFixedAddress(read("ed25519-load-addr.bin"))).toBeUndefined();
    expect(romFixedAddress(read("ed25519-non-bootable.bin"))).toBeUndefined();
  });
});

describe("direct-XIP: an image linked for the other slot", () => {
  test("a package whose build for slot 1 carries slot 0's address is refused before anything is sent", async () => {
    const sim = await directXip();
    const forSlot0 = await image({ major: 2 }, { seed: 41, flags: ROM_FIXED, loadAddr: SLOT0 });
    // Mislabelled: named the build for slot 1, linked for slot 0 like its sibling.
    const mislabelled = await image({ major: 2 }, { seed: 42, flags: ROM_FIXED, loadAddr: SLOT0 });
    const result = await update(sim, [
      { imageNumber: 0, slot: 0, bytes: forSlot0.bytes },
      { imageNumber: 0, slot: 1, bytes: mislabelled.bytes },
    ]);
    expect(result).toMatchObject({ code: "link-address-mismatch", params: { slot: 1, linkedFor: 0 } });
    expect(inEnglish(result)).toMatch(
      /^Image 0 is linked to run at 0x0000c000, the address of slot 0 in this package, but on this device it goes to slot 1\. MCUboot would not boot it there\. Nothing was sent\./,
    );
    expect(uploads(sim)).toEqual([]);
    expect(sim.markedHashes()).toEqual([]);
  });

  test("a package's builds with their own addresses: the right one goes, with no warning about addresses", async () => {
    const sim = await directXip();
    const forSlot0 = await image({ major: 2 }, { seed: 43, flags: ROM_FIXED, loadAddr: SLOT0 });
    const forSlot1 = await image({ major: 2 }, { seed: 44, flags: ROM_FIXED, loadAddr: SLOT1 });
    const outcome = (await update(sim, [
      { imageNumber: 0, slot: 0, bytes: forSlot0.bytes },
      { imageNumber: 0, slot: 1, bytes: forSlot1.bytes },
    ])) as UpdateOutcome;
    expect(outcome.result).toBe("running-new");
    expect(outcome.imageHash).toBe(forSlot1.hash);
    expect(noticesOf(outcome).join(" ")).not.toMatch(/linked/);
  });

  test("a single ROM_FIXED .bin: the address cannot be checked, the user hears it before the upload, MCUboot keeps the old firmware", async () => {
    const sim = await directXip();
    const wrong = await image({ major: 2 }, { seed: 45, flags: ROM_FIXED, loadAddr: SLOT0 });
    const events: string[] = [];
    const outcome = (await packageUpdateOnSim(
      sim,
      [{ imageNumber: 0, bytes: wrong.bytes }],
      "test-and-confirm",
      {
        onEvent: (e) => {
          if (e.type === "step") events.push(`${e.step}: ${questionInEnglish(e.text)}`);
        },
      },
    )) as UpdateOutcome;
    const notice =
      "Image 0 is linked to run only at 0x0000c000 and goes to slot 1. The device does not report where its slots lie: if slot 1 does not start at 0x0000c000, MCUboot does not boot it and the device keeps its old firmware.";
    expect(noticesOf(outcome)).toContain(notice);
    // Said before the upload started.
    expect(events.indexOf(`downgrade-check: ${notice}`)).toBeGreaterThan(-1);
    expect(events.indexOf(`downgrade-check: ${notice}`)).toBeLessThan(
      events.findIndex((e) => e.startsWith("upload")),
    );
    expect(outcome.result).toBe("reverted");
    expect(sim.device.slots().find((s) => s.active)).toMatchObject({ slot: 0, version: "1.0.0" });
  });

  test.each([
    ["direct-xip-revert", /cannot run, and MCUboot goes back to the old firmware at the next reset\.$/],
    [
      "direct-xip",
      /cannot run, yet MCUboot keeps booting it as the newest image: be sure it was built for slot 1\.$/,
    ],
  ] as const)(
    "%s: an image that does not say where it runs gets the warning for its mode",
    async (mode, words) => {
      const sim = await directXip(mode);
      const plain = await image({ major: 2 }, { seed: 46 });
      const outcome = (await update(sim, [{ imageNumber: 0, bytes: plain.bytes }])) as UpdateOutcome;
      expect(outcome.result).toBe("running-new");
      const notice = noticesOf(outcome).find((n) => n.includes("nothing in it says which slot"));
      expect(notice).toMatch(/^In direct-XIP.* mode an image runs where it lies: image 0 goes to slot 1/);
      expect(notice).toMatch(words);
    },
  );

  test("swap modes run every image from slot 0: no address warning", async () => {
    const sim = await startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "swap-using-move" } });
    const fixed = await image({ major: 2 }, { seed: 47, flags: ROM_FIXED, loadAddr: SLOT0 });
    const outcome = (await update(sim, [{ imageNumber: 0, bytes: fixed.bytes }])) as UpdateOutcome;
    expect(outcome.result).toBe("running-new");
    expect(noticesOf(outcome).join(" ")).not.toMatch(/linked|where it lies/);
  });
});
