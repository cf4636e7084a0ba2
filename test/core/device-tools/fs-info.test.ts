import { describe, expect, test } from "vitest";
import { toHex } from "../../../src/core/bytes.js";
import {
  checkDevicePath,
  closeFile,
  crc32,
  fileHash,
  fileHashTypes,
  fileStatus,
  hashHex,
  isFileNotFound,
  sha256,
} from "../../../src/core/device-tools/index.js";
import { NATIVE_SIM_SERIAL } from "../../../src/sim/presets.js";
import { capture, capturedFile } from "../../support/captures/zephyr-by-name.js";
import { NOT_SUPPORTED, scriptedClient } from "../../support/scripted-smp-client.js";
import { virtualSim } from "../../support/sim/smp-client.js";

const file = capturedFile();

describe("local checksums agree with Zephyr's fs_mgmt", () => {
  test("crc32 and sha256 of the captured 527-byte file", async () => {
    expect(file.length).toBe(527);
    expect(crc32(file)).toBe(capture("fs.hash crc32 v2").response.output);
    const sha = capture("fs.hash sha256 v2").response.output;
    expect(sha).toBeInstanceOf(Uint8Array);
    expect(toHex(await sha256(file))).toBe(toHex(sha instanceof Uint8Array ? sha : new Uint8Array()));
    const slice = capture("fs.hash sha256 off/len v2").response.output;
    expect(toHex(await sha256(file.subarray(10, 110)))).toBe(
      toHex(slice instanceof Uint8Array ? slice : new Uint8Array()),
    );
  });

  test("crc32 of nothing and of a known string", () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(hashHex(907292255)).toBe("36142e5f");
    expect(hashHex(0)).toBe("00000000");
  });
});

describe("file facts from the simulated device", () => {
  const options = { ...NATIVE_SIM_SERIAL, fs: { files: { "/lfs1/t.bin": file } } };

  test("status gives the size; a missing file is FILE_NOT_FOUND", async () => {
    const sim = await virtualSim(options);
    expect(await sim.run(() => fileStatus(sim.client, "/lfs1/t.bin"))).toEqual({
      path: "/lfs1/t.bin",
      size: 527,
    });
    const error = await sim.run(() => fileStatus(sim.client, "/lfs1/nope.txt")).catch((e: unknown) => e);
    expect(isFileNotFound(error)).toBe(true);
  });

  test("hash: default crc32, sha256, and a range, as Zephyr answers", async () => {
    const sim = await virtualSim(options);
    const crc = await sim.run(() => fileHash(sim.client, "/lfs1/t.bin"));
    expect(crc).toMatchObject({ type: "crc32", length: 527, offset: 0, value: 907292255, hex: "36142e5f" });
    const sha = await sim.run(() => fileHash(sim.client, "/lfs1/t.bin", { type: "sha256" }));
    expect(sha.hex).toBe("131b7ce7522c05d39250686e219fd304b9c34bcdb890b39a53ed6b053a9e37ab");
    const range = await sim.run(() =>
      fileHash(sim.client, "/lfs1/t.bin", { type: "sha256", offset: 10, length: 100 }),
    );
    expect(range).toMatchObject({ offset: 10, length: 100 });
    expect(range.hex).toBe("54fdf9a4ec5533b9b29f1b9e9a0ae83cc3fa72adab3e4ebcd59605766f20c919");
    const unknown = await sim
      .run(() => fileHash(sim.client, "/lfs1/t.bin", { type: "md5" }))
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ rcName: "CHECKSUM_HASH_NOT_FOUND" });
  });

  test("hash types and close", async () => {
    const sim = await virtualSim(options);
    expect(await sim.run(() => fileHashTypes(sim.client))).toEqual([
      { name: "crc32", output: "number", size: 4 },
      { name: "sha256", output: "bytes", size: 32 },
    ]);
    expect(await sim.run(() => closeFile(sim.client))).toBe(true);
  });

  test("a device without hash listing or close says so instead of failing", async () => {
    const { client } = scriptedClient(() => NOT_SUPPORTED);
    expect(await fileHashTypes(client)).toBeUndefined();
    expect(await closeFile(client)).toBe(false);
  });
});

describe("device paths", () => {
  test.each(["/lfs1/a", "/x"])("%s is accepted", (path) => {
    expect(checkDevicePath(path)).toBe(path);
  });
  test.each([
    ["", "fs-path-empty"],
    ["lfs1/a", "fs-path-relative"],
  ])("%j is refused (%s)", (path, code) => {
    expect(() => checkDevicePath(path)).toThrow(expect.objectContaining({ code }));
  });
});
