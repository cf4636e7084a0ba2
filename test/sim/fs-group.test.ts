// File management: upload, download, status, hash/checksum, supported types, close, idle close.
import { describe, expect, test } from "vitest";
import { SimulatedDevice, VirtualClock } from "../../src/sim/index.js";
import { sha256 } from "../../src/sim/sha256.js";
import { G, ask, hex } from "../support/sim/smp-packets.js";

async function setup(options: Parameters<typeof SimulatedDevice.create>[0] = {}) {
  const clock = new VirtualClock(0);
  const device = await SimulatedDevice.create({ clock, ...options });
  return { clock, device };
}

// The file of the captured session: 0..255 twice, then "hello smp file\n".
const content = new Uint8Array([
  ...Array.from({ length: 512 }, (_, i) => i & 0xff),
  ...new TextEncoder().encode("hello smp file\n"),
]);
const name = "/lfs1/t.bin";

async function upload(device: SimulatedDevice, data: Uint8Array, path = name, chunk = 200): Promise<void> {
  for (let off = 0; off < data.length; off += chunk) {
    const body = {
      off,
      data: data.subarray(off, off + chunk),
      name: path,
      ...(off === 0 ? { len: data.length } : {}),
    };
    const answer = await ask(device, G.fs, 0, "write", body);
    expect(answer.body).toEqual({ off: Math.min(data.length, off + chunk) });
  }
}

describe("upload and download", () => {
  test("a file goes up in chunks and comes back in buf_size − 44 byte chunks with len only at off 0", async () => {
    const { device } = await setup({ bufSize: 384 });
    await upload(device, content);
    expect(device.files().get(name)).toEqual(content);
    const first = await ask(device, G.fs, 0, "read", { off: 0, name });
    expect(first.body).toEqual({ off: 0, data: content.subarray(0, 340), len: 527 });
    const rest = await ask(device, G.fs, 0, "read", { off: 340, name });
    expect(rest.body).toEqual({ off: 340, data: content.subarray(340) });
  });

  test("a chunk not at the current file size is FILE_OFFSET_NOT_VALID with the size as len", async () => {
    const { device } = await setup();
    await upload(device, content);
    const bad = await ask(device, G.fs, 0, "write", { off: 5000, data: new Uint8Array([0x78]), name });
    expect(bad.body).toEqual({ err: { group: 8, rc: 11 }, len: 527 });
    expect(
      (await ask(device, G.fs, 0, "write", { off: 5000, data: new Uint8Array(1), name }, { smp: 1 })).body,
    ).toEqual({ rc: 1 });
  });

  test("an upload can continue at the file's size after the transfer was closed (e.g. by a reset)", async () => {
    const { clock, device } = await setup();
    await ask(device, G.fs, 0, "write", { off: 0, len: 527, data: content.subarray(0, 200), name });
    device.reset();
    await clock.run(device.whenRunning());
    const resumed = await ask(device, G.fs, 0, "write", { off: 200, data: content.subarray(200), name });
    expect(resumed.body).toEqual({ off: 527 });
    expect(device.files().get(name)).toEqual(content);
  });

  test("off 0 without len, or without a name, is MGMT_ERR_EINVAL", async () => {
    const { device } = await setup();
    expect(
      (await ask(device, G.fs, 0, "write", { off: 0, data: content.subarray(0, 9), name })).body,
    ).toEqual({
      rc: 3,
    });
    expect(
      (await ask(device, G.fs, 0, "write", { off: 0, len: 1, data: content.subarray(0, 1) })).body,
    ).toEqual({
      rc: 3,
    });
  });

  test("an unknown mount point is MOUNT_POINT_NOT_FOUND; a missing file is FILE_NOT_FOUND (v1: ENOENT)", async () => {
    const { device } = await setup();
    const body = { off: 0, len: 1, data: new Uint8Array(1), name: "/nand/x" };
    expect((await ask(device, G.fs, 0, "write", body)).body).toEqual({ err: { group: 8, rc: 14 } });
    expect((await ask(device, G.fs, 0, "read", { off: 0, name: "/lfs1/nope" })).body).toEqual({
      err: { group: 8, rc: 3 },
    });
    expect((await ask(device, G.fs, 1, "read", { name: "/lfs1/nope" }, { smp: 1 })).body).toEqual({ rc: 5 });
    expect((await ask(device, G.fs, 1, "read", { name: "/lfs1" })).body).toEqual({
      err: { group: 8, rc: 4 },
    });
  });

  test("re-uploading from off 0 replaces the file", async () => {
    const { device } = await setup();
    await upload(device, content);
    await upload(device, content.subarray(0, 10));
    expect(device.files().get(name)).toEqual(content.subarray(0, 10));
  });

  test("an idle transfer is closed after 4 s: a download then starts again with len", async () => {
    const { clock, device } = await setup({ fs: { files: { [name]: content } } });
    await ask(device, G.fs, 0, "read", { off: 0, name });
    await clock.advance(4_000);
    expect((await ask(device, G.fs, 0, "read", { off: 340, name })).body).toEqual({
      off: 340,
      data: content.subarray(340),
    });
  });
});

describe("status, hash, types, close", () => {
  test("status is the file length", async () => {
    const { device } = await setup({ fs: { files: { [name]: content } } });
    expect((await ask(device, G.fs, 1, "read", { name })).body).toEqual({ len: 527 });
  });

  test("crc32 by default, sha256 on request, over a slice with off/len", async () => {
    const { device } = await setup({ fs: { files: { [name]: content } } });
    expect((await ask(device, G.fs, 2, "read", { name })).body).toEqual({
      type: "crc32",
      len: 527,
      output: 907292255,
    });
    const sha = await ask(device, G.fs, 2, "read", { name, type: "sha256" });
    expect(sha.body).toEqual({ type: "sha256", len: 527, output: await sha256(content) });
    const slice = await ask(device, G.fs, 2, "read", { name, type: "sha256", off: 10, len: 100 });
    expect(hex(slice.body.output as Uint8Array)).toBe(
      "54fdf9a4ec5533b9b29f1b9e9a0ae83cc3fa72adab3e4ebcd59605766f20c919",
    );
    expect(slice.body.off).toBe(10);
  });

  test("hash errors: unknown type, empty file, offset past the end, len 0", async () => {
    const { device } = await setup({ fs: { files: { [name]: content, "/lfs1/empty": new Uint8Array(0) } } });
    expect((await ask(device, G.fs, 2, "read", { name, type: "md5" })).body).toEqual({
      err: { group: 8, rc: 13 },
    });
    expect((await ask(device, G.fs, 2, "read", { name: "/lfs1/empty" })).body).toEqual({
      err: { group: 8, rc: 16 },
    });
    expect((await ask(device, G.fs, 2, "read", { name, off: 527 })).body).toEqual({
      err: { group: 8, rc: 12 },
    });
    expect((await ask(device, G.fs, 2, "read", { name, len: 0 })).body).toEqual({ rc: 3 });
  });

  test("supported types and close", async () => {
    const { device } = await setup();
    expect((await ask(device, G.fs, 3, "read")).body).toEqual({
      types: { crc32: { format: 0, size: 4 }, sha256: { format: 1, size: 32 } },
    });
    expect((await ask(device, G.fs, 4, "write")).body).toEqual({});
  });
});
