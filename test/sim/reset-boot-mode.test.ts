// Reset with `boot_mode` (Zephyr 4.2+, CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE): the request as McuFlash encodes
// it, a device that keeps the mode and then answers as MCUboot serial recovery, and a device without the option
// that skips the key and resets into its application.
import { describe, expect, test } from "vitest";
import { osReset } from "../../src/core/smp/commands/os.js";
import { encodeRequestPacket } from "../../src/core/smp/request-packet.js";
import { SimulatedDevice, VirtualClock } from "../../src/sim/index.js";
import { buildImage } from "../../src/sim/mcuboot/image-builder.js";
import { bytesToHex } from "../support/vectors.js";
import { G, ask } from "../support/sim/smp-packets.js";

async function setup(resetBootMode: boolean, options: Parameters<typeof SimulatedDevice.create>[0] = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, resetMs: 250, os: { resetBootMode }, ...options });
  return { clock, device };
}

async function resetAndBoot(
  { clock, device }: Awaited<ReturnType<typeof setup>>,
  body: Record<string, unknown>,
): Promise<unknown> {
  const answer = (await ask(device, G.os, 5, "write", body as never)).body;
  await clock.advance(250);
  await clock.run(device.whenRunning());
  return answer;
}

describe("the reset request", () => {
  test("boot_mode is an unsigned integer next to force, keys in canonical order", () => {
    const packet = encodeRequestPacket(osReset, { boot_mode: 1 }, 7, 1);
    // a1 (map of 1), 69 "boot_mode", 01
    expect(bytesToHex(packet.subarray(8))).toBe("a169626f6f745f6d6f646501");
    const forced = encodeRequestPacket(osReset, { force: true, boot_mode: 1 }, 7, 1);
    expect(bytesToHex(forced.subarray(8))).toBe("a265666f726365f569626f6f745f6d6f646501");
    expect(osReset.decodeRequest({ boot_mode: 1 })).toEqual({ boot_mode: 1 });
  });
});

describe("a device built with CONFIG_MCUMGR_GRP_OS_RESET_BOOT_MODE", () => {
  test("boot_mode 1: the next boot stays in MCUboot serial recovery, which answers as boot_serial does", async () => {
    const sim = await setup(true);
    const { device } = sim;
    expect(await resetAndBoot(sim, { boot_mode: 1 })).toEqual({});
    expect(device.inSerialRecovery).toBe(true);
    const list = (await ask(device, G.image, 0, "read")).body;
    expect(list).not.toHaveProperty("splitStatus");
    expect(list.images).toEqual([{ slot: 0, hash: expect.any(Uint8Array), version: "1.0.0" }]);
    expect((await ask(device, G.os, 0, "write", { d: "hi" })).body).toEqual({ r: "hi" });
    expect((await ask(device, G.os, 6, "read")).body).toEqual({ buf_size: 384, buf_count: 1 });
    // Not in serial recovery: os info, bootloader info, task statistics, state write, erase, other groups.
    for (const [group, id, op] of [
      [G.os, 7, "read"],
      [G.os, 8, "read"],
      [G.os, 2, "read"],
      [G.image, 0, "write"],
      [G.image, 5, "write"],
      [G.stat, 1, "read"],
    ] as const) {
      expect((await ask(device, group, id, op, {})).body).toEqual({ rc: 8 });
    }
  });

  test("the bootloader clears the mode: a reset from serial recovery starts the application again", async () => {
    const sim = await setup(true);
    await resetAndBoot(sim, { boot_mode: 1 });
    expect(await resetAndBoot(sim, {})).toEqual({ rc: 0 });
    expect(sim.device.inSerialRecovery).toBe(false);
    expect((await ask(sim.device, G.os, 7, "read")).body).toEqual({ output: "Zephyr" });
  });

  test("an upload in serial recovery goes straight into the primary slot, which boots next", async () => {
    const sim = await setup(true, { bufSize: 4096, flash: { pageEraseMs: 1, writeBytesPerMs: 1e6 } });
    const { device } = sim;
    await resetAndBoot(sim, { boot_mode: 1 });
    const image = await buildImage({ version: { major: 3, minor: 1, revision: 0 }, bodySize: 2048, seed: 9 });
    const half = 1024;
    expect(
      (await ask(device, G.image, 1, "write", { off: 0, len: image.length, data: image.subarray(0, half) }))
        .body,
    ).toEqual({
      rc: 0,
      off: half,
    });
    // A chunk at the wrong offset is answered with the expected one, as boot_serial does.
    expect((await ask(device, G.image, 1, "write", { off: 5, data: image.subarray(5, 10) })).body).toEqual({
      rc: 0,
      off: half,
    });
    expect((await ask(device, G.image, 1, "write", { off: half, data: image.subarray(half) })).body).toEqual({
      rc: 0,
      off: image.length,
    });
    await resetAndBoot(sim, {});
    expect(device.inSerialRecovery).toBe(false);
    const slots = (await ask(device, G.image, 0, "read")).body.images as {
      version: string;
      active: boolean;
    }[];
    expect(slots[0]).toMatchObject({ version: "3.1.0", active: true });
  });

  test("a boot mode that does not fit the retained byte is refused and nothing resets", async () => {
    const sim = await setup(true);
    expect((await ask(sim.device, G.os, 5, "write", { boot_mode: 256 })).body).toEqual({ rc: 3 });
    await sim.clock.advance(1000);
    expect(sim.device.resetCount).toBe(0);
  });

  test("a body Zephyr cannot decode (boot_mode as text) is ignored: a plain reset", async () => {
    const sim = await setup(true);
    expect(await resetAndBoot(sim, { boot_mode: "1" })).toEqual({});
    expect(sim.device.inSerialRecovery).toBe(false);
  });

  test("a vetoed reset keeps no boot mode for a later plain reset", async () => {
    const sim = await setup(true, { resetVeto: true });
    expect((await ask(sim.device, G.os, 5, "write", { boot_mode: 1 })).body).toEqual({ rc: 10 });
    expect(await resetAndBoot(sim, { force: true })).toEqual({});
    expect(sim.device.inSerialRecovery).toBe(false);
  });
});

describe("a device without the option (Zephyr's default)", () => {
  test("skips boot_mode like any unknown key: success, and the application boots", async () => {
    const sim = await setup(false);
    expect(await resetAndBoot(sim, { boot_mode: 1 })).toEqual({});
    expect(sim.device.resetCount).toBe(1);
    expect(sim.device.inSerialRecovery).toBe(false);
    const slots = (await ask(sim.device, G.image, 0, "read")).body.images as { active: boolean }[];
    expect(slots.some((s) => s.active)).toBe(true);
  });
});
