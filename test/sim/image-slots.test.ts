// MCUboot slot semantics through SMP: test → reset → swap; no confirm → reset → revert; confirm; permanent;
// the bootloader rejecting bad images; erase and state-write errors as Zephyr's img_mgmt answers them.
import { describe, expect, test } from "vitest";
import { readVectorBytes } from "../support/vectors.js";
import { SimulatedDevice, VirtualClock, buildImage, findImageHash } from "../../src/sim/index.js";
import { sha256 } from "../../src/sim/sha256.js";
import { flags, imageState, uploadAll } from "../support/sim/image-upload.js";
import { G, ask, hex } from "../support/sim/smp-packets.js";

async function setup(options: Parameters<typeof SimulatedDevice.create>[0] = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, ...options });
  const reboot = async (): Promise<void> => {
    device.reset();
    await clock.run(device.whenRunning());
  };
  return { clock, device, reboot };
}

const v110 = (): Promise<Uint8Array> =>
  buildImage({ version: { major: 1, minor: 1 }, seed: 2, bodySize: 6000 });

describe("test, reset, revert, confirm", () => {
  test("a tested image runs once and reverts unless confirmed", async () => {
    const { device, reboot } = await setup();
    const image = await v110();
    await uploadAll(device, image);
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed", "1:1.1.0"]);

    const hash = findImageHash(image)!;
    const tested = await ask(device, G.image, 0, "write", { hash });
    expect(tested.body.images).toBeDefined();
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed", "1:1.1.0 pending"]);

    await reboot();
    expect(device.lastBoot?.action).toBe("swapped");
    expect(flags(await imageState(device))).toEqual(["0:1.1.0 active", "1:1.0.0 confirmed"]);

    await reboot();
    expect(device.lastBoot?.action).toBe("reverted");
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed", "1:1.1.0"]);
  });

  test("confirming the running test image (no hash) makes it stay", async () => {
    const { device, reboot } = await setup();
    const image = await v110();
    await uploadAll(device, image);
    await ask(device, G.image, 0, "write", { hash: findImageHash(image)! });
    await reboot();
    const confirmed = await ask(device, G.image, 0, "write", { confirm: true });
    expect(confirmed.body.splitStatus).toBe(0);
    expect(flags(await imageState(device))).toEqual(["0:1.1.0 active confirmed", "1:1.0.0"]);
    await reboot();
    expect(device.lastBoot?.action).toBe("none");
    expect(flags(await imageState(device))).toEqual(["0:1.1.0 active confirmed", "1:1.0.0"]);
  });

  test("confirming the new image by hash makes the swap permanent", async () => {
    const { device, reboot } = await setup();
    const image = await v110();
    await uploadAll(device, image);
    await ask(device, G.image, 0, "write", { hash: findImageHash(image)!, confirm: true });
    expect(flags(await imageState(device))).toEqual([
      "0:1.0.0 active confirmed",
      "1:1.1.0 pending permanent",
    ]);
    await reboot();
    expect(flags(await imageState(device))).toEqual(["0:1.1.0 active confirmed", "1:1.0.0"]);
    await reboot();
    expect(flags(await imageState(device))).toEqual(["0:1.1.0 active confirmed", "1:1.0.0"]);
  });

  test("confirm with no hash on a confirmed device changes nothing", async () => {
    const { device } = await setup();
    const answer = await ask(device, G.image, 0, "write", { confirm: true });
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed"]);
    expect(answer.body.images).toHaveLength(1);
  });

  test("overwrite-only MCUboot copies the image and leaves nothing to revert", async () => {
    const { device, reboot } = await setup({ mcuboot: { mode: "overwrite-only" } });
    const image = await v110();
    await uploadAll(device, image);
    await ask(device, G.image, 0, "write", { hash: findImageHash(image)! });
    await reboot();
    expect(device.lastBoot?.action).toBe("copied");
    expect(flags(await imageState(device))).toEqual(["0:1.1.0 active confirmed"]);
  });
});

describe("state write errors (v2 err, v1 rc)", () => {
  test("a hash in no slot is IMG_MGMT_ERR_HASH_NOT_FOUND", async () => {
    const { device } = await setup();
    const unknown = new Uint8Array(32).fill(0x11);
    expect((await ask(device, G.image, 0, "write", { hash: unknown })).body).toEqual({
      err: { group: 1, rc: 8 },
    });
    expect((await ask(device, G.image, 0, "write", { hash: unknown }, { smp: 1 })).body).toEqual({ rc: 1 });
  });

  test("test without a hash, or with a hash of the wrong length, is IMG_MGMT_ERR_INVALID_HASH", async () => {
    const { device } = await setup();
    expect((await ask(device, G.image, 0, "write", {})).body).toEqual({ err: { group: 1, rc: 24 } });
    const short = { hash: new Uint8Array(16) };
    expect((await ask(device, G.image, 0, "write", short)).body).toEqual({ err: { group: 1, rc: 24 } });
    expect((await ask(device, G.image, 0, "write", short, { smp: 1 })).body).toEqual({ rc: 3 });
  });

  test("testing the running image is refused", async () => {
    const { device } = await setup();
    const [running] = await imageState(device);
    const answer = await ask(device, G.image, 0, "write", { hash: running!.hash });
    expect(answer.body).toEqual({ err: { group: 1, rc: 33 } });
  });

  test("once a test is pending, confirming anything else is IMAGE_ALREADY_PENDING; testing it again is fine", async () => {
    const { device } = await setup();
    const image = await v110();
    await uploadAll(device, image);
    const hash = findImageHash(image)!;
    await ask(device, G.image, 0, "write", { hash });
    expect((await ask(device, G.image, 0, "write", { hash })).body.images).toBeDefined();
    expect((await ask(device, G.image, 0, "write", { hash, confirm: true })).body).toEqual({
      err: { group: 1, rc: 28 },
    });
    expect((await ask(device, G.image, 0, "write", { confirm: true })).body).toEqual({
      err: { group: 1, rc: 28 },
    });
    expect((await ask(device, G.image, 0, "write", { confirm: true }, { smp: 1 })).body).toEqual({ rc: 6 });
  });

  test("a body that is not a map is MGMT_ERR_EINVAL", async () => {
    const { device } = await setup();
    const [rsp] = await device.handlePacket(new Uint8Array([0x0a, 0, 0, 1, 0, 1, 0, 0, 0x05]));
    expect(hex(rsp!)).toBe("0b00000600010000bf62726303ff");
  });
});

describe("the bootloader validates before it swaps", () => {
  test("a non-bootable image can be marked for test but MCUboot erases it instead of booting it", async () => {
    const { device, reboot } = await setup();
    const image = await buildImage({ version: { major: 2 }, flags: 0x10, seed: 3 });
    await uploadAll(device, image);
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed", "1:2.0.0 non-bootable"]);
    expect(
      (await ask(device, G.image, 0, "write", { hash: findImageHash(image)! })).body.images,
    ).toBeDefined();
    await reboot();
    expect(device.lastBoot).toMatchObject({ action: "rejected", reason: "image is marked non-bootable" });
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed"]);
    expect(device.slots()[1]!.empty).toBe(true);
  });

  test("an image whose hash TLV does not match its body is rejected at boot", async () => {
    const { device, reboot } = await setup();
    const image = await v110();
    image[0x300] = image[0x300]! ^ 0xff;
    await uploadAll(device, image);
    await ask(device, G.image, 0, "write", { hash: findImageHash(image)! });
    await reboot();
    expect(device.lastBoot).toMatchObject({
      action: "rejected",
      reason: "image hash does not match its hash TLV",
    });
    expect(flags(await imageState(device))).toEqual(["0:1.0.0 active confirmed"]);
  });

  test("downgrade prevention refuses an older image and reports no-downgrade", async () => {
    const { device, reboot } = await setup({
      firmware: { version: { major: 3 } },
      mcuboot: { downgradePrevention: true },
    });
    expect((await ask(device, G.os, 8, "read", { query: "mode" })).body).toEqual({
      mode: 3,
      "no-downgrade": true,
    });
    const older = await buildImage({ version: { major: 2 }, seed: 4 });
    await uploadAll(device, older);
    await ask(device, G.image, 0, "write", { hash: findImageHash(older)! });
    await reboot();
    expect(device.lastBoot?.action).toBe("rejected");
  });
});

describe("erase", () => {
  test("erasing the pending slot or the running slot is IMG_MGMT_ERR_NO_FREE_SLOT; slot 7 is INVALID_SLOT", async () => {
    const { device } = await setup();
    const image = await v110();
    await uploadAll(device, image);
    await ask(device, G.image, 0, "write", { hash: findImageHash(image)! });
    expect((await ask(device, G.image, 5, "write", {})).body).toEqual({ err: { group: 1, rc: 9 } });
    expect((await ask(device, G.image, 5, "write", { slot: 0 })).body).toEqual({ err: { group: 1, rc: 9 } });
    expect((await ask(device, G.image, 5, "write", { slot: 0 }, { smp: 1 })).body).toEqual({ rc: 6 });
    expect((await ask(device, G.image, 5, "write", { slot: 7 })).body).toEqual({ err: { group: 1, rc: 14 } });
  });

  test("erasing a slot that is not in use empties it", async () => {
    const { device } = await setup();
    await uploadAll(device, await v110());
    expect((await ask(device, G.image, 5, "write", { slot: 1 })).body).toEqual({});
    expect(device.slots()[1]!.empty).toBe(true);
    expect(await imageState(device)).toHaveLength(1);
  });

  test("uploading while an unconfirmed image runs is refused: slot 1 holds the revert copy", async () => {
    const { device, reboot } = await setup();
    const image = await v110();
    await uploadAll(device, image);
    await ask(device, G.image, 0, "write", { hash: findImageHash(image)! });
    await reboot();
    const next = await buildImage({ version: { major: 1, minor: 2 }, seed: 5 });
    const answer = await ask(device, G.image, 1, "write", {
      off: 0,
      len: next.length,
      data: next.subarray(0, 64),
    });
    expect(answer.body).toEqual({ err: { group: 1, rc: 9 } });
  });
});

describe("reported hash and slot info", () => {
  test("the hash reported for a slot is the image's SHA-256 TLV, not a hash of the file", async () => {
    const file = readVectorBytes("mcuboot", "images", "signed", "ed25519-1k.bin");
    const { device } = await setup();
    await uploadAll(device, file);
    const [, slot1] = await imageState(device);
    expect(hex(slot1!.hash)).toBe("8c1386bd442d680635d10bd77bc2d1e07a920b8300d8b4017fa0658fa544f1c8");
    expect(hex(slot1!.hash)).not.toBe(hex(await sha256(file)));
    expect(slot1!.version).toBe("1.2.3.4");
  });

  test("an image without a hash TLV is not listed (img_mgmt_read_info fails)", async () => {
    const file = readVectorBytes("mcuboot", "tampered", "ed25519-seccnt-hash-tlv-removed.bin");
    const { device } = await setup();
    await uploadAll(device, file);
    expect(await imageState(device)).toHaveLength(1);
    expect(device.slots()[1]!.valid).toBe(false);
  });

  test("slot info lists both slots with their size; the upload slot carries upload_image_id", async () => {
    const { device } = await setup({ mcuboot: { slotSize: 0x40000 } });
    expect((await ask(device, G.image, 6, "read")).body).toEqual({
      images: [
        {
          image: 0,
          slots: [
            { slot: 0, size: 0x40000 },
            { slot: 1, size: 0x40000, upload_image_id: 0 },
          ],
        },
      ],
    });
  });
});
