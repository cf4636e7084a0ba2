import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TOOLS_COMMANDS } from "../../src/cli/commands/tools-index.js";
import { runCli } from "../../src/cli/run-cli.js";
import { NATIVE_SIM_SERIAL } from "../../src/sim/presets.js";
import { memoryIo } from "../support/cli/fake-io-with-files.js";
import { type UdpSim, startUdpSim } from "../support/sim/udp-device.js";

let full: UdpSim;
let nativeSim: UdpSim;
let noEnum: UdpSim;

beforeAll(async () => {
  delete process.env.MCUFLASH_PORT;
  full = await startUdpSim({ datetimeMs: true });
  nativeSim = await startUdpSim({ ...NATIVE_SIM_SERIAL, transport: "udp" });
  noEnum = await startUdpSim({ groups: { enumeration: false, shell: false } });
});
afterAll(async () => {
  await Promise.all([full.close(), nativeSim.close(), noEnum.close()]);
});

const run = (sim: UdpSim, argv: string[], io = memoryIo()) =>
  runCli(["--udp", sim.address, ...argv], io, TOOLS_COMMANDS);

describe("mcuflash datetime", () => {
  test("--set sets the clock from this computer; a read shows it in step", async () => {
    const set = memoryIo();
    expect(await run(full, ["datetime", "--set", "--json"], set)).toBe(0);
    const result = set.json();
    expect(result).toMatchObject({ set: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/) });
    expect(Math.abs(Reflect.get(Object(result), "driftMs"))).toBeLessThan(1_000);
    const read = memoryIo();
    expect(await run(full, ["datetime"], read)).toBe(0);
    expect(read.out()).toMatch(/^device {4}\d{4}-.*\ncomputer {2}\d{4}-.*\ndrift {5}in step/);
  });

  test("an unset clock or a build without date-time is exit 1 with the reason", async () => {
    const unset = memoryIo();
    expect(await run(noEnum, ["datetime"], unset)).toBe(1);
    expect(unset.err()).toMatch(/RTC_NOT_SET/);
    const none = memoryIo();
    expect(await run(nativeSim, ["datetime", "--set", "--utc", "--no-ms"], none)).toBe(1);
    expect(none.err()).toMatch(/not supported|ENOTSUP/);
    expect(await run(full, ["datetime", "2025-01-01T00:00:00"])).toBe(2);
  });
});

describe("mcuflash mpstat", () => {
  test("Zephyr built with MPSTAT: a row per heap, in bytes", async () => {
    const withPools = await startUdpSim({ os: { mpstat: true } });
    try {
      const json = memoryIo();
      expect(await run(withPools, ["mpstat", "--json"], json)).toBe(0);
      expect(json.json()).toMatchObject({
        pools: [
          { name: "0", blockSize: 1, blocks: 16384 },
          { name: "1", blockSize: 1, blocks: 2048 },
        ],
      });
      const text = memoryIo();
      expect(await run(withPools, ["mpstat"], text)).toBe(0);
      expect(text.out()).toMatch(/^0\s+1\s+16384\s+12288\s+9920$/m);
    } finally {
      await withPools.close();
    }
  });

  test("Zephyr without MPSTAT reports no memory pools: said plainly, exit 0", async () => {
    const io = memoryIo();
    expect(await run(full, ["mpstat"], io)).toBe(0);
    expect(io.out()).toMatch(/does not report memory pools/);
    const json = memoryIo();
    await run(full, ["mpstat", "--json"], json);
    expect(json.json()).toEqual({ pools: null });
  });
});

describe("mcuflash enum", () => {
  test("the device's own list, with names and handler counts", async () => {
    const io = memoryIo();
    expect(await run(nativeSim, ["enum"], io)).toBe(0);
    expect(io.out()).toMatch(/^group +name +handlers\n10 +enum mgmt +4\n8 +fs mgmt +5\n/);
    const json = memoryIo();
    await run(nativeSim, ["enum", "--json"], json);
    expect(json.json()).toMatchObject({ source: "enumeration", count: 7 });
  });

  test("probing when the device cannot list its groups", async () => {
    const io = memoryIo();
    expect(await run(noEnum, ["enum", "--json"], io)).toBe(0);
    expect(io.json()).toEqual({
      source: "probing",
      count: 5,
      groups: [
        { id: 0, name: "OS group" },
        { id: 1, name: "image group" },
        { id: 2, name: "statistics group" },
        { id: 3, name: "settings group" },
        { id: 8, name: "file-system group" },
      ],
    });
    const text = memoryIo();
    await run(noEnum, ["enum"], text);
    expect(text.out()).toMatch(/^The device has no enumeration group; these groups answered a probe:\n/);
  });
});

describe("the verb table", () => {
  test("every verb has a summary, and every verb or sub-command an example that names it", () => {
    for (const [verb, command] of Object.entries(TOOLS_COMMANDS)) {
      expect(command.summary.length).toBeGreaterThan(10);
      const specs = command.kind === "group" ? Object.entries(command.subcommands) : [["", command] as const];
      for (const [sub, spec] of specs) {
        expect(spec.examples.some((e) => e.includes(`${verb} ${sub}`.trim()))).toBe(true);
      }
    }
  });
});
