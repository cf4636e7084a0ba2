// Seeded fault-injection runs of the whole update flow against the simulator: packets dropped, duplicated,
// corrupted and delayed, links lost, the device reset mid-upload, busy/no-memory/bad-state answers. A small
// sample runs in `npm test`; `npm run soak` runs all 1000. Every run must end with the device holding the
// verified image, or with a typed error — and never with a test or confirm of any other hash.

import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import { McuFlashError } from "../../../src/core/errors.js";
import { verifierFor } from "../../../src/core/update/image-acceptance.js";
import { classifyFailure, isUnsupported, smpConnector } from "../../../src/core/update/smp-device-session.js";
import { runUpdate } from "../../../src/core/update/update-flow.js";
import type { FaultPlan } from "../../../src/sim/faults.js";
import { bleLink, serialLink } from "../../../src/sim/link-model.js";
import { buildImage } from "../../../src/sim/mcuboot/image-builder.js";
import { soakRuns } from "../../support/campaign-size.js";
import { startSim } from "../../support/sim/harness.js";
import { mcubootImageHash } from "../../support/sim/mcuboot-hash.js";

const RUNS = soakRuns(1000, 24);

function plan(seed: number): FaultPlan {
  return {
    seed,
    skipFirst: 1,
    maxFaults: 12,
    // Serial frames and BLE packets carry a CRC: a damaged packet is discarded by the link, never delivered.
    corruptAsDrop: true,
    requests: {
      drop: 0.02,
      duplicate: 0.01,
      corrupt: 0.005,
      delay: 0.03,
      delayMaxMs: 400,
      disconnect: 0.004,
      rcError: 0.01,
      resetDuringUpload: 0.003,
    },
    responses: { drop: 0.02, duplicate: 0.01, corrupt: 0.005, delay: 0.03, delayMaxMs: 400 },
  };
}

describe("seeded fault injection over the whole update flow", () => {
  test(`${RUNS} runs end in the verified image or a typed error, never a foreign test/confirm`, async () => {
    const outcomes: Record<string, number> = {};
    for (let seed = 0; seed < RUNS; seed++) {
      const ble = seed % 2 === 1;
      const sim = await startSim({
        transport: ble ? "ble" : "serial",
        linkModel: ble ? bleLink({ attMtu: 247 }) : serialLink(),
        faults: (connection) => plan(seed * 1000 + connection),
      });
      const bytes = await buildImage({
        version: { major: 2, minor: seed % 7 },
        bodySize: 8 * 1024 + seed * 37,
        seed,
      });
      const hash = mcubootImageHash(bytes);
      const run = runUpdate(
        smpConnector(sim.factory, { ...sim.clientOptions, defaultTimeoutMs: 2000 }),
        bytes,
        {
          mode: seed % 3 === 0 ? "confirm-only" : "test-and-confirm",
          verify: verifierFor([], true),
          classifyFailure,
          isUnsupported,
          sleep: (ms, signal) => sim.clock.sleep(ms, signal),
          now: () => sim.clock.now(),
          timeouts: { chunkMs: 2000, firstChunkMs: 20_000, lastChunkMs: 10_000 },
        },
      );
      const result = await sim.clock.run(run, { limitMs: 30 * 60_000 }).then(
        (outcome) => outcome.result,
        (error: unknown) => {
          expect(error, `seed ${seed}: ${String(error)}`).toBeInstanceOf(McuFlashError);
          return `error:${error instanceof McuFlashError ? error.code : "?"}`;
        },
      );
      outcomes[result] = (outcomes[result] ?? 0) + 1;
      expect(
        sim.markedHashes().filter((h) => h !== hash),
        `seed ${seed}`,
      ).toEqual([]);
      if (result === "running-new") {
        const active = sim.device.slots().find((s) => s.active);
        expect(active?.hash && toHex(active.hash), `seed ${seed}`).toBe(hash);
      }
    }
    // Most runs must succeed despite the faults: the engine retries and resumes.
    expect(outcomes["running-new"] ?? 0).toBeGreaterThanOrEqual(Math.ceil(RUNS * 0.8));
    console.log(`fault-injection outcomes over ${RUNS} runs:`, outcomes);
  }, 600_000);
});
