// Seeded fault injection over every MCUboot mode and over two-image packages: packets dropped, duplicated,
// delayed, links lost, resets during the upload, and per-image faults (a failed second upload, a reset after the
// first test, the link lost between images). A short sample runs in `npm test`; `npm run soak` runs them all.
// Every run must end running the verified images or with a typed error — never a test or confirm of any other
// hash, and never a device left with nothing to boot.

import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { McuFlashError } from "../../../src/core/errors.js";
import { smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runPackageUpdate } from "../../../src/core/update/update-flow.js";
import type { FaultPlan } from "../../../src/sim/faults.js";
import { Prng } from "../../../src/sim/prng.js";
import { ImgErr } from "../../../src/sim/smp/mgmt-codes.js";
import { soakRuns } from "../../support/campaign-size.js";
import { simFlowOptions, startSim } from "../../support/sim/harness.js";
import { FAST_FLASH, LINKS, MODE_BY_NUMBER, image } from "./support/mode-scenarios.js";

const RUNS = soakRuns(600, 12);
const MULTI_MODES = ["swap-using-move", "swap-using-offset", "overwrite-only", "direct-xip-revert"] as const;
const LINK_LIST = Object.values(LINKS);

function plan(seed: number): FaultPlan {
  return {
    seed,
    skipFirst: 1,
    maxFaults: 8,
    corruptAsDrop: true,
    requests: {
      drop: 0.02,
      duplicate: 0.01,
      corrupt: 0.005,
      delay: 0.03,
      delayMaxMs: 300,
      disconnect: 0.004,
      rcError: 0.005,
      resetDuringUpload: 0.002,
    },
    responses: { drop: 0.02, duplicate: 0.01, delay: 0.03, delayMaxMs: 300 },
  };
}

describe("seeded faults over every device layout", () => {
  test(`${RUNS} runs: verified hashes only, never a device without a bootable image`, async () => {
    const outcomes: Record<string, number> = {};
    for (let seed = 0; seed < RUNS; seed++) {
      const prng = new Prng(seed + 7);
      const multi = seed % 3 === 2;
      const mode = multi ? MULTI_MODES[seed % MULTI_MODES.length]! : MODE_BY_NUMBER[seed % 10]!;
      const link = LINK_LIST[seed % LINK_LIST.length]!;
      const fault = prng.nextUint32() % 4;
      const sim = await startSim({
        ...link,
        ...FAST_FLASH,
        bufSize: 1024,
        mcuboot: { mode, images: multi ? 2 : 1 },
        os: { resetBootMode: true },
        faults: (connection) => plan(seed * 1000 + connection),
        imageFaults: {
          ...(multi && fault === 1
            ? { failUpload: [{ image: 1, atOffset: 1024, rc: ImgErr.FLASH_WRITE_FAILED }] }
            : {}),
          ...(multi && fault === 2 ? { resetAfterTestOf: 0 } : {}),
        },
      });
      if (multi && fault === 3) {
        let dropped = false;
        sim.device.onEvent((e) => {
          if (e.type === "upload" && e.image === 0 && e.off === e.size && !dropped) {
            dropped = true;
            sim.clock.schedule(0, () => sim.device.dropLinks("lost between images"));
          }
        });
      }
      const images = [await image({ major: 2, minor: seed % 5 }, { seed, bodySize: 6 * 1024 + seed * 13 })];
      if (multi) images.push(await image({ major: 2 }, { seed: seed + 5000, bodySize: 5 * 1024 }));
      const hashes = images.map((i) => i.hash);
      const run = runPackageUpdate(
        smpConnector(sim.factory, { ...sim.clientOptions, defaultTimeoutMs: 2000 }),
        images.map((i, n) => ({ imageNumber: n, bytes: i.bytes })),
        simFlowOptions(sim, seed % 4 === 0 && mode !== "direct-xip" ? "confirm-only" : "test-and-confirm", {
          timeouts: { chunkMs: 2000, firstChunkMs: 20_000, lastChunkMs: 10_000 },
        }),
      );
      const result = await sim.clock.run(run, { limitMs: 30 * 60_000 }).then(
        (outcome) => outcome.result,
        (error: unknown) => {
          expect(error, `seed ${seed}: ${String(error)}`).toBeInstanceOf(McuFlashError);
          return `error:${error instanceof McuFlashError ? error.code : "?"}`;
        },
      );
      outcomes[result] = (outcomes[result] ?? 0) + 1;
      const context = `seed ${seed} (${mode}${multi ? ", 2 images" : ""}): ${result}`;
      expect(
        sim.markedHashes().filter((h) => !hashes.includes(h)),
        context,
      ).toEqual([]);
      // Let any reset in flight finish, then look at what a power cycle would find.
      await sim.clock.runAll({ limitMs: 60_000 });
      const singleSlot = mode === "single-slot" || mode === "single-slot-ram-load";
      // A single-slot device whose slot was left half-written waits in MCUboot's serial recovery: not bricked,
      // the update can be run again. Every other layout must still hold an image to boot.
      expect(sim.device.hasBootableImage() || (singleSlot && sim.device.inSerialRecovery), context).toBe(
        true,
      );
      if (result === "running-new") {
        for (const [n, hash] of hashes.entries()) {
          const active = sim.device.slots().find((s) => s.image === n && s.active);
          expect(active?.hash && toHex(active.hash), context).toBe(hash);
        }
      }
    }
    expect(outcomes["running-new"] ?? 0).toBeGreaterThanOrEqual(Math.ceil(RUNS * 0.5));
    console.log(`device-layout outcomes over ${RUNS} runs:`, outcomes);
  }, 600_000);
});
