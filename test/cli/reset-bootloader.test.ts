// `mcuflash reset --bootloader` against the simulator over UDP: a device that keeps boot_mode comes back as
// MCUboot serial recovery (and list/info say so); one without CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE answers the
// reset with success but boots its application, which the verb finds out and reports in plain words (exit 1).
import { afterEach, describe, expect, test } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/run-cli.js";
import { memoryIo } from "../support/cli/fake-io-with-files.js";
import { type UdpSim, startUdpSim } from "../support/sim/udp-device.js";

let sim: UdpSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(resetBootMode: boolean): Promise<UdpSim> {
  delete process.env.MCUFLASH_PORT;
  sim = await startUdpSim({ resetMs: 5, mcuboot: { bootMs: 5 }, os: { resetBootMode } });
  return sim;
}

const run = (target: UdpSim, argv: string[], io = memoryIo()) =>
  runCli(["--udp", target.address, ...argv], io, COMMANDS);

describe("mcuflash reset --bootloader", () => {
  test("a device with boot_mode support comes back in serial recovery; list and info say so", async () => {
    const target = await start(true);
    const io = memoryIo();
    expect(await run(target, ["reset", "--bootloader", "--json"], io)).toBe(0);
    expect(io.json()).toMatchObject({ reset: true, bootMode: 1, running: "serial-recovery" });
    expect(target.device.inSerialRecovery).toBe(true);
    expect(target.device.resetCount).toBe(1);

    const list = memoryIo();
    expect(await run(target, ["list"], list)).toBe(0);
    expect(list.out()).toMatch(/^image +slot +version/);
    expect(list.out()).toContain("The device is in MCUboot serial recovery");
    const listJson = memoryIo();
    expect(await run(target, ["list", "--json"], listJson)).toBe(0);
    expect(listJson.json()).toMatchObject({
      running: "serial-recovery",
      images: [{ slot: 0, active: false }],
    });

    const info = memoryIo();
    expect(await run(target, ["info", "--json"], info)).toBe(0);
    expect(info.json()).toEqual({ running: "serial-recovery", os: null, bootloader: "MCUboot", mode: null });
    const infoText = memoryIo();
    expect(await run(target, ["info"], infoText)).toBe(0);
    expect(infoText.out()).toMatch(/^bootloader +MCUboot \(serial recovery\)/);
  });

  test("already in serial recovery: says so and does not reset again; a plain reset starts the application", async () => {
    const target = await start(true);
    expect(await run(target, ["reset", "--bootloader"])).toBe(0);
    const again = memoryIo();
    expect(await run(target, ["reset", "--bootloader"], again)).toBe(0);
    expect(again.out()).toMatch(/^The device was already in serial recovery; not reset\./);
    expect(target.device.resetCount).toBe(1);
    const booted = new Promise<void>((resolve) =>
      target.device.onEvent((e) => e.type === "boot" && resolve()),
    );
    expect(await run(target, ["reset"])).toBe(0);
    await booted;
    const list = memoryIo();
    expect(await run(target, ["list", "--json"], list)).toBe(0);
    expect(list.json()).toMatchObject({ running: "application" });
  });

  test("a device without boot_mode support: exit 1 and the reason in plain words", async () => {
    const target = await start(false);
    const io = memoryIo();
    expect(await run(target, ["reset", "--bootloader", "--json"], io)).toBe(1);
    expect(io.json()).toEqual({ error: { code: "bootloader-not-entered", params: {} } });
    expect(io.err()).toMatch(
      /^mcuflash reset: The device restarted into its application, not into the bootloader: .*CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE/,
    );
    expect(target.device.resetCount).toBe(1);
    expect(target.device.inSerialRecovery).toBe(false);
  });

  test("list and info of a running application say nothing about recovery", async () => {
    const target = await start(false);
    const list = memoryIo();
    expect(await run(target, ["list"], list)).toBe(0);
    expect(list.out()).not.toContain("serial recovery");
    const info = memoryIo();
    expect(await run(target, ["info", "--json"], info)).toBe(0);
    expect(info.json()).toMatchObject({ running: "application", os: expect.stringContaining("Zephyr") });
  });
});
