// RAM load with revert (MCUboot's MCUBOOT_RAM_LOAD_REVERT: the same boot_select_or_erase as direct-XIP with
// revert) in the simulator. The device reports mode 6 either way (bootloader info has no number for it), so
// McuFlash cannot tell it from plain RAM load and marks nothing in mode 6: MCUboot then skips the unmarked image
// and the device keeps its firmware. Marked for test by hand, the image runs once and goes away unless confirmed.

import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import type { UpdateOutcome } from "../../../src/core/update/flow-types.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runUpdate } from "../../../src/core/update/update-flow.js";
import { simFlowOptions, startSim, type SimHarness, updateOnSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, image } from "./support/mode-scenarios.js";
import { questionInEnglish } from "../../support/in-english.js";

const active = (sim: SimHarness) => sim.device.slots().find((s) => s.active)!;

function ramLoad(ramLoadRevert: boolean) {
  return startSim({ ...LINKS.serial, ...FAST_FLASH, mcuboot: { mode: "ram-load", ramLoadRevert } });
}

async function reboot(sim: SimHarness) {
  sim.device.reset("power cycle");
  await sim.clock.runAll({ limitMs: 60_000 });
}

describe("RAM load with revert", () => {
  test("plain RAM load boots the newest image; with revert an unmarked image is skipped and the old firmware stays", async () => {
    const next = await image({ major: 2 });
    const results: UpdateOutcome[] = [];
    for (const revert of [false, true]) {
      const sim = await ramLoad(revert);
      const outcome = await updateOnSim(sim, next.bytes, "test-and-confirm");
      results.push(outcome);
      // Reported as mode 6 either way: bootloader info has no number for RAM load with revert.
      expect(outcome.bootMode).toMatchObject({ number: 6, inferred: false });
      expect(sim.markedHashes()).toEqual([]);
      expect(sim.device.hasBootableImage()).toBe(true);
      // Told before sending, for either build: what plain RAM load does, and why a revert build keeps the old.
      expect(outcome.notices?.map(questionInEnglish).join(" ")).toMatch(
        /copies the newest valid image into RAM.*RAM-load revert reports the same mode.*keeps its old firmware/,
      );
    }
    expect(results.map((r) => r.result)).toEqual(["running-new", "reverted"]);
  });

  test("marked for test, the image runs once; unconfirmed it is erased at the next reset; confirmed it stays", async () => {
    for (const confirm of [false, true]) {
      const sim = await ramLoad(true);
      const next = await image({ major: 2 }, { seed: 51 });
      const connector = smpConnector(sim.factory, sim.clientOptions);
      await sim.clock.run(runUpdate(connector, next.bytes, simFlowOptions(sim, "upload-only")));
      const session = await sim.clock.run(connector.connect());
      const hash = Uint8Array.from(Buffer.from(next.hash, "hex"));
      await sim.clock.run(session.writeImageState(hash, false));
      await session.close();
      await reboot(sim);
      expect(active(sim)).toMatchObject({ slot: 1, version: "2.0.0", confirmed: false });
      if (confirm) {
        const again = await sim.clock.run(connector.connect());
        await sim.clock.run(again.writeImageState(hash, true));
        await again.close();
      }
      await reboot(sim);
      expect(toHex(active(sim).hash!) === next.hash).toBe(confirm);
      expect(active(sim).version).toBe(confirm ? "2.0.0" : "1.0.0");
      expect(sim.device.hasBootableImage()).toBe(true);
    }
  });
});
