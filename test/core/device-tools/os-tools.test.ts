import { describe, expect, test } from "vitest";
import {
  mcubootModeText,
  readBootloaderInfo,
  readMemoryPools,
  readOsInfo,
  readTaskStats,
  threadStateText,
} from "../../../src/core/device-tools/index.js";
import { NATIVE_SIM_SERIAL } from "../../../src/sim/presets.js";
import { NOT_SUPPORTED, scriptedClient } from "../../support/scripted-smp-client.js";
import { virtualSim } from "../../support/sim/smp-client.js";

describe("task statistics", () => {
  test("rows from the native_sim capture, stack in bytes and percent", async () => {
    const sim = await virtualSim(NATIVE_SIM_SERIAL);
    const rows = await sim.run(() => readTaskStats(sim.client));
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.name === "mcumgr smp")).toEqual({
      name: "mcumgr smp",
      priority: 3,
      id: 1,
      state: 128,
      stateText: "queued",
      stackBytes: 2048,
      stackUsedBytes: 24,
      stackUsePercent: 1,
    });
    expect(rows.find((r) => r.name === "idle")?.stateText).toBe("ready");
  });

  test("thread state bits in words", () => {
    expect(threadStateText(0)).toBe("ready");
    expect(threadStateText(4)).toBe("sleeping");
    expect(threadStateText(0x12)).toBe("pending, suspended");
    expect(threadStateText(0x180)).toBe("queued, 0x100");
  });
});

describe("memory pools", () => {
  test("Zephyr built without CONFIG_MCUMGR_GRP_OS_MPSTAT (the default): undefined, not an error", async () => {
    const sim = await virtualSim();
    expect(await sim.run(() => readMemoryPools(sim.client))).toBeUndefined();
  });

  test('Zephyr with MPSTAT: its heaps, nested under "tasks" with "blksiz", one row each', async () => {
    const heaps = [
      { size: 16384, free: 12000, minFree: 9000 },
      { size: 2048, free: 2000, minFree: 1500 },
    ];
    const sim = await virtualSim({ os: { mpstat: true }, heaps });
    expect(await sim.run(() => readMemoryPools(sim.client))).toEqual([
      { name: "0", blockSize: 1, blocks: 16384, free: 12000, minFree: 9000 },
      { name: "1", blockSize: 1, blocks: 2048, free: 2000, minFree: 1500 },
    ]);
    // CONFIG_MCUMGR_GRP_OS_MPSTAT_ONLY_SUPPORTED_STATS leaves the block size out: a heap counts bytes.
    const lean = await virtualSim({ os: { mpstat: true, mpstatOnlySupportedStats: true }, heaps });
    expect(await lean.run(() => readMemoryPools(lean.client))).toEqual(
      await sim.run(() => readMemoryPools(sim.client)),
    );
  });

  test('Mynewt\'s shape ("mpools" with "blksiz") reads the same', async () => {
    const { client } = scriptedClient(() => ({
      rc: 0,
      mpools: { msys_1: { blksiz: 292, nblks: 12, nfree: 11, min: 9 } },
    }));
    expect(await readMemoryPools(client)).toEqual([
      { name: "msys_1", blockSize: 292, blocks: 12, free: 11, minFree: 9 },
    ]);
  });

  test("a server that reports pools gives one row per pool", async () => {
    const { client } = scriptedClient(() => ({
      rc: 0,
      small: { blksize: 16, nblks: 64, nfree: 60, min: 50 },
      large: { blksize: 256, nblks: 8, nfree: 8, min: 6 },
    }));
    expect(await readMemoryPools(client)).toEqual([
      { name: "small", blockSize: 16, blocks: 64, free: 60, minFree: 50 },
      { name: "large", blockSize: 256, blocks: 8, free: 8, minFree: 6 },
    ]);
  });
});

describe("OS and bootloader information", () => {
  test("every field the build reports, by letter; the build date is left out when not built in", async () => {
    const sim = await virtualSim({ appInfo: { buildDateTime: undefined } });
    const fields = await sim.run(() => readOsInfo(sim.client));
    expect(fields?.map((f) => f.letter)).toEqual(["s", "n", "r", "v", "m", "p", "i", "o"]);
    expect(fields?.find((f) => f.letter === "i")?.value).toBe("nrf52840dk/nrf52840");
  });

  test("a v1 server's EINVAL for an unknown letter is skipped too", async () => {
    const { client } = scriptedClient((r) =>
      r.body.format === "b" ? { rc: 3 } : { output: `field ${String(r.body.format)}` },
    );
    const fields = await readOsInfo(client);
    expect(fields).toHaveLength(8);
  });

  test("no os info command: undefined", async () => {
    const sim = await virtualSim({ os: { info: false } });
    expect(await sim.run(() => readOsInfo(sim.client))).toBeUndefined();
  });

  test("MCUboot with its mode; absent bootloader info is undefined", async () => {
    const sim = await virtualSim({ mcuboot: { downgradePrevention: true } });
    expect(await sim.run(() => readBootloaderInfo(sim.client))).toEqual({
      name: "MCUboot",
      mode: 3,
      modeText: "swap using move",
      noDowngrade: true,
    });
    const none = await virtualSim(NATIVE_SIM_SERIAL);
    expect(await none.run(() => readBootloaderInfo(none.client))).toBeUndefined();
  });

  test("another bootloader is named without asking for a mode", async () => {
    const { client, requests } = scriptedClient((r) =>
      r.body.query === undefined ? { bootloader: "b0" } : NOT_SUPPORTED,
    );
    expect(await readBootloaderInfo(client)).toEqual({ name: "b0" });
    expect(requests).toHaveLength(1);
  });

  test("mode numbers in words", () => {
    expect(mcubootModeText(9)).toBe("swap using offset");
    expect(mcubootModeText(-1)).toBe("unknown");
    expect(mcubootModeText(42)).toBe("mode 42");
  });
});
