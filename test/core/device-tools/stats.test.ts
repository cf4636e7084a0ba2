import { describe, expect, test } from "vitest";
import {
  type StatsSample,
  abortableSleep,
  listStatGroups,
  pollStats,
  readStatGroup,
} from "../../../src/core/device-tools/index.js";
import type { SmpTimeoutError } from "../../../src/core/smp/index.js";
import { NATIVE_SIM_SERIAL } from "../../../src/sim/presets.js";
import { scriptedClient } from "../../support/scripted-smp-client.js";
import { virtualSim } from "../../support/sim/smp-client.js";

describe("statistics", () => {
  test("list the groups and read one, counters in the device's order", async () => {
    const sim = await virtualSim(NATIVE_SIM_SERIAL);
    expect(await sim.run(() => listStatGroups(sim.client))).toEqual([
      "flash_sim_stats",
      "flash_sim_thresholds",
      "smp_svr_stats",
    ]);
    const group = await sim.run(() => readStatGroup(sim.client, "flash_sim_stats"));
    expect(group.counters.map((c) => c.name).slice(0, 3)).toEqual([
      "bytes_read",
      "bytes_written",
      "double_writes",
    ]);
    const error = await sim.run(() => readStatGroup(sim.client, "nope")).catch((e: unknown) => e);
    expect(error).toMatchObject({ rcName: "INVALID_STAT_NAME" });
  });

  test("the poller reads every interval until aborted, and sees counters move", async () => {
    const sim = await virtualSim(NATIVE_SIM_SERIAL);
    const controller = new AbortController();
    const samples: StatsSample[] = [];
    await sim.run(() =>
      pollStats(sim.client, ["smp_svr_stats"], {
        signal: controller.signal,
        intervalMs: 1000,
        now: () => sim.clock.now(),
        sleep: (ms, signal) => sim.clock.sleep(ms, signal).catch(() => undefined),
        onSample: (sample) => {
          samples.push(sample);
          if (samples.length === 4) controller.abort();
        },
      }),
    );
    expect(samples).toHaveLength(4);
    const ticks = samples.map((s) => s.groups[0]?.counters.find((c) => c.name === "ticks")?.value ?? -1);
    expect(ticks[3]).toBeGreaterThanOrEqual(ticks[0]! + 2);
    expect(samples[1]!.at - samples[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  test("a timed-out read is reported and polling goes on; a device error ends it", async () => {
    let calls = 0;
    const { client } = scriptedClient(
      () => {
        calls += 1;
        if (calls === 1) return undefined;
        if (calls === 2) return { name: "g", fields: { a: 1 } };
        return { rc: 5 };
      },
      { defaultTimeoutMs: 10 },
    );
    const timeouts: SmpTimeoutError[] = [];
    const samples: StatsSample[] = [];
    await expect(
      pollStats(client, ["g"], {
        signal: new AbortController().signal,
        intervalMs: 1,
        onSample: (s) => samples.push(s),
        onTimeout: (e) => timeouts.push(e),
        sleep: () => Promise.resolve(),
      }),
    ).rejects.toMatchObject({ code: "smp-device-error" });
    expect(timeouts).toHaveLength(1);
    expect(samples).toHaveLength(1);
  });

  test("an aborted poller stops at once, and abortableSleep never rejects", async () => {
    const { client, requests } = scriptedClient(() => ({ name: "g", fields: {} }));
    await pollStats(client, ["g"], { signal: AbortSignal.abort(), onSample: () => undefined });
    expect(requests).toHaveLength(0);
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });
});
