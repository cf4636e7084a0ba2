// Image upload as Zephyr's img_mgmt does it: offsets answered instead of errors, resume by sha, errors for bad
// first chunks, state lost on reset, flash erase time on the first chunk, and the optional image check.
import { describe, expect, test } from "vitest";
import { SimulatedDevice, VirtualClock, buildImage, createMemoryLink, udpLink } from "../../src/sim/index.js";
import { sha256 } from "../../src/sim/sha256.js";
import { TestClient } from "../support/sim/packet-client.js";
import { uploadAll } from "../support/sim/image-upload.js";
import { G, ask } from "../support/sim/smp-packets.js";

async function setup(options: Parameters<typeof SimulatedDevice.create>[0] = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, ...options });
  const image = await buildImage({ version: { major: 1, minor: 1 }, seed: 9, bodySize: 3000 });
  return { clock, device, image, sha: await sha256(image) };
}

const first = (image: Uint8Array, sha: Uint8Array, n = 200) => ({
  len: image.length,
  off: 0,
  sha,
  data: image.subarray(0, n),
});

describe("offsets", () => {
  test("a chunk at the wrong offset is answered with the expected offset, not an error", async () => {
    const { device, image, sha } = await setup();
    expect((await ask(device, G.image, 1, "write", first(image, sha))).body).toEqual({ off: 200 });
    const ahead = await ask(device, G.image, 1, "write", { off: 600, data: image.subarray(600, 800) });
    expect(ahead.body).toEqual({ off: 200 });
    const behind = await ask(device, G.image, 1, "write", { off: 100, data: image.subarray(100, 300) });
    expect(behind.body).toEqual({ off: 200 });
    expect(device.uploadState().off).toBe(200);
  });

  test("without an upload in progress a later chunk is answered off 0", async () => {
    const { device, image } = await setup();
    expect((await ask(device, G.image, 1, "write", { off: 1000, data: image.subarray(0, 10) })).body).toEqual(
      {
        off: 0,
      },
    );
  });

  test("a completed upload is forgotten: repeating its last chunk answers off 0", async () => {
    const { device, image } = await setup();
    const last = await uploadAll(device, image);
    expect(last).toEqual({ off: image.length });
    const tail = image.length - 100;
    expect((await ask(device, G.image, 1, "write", { off: tail, data: image.subarray(tail) })).body).toEqual({
      off: 0,
    });
  });
});

describe("resume", () => {
  test("a first chunk with the sha of the upload in progress answers the current offset", async () => {
    const { device, image, sha } = await setup();
    await ask(device, G.image, 1, "write", first(image, sha, 250));
    await ask(device, G.image, 1, "write", { off: 250, data: image.subarray(250, 500) });
    const resumed = await ask(device, G.image, 1, "write", first(image, sha, 250));
    expect(resumed.body).toEqual({ off: 500 });
    expect(await uploadAll(device, image, { from: 500 })).toEqual({ off: image.length });
    expect(device.slotBytes(1).subarray(0, image.length)).toEqual(image);
  });

  test("a first chunk with another sha (or none) starts over", async () => {
    const { device, image, sha } = await setup();
    await ask(device, G.image, 1, "write", first(image, sha, 250));
    await ask(device, G.image, 1, "write", { off: 250, data: image.subarray(250, 500) });
    const other = await ask(device, G.image, 1, "write", first(image, new Uint8Array(32).fill(7), 100));
    expect(other.body).toEqual({ off: 100 });
    const none = await ask(device, G.image, 1, "write", {
      len: image.length,
      off: 0,
      data: image.subarray(0, 40),
    });
    expect(none.body).toEqual({ off: 40 });
  });

  test("a reset forgets the upload in progress; the same first chunk then starts over", async () => {
    const { clock, device, image, sha } = await setup();
    await ask(device, G.image, 1, "write", first(image, sha, 250));
    await ask(device, G.image, 1, "write", { off: 250, data: image.subarray(250, 500) });
    device.reset();
    await clock.run(device.whenRunning());
    expect((await ask(device, G.image, 1, "write", first(image, sha, 250))).body).toEqual({ off: 250 });
  });
});

describe("first-chunk errors (v2 err {group 1}, v1 rc)", () => {
  test.each([
    ["no off", { data: new Uint8Array(64) }, 20, 3],
    ["header shorter than 32 bytes", { off: 0, len: 100, data: new Uint8Array(16) }, 22, 3],
    ["no len", { off: 0, data: new Uint8Array(64) }, 21, 3],
    ["bad magic", { off: 0, len: 100, data: new Uint8Array(64) }, 23, 1],
    ["image larger than the slot", "too-large", 30, 1],
    ["sha longer than 32 bytes", "long-sha", 24, 3],
    ["upgrade-only with an older version", "downgrade", 27, 6],
  ] as const)("%s", async (_name, body, v2, v1) => {
    const { device, image, sha } = await setup({ mcuboot: { slotSize: 64 * 1024 } });
    const old = await buildImage({ version: { major: 0, minor: 9 }, bodySize: 100 });
    const request =
      body === "too-large"
        ? { ...first(image, sha), len: 64 * 1024 + 1 }
        : body === "long-sha"
          ? { ...first(image, sha), sha: new Uint8Array(33) }
          : body === "downgrade"
            ? { off: 0, len: old.length, data: old.subarray(0, 64), upgrade: true }
            : body;
    expect((await ask(device, G.image, 1, "write", request)).body).toEqual({ err: { group: 1, rc: v2 } });
    expect((await ask(device, G.image, 1, "write", request, { smp: 1 })).body).toEqual({ rc: v1 });
  });

  test("data past the announced length is IMG_MGMT_ERR_INVALID_IMAGE_DATA_OVERRUN and ends the upload", async () => {
    const { device, image, sha } = await setup();
    await ask(device, G.image, 1, "write", { ...first(image, sha), len: 300 });
    const over = await ask(device, G.image, 1, "write", { off: 200, data: image.subarray(200, 301) });
    expect(over.body).toEqual({ err: { group: 1, rc: 31 } });
    expect(device.uploadState().slot).toBe(-1);
  });

  test("a value of the wrong type is MGMT_ERR_EINVAL as {rc}, even for v2", async () => {
    const { device } = await setup();
    expect((await ask(device, G.image, 1, "write", { off: "0" })).body).toEqual({ rc: 3 });
  });
});

describe("flash timing", () => {
  test("the first chunk waits for the erase of a used slot; later chunks take their write time", async () => {
    const { clock, device, image, sha } = await setup({ processingMs: 0 });
    await uploadAll(device, image); // slot 1 is now used: the next upload has to erase it
    const client = new TestClient(
      createMemoryLink(device, { linkModel: udpLink({ latencyMs: 0, bytesPerMs: 1e9 }) }),
      clock,
    );
    let t = clock.now();
    await clock.run(client.request(G.image, 1, "write", first(image, sha, 200), { timeoutMs: 60_000 }));
    // 3.5 KiB image → 1 page, plus the trailer page, 85 ms each; then 200 bytes at 100 bytes/ms.
    expect(clock.now() - t).toBeCloseTo(2 * 85 + 2, 3);
    t = clock.now();
    await clock.run(client.request(G.image, 1, "write", { off: 200, data: image.subarray(200, 300) }));
    expect(clock.now() - t).toBeCloseTo(1, 3);
  });

  test("a blank slot needs no erase", async () => {
    const { clock, device, image, sha } = await setup({ processingMs: 0 });
    const client = new TestClient(
      createMemoryLink(device, { linkModel: udpLink({ latencyMs: 0, bytesPerMs: 1e9 }) }),
      clock,
    );
    const t = clock.now();
    await clock.run(client.request(G.image, 1, "write", first(image, sha, 200)));
    expect(clock.now() - t).toBeCloseTo(2, 3);
  });
});

describe("CONFIG_IMG_ENABLE_IMAGE_CHECK", () => {
  test("the last answer says whether the flash matches sha; the same image again is done at once", async () => {
    const { device, image, sha } = await setup({ image: { imageCheck: true } });
    expect(await uploadAll(device, image)).toEqual({ off: image.length, match: true });
    expect((await ask(device, G.image, 1, "write", first(image, sha))).body).toEqual({
      off: image.length,
      match: true,
    });
    const wrong = await uploadAll(device, image, { sha: new Uint8Array(32) });
    expect(wrong).toEqual({ off: image.length, match: false });
  });
});
