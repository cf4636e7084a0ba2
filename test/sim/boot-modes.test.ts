// MCUboot's modes as the simulated device plays them through SMP (bootutil loader.c; Zephyr img_mgmt): which
// slot boots, what the image list shows, what test/confirm/erase do — and multi-image devices (a pair of slots
// per image, image numbers in the list, Zephyr's flat slot numbers for erase).

import { describe, expect, test } from "vitest";
import { SimulatedDevice, VirtualClock, buildImage, findImageHash } from "../../src/sim/index.js";
import type { SimulatedDeviceOptions } from "../../src/sim/device-options.js";
import { sha256 } from "../../src/sim/sha256.js";
import { flags, imageState, uploadAll } from "../support/sim/image-upload.js";
import { G, ask, decode, req } from "../support/sim/smp-packets.js";

async function setup(options: SimulatedDeviceOptions = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, bufSize: 2048, ...options });
  const reboot = async (stay = false): Promise<void> => {
    device.reset("test", stay);
    await clock.run(device.whenRunning());
  };
  return { clock, device, reboot };
}

const v2 = (seed = 2) => buildImage({ version: { major: 2 }, seed, bodySize: 6000 });

async function uploadImage(device: SimulatedDevice, image: Uint8Array, imageNumber: number): Promise<void> {
  const sha = await sha256(image);
  let off = 0;
  while (off < image.length) {
    const data = image.subarray(off, off + 512);
    const body = off === 0 ? { image: imageNumber, len: image.length, off, sha, data } : { off, data };
    const answer = decode((await device.handlePacket(req(G.image, 1, "write", body)))[0]!).body;
    if (typeof answer.off !== "number") throw new Error(JSON.stringify(answer));
    off = answer.off;
  }
}

describe("direct-XIP", () => {
  test("without revert: the newest valid image runs from where it lies, no mark needed", async () => {
    const { device, reboot } = await setup({ mcuboot: { mode: "direct-xip" } });
    await uploadAll(device, await v2());
    await reboot();
    expect(device.lastBoot?.action).toBe("selected");
    expect(flags(await imageState(device))).toEqual(["0:1.0.0", "1:2.0.0 active confirmed"]);
  });

  test("with revert: only a marked image is tried, and one tried without confirm is dropped", async () => {
    const { device, reboot } = await setup({ mcuboot: { mode: "direct-xip-revert" } });
    const image = await v2();
    await uploadAll(device, image);
    await reboot();
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed", "1:2.0.0"]);
    await ask(device, G.image, 0, "write", { hash: findImageHash(image)! });
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed", "1:2.0.0 pending"]);
    await reboot();
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 confirmed", "1:2.0.0 active"]);
    await reboot();
    expect(device.lastBoot?.action).toBe("reverted");
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed"]);
  });

  test("with revert: the running slot cannot be erased or tested; the other can be uploaded to", async () => {
    const { device, reboot } = await setup({ mcuboot: { mode: "direct-xip-revert" } });
    const image = await v2();
    await uploadAll(device, image);
    await ask(device, G.image, 0, "write", { hash: findImageHash(image)!, confirm: true });
    await reboot();
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 confirmed", "1:2.0.0 active confirmed"]);
    expect((await ask(device, G.image, 5, "write", { slot: 1 })).body).toEqual({ err: { group: 1, rc: 9 } });
    const test = await ask(device, G.image, 0, "write", { hash: findImageHash(image)! });
    expect(test.body).toEqual({ err: { group: 1, rc: 33 } });
    // The next upload lands in slot 0, the one not running.
    await uploadAll(device, await buildImage({ version: { major: 3 }, seed: 9, bodySize: 5000 }));
    expect(flags(await imageState(device))).toEqual(["0:3.0.0", "1:2.0.0 active confirmed"]);
  });
});

describe("single slot, firmware loader", () => {
  test("single slot: the application cannot write its slot; after a reset with boot_mode 1 serial recovery can", async () => {
    const { device, reboot } = await setup({ mcuboot: { mode: "single-slot" } });
    const image = await v2();
    const refused = await ask(device, G.image, 1, "write", {
      image: 0,
      len: image.length,
      off: 0,
      sha: await sha256(image),
      data: image.subarray(0, 256),
    });
    expect(refused.body).toEqual({ err: { group: 1, rc: 9 } });
    await reboot(true);
    expect(device.inSerialRecovery).toBe(true);
    expect((await ask(device, G.os, 8, "read")).body).toEqual({ rc: 8 });
    await uploadAll(device, image);
    // boot_serial lists the slot without flags: nothing runs.
    expect(device.slots().map((s) => [s.slot, s.version, s.active])).toEqual([[0, "2.0.0", false]]);
    expect((await ask(device, G.image, 0, "write", { confirm: true })).body).toEqual({ rc: 8 });
    await reboot();
    expect(flags(await imageState(device))).toEqual(["0:2.0.0 active confirmed"]);
  });

  test("firmware loader: boot_mode 1 starts the loader in slot 1, which writes the application slot", async () => {
    const { device, reboot } = await setup({ mcuboot: { mode: "firmware-loader" } });
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed", "1:0.9.0"]);
    await reboot(true);
    expect(flags(await imageState(device))).toEqual(["0:1.0.0", "1:0.9.0 active confirmed"]);
    expect((await ask(device, G.os, 8, "read", { query: "mode" })).body).toMatchObject({ mode: 7 });
    await uploadAll(device, await v2());
    await reboot();
    expect(flags(await imageState(device))).toEqual(["0:2.0.0 active confirmed", "1:0.9.0"]);
  });
});

describe("two images (four slots)", () => {
  test("the list names each image; upload, test and erase address one image's slots", async () => {
    const { device, reboot } = await setup({ mcuboot: { images: 2 } });
    const answer = await ask(device, G.image, 0, "read");
    expect((answer.body.images as { image: number; slot: number }[]).map((e) => [e.image, e.slot])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    const net = await v2(5);
    await uploadImage(device, net, 1);
    expect(device.slots().map((s) => [s.image, s.slot, s.version])).toEqual([
      [0, 0, "1.0.0"],
      [0, 1, undefined],
      [1, 0, "1.0.0"],
      [1, 1, "2.0.0"],
    ]);
    await ask(device, G.image, 0, "write", { hash: findImageHash(net)! });
    await reboot();
    // Image 1 swapped on its own; image 0 untouched.
    expect(device.lastBoots.map((r) => r.action)).toEqual(["none", "swapped"]);
    expect(
      device
        .slots()
        .filter((s) => s.active)
        .map((s) => [s.image, s.version]),
    ).toEqual([
      [0, "1.0.0"],
      [1, "2.0.0"],
    ]);
    // Flat erase numbers: slot 3 is image 1's secondary, which holds the revert copy now: refused.
    expect((await ask(device, G.image, 5, "write", { slot: 3 })).body).toEqual({ err: { group: 1, rc: 9 } });
    await ask(device, G.image, 0, "write", { confirm: true, hash: findImageHash(net)! });
    expect((await ask(device, G.image, 5, "write", { slot: 3 })).body).toEqual({});
    expect(device.slots()[3]).toMatchObject({ image: 1, slot: 1, empty: true });
  });
});

describe("multi-image dependencies (bootutil checks them before an upgrade)", () => {
  test("an application that needs a newer network core is not swapped in without it; with it, both go", async () => {
    const { dependencyTlv } = await import("../../src/sim/mcuboot/image-builder.js");
    const { device, reboot } = await setup({ mcuboot: { images: 2 } });
    const app = await buildImage({
      version: { major: 2 },
      seed: 61,
      bodySize: 5000,
      protectedTlvs: [[0x40, dependencyTlv(1, { major: 2 })]],
    });
    const net = await buildImage({ version: { major: 2 }, seed: 62, bodySize: 4000 });
    await uploadImage(device, app, 0);
    await ask(device, G.image, 0, "write", { hash: findImageHash(app)! });
    await reboot();
    expect(device.lastBoots[0]).toMatchObject({
      action: "rejected",
      reason: expect.stringMatching(/image 1 at 2\.0\.0/),
    });
    expect(
      device
        .slots()
        .filter((s) => s.active)
        .map((s) => s.version),
    ).toEqual(["1.0.0", "1.0.0"]);

    await uploadImage(device, net, 1);
    await ask(device, G.image, 0, "write", { hash: findImageHash(net)! });
    await reboot();
    expect(device.lastBoots.map((r) => r.action)).toEqual(["swapped", "swapped"]);
    expect(
      device
        .slots()
        .filter((s) => s.active)
        .map((s) => s.version),
    ).toEqual(["2.0.0", "2.0.0"]);
  });
});
