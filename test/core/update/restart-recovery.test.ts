// A two-image package whose device restarts by itself between the marks (a watchdog, a brown-out: the simulator's
// per-image fault). Where it is safe the flow gets back on track by itself: after a test mark it resets once more
// so MCUboot reverts what runs on trial, checks that the device is back on its previous firmware with the exact
// verified images in their update slots, and marks them again; after a permanent mark it carries on. Otherwise it
// stops with a typed error saying what is on the device. Never is a hash marked that was not verified.

import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import type { UpdateOutcome } from "../../../src/core/update/flow-types.js";
import type { ImageFaults } from "../../../src/sim/device-options.js";
import type { McubootMode } from "../../../src/sim/mcuboot/bootloader.js";
import { startSim, type SimHarness, packageUpdateOnSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, image } from "./support/mode-scenarios.js";
import { inEnglish } from "../../support/in-english.js";

const MULTI_BUFFERS = { bufSize: 1024 };

async function twoImages() {
  const app = await image({ major: 2 }, { seed: 31 });
  const net = await image({ major: 2 }, { seed: 32, bodySize: 9 * 1024 });
  return {
    app,
    net,
    pkg: [
      { imageNumber: 0, bytes: app.bytes },
      { imageNumber: 1, bytes: net.bytes },
    ],
  };
}

const running = (sim: SimHarness, imageNumber: number) =>
  sim.device.slots().find((s) => s.image === imageNumber && s.active);

const confirmsSent = (sim: SimHarness) =>
  sim.sent
    .filter((r) => r.group === 1 && r.command === 0 && r.op === 2 && r.body.confirm === true)
    .map((r) => toHex(r.body.hash as Uint8Array));

async function start(
  link: (typeof LINKS)[keyof typeof LINKS],
  mode: McubootMode,
  faults: Partial<ImageFaults>,
) {
  const sim = await startSim({
    ...link,
    ...FAST_FLASH,
    ...MULTI_BUFFERS,
    mcuboot: { mode, images: 2 },
    imageFaults: faults,
  });
  return { sim, ...(await twoImages()) };
}

function run(sim: SimHarness, pkg: { imageNumber: number; bytes: Uint8Array }[]) {
  return packageUpdateOnSim(sim, pkg, "test-and-confirm").then(
    (o): UpdateOutcome | unknown => o,
    (e: unknown) => e,
  );
}

describe.each(Object.entries(LINKS))("over %s", (_name, link) => {
  test.each(["swap-using-move", "swap-using-offset"] as const)(
    "%s: a restart after the first test is undone by one reset, then both images are marked, run and confirmed",
    async (mode) => {
      const { sim, app, net, pkg } = await start(link, mode, { resetAfterTestOf: 0 });
      const outcome = (await run(sim, pkg)) as UpdateOutcome;
      expect(outcome.result).toBe("running-new");
      expect(toHex(running(sim, 0)!.hash!)).toBe(app.hash);
      expect(toHex(running(sim, 1)!.hash!)).toBe(net.hash);
      expect(running(sim, 0)!.confirmed && running(sim, 1)!.confirmed).toBe(true);
      // The fault's restart, the one that took the device back, and the update's own.
      expect(sim.device.resetCount).toBe(3);
      expect(sim.markedHashes().every((h) => h === app.hash || h === net.hash)).toBe(true);
      expect(confirmsSent(sim).sort()).toEqual([app.hash, net.hash].sort());
      const recovered = outcome.audit.find((r) => r.text?.key === "audit.restart-recovered");
      expect(recovered?.result).toBe("ok");
      expect(outcome.audit.some((r) => r.errorCode === "device-restarted")).toBe(true);
    },
  );
});

test("direct-XIP with revert: MCUboot erases the image it tried, so the flow stops and says so; running the update again finishes", async () => {
  const { sim, app, net, pkg } = await start(LINKS.serial, "direct-xip-revert", { resetAfterTestOf: 0 });
  const result = await run(sim, pkg);
  expect(result).toMatchObject({ code: "restart-not-recovered" });
  expect(inEnglish(result)).toMatch(
    /It runs 0 \(1\.0\.0\), 1 \(1\.0\.0\); the verified image 0 \(2\.0\.0\) is no longer on it\. Nothing was confirmed .* Run the same update again/,
  );
  expect(confirmsSent(sim)).toEqual([]);
  // Only image 0 was ever marked (its test, repeated once over the new link after the restart dropped the answer).
  expect(new Set(sim.markedHashes())).toEqual(new Set([app.hash]));
  expect(sim.device.hasBootableImage()).toBe(true);
  // As the hint says: the same update again sends what is missing and finishes.
  const outcome = (await run(sim, pkg)) as UpdateOutcome;
  expect(outcome.result).toBe("running-new");
  expect(toHex(running(sim, 0)!.hash!)).toBe(app.hash);
  expect(toHex(running(sim, 1)!.hash!)).toBe(net.hash);
  expect(outcome.images?.map((i) => i.skippedUpload)).toEqual([false, true]);
});

test("overwrite-only: a restart after the first permanent mark installed it; the flow marks the second and finishes", async () => {
  const { sim, app, net, pkg } = await start(LINKS.serial, "overwrite-only", { resetAfterMarkOf: 0 });
  const outcome = (await run(sim, pkg)) as UpdateOutcome;
  expect(outcome.result).toBe("running-new");
  expect(toHex(running(sim, 0)!.hash!)).toBe(app.hash);
  expect(toHex(running(sim, 1)!.hash!)).toBe(net.hash);
  // No reset back: what overwrite-only installed stays; one more for the second image.
  expect(sim.device.resetCount).toBe(2);
  expect(sim.markedHashes().every((h) => h === app.hash || h === net.hash)).toBe(true);
});

test("a restart that booted every verified image: the flow checks and confirms them without another reset", async () => {
  const { sim, app, net, pkg } = await start(LINKS.serial, "swap-using-move", { resetAfterTestOf: 1 });
  const outcome = (await run(sim, pkg)) as UpdateOutcome;
  expect(outcome.result).toBe("running-new");
  expect(running(sim, 0)).toMatchObject({ confirmed: true, version: "2.0.0" });
  expect(running(sim, 1)).toMatchObject({ confirmed: true, version: "2.0.0" });
  expect(toHex(running(sim, 0)!.hash!)).toBe(app.hash);
  expect(toHex(running(sim, 1)!.hash!)).toBe(net.hash);
  // Only the fault's restart: the flow did not reset a device that already ran the package.
  expect(sim.device.resetCount).toBe(1);
  expect(outcome.audit.some((r) => r.text?.key === "audit.restart-booted-all")).toBe(true);
  expect(confirmsSent(sim).sort()).toEqual([app.hash, net.hash].sort());
});

test("a second restart while marking again stops the flow: nothing confirmed, one reset goes back", async () => {
  const { sim, app, net, pkg } = await start(LINKS.serial, "swap-using-move", { resetAfterTestOf: 0 });
  // Once the flow has reset the device back, the fault is armed again: the first test restarts it a second time.
  let rearmed = false;
  sim.device.onEvent((e) => {
    if (e.type === "reset" && e.reason === "reset command" && !rearmed) {
      rearmed = true;
      sim.device.setImageFaults({ resetAfterTestOf: 0 });
    }
  });
  const result = await run(sim, pkg);
  expect(rearmed).toBe(true);
  expect(result).toMatchObject({ code: "device-restarted", hint: "device-restarted" });
  expect(inEnglish(result)).toMatch(
    /It now runs image 0 \(2\.0\.0\) on trial, while image 1 \(2\.0\.0\) waits in its update slot\. Nothing was confirmed: reset the device once to go back/,
  );
  expect(confirmsSent(sim)).toEqual([]);
  expect(sim.markedHashes().every((h) => h === app.hash || h === net.hash)).toBe(true);
  expect(sim.device.hasBootableImage()).toBe(true);
  sim.device.reset("power cycle");
  await sim.clock.runAll({ limitMs: 60_000 });
  expect(running(sim, 0)!.version).toBe("1.0.0");
  expect(running(sim, 1)!.version).toBe("1.0.0");
});

test("a verified image gone from its update slot after the restart: a typed error says what is on the device", async () => {
  const { sim, app, net, pkg } = await start(LINKS.serial, "swap-using-move", { resetAfterTestOf: 0 });
  // The brown-out that restarted the device also wiped image 1's update slot.
  sim.device.onEvent((e) => {
    if (e.type === "reset" && e.reason.startsWith("fault injection"))
      sim.device.bootloaders[1]!.secondary.eraseAll();
  });
  const result = await run(sim, pkg);
  expect(result).toMatchObject({ code: "restart-not-recovered", hint: "restart-not-recovered" });
  expect(inEnglish(result)).toBe(
    "The device restarted by itself while the images were being marked, and the update cannot carry on from what it holds now. It runs 0 (1.0.0), 1 (1.0.0); the verified image 1 (2.0.0) is no longer on it. Nothing was confirmed and the device runs firmware it ran before. Run the same update again: it sends what is missing and marks all images together.",
  );
  expect(confirmsSent(sim)).toEqual([]);
  // Image 0 was tested before the restart; nothing was marked after it: image 1 never.
  expect(new Set(sim.markedHashes())).toEqual(new Set([app.hash]));
  expect(running(sim, 0)!.version).toBe("1.0.0");
  expect(sim.device.hasBootableImage()).toBe(true);
  void net;
});

test.each(Object.entries(LINKS))(
  "one image over %s: the device restarts by itself right after its test; the flow does not reset it back",
  async (_name, link) => {
    const sim = await startSim({ ...link, ...FAST_FLASH, imageFaults: { resetAfterTestOf: 0 } });
    const next = await image({ major: 2 }, { seed: 33 });
    const outcome = await packageUpdateOnSim(
      sim,
      [{ imageNumber: 0, bytes: next.bytes }],
      "test-and-confirm",
    );
    expect(outcome.result).toBe("running-new");
    expect(running(sim, 0)).toMatchObject({ confirmed: true, version: "2.0.0" });
    // A reset by the flow now would have made MCUboot revert the image on trial.
    expect(sim.device.resetCount).toBe(1);
    expect(new Set(sim.markedHashes())).toEqual(new Set([next.hash]));
  },
);
